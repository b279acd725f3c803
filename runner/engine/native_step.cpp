#include "runner/engine/native_step.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <utility>

namespace nwn::engine {

NativeStep::NativeStep(const net::Network& net, std::vector<net::ElectrodeRole> roles,
                       std::unique_ptr<device::NativeJunctions> rules, double dt, const NodalOptions& options)
    : roles_(std::move(roles)), rules_(std::move(rules)), dt_(dt), sys_(net, options, holds_of(roles_)),
      held_(roles_.size()), ev_(roles_.size(), 0.0), g_(sys_.junctions().size(), 0.0),
      jv_(sys_.junctions().size(), 0.0) {}

void NativeStep::drive(double t) {
    // scale_ is 1 unless a controller set it, and 1·x is x exactly, so an unscaled drive is the stimulus's value.
    for (std::size_t e = 0; e < ev_.size(); ++e)
        ev_[e] = held_[e] ? *held_[e] : roles_[e].role == net::Role::Drive ? scale_ * roles_[e].stimulus->value(t) : 0.0;
}

bool NativeStep::advance(std::vector<double>& lambda) {
    if (lambda_at_g_.empty()) {  // the first step
        lambda_at_g_ = lambda;
        rules_->conductances(lambda, g_);
    }
    // Not factorised yet, or the last attempt found the matrix singular: factorise again.
    const bool refactor = rules_->refresh_conductances(lambda, lambda_at_g_, g_) || !factored_;
    if (refactor) {
        factored_ = sys_.refactor(g_);
        if (!factored_) return false;
    }
    if (refactor || !std::equal(ev_.begin(), ev_.end(), ev_solved_.begin(), ev_solved_.end(), [](double a, double b) {
            return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
        })) {
        sys_.solve(ev_);
        sys_.junction_voltages(jv_);
        ev_solved_ = ev_;
    }
    rules_->update(lambda, jv_, dt_);
    return true;
}

}  // namespace nwn::engine

#include "runner/experiments/lyapunov/running_lyapunov.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/cancel.h"
#include "common/error.h"

namespace nwn::exp {

RunningLyapunov::RunningLyapunov(const net::Network& net, std::vector<net::ElectrodeRole> roles, const nwn_junction_params& params,
                                 double dt, bool nwnsim_compat, double eps, std::uint64_t seed, std::vector<double> lambda0)
    : copies_(net, std::move(roles), params, dt, nwnsim_compat), eps_(eps) {
    if (!(eps > 0)) throw Error("running Lyapunov: eps must be > 0");
    const std::size_t n = copies_.junctions().size();
    analysis::State ref(n, 0.0);
    if (!lambda0.empty()) {
        if (lambda0.size() != net.junctions.size())
            throw Error("running Lyapunov: " + std::to_string(lambda0.size()) + " initial states for " +
                        std::to_string(net.junctions.size()) + " junctions");
        for (std::size_t m = 0; m < n; ++m) ref[m] = lambda0[copies_.junctions()[m]];
    }
    states_ = analysis::perturbed_copies(ref, analysis::random_unit(n, seed), 1, eps, seed);
}

long RunningLyapunov::steps_until(double t_end) const {
    // To the grid point nearest the nominal end, so intervals that are no whole number of steps do not drift.
    return std::lround(t_end / copies_.dt()) - k_;
}

double RunningLyapunov::advance(double duration, const std::function<void(double)>& each_step) {
    if (!(duration >= 0.5 * copies_.dt())) throw Error("running Lyapunov: an interval shorter than half a step");
    nominal_ += duration;
    const long n = std::max(1L, steps_until(nominal_));
    for (long k = 1; k <= n; ++k) {
        ++k_;
        copies_.step(states_, time());
        if (each_step) each_step(time());
        if ((k & 1023) == 0) throw_if_cancelled();
    }
    std::vector<bool> lost;
    const double factor = analysis::renormalise(states_, eps_, &lost)[0];
    lost_ = lost[0];
    // Over the nominal interval, as nwn lyapunov divides (intervals of no whole number of steps alternate
    // between the two nearest counts, which average out).
    return std::log(factor) / duration;
}

void RunningLyapunov::advance_reference(double duration) {
    std::vector<analysis::State> ref{states_[0]};
    nominal_ += duration;
    const long n = steps_until(nominal_);
    for (long k = 1; k <= n; ++k) {
        ++k_;
        copies_.step(ref, time());
        if ((k & 1023) == 0) throw_if_cancelled();
    }
    // The copy restarts eps away from where the reference arrived, along its old direction.
    for (std::size_t m = 0; m < ref[0].size(); ++m) states_[1][m] = ref[0][m] + (states_[1][m] - states_[0][m]);
    states_[0] = std::move(ref[0]);
}

}  // namespace nwn::exp

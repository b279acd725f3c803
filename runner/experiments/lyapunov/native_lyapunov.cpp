#include "runner/experiments/lyapunov/native_lyapunov.h"

#include <chrono>
#include <cmath>

#include "common/cancel.h"
#include "common/error.h"
#include "runner/experiments/lyapunov/lyapunov_engines.h"

namespace nwn::exp {

namespace {

// The checks run before the system is built, so they report first.
const net::Network& checked(const net::Network& net, double dt) {
    if (!(dt > 0)) throw Error("native Lyapunov: the step must be > 0");
    if (net.electrodes.size() < 2) throw Error("the network needs two electrodes (give --contacts I,J)");
    return net;
}

// The model's rules first, then the checks, then the system: the order the errors report in.
engine::NativeStep native_step(const net::Network& net, std::vector<net::ElectrodeRole> roles,
                               const nwn_junction_params& params, double dt, bool nwnsim_compat) {
    auto rules = device::JunctionParams(params).model().native({params}, nwnsim_compat);
    // Only the components holding an electrode, as in the SPICE decks; of two contacts on one wire
    // the later sets its voltage.
    return {checked(net, dt), std::move(roles), std::move(rules), dt,
            {.electrode_components_only = true, .later_contact_wins = true}};
}

std::vector<net::ElectrodeRole> drive_one(const net::Network& net, const net::Stimulus& stimulus, const std::string& drive) {
    std::vector<net::ElectrodeRole> roles;
    bool found = false;
    for (std::size_t e = 0; e < net.electrodes.size(); ++e) {
        const bool driven = drive.empty() ? e == 0 : net.electrodes[e].name == drive;
        found |= driven;
        roles.push_back({net.electrodes[e].name, driven ? net::Role::Drive : net::Role::Ground,
                         driven ? std::optional<net::Stimulus>(stimulus) : std::nullopt, 0});
    }
    if (!found) throw Error("no electrode named '" + drive + "' to drive");
    return roles;
}

}  // namespace

NativeCopies::NativeCopies(const net::Network& net, const net::Stimulus& stimulus, const std::string& drive,
                           const nwn_junction_params& params, double dt, bool nwnsim_compat)
    : NativeCopies(net, drive_one(net, stimulus, drive), params, dt, nwnsim_compat) {}

NativeCopies::NativeCopies(const net::Network& net, std::vector<net::ElectrodeRole> roles, const nwn_junction_params& params,
                           double dt, bool nwnsim_compat)
    : step_(native_step(net, std::move(roles), params, dt, nwnsim_compat)) {
    const auto drain = net::primary_drain(step_.roles());
    if (!drain) throw Error("native Lyapunov: no grounded, driven or loaded electrode besides the first drive");
    primary_ = net::primary_drive(step_.roles()).value_or(0);
    sense_node_ = step_.system().electrode_node(*drain);
    wire_v_.assign(wires().size(), 0.0);
}

void NativeCopies::step(std::vector<State>& copies, double t) {
    step_.drive(t);
    for (std::size_t c = 0; c < copies.size(); ++c) {
        State& lambda = copies[c];
        if (lambda.size() != junctions().size()) throw Error("native Lyapunov: state of the wrong size");
        if (!step_.advance(lambda)) throw Error("native Lyapunov: singular conductance matrix");
        if (c == 0) {
            // The system still holds copy 0's solution from its state before the update.
            const auto& sys = step_.system();
            drive_v_ = step_.electrode_voltages()[primary_];
            current_ = sys.current_into(sense_node_);
            const auto& node_v = sys.node_voltages();
            for (std::size_t w = 0; w < wire_v_.size(); ++w) wire_v_[w] = node_v[w];
        }
    }
}

namespace {

class NativeSegmentEngine : public SegmentEngine {
public:
    explicit NativeSegmentEngine(const EngineSetup& s)
        : copies_(s.network, s.stimulus, "", s.params, s.choice.dt, s.choice.nwnsim_compat) {}

    void advance(std::vector<State>& copies, double t0, double duration, const RefObserver& observer,
                 bool with_wires) override {
        const auto start = std::chrono::steady_clock::now();
        const double dt = copies_.dt();
        // Steps on the global grid k·dt: a run covers the steps whose times fall in (t0, t0 + duration],
        // rounded, so a drive period that is no whole number of steps (0.85 Hz at 5e-4 s) costs at most
        // half a step per segment instead of drifting.
        const long k0 = std::lround(t0 / dt), n = std::lround((t0 + duration) / dt) - k0;
        if (n < 1) throw Error("native engine: " + std::to_string(duration) + " s is shorter than a step");
        for (long k = 1; k <= n; ++k) {
            // Times as whole multiples of dt, so long runs do not accumulate rounding drift.
            const double t = (k0 + k) * dt;
            copies_.step(copies, t);
            if (observer)
                observer({t, copies_.drive_voltage(), copies_.current(), with_wires ? &copies_.wire_voltages() : nullptr});
            if ((k & 1023) == 0) throw_if_cancelled();
        }
        steps_ += n;
        wall_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }

    const std::vector<int>& wires() const override { return copies_.wires(); }

    nlohmann::json stats() const override {
        return {{"steps", steps_}, {"wall_s", wall_}, {"us_per_step", steps_ ? 1e6 * wall_ / steps_ : 0.0}};
    }

private:
    NativeCopies copies_;
    long steps_ = 0;
    double wall_ = 0;
};

}  // namespace

std::unique_ptr<SegmentEngine> make_spice_engine(const EngineSetup& setup);  // lyapunov_spice.cpp

std::unique_ptr<SegmentEngine> make_segment_engine(const EngineSetup& setup, std::optional<engine::Engine> which) {
    switch (which.value_or(setup.choice.engine)) {
        case engine::Engine::Libngspice: return make_spice_engine(setup);
        case engine::Engine::Native: return std::make_unique<NativeSegmentEngine>(setup);
        case engine::Engine::NgspiceCli: break;
    }
    throw Error("unknown engine 'ngspice-cli' (libngspice or native)");
}

}  // namespace nwn::exp

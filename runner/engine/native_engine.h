// The native reference engine: NWNsim's scheme (MODEL.md §3.1). Nodal analysis of the wire network
// with the electrode voltages imposed, conductances from the previous state, one sparse solve per
// fixed step (symbolic factorisation reused), explicit Euler on every junction state with junction.h's
// discrete rule. It exists to validate SPICE results against NWNsim and to run large ensembles fast.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "devicemodel/junction.h"
#include "netlistgen/network.h"
#include "netlistgen/stimulus.h"
#include "runner/engine/run_types.h"

namespace nwn::engine {

struct NativeDrive {
    std::string electrode;   // electrode name; electrodes not driven are held at 0 V
    net::Stimulus stimulus;
};

struct NativeOptions {
    double dt = 1e-3;
    double tstop = 1.0;
    // NWNsim's sign-asymmetric reset-to-zero (MODEL.md §9.2); otherwise the symmetric rule.
    bool nwnsim_compat = false;
    std::vector<nwn_junction_params> params;  // one per junction, or one for all
    std::vector<double> lambda0;              // per junction; empty = 0
};

// One step k = 1..N at t = k·dt, recorded as NWNsim does: electrode currents and conductances from the
// state before the step's update, lambda after it. Valid only during the callback.
struct NativeStep {
    long step = 0;
    double t = 0;
    const std::vector<double>* electrode_voltage = nullptr;  // per electrode, network order
    const std::vector<double>* electrode_current = nullptr;  // from the network into each electrode
    const std::vector<double>* node_voltage = nullptr;       // wires, then bar electrode nodes
    const std::vector<double>* junction_voltage = nullptr;   // v(w_i) - v(w_j)
    const std::vector<double>* lambda = nullptr;             // after the update
};

using NativeRecorder = std::function<bool(const NativeStep&)>;  // return false to stop early

// How run() may end early, as the libngspice session's RunOptions: a wall-clock limit (status failed,
// timed_out) and a stop request (status interrupted); progress is simulated time out of tstop.
struct NativeRunOptions {
    double wall_limit_s = 0;            // 0 = none
    bool (*stop_requested)() = nullptr;  // asked after every step
    ProgressFn on_progress;
};

class NativeEngine {
public:
    NativeEngine(const net::Network& net, std::vector<NativeDrive> drives, NativeOptions options);
    ~NativeEngine();
    NativeEngine(const NativeEngine&) = delete;
    NativeEngine& operator=(const NativeEngine&) = delete;

    // Runs on to tstop, or until the recorder returns false (completed then), a stop is requested or the
    // wall-clock limit is reached; accepted_points is the number of steps taken.
    RunOutcome run(const NativeRecorder& recorder, const NativeRunOptions& options = {});
    // Takes the next step, whatever tstop; the record is valid until the next step.
    NativeStep step();
    const std::vector<double>& lambda() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nwn::engine

// The native reference engine: NWNsim's scheme (docs/model.md §3.1). Nodal analysis of the wire network
// with the electrode voltages imposed, conductances from the previous state, one sparse solve per
// fixed step (symbolic factorisation reused), every junction state advanced by its model's discrete
// rule (devicemodel/models.h: explicit Euler of NWNsim's rule for hochstetter; for miranda the exact
// exponential step at the step's voltage, the Turin code's scheme): native_step.h's step, which the native
// Lyapunov copies take too. It exists to validate SPICE results
// against NWNsim and to run large ensembles fast.
//
// It delivers what the SPICE engines deliver (run_types.h): a VectorLayout, then one Point per step, so a
// recorder written for one engine reads the others. The vectors carry the names ngspice gives the same
// network's deck (netlist_writer.h), lower-cased as ngspice reports them:
//   time             the scale
//   v<name>#branch   electrode <name>'s current, i(v<name>): from the network into the electrode, which is
//                    ngspice's sign for the deck's source V<name> (current into its + node from the circuit):
//                    positive at the grounded drain and negative at the driven electrode for a positive drive
//                    (tests/engine/test_native_layout.cpp runs both engines); 0 for a floating electrode,
//                    v/R for a loaded one (the deck's series 0 V source)
//   w<i>, e<name>    node voltages of wire i and of bar electrode <name>; an electrode's voltage is its node's
//   l<k>             junction k's state λ (V·s), v(l<k>)
//   j<k>#voltage     junction k's voltage v(w<i>) − v(w<j>), i < j: no SPICE vector, and the '#' keeps it
//                    off every node name
// Step k = 1..N is the Point at t = k·dt with step index k − 1, recorded as NWNsim records it: currents and
// voltages from the state before the step's update (the conductances the step solved with), λ after it.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "devicemodel/models.h"
#include "netlistgen/network/electrode_roles.h"
#include "netlistgen/network/network.h"
#include "netlistgen/network/stimulus.h"
#include "runner/engine/run_types.h"

namespace nwn::engine {

struct NativeDrive {
    std::string electrode;   // electrode name; electrodes not driven are held at 0 V
    net::Stimulus stimulus;
};

struct NativeOptions {
    double dt = 1e-3;
    double tstop = 1.0;
    // The published code's rule: NWNsim's sign-asymmetric reset-to-zero (docs/model.md §9.2) for hochstetter, the
    // Turin code's step expression for miranda (miranda.h); otherwise the symmetric / exact rule.
    bool nwnsim_compat = false;
    std::vector<device::JunctionParams> params;  // one per junction, or one for all (one model)
    std::vector<double> lambda0;                 // per junction; empty = 0
};

// How run() may end early besides a stop request (common/cancel.h, asked after every step: status
// interrupted), as the libngspice session's RunOptions: a wall-clock limit (status failed, timed_out);
// progress is simulated time out of tstop.
struct NativeRunOptions {
    double wall_limit_s = 0;  // 0 = none
    ProgressFn on_progress;
};

class NativeEngine {
public:
    // One role per electrode (electrode_roles.h): driven and grounded electrodes fix their nodes,
    // floating ones are ordinary nodes, loaded ones ordinary nodes with a conductance to ground.
    NativeEngine(const net::Network& net, std::vector<net::ElectrodeRole> roles, NativeOptions options);
    // The named electrodes driven, every other one grounded.
    NativeEngine(const net::Network& net, const std::vector<NativeDrive>& drives, NativeOptions options);
    ~NativeEngine();
    NativeEngine(const NativeEngine&) = delete;
    NativeEngine& operator=(const NativeEngine&) = delete;

    // The vectors of every Point (see above); fixed at construction, so callers stepping by hand can
    // resolve their indices before the first step.
    const VectorLayout& layout() const;
    // Announces layout() to on_layout, then runs on to tstop with each step's Point to recorder, until a
    // stop is requested (common/cancel.h) or the wall-clock limit is reached (a recorder cannot end a run, as
    // with the other engines); accepted_points is the number of steps taken.
    RunOutcome run(const Recorder& recorder, const LayoutCallback& on_layout = {}, const NativeRunOptions& options = {});
    // Takes the next step, whatever tstop: the Point run() would deliver, valid until the next step.
    const Point& step();
    // Holds a driven or grounded electrode at `volts` from the next step on, in place of its stimulus
    // (closed-loop control); throws nwn::Error for an unknown, floating or loaded electrode.
    void set_drive(const std::string& electrode, double volts);
    const std::vector<double>& lambda() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nwn::engine

// NWNsim's fixed-step scheme (MODEL.md §3.1) for several copies of one network in lock step, with the
// states open between steps: what NWNsim's own Lyapunov loop needs (renormalise after every step,
// simulateNetworkLyapunov.m), which the native engine (engine/native_engine.h) does not offer.
// Per step and copy: conductances from the current states (hard rules), nodal solve with the driven
// electrode at value(t) and the others at 0 V (engine::NodalSystem, as the native engine), the model's
// native update of every state (devicemodel/models.h). Only the components holding an electrode are
// simulated, as in the SPICE decks.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "devicemodel/models.h"
#include "netlistgen/network.h"
#include "netlistgen/stimulus.h"
#include "runner/analysis/lyapunov_math.h"
#include "runner/engine/nodal_system.h"

namespace nwn::exp {

class NativeCopies {
public:
    NativeCopies(const net::Network& net, const net::Stimulus& stimulus, const std::string& drive,
                 const nwn_junction_params& params, double dt, bool nwnsim_compat);

    // Advances every state in `copies` (λ of junctions(), in place) from t − dt to t.
    void step(std::vector<analysis::State>& copies, double t);
    double dt() const { return dt_; }

    // Of copies[0] at the last step, from its state before the update (NWNsim's recording order):
    double drive_voltage() const { return drive_v_; }
    double current() const { return current_; }                         // into the first grounded electrode
    const std::vector<double>& wire_voltages() const { return wire_v_; }  // wires(), in order

    const std::vector<std::size_t>& junctions() const { return sys_.junctions(); }
    const std::vector<int>& wires() const { return sys_.wires(); }

private:
    net::Stimulus stimulus_;
    std::unique_ptr<device::NativeJunctions> rules_;  // the model's native rules (devicemodel/models.h)
    double dt_;
    engine::NodalSystem sys_;
    std::vector<bool> driven_;  // per electrode; the others are held at 0 V
    int sense_node_ = -1;
    std::vector<double> g_, ev_, jv_, wire_v_;
    double drive_v_ = 0, current_ = 0;
};

}  // namespace nwn::exp

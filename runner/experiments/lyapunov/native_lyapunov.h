// NWNsim's fixed-step scheme (docs/model.md §3.1) for several copies of one network in lock step, with the
// states open between steps: what NWNsim's own Lyapunov loop needs (renormalise after every step,
// simulateNetworkLyapunov.m), which the native engine (engine/native_engine.h) does not offer.
// Per step and copy: conductances from the current states (hard rules), nodal solve with the electrodes
// held as their roles say (engine::NodalSystem, as the native engine: driven at scale·value(t), grounded at
// 0 V, floating or loaded left to the network), the model's native update of every state
// (devicemodel/models.h). Only the components holding an electrode are simulated, as in the SPICE decks.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "devicemodel/models.h"
#include "netlistgen/network/electrode_roles.h"
#include "netlistgen/network/network.h"
#include "netlistgen/network/stimulus.h"
#include "runner/analysis/lyapunov_math.h"
#include "runner/engine/nodal_system.h"

namespace nwn::exp {

class NativeCopies {
public:
    // `drive` (empty: the first electrode) driven by `stimulus`, every other electrode grounded.
    NativeCopies(const net::Network& net, const net::Stimulus& stimulus, const std::string& drive,
                 const nwn_junction_params& params, double dt, bool nwnsim_compat);
    // One role per electrode (electrode_roles.h).
    NativeCopies(const net::Network& net, std::vector<net::ElectrodeRole> roles, const nwn_junction_params& params,
                 double dt, bool nwnsim_compat);

    // Advances every state in `copies` (λ of junctions(), in place) from t − dt to t.
    void step(std::vector<analysis::State>& copies, double t);
    double dt() const { return dt_; }
    // Multiplies every drive from the next step on (a controller's amplitude); 1 at construction.
    void set_drive_scale(double scale) { scale_ = scale; }
    double drive_scale() const { return scale_; }

    // Of copies[0] at the last step, from its state before the update (NWNsim's recording order):
    double drive_voltage() const { return drive_v_; }                   // of the first driven electrode
    double current() const { return current_; }                         // into net::primary_drain
    const std::vector<double>& wire_voltages() const { return wire_v_; }  // wires(), in order

    const std::vector<std::size_t>& junctions() const { return sys_.junctions(); }
    const std::vector<int>& wires() const { return sys_.wires(); }

private:
    std::vector<net::ElectrodeRole> roles_;
    std::unique_ptr<device::NativeJunctions> rules_;  // the model's native rules (devicemodel/models.h)
    double dt_;
    engine::NodalSystem sys_;
    std::size_t primary_ = 0;  // the electrode whose voltage drive_voltage() reports
    int sense_node_ = -1;
    double scale_ = 1;
    std::vector<double> g_, ev_, jv_, wire_v_;
    double drive_v_ = 0, current_ = 0;
};

}  // namespace nwn::exp

// NWNsim's fixed-step scheme (docs/model.md §3.1) for several copies of one network in lock step, with the
// states open between steps: what NWNsim's own Lyapunov loop needs (renormalise after every step,
// simulateNetworkLyapunov.m), which the native engine (engine/native_engine.h) does not offer.
// Every copy takes the native engine's own step (engine::NativeStep: conductances from its states, nodal
// solve with the electrodes held as their roles say — driven at scale·value(t), grounded at 0 V, floating or
// loaded left to the network — and the model's native update of every state). Only the components holding
// an electrode are simulated, as in the SPICE decks.
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
#include "runner/engine/native_step.h"

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
    double dt() const { return step_.dt(); }
    // Multiplies every drive from the next step on (a controller's amplitude); 1 at construction.
    void set_drive_scale(double scale) { step_.set_drive_scale(scale); }
    double drive_scale() const { return step_.drive_scale(); }

    // Of copies[0] at the last step, from its state before the update (NWNsim's recording order):
    double drive_voltage() const { return drive_v_; }                   // of the first driven electrode
    double current() const { return current_; }                         // into net::primary_drain
    const std::vector<double>& wire_voltages() const { return wire_v_; }  // wires(), in order

    const std::vector<std::size_t>& junctions() const { return step_.system().junctions(); }
    const std::vector<int>& wires() const { return step_.system().wires(); }

private:
    engine::NativeStep step_;
    std::size_t primary_ = 0;  // the electrode whose voltage drive_voltage() reports
    int sense_node_ = -1;
    std::vector<double> wire_v_;
    double drive_v_ = 0, current_ = 0;
};

}  // namespace nwn::exp

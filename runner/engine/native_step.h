// One fixed step of NWNsim's scheme (docs/model.md §3.1), the only copy of it: the native engine
// (native_engine.h) takes it for its one state, the native Lyapunov copies (experiments/lyapunov/native_lyapunov.h)
// for each of several states in lock step. A step of states λ at time t: every junction's conductance from λ
// (the model's native rule, devicemodel/models.h), the nodal system restamped and factorised with them and
// solved for the electrode voltages at t, the junction voltages, and λ advanced by the model's rule at those
// voltages. Nothing is allocated per step, and nothing is recomputed that cannot have changed: conductances
// only of states that moved, the factorisation only when a conductance moved, the solve only when that or
// the drive did.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "devicemodel/models.h"
#include "netlistgen/network/electrode_roles.h"
#include "netlistgen/network/network.h"
#include "runner/engine/nodal_system.h"

namespace nwn::engine {

class NativeStep {
public:
    // One role per electrode (electrode_roles.h; a driven one has its stimulus); rules for the system's
    // junctions (NodalSystem::junctions()); the callers check their options first, so their errors report first.
    NativeStep(const net::Network& net, std::vector<net::ElectrodeRole> roles,
               std::unique_ptr<device::NativeJunctions> rules, double dt, const NodalOptions& options);

    // The electrode voltages for the steps to time t: a held electrode at its held voltage, a driven one at
    // scale·stimulus(t), every other at 0 (unused for floating and loaded ones, which the network sets).
    void drive(double t);
    // Advances the states λ (per system().junctions(), in place) over one step with the last drive()'s
    // voltages; false, λ untouched, when the conductance matrix is singular. Afterwards system() holds the
    // solution with the states before the update (the conductances the step solved with, NWNsim's recording
    // order) and junction_voltages() the voltages the update used, until the next advance().
    [[nodiscard]] bool advance(std::vector<double>& lambda);

    // Holds electrode e at `volts` from the next drive() on, in place of its role's voltage (closed-loop control).
    void hold(std::size_t electrode, double volts) { held_[electrode] = volts; }
    // Multiplies every stimulus from the next drive() on (a controller's amplitude); 1 at construction.
    void set_drive_scale(double scale) { scale_ = scale; }
    double drive_scale() const { return scale_; }

    double dt() const { return dt_; }
    const std::vector<net::ElectrodeRole>& roles() const { return roles_; }
    const NodalSystem& system() const { return sys_; }
    const std::vector<double>& electrode_voltages() const { return ev_; }  // the last drive()'s, per electrode
    const std::vector<double>& junction_voltages() const { return jv_; }   // the last advance()'s

private:
    std::vector<net::ElectrodeRole> roles_;
    std::unique_ptr<device::NativeJunctions> rules_;
    double dt_;
    NodalSystem sys_;
    std::vector<std::optional<double>> held_;  // per electrode
    double scale_ = 1;
    std::vector<double> ev_, g_, jv_;
    // What the system was last factorised and solved with: a step whose states and drive are those of the
    // step before reuses the factorisation and the solution, which would come out bit for bit the same.
    std::vector<double> lambda_at_g_, ev_solved_;  // empty before the first step
    bool factored_ = false;
};

}  // namespace nwn::engine

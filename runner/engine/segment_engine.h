// The segment-level engine interface the Lyapunov and NLT loops drive: advance the reference alone, or the
// reference with its perturbed copies in lock step from a given drive time. States are λ of the simulated
// junctions (active_junctions: components holding an electrode), in ascending order. The implementations
// (a two-copy SPICE deck, native copies) live with the Lyapunov experiments.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "devicemodel/hochstetter/hochstetter.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "netlistgen/network/network.h"
#include "netlistgen/network/stimulus.h"
#include "runner/engine/engine_kind.h"

namespace nwn::engine {

// One point of the reference copy: drive time, drive voltage, current into the first grounded electrode,
// and the voltages of wires() when they were asked for (else null). Valid during the call only.
struct RefPoint {
    double t, v, i;
    const std::vector<double>* wires;
};
using RefObserver = std::function<void(const RefPoint&)>;

class SegmentEngine {
public:
    virtual ~SegmentEngine() = default;
    // Runs copies[0] (the reference) and the others from drive time t0 for `duration` seconds and
    // replaces each state by its final value; every point of the reference goes to `observer` (if any).
    // Throws nwn::Error when the simulation fails or is interrupted.
    virtual void advance(std::vector<std::vector<double>>& copies, double t0, double duration,
                         const RefObserver& observer = {}, bool with_wires = false) = 0;
    virtual const std::vector<int>& wires() const = 0;  // simulated wires, ascending
    // Engine-specific counters (points, wall time split, memory) for the JSON outputs.
    virtual nlohmann::json stats() const = 0;
};

// Which engine and how it integrates; the SPICE engine ignores dt/nwnsim_compat, the native one the rest.
struct EngineChoice {
    Engine engine = Engine::Libngspice;          // libngspice | native
    net::Flavour flavour = net::Flavour::Codemodel;  // SPICE junction device
    double tmax = 1e-3;                 // SPICE maximum step (s)
    std::vector<std::string> spice_options;  // extra ".options" items after the defaults, e.g. reltol=1e-3
    double dt = 5e-4;                   // native fixed step (s); run times must be whole multiples of it
    bool nwnsim_compat = true;          // native: NWNsim's sign-asymmetric reset-to-zero rule
    double wall_limit_s = 0;            // per SPICE run; 0 = none
    std::optional<std::filesystem::path> codemodel, subckt_library, osdi;
};

struct EngineSetup {
    const net::Network& network;
    const net::Stimulus& stimulus;
    nwn_junction_params params;
    EngineChoice choice{};
};

}  // namespace nwn::engine

// The options nwn lyapunov and nwn nlt share: the network and its electrodes, the junction parameters, and
// the segment engine (runner/engine/segment_engine.h).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "engine_options.h"
#include "netlistgen/network/network.h"
#include "runner/engine/segment_engine.h"

namespace nwn::cli {

// The electrode choice of --contacts I,J or --electrodes SPEC, as net::choose_electrodes takes it
// ("wires:I,J" or SPEC); none when neither is given (the network file's own). Refuses both.
std::optional<std::string> electrode_spec(const std::string& contacts, const std::string& electrodes);

struct SimulationArgs {
    std::string input, contacts, electrodes, ic;
    bool exact_reset = false;
    EngineOptions engine;
};

// native_only: no engine, flavour, device-file or SPICE options (a command that runs only the native engine).
void add_simulation_options(boost::program_options::options_description& o, SimulationArgs& a,
                            engine::EngineChoice& sim, double default_dt, bool native_only = false);

// Reads the network, chooses its electrodes and the initial states, completes `sim` (engine, flavour,
// device files) and returns the preset and overrides through `preset` and `params`.
net::Network load_simulation(const SimulationArgs& a, engine::EngineChoice& sim, std::vector<double>& lambda0,
                             std::string& preset, std::vector<std::string>& params);

}  // namespace nwn::cli

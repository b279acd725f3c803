// One transient run of a network with any engine, written to a run directory:
//   run.json        junction model and parameters, engine, versions, wall time, steps, status
//                   (completed|interrupted|failed)
//   timeseries.csv  t,V,I,G: driven-electrode voltage, drain current, network conductance |I/V|; a run with
//                   more electrodes or other roles adds V_<name>,... then I_<name>,... for every electrode
//                   (its voltage, and the current from it into the network)
//   lambda.csv      junction states over time (--save-lambda)
//   run.raw         binary SPICE3 raw file of the same (--raw)
//   deck.cir        the netlist the SPICE engines ran
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/progress.h"
#include "netlistgen/network/electrode_roles.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "netlistgen/network/network.h"
#include "netlistgen/network/stimulus.h"
#include "runner/engine/engine_kind.h"

namespace nwn::exp {

using engine::Engine;

struct NetworkRunSpec {
    net::Network network;
    std::string network_source;              // the file it came from, for run.json
    Engine engine = Engine::Libngspice;
    std::optional<net::Flavour> flavour = net::Flavour::Codemodel;  // SPICE engines; none = auto (engine/ngspice_choice.h)
    net::Stimulus stimulus = net::Stimulus::dc(1.0);  // the first electrode's, when `roles` drive none
    net::RoleRequest roles;                  // --drive, --ground, --float, --load, --drive-table
    double tstop = 1.0;
    double tmax = 1e-3;                      // SPICE maximum step; the native engine's fixed step
    std::string model;                       // junction model (devicemodel/models.def); empty = the default
    std::string preset = "dc";
    std::vector<std::string> params;         // NAME=VALUE overrides
    std::vector<double> lambda0;             // initial states (empty = 0)
    bool nwnsim_compat = false;              // native engine only
    bool save_lambda = false;                // lambda.csv
    bool save_events = false;                // events.csv: junction crossings of 1.1·goff per written sample
    bool raw = false;
    double resample_dt = 0;
    // More timeseries.csv columns after the electrodes': {column, vector} pairs such as {"V_wire12", "v(w12)"}
    // (vector names as engine::VectorLayout takes them; the SPICE deck saves them).
    std::vector<std::pair<std::string, std::string>> extra_vectors;
    net::Periphery periphery;                // SPICE engines, roles: circuitry at grounded electrodes (netlist_writer.h)
    double wall_limit_s = 0;                 // 0 = none
    ProgressFn progress;                     // simulated time out of tstop
    std::optional<std::filesystem::path> codemodel, subckt_library, osdi;
    std::string ngspice_lib, ngspice_bin;    // another ngspice (see engine/ngspice_choice.h); empty = default
    std::string solver = "auto";             // sparse solver: auto (KLU from ngspice 42) | klu | sparse
    std::filesystem::path out;
    std::string command_line;
};

struct RunResult {
    std::string status;   // completed | interrupted | failed
    std::string message;  // why it did not complete
    std::size_t points = 0;
    double wall_s = 0;
    double t_last = 0;
    double g_first = 0, g_last = 0;
    // libngspice runs: ngspice's counters (run.json "solver"); empty for the other engines
    std::vector<std::pair<std::string, double>> solver;
    std::string ngspice_version, ngspice_library;  // libngspice runs: what actually ran
    bool ok() const { return status == "completed"; }
};

// Runs and writes the run directory; never throws for a failed simulation (see RunResult), throws
// nwn::Error for bad input (parameters, electrodes, missing device files).
RunResult run_network(const NetworkRunSpec& spec);

}  // namespace nwn::exp

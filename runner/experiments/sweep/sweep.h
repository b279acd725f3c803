// `nwn sweep`: design exploration over a grid or list of parameter points, each run by a child
// `nwn run` process (up to `jobs` at a time; under mpirun on the worker ranks, runner/jobs), summarised
// into one row of DIR/sweep.csv and plotted. --shard K/N runs every N-th point; --merge gathers shards.
//
// What a parameter name means depends on the input:
//   DECK.cir     a top-level .param of the deck (R, C, W/L, supply, stimulus amplitude, junction
//                parameters used as {vset} on the .model card ...); each point runs a copy of the deck
//   NET.json     a junction parameter (vset, boost, gon, ...: nwn run --param), tstop, tmax,
//                electrodes, or a {name} placeholder of --stimulus (e.g. --stimulus dc:{amp})
//   --generate   as NET.json, plus nwn generate's options (density, wires, seed, lx, ly, length-mean,
//                length-sd, electrodes): each point first generates its own network
//
// DIR layout: sweep.json (what was swept: a resumed sweep must match it), sweep.lock, sweep.csv, sweep_plot.dat,
// sweep.gp, sweep.svg, points/<point>/{point.json, deck.cir | net.json, nwn.log, run/}.
// Resuming: a point is done when sweep.csv has its row, or when its run/run.json says completed or
// failed (the row is then rebuilt from the run directory); only the others run. Rows are keyed by the
// parameter values, so changing the values of a finished sweep reruns only the new points.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "netlistgen/network/electrode_roles.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "runner/engine/engine_kind.h"
#include "runner/experiments/sweep/sweep_params.h"
#include "runner/jobs/shards.h"

namespace nwn::exp {

struct SweepSpec {
    std::filesystem::path input;        // deck or network; empty with generate_args
    std::string generate_args;          // nwn generate arguments (without the swept ones and -o)
    std::vector<SweepParam> params;
    bool grid = true;
    int jobs = 1;                       // local processes (under MPI: one point per worker rank)
    jobs::Shard shard;                  // run only this share of the points (no plot)
    std::vector<std::filesystem::path> merge;  // gather the points from these shards; run nothing
    std::filesystem::path out;
    engine::Engine engine = engine::Engine::Libngspice;
    // networks
    std::string stimulus = "dc:1";      // may hold {name} placeholders
    net::RoleRequest roles;             // electrode roles for every point; --drive/--load may hold placeholders
    std::string tstop = "1", tmax = "1e-3", preset = "dc";
    std::string model;  // junction model of network points (devicemodel/models.def); empty = the default
    std::optional<net::Flavour> flavour = net::Flavour::Codemodel;  // nullopt: auto (nwn run chooses)
    // results
    std::string track;                  // default: G for networks, none for decks
    std::vector<std::string> measures;  // NAME (a .meas of the deck) or NAME=STATEMENT; empty: every .meas tran
    std::string plot;                   // column to plot; default: first measure, else <track>_final
    double wall_limit_s = 0;            // per point
    bool retry_failed = false;
    bool quiet = false;
    std::filesystem::path nwn_binary;   // default: this executable
    std::string command_line;
    // Range check of a numeric option of `nwn run` / `nwn generate` (the CLI's table); every point of a
    // network sweep passes through it before any worker starts. Throws nwn::Error. Empty: none.
    std::function<void(const std::string& option, double value)> check_option;
};

struct SweepResult {
    std::size_t points = 0, reused = 0, ran = 0, failed = 0, unfinished = 0;
    bool interrupted = false;
    std::filesystem::path csv, plot;
    std::string plot_note;
};

// Validates everything (parameters, deck .params, measures, the output directory's earlier sweep)
// before running anything; throws nwn::Error for bad specs.
SweepResult run_sweep(const SweepSpec& spec);

}  // namespace nwn::exp

// DC ensembles as NWNsim ran them for its avalanche statistics (docs/model.md §3.2, §4.1, §7.3): random networks
// (seeds × domain sizes at one density) with rectangular bar electrodes, each driven at
// V = V*·n·vset (n = source–drain hop distance, NWNsim's SDpath) for every V*, every member a separate
// `nwn run` process; then the events of all members of one (size, V*) are pooled, with a join between
// members, into one avalanche analysis. Seeds whose electrodes are not connected (an empty bar) are
// skipped, as NWNsim's GetConnectedNWNs does. Re-running into the same directory resumes: members whose
// run.json says completed are not run again. Under mpirun the members run on the worker ranks
// (runner/jobs/mpi_pool.h); with a shard only every N-th member runs, and a merge gathers them.
//
// Layout of DIR:
//   ensemble.json                       settings, members and their status, per-group results
//   L<lx>/networks/seed<k>.json         the networks
//   L<lx>/Vstar<v>/seed<k>/             run directories (+ run.log, events.csv for junction events)
//   L<lx>/Vstar<v>/avalanches.{json,csv}, plots/   the pooled analysis
#pragma once
#include "common/progress.h"
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "runner/experiments/avalanches/avalanche_options.h"
#include "runner/experiments/run/network_run.h"
#include "runner/jobs/shards.h"

namespace nwn::exp {

struct EnsembleSpec {
    std::vector<std::uint32_t> seeds;
    std::vector<double> vstar;
    std::vector<double> lx;  // square domains (µm)
    double density = 0.1;    // wires/µm² (NWNsim: nwires = int(density·Lx²) before the largest component)
    double length_mean = 10, length_sd = 1;
    std::string electrodes = "bars:0.025";
    double tstop = 30, dt = 1e-3;  // dt: native step, SPICE maximum step and the sample grid
    Engine engine = Engine::Native;
    std::string preset = "dc";
    std::vector<std::string> params;  // NAME=VALUE junction overrides, passed to nwn run
    std::string events = "crossings";  // crossings (NWNsim's ensemble events) | conductance
    bool keep_lambda = false;          // crossings: keep each member's lambda.csv after counting its events
    unsigned jobs = 0;                 // parallel runs; 0 = cores (under MPI: the worker ranks)
    jobs::Shard shard;                 // run only this share of the members, and no analysis
    std::vector<std::filesystem::path> merge;  // build DIR from these shards' members; run nothing
    AvalancheFlags analysis;
    bool quiet = false;
    ProgressFn progress;  // members finished
    std::filesystem::path out;
    std::filesystem::path nwn_binary;  // the nwn program the members run
};

struct EnsembleGroupReport {
    double lx = 0, vstar = 0;
    std::size_t completed = 0, failed = 0;
    std::vector<std::uint32_t> skipped_seeds;  // electrodes not connected
    std::string summary;                       // avalanche_summary, or why the analysis was not possible
    bool analysed = false;
};

struct EnsembleReport {
    bool interrupted = false;
    bool shard = false;  // a share of the members only: no analysis (merge the shards for it)
    std::vector<EnsembleGroupReport> groups;
    std::vector<std::string> warnings;
    bool ok() const;  // not interrupted and every group analysed (a shard: every member of it completed)
};

// Throws nwn::Error for bad settings, or a DIR that holds an ensemble with different settings.
EnsembleReport run_ensemble(const EnsembleSpec& spec);

}  // namespace nwn::exp

// Junction events of one run from its filament states (the run directory's lambda.csv, written by
// `nwn run --save-lambda`), docs/model.md §4.1: "crossings" counts junctions whose conductance crosses
// 1.1·Goff between samples (the events of NWNsim's DC ensembles), "dgg-spike" one event per
// excursion of |ΔG|/G/dt above a threshold per junction. λ traces are put on a uniform grid first, like
// the network conductance (runner/analysis/recording_input_grid.h).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace nwn::exp {

enum class JunctionEventMethod { Crossings, DgSpike };
JunctionEventMethod parse_junction_event_method(const std::string& name);  // "crossings" | "dgg-spike"

struct JunctionEventTrain {
    std::vector<int> events;  // per sample of the grid
    double t0 = 0, dt = 0;
    std::size_t junctions = 0;  // traces read
    bool resampled = false;
    std::vector<std::string> names;  // the junction columns ("l<k>": junction k)
    std::vector<double> last;        // each junction's last recorded state
};

// dt: the grid step (0: the data's own uniform step, else the run's tmax). The junction parameters
// (Goff, and G(λ)) come from run.json. The whole file is held in memory: 8 bytes per junction and sample.
JunctionEventTrain junction_events_from_run(const std::filesystem::path& run_dir, JunctionEventMethod method,
                                            double dt = 0, double spike_thresh = 1e-3);

}  // namespace nwn::exp

// The NLT learning task (docs/model.md §6): drive the network with a triangle (or sine), record every wire's
// voltage on a uniform grid, and fit a linear readout to four targets of the same amplitude A and
// frequency f: sine A·sin(2πft), square (±A, +A first), the triangle shifted by π/2 (starting at +A) and
// the triangle at 2f. Accuracy = 1 − RNMSE per task.
//
// DIR/nlt.json: accuracy per task (plus RNMSE, training accuracy, rank), settings, timings.
// With --save-series, DIR/nlt_series.csv: t, input, and every target with its prediction.
#pragma once
#include "common/progress.h"
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "netlistgen/network/network.h"
#include "netlistgen/network/stimulus.h"
#include "runner/analysis/nlt_readout.h"
#include "runner/analysis/reservoir_readout.h"
#include "runner/experiments/lyapunov/lyapunov_engines.h"

namespace nwn::exp {

struct NltSpec {
    net::Network network;
    std::string network_source;
    net::Stimulus stimulus = net::Stimulus::dc(1.0);  // triangle:A:f (NWNsim) or sine:A:f
    std::string preset = "ac";
    std::vector<std::string> params;
    EngineChoice sim;                   // NWNsim's NLT runs used the native step 1e-3
    std::vector<double> lambda0;        // initial states (e.g. a Lyapunov run's attractor.csv)
    double t0 = 0;                      // drive time of lambda0 (the drive's phase continues from it)
    double transient = 0;               // s run before recording
    double duration = 80;               // s recorded (NWNsim: 80)
    double sample_dt = 1e-3;            // grid of the features and targets (NWNsim: 1e-3)
    analysis::ReadoutOptions readout;   // washout in samples
    // The reservoir readout instead (analysis/reservoir_readout.h): standardised features, the ridge penalty
    // chosen by k-fold cross-validation, scored on the test part (readout's washout; cv's own split).
    bool cross_validated = false;
    analysis::RidgeCvOptions cv;
    bool save_series = false;
    bool quiet = false;
    ProgressFn progress;  // simulated time (transient and recording), s
    std::filesystem::path out;
    std::string command_line;
};

struct NltResult {
    std::string status, message;
    std::vector<analysis::TaskScore> tasks;
    double wall_s = 0;
    bool ok() const { return status == "completed"; }
};

NltResult run_nlt(const NltSpec& spec);

// The four targets at drive times t (names: sine, square, phase, double).
std::vector<std::string> nlt_task_names();
std::vector<analysis::Series> nlt_targets(const net::Stimulus& drive, const std::vector<double>& t);

}  // namespace nwn::exp

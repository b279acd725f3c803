// Conductance recordings for the avalanche analysis, from any source: an `nwn run` directory
// (timeseries.csv), a SPICE3 raw file, or a CSV recording of a simulation or a lab measurement.
// Every source ends as uniformly sampled series of the network conductance G (one per recording
// segment; a series is never joined to the next for detection) and their common step dt.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/analysis/series.h"

namespace nwn::exp {

struct RecordingOptions {
    // CSV columns (run directories and CSV files): G directly, or G = |I/V| from current and voltage.
    std::string g_column, i_column, v_column;
    // Raw-file vectors, likewise.
    std::string g_vector, i_vector, v_vector;
    std::optional<double> voltage;  // a constant bias instead of a voltage column/vector: G = |I|/|V|
    std::string time_column;        // CSV; default "t" or "time" when present
    std::string series_column;      // CSV: one series per contiguous run of equal values
    double dt = 0;                  // sample step (s): the resampling grid; 0 = the data's own uniform step
                                    // (run directories: the run's maximum step tmax)
};

struct Recording {
    analysis::SeriesSet G;     // S, uniform samples
    double dt = 0;             // s
    std::vector<double> t0;    // time of each series' first sample (s)
    std::vector<std::string> labels;  // series ids from the series column; empty otherwise
    nlohmann::json info;       // kind, source, quantity, samples, dt, resampled: for avalanches.json
};

// Throws nwn::Error with the file and the reason: missing file or column, empty series, values that
// are not finite, time that does not increase, non-uniform steps without a step to resample onto.
Recording read_recording(const std::filesystem::path& input, const RecordingOptions& options);

// The run directory's sample step for resampling: tmax (SPICE engines) or dt (native) from run.json.
std::optional<double> run_time_step(const std::filesystem::path& run_dir);

}  // namespace nwn::exp

// The summary of one finished point, from its run directory (run.json, timeseries.csv), never from
// a simulation: which is why a resumed sweep can fill in rows of points whose run finished after the
// sweep that started them was killed.
//   tracked quantity x (--track): a column ("G", "v(out)", "i(vsense)") or |A/B| of two columns
//   ("i(vsense)/v(d)": a conductance); x_initial = its first finite value, x_final = its last,
//   x_peak = the value of largest magnitude, t_activation = first time |x| >= 10 |x_initial|
//   measures: see sweep_measure.h
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "runner/experiments/sweep/sweep_measure.h"

namespace nwn::exp {

struct PointSummary {
    std::string status;               // completed | failed | interrupted | missing (io::run_status)
    std::vector<double> track;        // initial, final, peak, t_activation (NaN: none)
    std::vector<double> measures;     // one per measure (NaN: failed, as ngspice says)
    std::string message;              // why it failed
};

// track = "" for none. Throws nwn::Error for a tracked vector that the run does not have.
PointSummary summarize_run(const std::filesystem::path& run_dir, const std::string& track,
                           const std::vector<Measure>& measures);

// Column names of the tracked quantity's summary.
std::vector<std::string> track_columns(const std::string& track);

// Checks the --track syntax (COLUMN or COLUMN/COLUMN); throws with an example when malformed.
void check_track(const std::string& track);

}  // namespace nwn::exp

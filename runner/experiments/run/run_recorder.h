// The outputs of one transient run, written while it streams: timeseries.csv (t,V,I,G, optionally
// resampled onto a uniform grid), lambda.csv (junction states, on request), events.csv (junction events
// counted from the states, on request) and run.raw (every accepted point, on request). Nothing appears under its final name until close(): an interrupted run leaves no
// file that looks complete (run.json then says so).
#pragma once
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "devicemodel/hochstetter/hochstetter.h"

namespace nwn::io {
class RawWriter;
class TimeSeriesCsvWriter;
}  // namespace nwn::io
namespace nwn::analysis {
class LevelCrossingCounter;
}

namespace nwn::exp {

// The comment line of every events.csv, however it was counted.
inline constexpr const char* kJunctionEventsComment = "junction events: crossings of G = 1.1 goff per sample";

struct RecorderOptions {
    std::filesystem::path dir;
    std::vector<std::string> lambda_names;  // names of the states given to record() ("l0", "l5", ...); empty = none
    bool save_lambda = false;               // lambda.csv, and the states in run.raw
    // events.csv (t,events): per written sample, the junctions whose G(λ) crossed 1.1·goff since the
    // previous one (level_crossing_events on the states as lambda.csv would hold them, without the file).
    std::optional<nwn_junction_params> event_params;
    // Extra timeseries.csv columns after t,V,I,G (multi-electrode runs: V_<name> ..., I_<name> ...), whose
    // values each record() call passes as `extra`; resampled like the others, and in run.raw.
    std::vector<std::string> extra_columns;
    bool raw = false;
    double resample_dt = 0;  // > 0: every CSV on the grid k·resample_dt
};

class RunRecorder {
public:
    explicit RunRecorder(RecorderOptions options);
    ~RunRecorder();
    RunRecorder(const RunRecorder&) = delete;
    RunRecorder& operator=(const RunRecorder&) = delete;

    // One accepted point: network voltage v (driven electrode), current i (drain), states (may be null
    // when no lambda is recorded). G = |i/v| (NaN where v = 0).
    void record(double t, double v, double i, const double* lambda, const double* extra = nullptr);
    // Commits every file; safe to call once. Files of a run that never recorded a point are still written
    // (header only), so that a failed run's directory is self-describing.
    void close();

    std::size_t points() const { return points_; }
    double first_time() const { return t_first_; }
    double last_time() const { return t_last_; }
    double first_g() const { return g_first_; }
    double last_g() const { return g_last_; }

private:
    void emit(double t, double v, double i, const double* lambda, const double* extra);
    RecorderOptions opt_;
    std::unique_ptr<io::TimeSeriesCsvWriter> ts_, lam_, ev_;
    std::unique_ptr<analysis::LevelCrossingCounter> counter_;
    std::vector<double> g_;
    double level_lo_ = 0, level_hi_ = 0;  // |λ| bracket of the event level (run_recorder.cpp)
    std::unique_ptr<io::RawWriter> raw_;
    std::size_t points_ = 0;
    double t_first_ = 0, t_last_ = 0, g_first_ = 0, g_last_ = 0;
    // previous point, for resampling
    double pt_ = 0, pv_ = 0, pi_ = 0;
    std::vector<double> plam_, row_, pext_, ts_row_;
    long next_k_ = 0;
};

}  // namespace nwn::exp

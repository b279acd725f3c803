#include "runner/experiments/sweep/sweep_summary.h"

#include <cmath>
#include <limits>

#include "common/error.h"
#include "runner/io/run_dir.h"
#include "runner/io/timeseries_csv.h"

namespace nwn::exp {

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// A/B split at a '/' outside parentheses (node names such as x1.l5 hold no '/').
std::pair<std::string, std::string> split_ratio(const std::string& track) {
    int depth = 0;
    for (std::size_t i = 0; i < track.size(); ++i) {
        if (track[i] == '(') ++depth;
        if (track[i] == ')') --depth;
        if (track[i] == '/' && depth == 0) return {track.substr(0, i), track.substr(i + 1)};
    }
    return {track, ""};
}

std::vector<double> tracked_values(const io::TimeSeries& s, const std::string& track) {
    auto column = [&](const std::string& name) -> const std::vector<double>& {
        const auto k = find_vector(s, name);
        if (k == io::TimeSeries::npos) return s.column(name);  // throws, listing the columns
        return s.columns[k];
    };
    const auto [a, b] = split_ratio(track);
    if (b.empty()) return column(a);
    const auto& num = column(a);
    const auto& den = column(b);
    std::vector<double> x(num.size());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::abs(num[i] / den[i]);
    return x;
}

}  // namespace

void check_track(const std::string& track) {
    const auto [a, b] = split_ratio(track);
    if (a.empty() || (track.find('/') != std::string::npos && b.empty()) || b.find('/') != std::string::npos)
        throw Error("--track " + track + ": expected a vector (G, v(out), i(vsense)) or a ratio A/B such as "
                    "i(vsense)/v(d)");
}

std::vector<std::string> track_columns(const std::string& track) {
    if (track.empty()) return {};
    return {track + "_initial", track + "_final", track + "_peak", "t_activation"};
}

PointSummary summarize_run(const std::filesystem::path& run_dir, const std::string& track,
                           const std::vector<Measure>& measures) {
    PointSummary p;
    p.status = io::run_status_name(io::run_status(run_dir));
    p.track.assign(track_columns(track).size(), kNaN);
    p.measures.assign(measures.size(), kNaN);
    if (p.status != "completed") {
        if (std::filesystem::exists(io::RunPaths{run_dir}.record())) {
            try {
                p.message = io::read_run_record(run_dir).message;
            } catch (const Error& e) {
                p.message = e.what();
            }
        }
        return p;
    }
    io::CsvReadOptions ro;
    ro.allow_nan = true;
    const auto series = io::read_timeseries_csv(io::RunPaths{run_dir}.timeseries(), ro);
    if (!track.empty()) {
        const auto x = tracked_values(series, track);
        const auto& t = series.column("t");
        double initial = kNaN, final_ = kNaN, peak = kNaN, activation = kNaN;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!std::isfinite(x[i])) continue;
            if (std::isnan(initial)) initial = x[i];
            final_ = x[i];
            if (std::isnan(peak) || std::abs(x[i]) > std::abs(peak)) peak = x[i];
            if (std::isnan(activation) && initial != 0 && std::abs(x[i]) >= 10 * std::abs(initial)) activation = t[i];
        }
        p.track = {initial, final_, peak, activation};
    }
    for (std::size_t k = 0; k < measures.size(); ++k) p.measures[k] = evaluate_measure(measures[k], series);
    return p;
}

}  // namespace nwn::exp

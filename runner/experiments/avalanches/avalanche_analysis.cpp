#include "runner/experiments/avalanches/avalanche_analysis.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "common/atomic_file.h"
#include "common/error.h"
#include "runner/analysis/criticality_json.h"
#include "runner/analysis/events.h"
#include "runner/experiments/plots/plots_avalanches.h"
#include "runner/experiments/plots/plots_gnuplot.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;

namespace nwn::exp {

EventTrains conductance_event_trains(const Recording& rec, const analysis::ConductanceThresholds& th, bool condition) {
    EventTrains tr;
    tr.dt = rec.dt;
    if (!condition) {
        tr.events = analysis::conductance_events(rec.G, th);
        tr.t0 = rec.t0;
        for (std::size_t s = 0; s < rec.G.size(); ++s) tr.source.push_back(s);
        return tr;
    }
    const auto cut = analysis::condition_event_interval(rec.G, th);
    if (cut.series.empty())
        throw Error("the event-interval cut left no data: no sample has |dG| > " + std::to_string(th.thresh) +
                    " S or |dG|/G > " + std::to_string(th.rel_thresh));
    tr.events = analysis::conductance_events(cut.series, th);
    for (std::size_t s = 0; s < cut.series.size(); ++s) {
        tr.t0.push_back(rec.t0[cut.source[s]] + static_cast<double>(cut.first[s]) * rec.dt);
        tr.source.push_back(cut.source[s]);
    }
    return tr;
}

analysis::CriticalityResult analyse_event_trains(const EventTrains& tr, const analysis::CriticalityOptions& opt) {
    auto r = analysis::analyse_events(tr.events, tr.dt, opt);
    for (std::size_t k = 0; k < r.avalanches.size(); ++k) {
        const auto& a = r.avalanches[k];
        r.avalanche_start_time[k] =
            tr.t0[a.series] + static_cast<double>(a.start_sample - tr.events.offset(a.series)) * tr.dt;
    }
    return r;
}

std::vector<MeanProfile> mean_profiles(const EventTrains& tr, const analysis::CriticalityResult& r,
                                       const std::vector<std::size_t>& lifetimes) {
    const auto bins = analysis::bin_events(tr.events, r.bin_samples);
    const auto profiles = analysis::avalanche_profiles(bins, r.avalanches);
    std::map<std::size_t, MeanProfile> acc;
    for (auto T : lifetimes) acc[T] = {T, 0, std::vector<double>(T, 0.0)};
    for (const auto& p : profiles) {
        auto it = acc.find(p.size());
        if (it == acc.end()) continue;
        ++it->second.count;
        for (std::size_t t = 0; t < p.size(); ++t) it->second.mean[t] += p[t];
    }
    std::vector<MeanProfile> out;
    for (auto& [T, m] : acc) {
        if (m.count == 0) continue;
        for (double& v : m.mean) v /= static_cast<double>(m.count);
        out.push_back(std::move(m));
    }
    return out;
}

nlohmann::json options_json(const analysis::CriticalityOptions& o, const std::string& events) {
    nlohmann::json j = {{"events", events},
                        {"bin", o.bin.samples ? nlohmann::json(o.bin.samples)
                                : o.bin.iei_multiple == 1 ? nlohmann::json("mean-iei")
                                                          : nlohmann::json("mean-iei:" + gp_number(o.bin.iei_multiple))},
                        {"resamples", o.resamples},
                        {"shape_bootstraps", o.shape_bootstraps},
                        {"seed", o.seed},
                        {"pcrit", o.fit.pcrit},
                        {"min_n", o.fit.min_n}};
    if (events == "conductance") {
        j["thresh"] = o.thresh;
        j["rel_thresh"] = o.rel_thresh;
        j["condition"] = o.condition ? nlohmann::json("event-interval") : nlohmann::json(nullptr);
    }
    return j;
}

std::vector<std::string> write_avalanche_outputs(const fs::path& dir, const EventTrains& tr,
                                                 const analysis::CriticalityResult& r, const nlohmann::json& input,
                                                 const nlohmann::json& options, bool plots) {
    fs::create_directories(dir);
    nlohmann::json j = analysis::to_json(r);
    std::vector<std::size_t> series;
    for (const auto& a : r.avalanches) series.push_back(tr.source[a.series]);
    j["avalanches"]["series"] = series;
    j["input"] = input;
    j["options"] = options;
    write_file_atomic(dir / "avalanches.json", j.dump(2) + "\n");

    auto csv = io::TimeSeries::with_columns({"size", "lifetime", "start", "series"});
    for (std::size_t k = 0; k < r.avalanches.size(); ++k)
        csv.add_row({static_cast<double>(r.avalanches[k].size), static_cast<double>(r.avalanches[k].lifetime),
                     r.avalanche_start_time[k], static_cast<double>(series[k])});
    io::write_timeseries_csv(dir / "avalanches.csv", csv,
                             {"avalanches: size (events), lifetime (bins of " + gp_number(r.bin_seconds) +
                              " s), start (s, in its series' time), series"});
    if (!plots) return {};
    return plot_avalanches(dir / "plots", tr, r);
}

}  // namespace nwn::exp

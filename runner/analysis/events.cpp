#include "runner/analysis/events.h"

#include <cmath>
#include <string>

#include "common/error.h"

namespace nwn::analysis {

namespace {
void require_threshold(double th, const char* name) {
    if (std::isnan(th)) throw Error(std::string(name) + " is NaN");
}

std::vector<double> abs_gradient(std::span<const double> G) {
    auto dG = gradient(G);
    for (double& d : dG) d = std::isnan(d) ? 0.0 : std::fabs(d);
    return dG;
}

std::vector<double> ratio(const std::vector<double>& dG, std::span<const double> G) {
    std::vector<double> r(dG.size());
    for (std::size_t i = 0; i < r.size(); ++i) {
        r[i] = dG[i] / G[i];
        if (std::isnan(r[i])) r[i] = 0.0;  // 0/0: no change on a zero conductance
    }
    return r;
}
}  // namespace

std::vector<double> gradient(std::span<const double> x) {
    const std::size_t n = x.size();
    std::vector<double> g(n, 0.0);
    if (n < 2) return g;
    g[0] = x[1] - x[0];
    g[n - 1] = x[n - 1] - x[n - 2];
    for (std::size_t i = 1; i + 1 < n; ++i) g[i] = 0.5 * (x[i + 1] - x[i - 1]);
    return g;
}

std::vector<std::size_t> threshold_crossing_peaks(std::span<const double> x, double th) {
    require_threshold(th, "threshold_crossing_peaks: threshold");
    std::vector<std::size_t> peaks;
    bool inside = false;
    std::size_t best = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const bool above = x[i] > th;
        if (above && !inside) {
            inside = true;
            best = i;
        } else if (above && x[i] > x[best]) {
            best = i;  // strict: the first maximum wins ties
        } else if (!above && inside) {
            inside = false;
            peaks.push_back(best);
        }
    }
    return peaks;  // an excursion still open here is dropped
}

std::vector<int> conductance_events(std::span<const double> G, const ConductanceThresholds& th) {
    require_threshold(th.thresh, "conductance_events: thresh");
    require_threshold(th.rel_thresh, "conductance_events: rel_thresh");
    const auto dG = abs_gradient(G);
    std::vector<int> ev(G.size(), 0);
    for (std::size_t i : threshold_crossing_peaks(dG, th.thresh)) ev[i] = 1;
    for (std::size_t i : threshold_crossing_peaks(ratio(dG, G), th.rel_thresh)) ev[i] = 1;
    return ev;
}

EventSet conductance_events(const SeriesSet& G, const ConductanceThresholds& th) {
    EventSet out;
    for (std::size_t s = 0; s < G.size(); ++s) out.add(conductance_events(G[s], th));
    return out;
}

std::optional<std::pair<std::size_t, std::size_t>> event_interval(std::span<const double> G,
                                                                  const ConductanceThresholds& th) {
    require_threshold(th.thresh, "event_interval: thresh");
    require_threshold(th.rel_thresh, "event_interval: ratio");
    const auto dG = abs_gradient(G);
    const auto r = ratio(dG, G);
    std::optional<std::pair<std::size_t, std::size_t>> range;
    for (std::size_t i = 0; i < G.size(); ++i) {
        if (dG[i] > th.thresh || std::fabs(r[i]) > th.rel_thresh) {
            if (!range) range.emplace(i, i);
            range->second = i;
        }
    }
    return range;
}

ConditionedSet condition_event_interval(const SeriesSet& G, const ConductanceThresholds& th) {
    ConditionedSet out;
    for (std::size_t s = 0; s < G.size(); ++s) {
        const auto range = event_interval(G[s], th);
        if (!range) continue;
        out.series.add(G[s].subspan(range->first, range->second - range->first + 1));
        out.source.push_back(s);
        out.first.push_back(range->first);
    }
    return out;
}

}  // namespace nwn::analysis

#include "runner/analysis/junction_events.h"

#include <cmath>
#include <string>

#include "common/error.h"
#include "runner/analysis/events.h"
#include "runner/analysis/validate.h"

namespace nwn::analysis {

namespace {
std::size_t check_traces(const JunctionTraces& t, const char* who) {
    if (t.empty()) throw Error(std::string(who) + ": no junction traces given");
    const std::size_t n = t[0].size();
    if (n == 0) throw Error(std::string(who) + ": junction traces are empty");
    for (std::size_t j = 0; j < t.size(); ++j) {
        if (t[j].size() != n)
            throw Error(std::string(who) + ": junction " + std::to_string(j) + " has " + std::to_string(t[j].size()) +
                        " samples, junction 0 has " + std::to_string(n));
        require_finite(t[j], std::string(who) + ", junction " + std::to_string(j));
    }
    return n;
}
}  // namespace

LevelCrossingCounter::LevelCrossingCounter(double level) : level_(level) {
    if (!std::isfinite(level)) throw Error("level_crossing_events: level is not finite");
}

int LevelCrossingCounter::push(std::span<const double> G) {
    if (first_) {
        on_.resize(G.size());
        for (std::size_t j = 0; j < G.size(); ++j) on_[j] = G[j] > level_;
        first_ = false;
        return 0;
    }
    if (G.size() != on_.size())
        throw Error("level_crossing_events: " + std::to_string(G.size()) + " junctions in a sample, " +
                    std::to_string(on_.size()) + " in the first");
    int n = 0;
    for (std::size_t j = 0; j < G.size(); ++j) {
        const char on = G[j] > level_;
        n += on != on_[j];
        on_[j] = on;
    }
    return n;
}

std::vector<int> level_crossing_events(const JunctionTraces& G, double level) {
    const std::size_t n = check_traces(G, "level_crossing_events");
    LevelCrossingCounter counter(level);
    std::vector<int> ev(n, 0);
    std::vector<double> row(G.size());
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < G.size(); ++j) row[j] = G[j][i];
        ev[i] = counter.push(row);
    }
    return ev;
}

std::vector<int> level_crossing_events(const JunctionTraces& lambda, const std::function<double(double)>& g_of_lambda,
                                       double level) {
    check_traces(lambda, "level_crossing_events");
    JunctionTraces G(lambda.size());
    for (std::size_t j = 0; j < lambda.size(); ++j) {
        G[j].resize(lambda[j].size());
        for (std::size_t i = 0; i < lambda[j].size(); ++i) G[j][i] = g_of_lambda(lambda[j][i]);
    }
    return level_crossing_events(G, level);
}

std::vector<int> dg_spike_events(const JunctionTraces& G, double dt, double thresh) {
    const std::size_t n = check_traces(G, "dg_spike_events");
    if (!(dt > 0) || !std::isfinite(dt)) throw Error("dg_spike_events: dt must be positive");
    std::vector<int> ev(n, 0);
    std::vector<double> r(n);
    for (const auto& g : G) {
        for (std::size_t i = 0; i + 1 < n; ++i) r[i] = std::fabs(g[i + 1] - g[i]) / g[i] / dt;
        r[n - 1] = 0.0;
        for (std::size_t i : threshold_crossing_peaks(r, thresh)) ++ev[i];
    }
    return ev;
}

}  // namespace nwn::analysis

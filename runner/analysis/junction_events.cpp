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

std::vector<int> level_crossing_events(const JunctionTraces& G, double level) {
    const std::size_t n = check_traces(G, "level_crossing_events");
    if (!std::isfinite(level)) throw Error("level_crossing_events: level is not finite");
    std::vector<int> ev(n, 0);
    for (const auto& g : G)
        for (std::size_t i = 1; i < n; ++i)
            if ((g[i] > level) != (g[i - 1] > level)) ++ev[i];
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

#include "runner/experiments/demo/demo_event_match.h"

#include <algorithm>
#include <cmath>

namespace nwn::exp {

EventMatch match_events(const std::vector<double>& a, const std::vector<double>& b, double window) {
    EventMatch m;
    m.a = a.size();
    m.b = b.size();
    std::vector<char> used(b.size(), 0);
    std::vector<double> dts;
    // Both trains lie on the same sample grid, their times made by different sums (k·dt, t0 + k·dt): an
    // offset of exactly the window must not fall in or out with the last bits of the time stamps.
    window *= 1 + 1e-9;
    std::size_t lo = 0;  // first b that can still pair with the current or a later a
    for (double t : a) {
        while (lo < b.size() && b[lo] < t - window) ++lo;
        std::size_t best = b.size();
        for (std::size_t k = lo; k < b.size() && b[k] <= t + window; ++k)
            if (!used[k] && (best == b.size() || std::fabs(b[k] - t) < std::fabs(b[best] - t))) best = k;
        if (best == b.size()) continue;
        used[best] = 1;
        dts.push_back(b[best] - t);
    }
    m.matched = dts.size();
    if (!dts.empty()) {
        double sum = 0;
        std::vector<double> abs;
        for (double d : dts) sum += d, abs.push_back(std::fabs(d));
        m.mean_dt = sum / static_cast<double>(dts.size());
        std::nth_element(abs.begin(), abs.begin() + abs.size() / 2, abs.end());
        m.median_abs_dt = abs[abs.size() / 2];
    }
    return m;
}

}  // namespace nwn::exp

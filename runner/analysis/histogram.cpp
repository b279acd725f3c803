#include "runner/analysis/histogram.h"

#include <algorithm>
#include <cmath>

#include "common/error.h"

namespace nwn::analysis {

Histogram log_histogram(std::span<const std::size_t> x, double scale, std::size_t per_decade) {
    if (per_decade == 0) throw Error("log_histogram: need at least one bin per decade");
    if (!(scale > 0) || !std::isfinite(scale)) throw Error("log_histogram: scale must be positive");
    Histogram h;
    if (x.empty()) return h;
    for (auto v : x)
        if (v == 0) throw Error("log_histogram: values must be positive");
    const std::size_t top = *std::max_element(x.begin(), x.end());
    std::vector<std::size_t> edges{1};
    for (std::size_t j = 1; edges.back() <= top; ++j) {
        const auto e = static_cast<std::size_t>(std::floor(std::pow(10.0, static_cast<double>(j) / per_decade) + 1e-9));
        if (e > edges.back()) edges.push_back(e);
    }
    std::vector<double> counts(edges.size() - 1, 0.0);
    for (auto v : x) {
        const auto k = static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), v) - edges.begin()) - 1;
        counts[k] += 1;
    }
    const double N = static_cast<double>(x.size());
    for (std::size_t k = 0; k < counts.size(); ++k) {
        const double lo = static_cast<double>(edges[k]), hi = static_cast<double>(edges[k + 1]);
        h.lower.push_back(lo * scale);
        h.upper.push_back(hi * scale);
        h.center.push_back(std::sqrt(lo * (hi - 1)) * scale);
        h.count.push_back(counts[k]);
        h.density.push_back(counts[k] / (N * (hi - lo) * scale));
    }
    return h;
}

}  // namespace nwn::analysis

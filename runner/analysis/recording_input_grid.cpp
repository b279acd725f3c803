#include "runner/analysis/recording_input_grid.h"

#include <algorithm>
#include <cmath>

#include "common/cancel.h"
#include "common/error.h"
#include "common/format.h"

namespace nwn::analysis {

namespace {
std::string num(double x) { return fmt("%.10g", x); }
}  // namespace

void require_time_base(std::span<const double> t, const std::string& what) {
    if (t.empty()) throw Error(what + ": no samples");
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!std::isfinite(t[i])) throw Error(what + ": time at sample " + std::to_string(i) + " is not finite");
        if (i > 0 && !(t[i] > t[i - 1]))
            throw Error(what + ": time does not increase at sample " + std::to_string(i) + " (t = " + num(t[i]) +
                        " s after " + num(t[i - 1]) + " s)");
    }
}

std::optional<double> uniform_step(std::span<const double> t, double rel_tol) {
    if (t.size() < 2) return std::nullopt;
    const double mean = (t.back() - t.front()) / static_cast<double>(t.size() - 1);
    for (std::size_t i = 1; i < t.size(); ++i)
        if (std::fabs((t[i] - t[i - 1]) - mean) > rel_tol * mean) return std::nullopt;
    return mean;
}

UniformGrid uniform_grid(std::span<const double> t, double dt) {
    if (!(dt > 0) || !std::isfinite(dt)) throw Error("the resampling step must be positive (got " + num(dt) + ")");
    UniformGrid g{t.front(), dt, 0};
    // The tolerance keeps a last sample at t0 + k·dt (up to rounding) on the grid.
    const double n = std::floor((t.back() - t.front()) / dt * (1 + 1e-12) + 1e-9) + 1;
    // 1e9 samples are 8 GB of doubles per series: a step that fine is a typo, not an analysis.
    if (!(n <= 1e9))
        throw Error("a resampling step of " + num(dt) + " s over " + num(t.back() - t.front()) + " s gives " + num(n) +
                    " samples: more than 1e9; use a larger --dt");
    g.n = static_cast<std::size_t>(n);
    return g;
}

std::vector<double> resample_linear(std::span<const double> t, std::span<const double> x, const UniformGrid& g) {
    std::vector<double> out(g.n);
    std::size_t j = 0;
    for (std::size_t k = 0; k < g.n; ++k) {
        if ((k & 0xfffff) == 0) throw_if_cancelled();
        const double tk = g.t0 + static_cast<double>(k) * g.dt;
        while (j + 2 < t.size() && t[j + 1] <= tk) ++j;
        if (t.size() == 1 || tk <= t[j]) {
            out[k] = x[j];
        } else if (tk >= t[j + 1]) {
            out[k] = x[j + 1];
        } else {
            const double w = (tk - t[j]) / (t[j + 1] - t[j]);
            out[k] = x[j] + w * (x[j + 1] - x[j]);
        }
    }
    return out;
}

UniformSeries to_uniform(std::span<const double> t, std::span<const double> x, double dt, double fallback_dt,
                         const std::string& what, const std::string& hint) {
    require_time_base(t, what);
    const auto step = uniform_step(t);
    UniformSeries s;
    s.t0 = t.front();
    if (dt == 0 && !step && t.size() > 1) {
        if (fallback_dt > 0) {
            dt = fallback_dt;
        } else {
            double lo = t[1] - t[0], hi = lo;
            for (std::size_t i = 2; i < t.size(); ++i) lo = std::min(lo, t[i] - t[i - 1]), hi = std::max(hi, t[i] - t[i - 1]);
            throw Error(what + ": the time steps are not uniform (" + num(lo) + " s to " + num(hi) + " s); " + hint);
        }
    }
    if (dt == 0 || (step && std::fabs(*step - dt) <= 1e-6 * dt)) {
        s.x.assign(x.begin(), x.end());
        s.dt = step ? *step : (dt > 0 ? dt : fallback_dt);
        if (!(s.dt > 0)) throw Error(what + ": a single sample has no time step; " + hint);
        return s;
    }
    s.x = resample_linear(t, x, uniform_grid(t, dt));
    s.dt = dt;
    s.resampled = true;
    return s;
}

}  // namespace nwn::analysis

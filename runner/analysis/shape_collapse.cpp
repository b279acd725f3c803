#include "runner/analysis/shape_collapse.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>

#include "common/error.h"
#include "runner/analysis/parallel.h"
#include "runner/analysis/random.h"

namespace nwn::analysis {

namespace {

struct Collapse {
    double gamma, error;
    bool at_edge;
    std::vector<std::size_t> durations;
};

// The collapse of the avalanches listed in `pick` (indices into profiles, repeats allowed).
std::optional<Collapse> collapse(const std::vector<std::vector<double>>& profiles, const std::vector<std::size_t>& pick,
                                 const ShapeCollapseOptions& o) {
    std::map<std::size_t, std::pair<std::size_t, std::vector<double>>> by_T;  // T -> (count, summed profile)
    for (std::size_t i : pick) {
        const auto& p = profiles[i];
        const std::size_t T = p.size();
        if (T < o.min_lifetime || T > o.max_lifetime) continue;
        auto& e = by_T[T];
        if (e.second.empty()) e.second.assign(T, 0.0);
        ++e.first;
        for (std::size_t t = 0; t < T; ++t) e.second[t] += p[t];
    }
    const double u0 = 1.0 / static_cast<double>(o.min_lifetime);
    const auto nu = static_cast<std::size_t>(std::floor((1.0 - u0) / o.du + 1e-9)) + 1;
    std::vector<std::size_t> Ts;
    std::vector<std::vector<double>> s;  // mean profile of each duration on the u grid
    for (const auto& [T, e] : by_T) {
        if (e.first < o.min_count) continue;
        Ts.push_back(T);
        std::vector<double> row(nu);
        const double Td = static_cast<double>(T), inv = 1.0 / static_cast<double>(e.first);
        for (std::size_t k = 0; k < nu; ++k) {
            // Profile sample t (1-based) sits at u = t/T; interpolate linearly at t = u·T in [1, T].
            const double t = std::clamp((u0 + static_cast<double>(k) * o.du) * Td, 1.0, Td);
            const auto i = std::min(static_cast<std::size_t>(t), T - 1);  // 1-based left neighbour
            const double f = t - static_cast<double>(i);
            const double left = e.second[i - 1], right = i < T ? e.second[i] : left;
            row[k] = inv * (left + f * (right - left));
        }
        s.push_back(std::move(row));
    }
    if (Ts.size() < 2) return std::nullopt;

    const double D = static_cast<double>(Ts.size());
    std::vector<double> logT(Ts.size());
    for (std::size_t d = 0; d < Ts.size(); ++d) logT[d] = std::log(static_cast<double>(Ts[d]));
    // Σ_u var_T(s/T^γ) / (max_u mean_T - min_u mean_T)²: spread across durations relative to the
    // height of the collapsed curve, so shrinking everything (large γ) does not win by itself.
    auto error = [&](double gamma) {
        std::vector<double> c(Ts.size());
        for (std::size_t d = 0; d < Ts.size(); ++d) c[d] = std::exp(-gamma * logT[d]);
        double var_sum = 0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (std::size_t k = 0; k < nu; ++k) {
            double m = 0, m2 = 0;
            for (std::size_t d = 0; d < Ts.size(); ++d) {
                const double v = c[d] * s[d][k];
                m += v, m2 += v * v;
            }
            m /= D;
            var_sum += std::max(0.0, (m2 - D * m * m) / (D - 1));
            lo = std::min(lo, m), hi = std::max(hi, m);
        }
        const double h = hi - lo;
        return h > 0 ? var_sum / (h * h) : std::numeric_limits<double>::infinity();
    };
    const auto ng = static_cast<std::size_t>(std::floor((o.gamma_max - o.gamma_min) / o.gamma_step + 1e-9)) + 1;
    std::vector<double> E(ng);
    std::size_t best = 0;
    for (std::size_t g = 0; g < ng; ++g) {
        E[g] = error(o.gamma_min + static_cast<double>(g) * o.gamma_step);
        if (E[g] < E[best]) best = g;
    }
    double gamma = o.gamma_min + static_cast<double>(best) * o.gamma_step;
    const bool edge = best == 0 || best + 1 == ng;
    if (!edge && std::isfinite(E[best - 1]) && std::isfinite(E[best + 1])) {
        // The vertex of the parabola through the minimum and its neighbours: a sub-grid γ*.
        const double curv = E[best - 1] - 2 * E[best] + E[best + 1];
        if (curv > 0) gamma += 0.5 * o.gamma_step * (E[best - 1] - E[best + 1]) / curv;
    }
    return Collapse{gamma, error(gamma), edge, Ts};
}

void check(const ShapeCollapseOptions& o) {
    if (o.min_lifetime < 2) throw Error("shape collapse: min_lifetime must be at least 2");
    if (o.min_count < 1) throw Error("shape collapse: min_count must be at least 1");
    if (!(o.du > 0 && o.du < 1)) throw Error("shape collapse: du must lie in (0, 1)");
    if (!(o.gamma_step > 0) || !(o.gamma_max >= o.gamma_min) || !std::isfinite(o.gamma_max) ||
        !std::isfinite(o.gamma_min))
        throw Error("shape collapse: bad gamma grid");
}

}  // namespace

ShapeCollapseResult shape_collapse(const std::vector<std::vector<double>>& profiles, const ShapeCollapseOptions& o) {
    check(o);
    for (std::size_t i = 0; i < profiles.size(); ++i)
        for (double v : profiles[i])
            if (!std::isfinite(v)) throw Error("shape collapse: profile " + std::to_string(i) + " is not finite");
    ShapeCollapseResult r;
    std::vector<std::size_t> all(profiles.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    const auto full = collapse(profiles, all, o);
    if (!full) return r;  // degenerate: NaN with valid = false, never a made-up 1.0
    r.valid = true;
    r.gamma = full->gamma;
    r.error = full->error;
    r.at_grid_edge = full->at_edge;
    r.durations = full->durations;
    r.exponent.value = 1.0 + full->gamma;

    std::vector<std::optional<double>> boot(o.bootstraps);
    parallel_for(o.bootstraps, o.threads, [&](std::size_t b) {
        std::mt19937_64 g(derive_seed(o.seed, 0x5ca1eULL, b));
        std::vector<std::size_t> pick(profiles.size());
        for (auto& i : pick) i = uniform_index(g, profiles.size());
        if (const auto c = collapse(profiles, pick, o)) boot[b] = c->gamma;
    });
    std::vector<double> gs;
    for (const auto& b : boot)
        if (b) gs.push_back(*b);
    r.bootstraps_used = gs.size();
    if (gs.size() >= 2) {
        double m = 0, v = 0;
        for (double x : gs) m += x;
        m /= static_cast<double>(gs.size());
        for (double x : gs) v += (x - m) * (x - m);
        r.exponent.sigma = std::sqrt(v / static_cast<double>(gs.size() - 1));
    }
    return r;
}

}  // namespace nwn::analysis

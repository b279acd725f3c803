// Avalanche shape collapse (docs/model.md §4.7). Mean profiles s(t, T) of avalanches of lifetime T collapse
// onto one curve F(t/T) when scaled as s/T^γ; then 1/(σνz) = 1 + γ.
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "runner/analysis/crackling.h"

namespace nwn::analysis {

struct ShapeCollapseOptions {
    std::size_t min_lifetime = 5;  // durations used: min_lifetime <= T <= max_lifetime, with
    std::size_t max_lifetime = std::numeric_limits<std::size_t>::max();  // (the lifetime fit's xmax)
    std::size_t min_count = 50;    // at least this many avalanches of that duration
    double du = 0.001;             // grid u = 1/min_lifetime, +du, ..., 1
    double gamma_min = 0.0, gamma_max = 2.0, gamma_step = 0.01;  // γ grid (refined by a parabola)
    std::size_t bootstraps = 20;   // avalanche resamples for the error
    std::uint64_t seed = 1;
    unsigned threads = 0;
};

struct ShapeCollapseResult {
    ValueSigma exponent;  // 1 + γ*, σ = std of γ over the bootstraps; NaN when !valid
    double gamma = std::numeric_limits<double>::quiet_NaN();
    double error = std::numeric_limits<double>::quiet_NaN();  // normalised variance at γ*
    bool valid = false;          // false: fewer than 2 durations qualify (nothing to collapse)
    bool at_grid_edge = false;   // γ* is an end of the γ grid, so the true minimum may lie beyond
    std::vector<std::size_t> durations;  // the qualifying lifetimes
    std::size_t bootstraps_used = 0;     // resamples in which >= 2 durations qualified
};

// profiles[i] = bin contents of avalanche i at t = 1..T (T = its size()), e.g. avalanche_profiles().
ShapeCollapseResult shape_collapse(const std::vector<std::vector<double>>& profiles,
                                   const ShapeCollapseOptions& opt = {});

}  // namespace nwn::analysis

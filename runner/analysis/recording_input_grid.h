// Uniform time bases for event detection. Events compare neighbouring samples (|ΔG| per sample, level
// crossings between samples), which only means something when samples are equally spaced; SPICE
// accepts time points wherever its error control puts them, so such recordings are first resampled
// onto a grid of fixed step by linear interpolation.
#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace nwn::analysis {

// Throws nwn::Error naming `what` and the offending sample when t is empty, not finite or not
// strictly increasing.
void require_time_base(std::span<const double> t, const std::string& what);

// The common step of t when every step is within rel_tol of their mean (a single sample has none).
std::optional<double> uniform_step(std::span<const double> t, double rel_tol = 1e-6);

// Grid t0, t0 + dt, ... covering [t.front(), t.back()] (the last grid point is <= t.back()).
struct UniformGrid {
    double t0 = 0, dt = 0;
    std::size_t n = 0;
};
UniformGrid uniform_grid(std::span<const double> t, double dt);

// x(t) interpolated linearly at every grid point; t must satisfy require_time_base.
std::vector<double> resample_linear(std::span<const double> t, std::span<const double> x, const UniformGrid& g);

// Samples of a series on a uniform grid: of step `dt` when it is given (> 0); else as they are when
// already uniform; else of step `fallback_dt` (> 0). Throws otherwise, with `hint` saying how to give a
// step.
struct UniformSeries {
    std::vector<double> x;
    double t0 = 0, dt = 0;
    bool resampled = false;
};
UniformSeries to_uniform(std::span<const double> t, std::span<const double> x, double dt, double fallback_dt,
                         const std::string& what, const std::string& hint);

}  // namespace nwn::analysis

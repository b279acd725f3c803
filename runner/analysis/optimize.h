// Small derivative-free minimisers for the maximum-likelihood fits of the alternative laws.
#pragma once
#include <array>
#include <functional>

namespace nwn::analysis {

struct Minimum1D {
    double x, f;
};
// Brent's method (golden section + parabolic steps) for a minimum of f on [lo, hi].
Minimum1D brent_minimize(const std::function<double(double)>& f, double lo, double hi, double xtol = 1e-10,
                         int max_iter = 200);

struct Minimum2D {
    std::array<double, 2> x;
    double f;
};
// Nelder–Mead from x0 with initial steps `step`; f may return +inf outside its domain.
Minimum2D nelder_mead(const std::function<double(const std::array<double, 2>&)>& f, std::array<double, 2> x0,
                      std::array<double, 2> step, double ftol = 1e-12, int max_iter = 2000);

}  // namespace nwn::analysis

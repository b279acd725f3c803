// The crackling-noise relation (docs/model.md §4.6): three estimates of 1/(σνz) that agree at criticality.
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>

#include "runner/analysis/avalanches.h"
#include "runner/analysis/powerlaw.h"

namespace nwn::analysis {

struct ValueSigma {
    double value = std::numeric_limits<double>::quiet_NaN();
    double sigma = std::numeric_limits<double>::quiet_NaN();
};

// (α - 1)/(τ - 1) from the lifetime exponent α and the size exponent τ, with its propagated error.
ValueSigma predicted_crackling(const PowerLawFit& tau, const PowerLawFit& alpha);

// ⟨S⟩(T) ∝ T^x: least-squares slope of log10⟨S⟩ on log10 T over the lifetimes in [tmin, tmax], with
// the standard error of the slope √(s²/Σ(u - ū)²), s² = RSS/(n - 2). Needs 2 lifetimes for the slope
// and 3 for its error; `points` says how many were used.
struct SlopeFit {
    ValueSigma slope;
    double intercept = std::numeric_limits<double>::quiet_NaN();  // log10 prefactor
    std::size_t points = 0;
    bool valid = false;  // at least 2 points
};
SlopeFit mean_size_exponent(const MeanSizeByLifetime& m, std::int64_t tmin, std::int64_t tmax);

}  // namespace nwn::analysis

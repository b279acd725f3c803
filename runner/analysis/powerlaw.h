// Discrete power-law fits of avalanche sizes and lifetimes (docs/model.md §4.5, without the §9.15 defects):
// exact maximum likelihood on a support [xmin, xmax], the KS distance on the CDF, a parametric
// bootstrap p-value, and the search for the widest support the power law describes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "runner/analysis/discrete_powerlaw.h"

namespace nwn::analysis {

struct PowerLawOptions {
    double tau_min = 1.0;  // search interval for the exponent (a truncated law is fine at τ <= 1 too)
    double tau_max = 6.0;
    std::size_t resamples = 500;  // synthetic data sets for the p-value and the bootstrap σ
    double pcrit = 0.5;           // support search: accept the first support with p >= pcrit
    // Support search only: stop a candidate's resampling once reaching pcrit has probability below this.
    double early_stop_likelihood = 1e-3;
    // Support search only: reject without resampling when the DKW bound 2·exp(-2 n D²) on P(D* >= D)
    // is below this (0 switches the screen off).
    double screen = 1e-3;
    std::size_t max_candidates = 2000;  // supports examined before giving up (then: highest p seen)
    std::size_t min_n = 10;             // samples required inside a support
    std::uint64_t seed = 1;
    unsigned threads = 0;  // 0: all hardware threads; results do not depend on it
};

struct PowerLawFit {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    double value = nan;  // exponent τ (sizes) or α (lifetimes)
    // Bootstrap σ when >= 2 resamples were drawn, otherwise the Fisher σ.
    double sigma = nan;
    std::int64_t xmin = 0, xmax = 0;
    double p = nan;   // fraction of synthetic sets with KS >= the data's; NaN without resamples
    double ks = nan;  // max |CDF_data - CDF_fit| over [xmin, xmax]
    std::size_t n_in = 0;
    double sigma_fisher = nan;  // 1/sqrt(n_in·Var_τ[ln k])
    double sigma_boot = nan;    // std of τ re-fitted on the synthetic sets
    double log_likelihood = nan;
    bool pcrit_reached = true;         // search: false when no examined support reached pcrit
    std::size_t candidates_tried = 0;  // search: supports examined
};

// KS distance between data (ascending distinct values within [xmin, xmax] and their counts) and the
// law at τ: the largest |F_data(k) - F_law(k)| over integers k (equivalently over the CCDFs).
double ks_distance(const DiscretePowerLaw& law, double tau, std::span<const std::int64_t> values,
                   std::span<const std::size_t> counts);

// Fit on a given support; the p-value uses every resample (no early stop).
PowerLawFit fit_power_law(std::span<const std::int64_t> x, std::int64_t xmin, std::int64_t xmax,
                          const PowerLawOptions& opt = {});

// Support search (§4.5): candidates are pairs of distinct data values with at least one more distinct
// value between them and >= min_n samples inside, examined in order of decreasing ln(xmax/xmin) (ties:
// smaller xmin, then smaller xmax); the first with p >= pcrit is taken and re-fitted with all resamples.
PowerLawFit search_power_law(std::span<const std::int64_t> x, const PowerLawOptions& opt = {});

}  // namespace nwn::analysis

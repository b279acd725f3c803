// Likelihood-ratio comparison of the power law with alternative laws on the same support and data
// (Vuong 1989; Clauset, Shalizi & Newman 2009, §5). Every alternative is a discrete law on
// xmin..xmax, normalised by summing over that support, and fitted there by maximum likelihood, so the
// log-likelihoods are totals over the same n_in samples and directly comparable (unlike NWNsim's
// per-sample means in AIC/BIC, §9.15).
#pragma once
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "runner/analysis/powerlaw.h"

namespace nwn::analysis {

enum class Alternative {
    exponential,          // p(k) ∝ exp(-λk), λ >= 0
    lognormal,            // p(k) ∝ exp(-(ln k - μ)²/(2σ²))/k
    truncated_power_law,  // p(k) ∝ k^-α exp(-λk), λ >= 0 (contains the power law: λ = 0)
};
std::string name(Alternative a);

struct LikelihoodRatio {
    static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    Alternative alternative{};
    std::vector<double> params;  // exponential {λ}; lognormal {μ, σ}; truncated {α, λ}
    double loglik_power_law = nan, loglik_alternative = nan;
    double R = nan;           // Σ_i [ln p_PL(x_i) - ln p_alt(x_i)]; > 0 favours the power law
    double normalized = nan;  // Vuong's R/(σ√n), σ the std of the per-sample differences
    double p = nan;           // two-sided: the probability of |normalized| this large if neither is better
    // Nested alternative only (truncated): P(2(ℓ_alt - ℓ_PL) this large | power law), χ²₁ halved for the
    // boundary λ = 0. Small values mean the cut-off is needed.
    double p_nested = nan;
};

// Compares the power law with exponent tau on [xmin, xmax] (normally a PowerLawFit) against `alt`,
// using the samples of x within the support.
LikelihoodRatio compare_power_law(std::span<const std::int64_t> x, std::int64_t xmin, std::int64_t xmax, double tau,
                                  Alternative alt);
std::vector<LikelihoodRatio> compare_power_law(std::span<const std::int64_t> x, const PowerLawFit& fit);

}  // namespace nwn::analysis

// The truncated discrete power law p(k) = k^-τ / Z(τ), Z(τ) = Σ_{k=xmin}^{xmax} k^-τ, on integers
// xmin..xmax (1 <= xmin < xmax): its normaliser and log-moments, maximum-likelihood exponent, CDF and
// an exact sampler. Sums use support_sum.h, so each costs O(1000) operations for any xmax.
#pragma once
#include <cstdint>
#include <random>
#include <span>
#include <vector>

namespace nwn::analysis {

class DiscretePowerLaw {
public:
    DiscretePowerLaw(std::int64_t xmin, std::int64_t xmax);
    std::int64_t xmin() const { return a_; }
    std::int64_t xmax() const { return b_; }

    struct Moments {
        double log_z;     // ln Z(τ)
        double mean_log;  // E[ln k]
        double var_log;   // Var[ln k] = d² ln Z/dτ², the Fisher information per sample
    };
    Moments moments(double tau) const;

    // Log-likelihood of n samples with Σ ln x = sum_log.
    double log_likelihood(double tau, double n, double sum_log) const;

    // The MLE: the root of E_τ[ln k] = mean_log (the score is monotone in τ, so it is unique), found
    // by safeguarded Newton steps; clamped to [tau_min, tau_max] when the root lies outside.
    double fit(double mean_log, double tau_min, double tau_max) const;

    // CDF P(X <= k) at ascending points within [xmin, xmax].
    std::vector<double> cdf(double tau, std::span<const std::int64_t> points) const;

    // Exact draws: Walker's alias table for the first 65536 values (O(1) per draw), rejection from
    // the continuous law (acceptance > 99.99 %) beyond.
    class Sampler {
    public:
        Sampler(const DiscretePowerLaw& law, double tau);
        std::int64_t operator()(std::mt19937_64& g) const;

    private:
        std::int64_t a_, b_, tail_start_;
        double tau_, head_weight_, total_weight_;
        std::vector<double> alias_prob_;       // alias table over xmin .. tail_start-1
        std::vector<std::uint32_t> alias_of_;
        std::int64_t draw_tail(std::mt19937_64& g) const;
    };
    Sampler sampler(double tau) const { return Sampler(*this, tau); }

private:
    std::int64_t a_, b_, split_;
    double log_a_;
    std::vector<double> head_log_;  // ln(k/xmin) for k in [xmin, split)
    double segment_weight(double tau, std::int64_t lo, std::int64_t hi) const;  // Σ_{lo}^{hi} (k/xmin)^-τ
};

}  // namespace nwn::analysis

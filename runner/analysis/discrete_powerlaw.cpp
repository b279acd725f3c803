#include "runner/analysis/discrete_powerlaw.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/cancel.h"
#include "common/error.h"
#include "runner/analysis/random.h"
#include "runner/analysis/support_sum.h"

namespace nwn::analysis {

namespace {
constexpr double kTailDy = 0.25;             // panel width in ln x: the power law is an exponential in ln x
constexpr std::int64_t kSamplerHead = 65536;  // values drawn from a table; beyond, by rejection
}  // namespace

DiscretePowerLaw::DiscretePowerLaw(std::int64_t xmin, std::int64_t xmax) : a_(xmin), b_(xmax) {
    if (xmin < 1 || xmax <= xmin)
        throw Error("discrete power law: need 1 <= xmin < xmax, got [" + std::to_string(xmin) + ", " +
                    std::to_string(xmax) + "]");
    split_ = smooth_sum_split(a_, b_);
    log_a_ = std::log(static_cast<double>(a_));
    head_log_.reserve(static_cast<std::size_t>(split_ - a_));
    for (std::int64_t k = a_; k < split_; ++k) head_log_.push_back(std::log(static_cast<double>(k)) - log_a_);
}

// Weights are (k/xmin)^-τ, so the sums stay O(1) for any xmin and τ.
DiscretePowerLaw::Moments DiscretePowerLaw::moments(double tau) const {
    throw_if_cancelled();  // fit() calls this up to 200 times over a head of up to millions of values
    double s0 = 0, s1 = 0, s2 = 0;
    for (double l : head_log_) {
        const double w = std::exp(-tau * l);
        s0 += w;
        s1 += w * l;
        s2 += w * l * l;
    }
    if (split_ <= b_) {
        const double la = log_a_;
        const auto t = smooth_tail_sum<3>(
            [tau, la](double x) {
                const double l = std::log(x) - la, w = std::exp(-tau * l);
                return std::array<double, 3>{w, w * l, w * l * l};
            },
            split_, b_, kTailDy);
        s0 += t[0], s1 += t[1], s2 += t[2];
    }
    const double m = s1 / s0;
    return {-tau * log_a_ + std::log(s0), log_a_ + m, std::max(0.0, s2 / s0 - m * m)};
}

double DiscretePowerLaw::log_likelihood(double tau, double n, double sum_log) const {
    return -tau * sum_log - n * moments(tau).log_z;
}

double DiscretePowerLaw::fit(double mean_log, double tau_min, double tau_max) const {
    // g(τ) = E_τ[ln k] - mean_log decreases with τ (g' = -Var); the root is the MLE.
    double lo = tau_min, hi = tau_max;
    bool lo_checked = false, hi_checked = false;
    // Start from the continuous-law estimate, 1 + 1/(mean ln(x/(xmin - 1/2))).
    const double d = mean_log - std::log(static_cast<double>(a_) - 0.5);
    double t = std::clamp(d > 0 ? 1.0 + 1.0 / d : tau_max, tau_min, tau_max);
    for (int it = 0; it < 200; ++it) {
        const Moments m = moments(t);
        const double g = m.mean_log - mean_log;
        if (t == tau_max) hi_checked = true;
        if (t == tau_min) lo_checked = true;
        if (g == 0) return t;
        if (g > 0) {
            if (t == tau_max) return tau_max;  // the root lies beyond the upper bound
            lo = t;
        } else {
            if (t == tau_min) return tau_min;
            hi = t;
        }
        double next = m.var_log > 0 ? t + g / m.var_log : 0.5 * (lo + hi);
        if (!(next > lo && next < hi)) {
            if (next >= hi && hi == tau_max && !hi_checked) next = tau_max;
            else if (next <= lo && lo == tau_min && !lo_checked) next = tau_min;
            else next = 0.5 * (lo + hi);
        }
        if (std::fabs(next - t) <= 1e-12 * std::max(1.0, std::fabs(t)) || hi - lo <= 1e-13) return next;
        t = next;
    }
    return t;
}

double DiscretePowerLaw::segment_weight(double tau, std::int64_t lo, std::int64_t hi) const {
    double s = 0;
    const std::int64_t head_end = std::min(hi, split_ - 1);
    for (std::int64_t k = lo; k <= head_end; ++k) s += std::exp(-tau * head_log_[static_cast<std::size_t>(k - a_)]);
    const std::int64_t from = std::max(lo, split_);
    if (from > hi) return s;
    if (hi - from + 1 < kSmoothSumMinRun) {
        for (std::int64_t k = from; k <= hi; ++k) s += std::exp(-tau * (std::log(static_cast<double>(k)) - log_a_));
        return s;
    }
    // Midpoint Euler-Maclaurin with the integral and derivatives of w(x) = (x/xmin)^-tau in closed form:
    // the KS distance needs one such sum per gap between distinct values, and a sparse tail has many.
    const double L = static_cast<double>(from) - 0.5, U = static_cast<double>(hi) + 0.5, sx = 1.0 - tau;
    const double wL = std::exp(-tau * (std::log(L) - log_a_)), wU = std::exp(-tau * (std::log(U) - log_a_));
    const double lr = std::log(U / L);
    const double integral = L * wL * (std::fabs(sx * lr) < 1e-12 ? lr : std::expm1(sx * lr) / sx);
    const double d1 = -tau, d3 = -tau * (tau + 1) * (tau + 2);  // w'(x) = d1 w/x, w'''(x) = d3 w/x^3
    s += integral - (d1 * wU / U - d1 * wL / L) / 24.0 +
         7.0 / 5760.0 * (d3 * wU / (U * U * U) - d3 * wL / (L * L * L));
    return s;
}

std::vector<double> DiscretePowerLaw::cdf(double tau, std::span<const std::int64_t> points) const {
    std::vector<double> F(points.size());
    double acc = 0;
    std::int64_t prev = a_ - 1;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if ((i & 0xffff) == 0) throw_if_cancelled();  // a KS distance over millions of distinct values
        const std::int64_t p = std::clamp(points[i], a_ - 1, b_);
        if (p < prev) throw Error("discrete power law: CDF points must ascend");
        acc += segment_weight(tau, prev + 1, p);
        F[i] = acc;
        prev = p;
    }
    const double total = acc + segment_weight(tau, prev + 1, b_);
    for (double& f : F) f /= total;
    return F;
}

DiscretePowerLaw::Sampler::Sampler(const DiscretePowerLaw& law, double tau)
    : a_(law.a_), b_(law.b_), tail_start_(std::min(law.b_ + 1, law.a_ + kSamplerHead)), tau_(tau) {
    const auto H = static_cast<std::size_t>(tail_start_ - a_);
    std::vector<double> w(H);
    double acc = 0;
    for (std::size_t i = 0; i < H; ++i) {
        const double l = std::log(static_cast<double>(a_ + static_cast<std::int64_t>(i))) - law.log_a_;
        acc += w[i] = std::exp(-tau * l);
    }
    head_weight_ = acc;
    total_weight_ = acc + (tail_start_ <= b_ ? law.segment_weight(tau, tail_start_, b_) : 0.0);
    // Vose's construction: every column holds its own value with probability alias_prob_ and its
    // alias otherwise, so one uniform picks a value with exactly the weight w.
    alias_prob_.assign(H, 1.0);
    alias_of_.resize(H);
    std::vector<std::uint32_t> small, large;
    for (std::size_t i = 0; i < H; ++i) {
        w[i] *= static_cast<double>(H) / acc;
        alias_of_[i] = static_cast<std::uint32_t>(i);
        (w[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
        const auto s = small.back(), l = large.back();
        small.pop_back();
        alias_prob_[s] = w[s];
        alias_of_[s] = l;
        w[l] -= 1.0 - w[s];
        if (w[l] < 1.0) {
            large.pop_back();
            small.push_back(l);
        }
    }
}

std::int64_t DiscretePowerLaw::Sampler::operator()(std::mt19937_64& g) const {
    const double v = uniform01(g) * total_weight_;
    if (v >= head_weight_) return draw_tail(g);
    // v/head_weight_ is again uniform on (0, 1): one draw serves both choices (53 bits are plenty).
    const double u = v / head_weight_ * static_cast<double>(alias_prob_.size());
    const auto i = std::min(static_cast<std::size_t>(u), alias_prob_.size() - 1);
    return a_ + (u - static_cast<double>(i) < alias_prob_[i] ? static_cast<std::int64_t>(i) : alias_of_[i]);
}

// Propose x from the continuous density ∝ x^-τ on [tail_start - 1/2, xmax + 1/2] and round it: k is
// proposed with probability ∝ I_k = ∫_{k-1/2}^{k+1/2} x^-τ dx >= k^-τ (x^-τ is convex), so accepting
// with probability k^-τ / I_k = 1/J_k gives exactly p(k) ∝ k^-τ.
std::int64_t DiscretePowerLaw::Sampler::draw_tail(std::mt19937_64& g) const {
    const double L = static_cast<double>(tail_start_) - 0.5, U = static_cast<double>(b_) + 0.5;
    const double s = 1.0 - tau_, lr = std::log(U / L);
    for (;;) {
        const double u = uniform01(g);
        const double lnx = std::log(L) + (std::fabs(s * lr) < 1e-12 ? u * lr : std::log1p(u * std::expm1(s * lr)) / s);
        const auto k = std::clamp(static_cast<std::int64_t>(std::floor(std::exp(lnx) + 0.5)), tail_start_, b_);
        const double kd = static_cast<double>(k), h = 0.5 / kd;
        const double span = std::log1p(h) - std::log1p(-h);
        const double J = std::fabs(s) < 1e-300 ? 1.0 : kd * std::exp(s * std::log1p(-h)) * std::expm1(s * span) / s;
        if (uniform01(g) * J < 1.0) return k;
    }
}

}  // namespace nwn::analysis

#include "runner/analysis/likelihood_ratio.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>

#include "common/error.h"
#include "runner/analysis/optimize.h"
#include "runner/analysis/support_sum.h"
#include "runner/analysis/validate.h"

namespace nwn::analysis {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// An alternative law as its unnormalised log-pmf; ln Z is computed by summing over the support with
// the largest term factored out, so nothing under- or overflows for any parameters.
struct Law {
    std::function<double(double)> log_f;  // ln f(k; θ)
    double log_f_max;                     // an upper bound on ln f over the support (its maximum)
    double dy;                            // quadrature panel width in ln x for the smooth tail
};

double log_z(const Law& law, std::int64_t a, std::int64_t b) {
    const auto s = support_sum<1>(
        [&](double x) { return std::array<double, 1>{std::exp(law.log_f(x) - law.log_f_max)}; }, a, b, law.dy);
    return law.log_f_max + std::log(s[0]);
}

// The samples of one support as distinct values with counts.
struct Data {
    std::int64_t a, b;
    std::vector<double> value, count;
    double n = 0, sum = 0, sum_log = 0, sum_log2 = 0;
};

Data collect(std::span<const std::int64_t> x, std::int64_t a, std::int64_t b) {
    std::map<std::int64_t, double> m;
    for (auto v : x) {
        if (v < 1) throw Error("likelihood ratio: value " + std::to_string(v) + " is below 1");
        if (v >= a && v <= b) m[v] += 1;
    }
    Data d{a, b, {}, {}};
    for (const auto& [v, c] : m) {
        const double xv = static_cast<double>(v), l = std::log(xv);
        d.value.push_back(xv), d.count.push_back(c);
        d.n += c, d.sum += c * xv, d.sum_log += c * l, d.sum_log2 += c * l * l;
    }
    return d;
}

Law exponential_law(double lambda, double a) {
    return {[lambda, a](double k) { return -lambda * (k - a); }, 0.0, 0.05};
}

Law lognormal_law(double mu, double sigma, double a, double b) {
    auto lf = [mu, sigma](double k) {
        const double l = std::log(k);
        return -l - (l - mu) * (l - mu) / (2 * sigma * sigma);
    };
    const double peak = std::exp(std::clamp(mu - sigma * sigma, std::log(a), std::log(b)));
    return {lf, lf(peak), std::min(0.25, sigma / 2)};
}

Law truncated_law(double alpha, double lambda, double a, double b) {
    auto lf = [alpha, lambda](double k) { return -alpha * std::log(k) - lambda * k; };
    double top = std::max(lf(a), lf(b));
    if (alpha < 0 && lambda > 0) top = std::max(top, lf(std::clamp(-alpha / lambda, a, b)));
    return {lf, top, 0.05};
}

double total_log_f(const Law& law, const Data& d) {
    double s = 0;
    for (std::size_t i = 0; i < d.value.size(); ++i) s += d.count[i] * law.log_f(d.value[i]);
    return s;
}

double loglik(const Law& law, const Data& d) { return total_log_f(law, d) - d.n * log_z(law, d.a, d.b); }

struct Fitted {
    Law law;
    std::vector<double> params;
    double loglik;
};

Fitted fit_exponential(const Data& d) {
    const double a = static_cast<double>(d.a);
    auto nll = [&](double eta) { return -loglik(exponential_law(std::exp(eta), a), d); };
    const double eta0 = -std::log(d.sum / d.n - a + 1.0);
    const auto m = brent_minimize(nll, eta0 - 16.0, std::min(eta0 + 8.0, std::log(50.0)), 1e-9);
    const double lambda = -nll(-kInf) <= -m.f ? std::exp(m.x) : 0.0;  // λ = 0: uniform
    const Law law = exponential_law(lambda, a);
    return {law, {lambda}, loglik(law, d)};
}

// Nelder–Mead, restarted from its own result so a collapsed simplex does not end the search early.
Minimum2D minimize_restarted(const std::function<double(const std::array<double, 2>&)>& f, std::array<double, 2> x,
                             std::array<double, 2> step) {
    Minimum2D m{x, f(x)};
    for (int round = 0; round < 4; ++round) {
        const auto r = nelder_mead(f, m.x, step, 1e-13, 3000);
        const bool improved = r.f < m.f - 1e-10 * (1 + std::fabs(m.f));
        if (r.f <= m.f) m = r;
        if (!improved && round > 0) break;
        step = {step[0] * 0.3, step[1] * 0.3};
    }
    return m;
}

Fitted fit_lognormal(const Data& d) {
    const double a = static_cast<double>(d.a), b = static_cast<double>(d.b);
    auto nll = [&](const std::array<double, 2>& p) {
        const double sigma = std::exp(p[1]);
        if (!std::isfinite(sigma) || sigma < 1e-3 || sigma > 1e4 || std::fabs(p[0]) > 1e4) return kInf;
        return -loglik(lognormal_law(p[0], sigma, a, b), d);
    };
    const double mu = d.sum_log / d.n;
    const double var = std::max(d.sum_log2 / d.n - mu * mu, 1e-4);
    const auto m = minimize_restarted(nll, {mu, 0.5 * std::log(var)}, {0.5, 0.5});
    const Law law = lognormal_law(m.x[0], std::exp(m.x[1]), a, b);
    return {law, {m.x[0], std::exp(m.x[1])}, -m.f};
}

Fitted fit_truncated(const Data& d, double tau) {
    const double a = static_cast<double>(d.a), b = static_cast<double>(d.b);
    auto nll = [&](const std::array<double, 2>& p) {
        if (p[1] < 0 || std::fabs(p[0]) > 50) return kInf;
        return -loglik(truncated_law(p[0], p[1], a, b), d);
    };
    // Start at the power law itself (λ = 0), so the fit can only improve on it.
    const auto m = minimize_restarted(nll, {tau, 0.0}, {0.1, 1.0 / (d.sum / d.n)});
    const Law law = truncated_law(m.x[0], m.x[1], a, b);
    return {law, {m.x[0], m.x[1]}, -m.f};
}

}  // namespace

std::string name(Alternative a) {
    switch (a) {
        case Alternative::exponential: return "exponential";
        case Alternative::lognormal: return "lognormal";
        case Alternative::truncated_power_law: return "truncated_power_law";
    }
    return "?";
}

LikelihoodRatio compare_power_law(std::span<const std::int64_t> x, std::int64_t xmin, std::int64_t xmax, double tau,
                                  Alternative alt) {
    if (!std::isfinite(tau)) throw Error("likelihood ratio: the power-law exponent is not finite");
    const DiscretePowerLaw pl(xmin, xmax);  // validates the support
    const Data d = collect(x, xmin, xmax);
    require_count(static_cast<std::size_t>(d.n), 2, "likelihood ratio: samples within [" + std::to_string(xmin) +
                                                        ", " + std::to_string(xmax) + "]");
    const Fitted f = alt == Alternative::exponential ? fit_exponential(d)
                   : alt == Alternative::lognormal   ? fit_lognormal(d)
                                                     : fit_truncated(d, tau);
    const double lz_pl = pl.moments(tau).log_z, lz_alt = log_z(f.law, d.a, d.b);

    LikelihoodRatio r;
    r.alternative = alt;
    r.params = f.params;
    // Per-sample differences: their mean and spread give Vuong's statistic.
    double sum = 0, sum2 = 0;
    for (std::size_t i = 0; i < d.value.size(); ++i) {
        const double l = (-tau * std::log(d.value[i]) - lz_pl) - (f.law.log_f(d.value[i]) - lz_alt);
        sum += d.count[i] * l, sum2 += d.count[i] * l * l;
    }
    const double mean = sum / d.n, sd = std::sqrt(std::max(0.0, sum2 / d.n - mean * mean));
    r.loglik_power_law = -tau * d.sum_log - d.n * lz_pl;
    r.loglik_alternative = r.loglik_power_law - sum;
    r.R = sum;
    // Per-sample differences are O(1) numbers computed to ~1e-12; below kNoise they are rounding, which
    // happens when an alternative fits as the power law itself (truncated with lambda = 0).
    constexpr double kNoise = 1e-9;
    if (sd > kNoise) {
        r.normalized = std::sqrt(d.n) * mean / sd;
        r.p = std::erfc(std::fabs(r.normalized) / std::sqrt(2.0));
    } else {
        const bool same = std::fabs(mean) <= kNoise;
        r.normalized = same ? 0.0 : std::copysign(kInf, mean);
        r.p = same ? 1.0 : 0.0;
    }
    if (alt == Alternative::truncated_power_law) {
        const double D = std::max(0.0, -2.0 * r.R);
        r.p_nested = D > 0 ? 0.5 * std::erfc(std::sqrt(D / 2.0)) : 1.0;
    }
    return r;
}

std::vector<LikelihoodRatio> compare_power_law(std::span<const std::int64_t> x, const PowerLawFit& fit) {
    std::vector<LikelihoodRatio> out;
    for (auto alt : {Alternative::exponential, Alternative::lognormal, Alternative::truncated_power_law})
        out.push_back(compare_power_law(x, fit.xmin, fit.xmax, fit.value, alt));
    return out;
}

}  // namespace nwn::analysis

// The truncated discrete power law: fast sums against term-by-term sums, the MLE against a brute-force
// maximum of the exact likelihood, the sampler against the pmf.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "common/error.h"
#include "runner/analysis/discrete_powerlaw.h"
#include "runner/analysis/optimize.h"
#include "synthetic.h"

using namespace nwn::analysis;

TEST_CASE("power-law moments match term-by-term sums, also on long supports") {
    struct Case {
        std::int64_t a, b;
    };
    for (const Case c : {Case{1, 1000}, Case{1, 200000}, Case{3000, 50000}, Case{7, 1500}}) {
        for (double tau : {0.5, 1.0, 1.01, 1.5, 2.5, 5.5}) {
            long double s0 = 0, s1 = 0, s2 = 0;
            for (std::int64_t k = c.a; k <= c.b; ++k) {
                const long double l = std::log(static_cast<long double>(k)), w = std::exp(-tau * l);
                s0 += w, s1 += w * l, s2 += w * l * l;
            }
            const double mean = static_cast<double>(s1 / s0), var = static_cast<double>(s2 / s0 - (s1 / s0) * (s1 / s0));
            const auto m = DiscretePowerLaw(c.a, c.b).moments(tau);
            INFO("support [" << c.a << ", " << c.b << "], tau " << tau);
            CHECK(m.log_z == Approx(static_cast<double>(std::log(s0))).epsilon(1e-10).margin(1e-12));
            CHECK(m.mean_log == Approx(mean).epsilon(1e-10));
            CHECK(m.var_log == Approx(var).epsilon(1e-7));
        }
    }
}

TEST_CASE("power-law CDF matches term-by-term sums") {
    const DiscretePowerLaw law(2, 100000);
    const std::vector<std::int64_t> pts{2, 3, 10, 999, 1000, 1500, 40000, 99999, 100000};
    const auto F = law.cdf(1.7, pts);
    long double z = 0;
    for (std::int64_t k = 2; k <= 100000; ++k) z += std::pow(static_cast<long double>(k), -1.7L);
    long double acc = 0;
    std::size_t i = 0;
    for (std::int64_t k = 2; k <= 100000 && i < pts.size(); ++k) {
        acc += std::pow(static_cast<long double>(k), -1.7L);
        if (k == pts[i]) CHECK(F[i++] == Approx(static_cast<double>(acc / z)).epsilon(1e-10));
    }
    CHECK(i == pts.size());
}

TEST_CASE("power-law MLE is the maximum of the exact likelihood") {
    for (double tau : {1.3, 2.3, 3.7}) {
        const auto x = nwn::test::sample_power_law(300, tau, 2, 500, 42);
        double sum_log = 0;
        for (auto v : x) sum_log += std::log(static_cast<double>(v));
        const double fit = DiscretePowerLaw(2, 500).fit(sum_log / x.size(), 1.0, 6.0);
        // Brent on the term-by-term log-likelihood (long double), independent of the Newton iteration.
        const auto best = brent_minimize([&](double t) { return -nwn::test::exact_power_law_loglik(x, t, 2, 500); },
                                         1.0, 6.0, 1e-9);
        INFO("tau " << tau);
        CHECK(fit == Approx(best.x).margin(1e-6));
    }
    // All mass on xmin: the likelihood rises without bound in τ, so the fit stops at tau_max.
    CHECK(DiscretePowerLaw(3, 10).fit(std::log(3.0), 1.0, 6.0) == 6.0);
    CHECK_THROWS_AS(DiscretePowerLaw(5, 5), nwn::Error);
    CHECK_THROWS_AS(DiscretePowerLaw(0, 5), nwn::Error);
}

TEST_CASE("power-law sampler reproduces the pmf, table head and rejection tail alike") {
    const double tau = 1.6;
    const std::int64_t a = 1, b = 400000;  // values above 65536 come from the rejection sampler
    const DiscretePowerLaw law(a, b);
    const auto draw = law.sampler(tau);
    std::mt19937_64 g(7);
    // Bins [1], [2], [3,4], [5,8], ... (doubling), expected counts from term-by-term sums.
    std::vector<std::int64_t> lo;
    for (std::int64_t e = 1; e <= b; e *= 2) lo.push_back(e);
    const std::size_t nb = lo.size();
    auto bin_of = [&](std::int64_t k) { return static_cast<std::size_t>(std::upper_bound(lo.begin(), lo.end(), k) - lo.begin()) - 1; };
    std::vector<double> expected(nb, 0.0), observed(nb, 0.0);
    double z = 0;
    for (std::int64_t k = a; k <= b; ++k) z += std::pow(static_cast<double>(k), -tau);
    const std::size_t n = 400000;
    for (std::int64_t k = a; k <= b; ++k) expected[bin_of(k)] += n * std::pow(static_cast<double>(k), -tau) / z;
    for (std::size_t i = 0; i < n; ++i) {
        const auto k = draw(g);
        REQUIRE(k >= a);
        REQUIRE(k <= b);
        observed[bin_of(k)] += 1;
    }
    double chi2 = 0;
    for (std::size_t i = 0; i < nb; ++i) chi2 += (observed[i] - expected[i]) * (observed[i] - expected[i]) / expected[i];
    // 19 bins -> 18 degrees of freedom; P(χ² > 42.3) = 0.001.
    INFO("chi2 " << chi2 << ", tail bins observed " << observed[nb - 2] << " " << observed[nb - 1] << " expected "
                 << expected[nb - 2] << " " << expected[nb - 1]);
    CHECK(chi2 < 42.3);
}

// Power-law fits: recovery of known exponents, support search, p-value calibration, determinism.
#include <catch2/catch.hpp>

#include <cmath>

#include "common/error.h"
#include "runner/analysis/powerlaw.h"
#include "synthetic.h"

using namespace nwn::analysis;
using nwn::test::sample_power_law;

namespace {
PowerLawOptions quick(std::size_t resamples, unsigned threads = 2) {
    PowerLawOptions o;
    o.resamples = resamples;
    o.threads = threads;
    o.seed = 12345;
    return o;
}
}  // namespace

TEST_CASE("KS distance on a hand-computed example") {
    // Uniform law (τ = 0) on 1..3: F = 1/3, 2/3, 1. Data {1, 1, 3}: F_data = 2/3, 2/3, 1 -> D = 1/3 at k = 1.
    const DiscretePowerLaw law(1, 3);
    const std::vector<std::int64_t> v{1, 3};
    const std::vector<std::size_t> c{2, 1};
    CHECK(ks_distance(law, 0.0, v, c) == Approx(1.0 / 3.0));
    // Data {2, 2}: F_data = 0, 1, 1 -> D = max(1/3, 1/3, 0) = 1/3 (first gap is before the first value).
    CHECK(ks_distance(law, 0.0, std::vector<std::int64_t>{2}, std::vector<std::size_t>{2}) == Approx(1.0 / 3.0));
}

TEST_CASE("MLE recovers tau in {1.5, 2.0, 2.5} within 2 sigma (n = 5000 on [1, 1000])") {
    std::uint64_t seed = 100;
    for (double tau : {1.5, 2.0, 2.5}) {
        const auto x = sample_power_law(5000, tau, 1, 1000, ++seed);
        const auto f = fit_power_law(x, 1, 1000, quick(60));
        INFO("tau " << tau << " fit " << f.value << " sigma " << f.sigma << " (Fisher " << f.sigma_fisher << ") p "
                    << f.p << " ks " << f.ks);
        CHECK(f.n_in == 5000);
        CHECK(std::fabs(f.value - tau) < 2 * f.sigma);
        // The bootstrap and the Fisher information agree on the uncertainty (60 resamples: ±20 %).
        CHECK(f.sigma_boot == Approx(f.sigma_fisher).epsilon(0.3));
        CHECK(f.p > 0.01);
    }
}

TEST_CASE("support search excludes a non-power-law head and keeps exponents above 3") {
    // 4000 power-law samples (τ = 2) on [10, 2000] plus 1500 uniform on 1..9.
    auto x = sample_power_law(4000, 2.0, 10, 2000, 7);
    const auto head = nwn::test::sample_discrete(1500, 1, 9, [](double) { return 1.0; }, 8);
    x.insert(x.end(), head.begin(), head.end());
    const auto f = search_power_law(x, quick(100));
    INFO("xmin " << f.xmin << " xmax " << f.xmax << " tau " << f.value << " ± " << f.sigma << " p " << f.p
                 << " tried " << f.candidates_tried);
    CHECK(f.pcrit_reached);
    CHECK(f.xmin >= 10);
    CHECK(f.xmin <= 15);
    CHECK(f.xmax >= 1000);
    CHECK(f.p >= 0.5);
    CHECK(std::fabs(f.value - 2.0) < 2 * f.sigma);

    // NWNsim caps τ at 3 (§9.15); here τ = 3.5 is found as such.
    const auto steep = sample_power_law(3000, 3.5, 1, 500, 9);
    const auto g = fit_power_law(steep, 1, 500, quick(30));
    INFO("steep fit " << g.value << " ± " << g.sigma);
    CHECK(std::fabs(g.value - 3.5) < 2 * g.sigma);
}

TEST_CASE("p-values are roughly uniform when the power law is true") {
    // 100 data sets (n = 300, τ = 2.2 on [1, 300]) with 100 resamples each. With R resamples and a
    // uniform p, the success count is uniform on 0..R, so P(p < 0.1) = 10/101 and P(p < 0.5) = 50/101.
    // Bands with two-sided probability ~0.4 % each: #(p < 0.1) ~ Bin(100, 0.099) in [3, 19];
    // #(p < 0.5) ~ Bin(100, 0.495) in [35, 65].
    int below_01 = 0, below_05 = 0;
    for (int d = 0; d < 100; ++d) {
        const auto x = sample_power_law(300, 2.2, 1, 300, 1000 + d);
        const auto f = fit_power_law(x, 1, 300, quick(100));
        below_01 += f.p < 0.1;
        below_05 += f.p < 0.5;
    }
    INFO("p < 0.1: " << below_01 << "/100, p < 0.5: " << below_05 << "/100");
    CHECK(below_01 >= 3);
    CHECK(below_01 <= 19);
    CHECK(below_05 >= 35);
    CHECK(below_05 <= 65);

    // Exponential data are rejected on the same kind of support.
    const auto e = nwn::test::sample_exponential(1000, 0.05, 1, 300, 5);
    const auto fe = fit_power_law(e, 1, 300, quick(50));
    INFO("exponential data: tau " << fe.value << " p " << fe.p);
    CHECK(fe.p < 0.05);
}

TEST_CASE("support search without an acceptable support reports the best one it saw") {
    const auto x = nwn::test::sample_exponential(2000, 0.05, 1, 400, 41);
    auto o = quick(50);
    o.max_candidates = 40;
    const auto f = search_power_law(x, o);
    INFO("xmin " << f.xmin << " xmax " << f.xmax << " p " << f.p << " tried " << f.candidates_tried);
    CHECK_FALSE(f.pcrit_reached);
    CHECK(f.candidates_tried == 40);
    CHECK(f.p < 0.5);
    CHECK(f.xmax > f.xmin);
}

TEST_CASE("fit results do not depend on the thread count") {
    auto x = sample_power_law(1500, 1.8, 3, 3000, 21);
    const auto head = nwn::test::sample_discrete(400, 1, 2, [](double) { return 1.0; }, 22);
    x.insert(x.end(), head.begin(), head.end());
    const auto a = search_power_law(x, quick(60, 1));
    for (unsigned t : {2u, 3u}) {
        const auto b = search_power_law(x, quick(60, t));
        CHECK(b.xmin == a.xmin);
        CHECK(b.xmax == a.xmax);
        CHECK(b.value == a.value);
        CHECK(b.p == a.p);
        CHECK(b.sigma == a.sigma);
        CHECK(b.candidates_tried == a.candidates_tried);
    }
}

TEST_CASE("power-law fits reject bad input with counts in the message") {
    const std::vector<std::int64_t> few{1, 2, 3};
    CHECK_THROWS_WITH(search_power_law(few, quick(10)), Catch::Contains("found 3, need at least 10"));
    CHECK_THROWS_WITH(fit_power_law(few, 1, 3, quick(10)), Catch::Contains("found 3, need at least 10"));
    CHECK_THROWS_WITH(search_power_law(std::vector<std::int64_t>(20, 4), quick(10)),
                      Catch::Contains("distinct values: found 1, need at least 3"));
    CHECK_THROWS_AS(search_power_law(std::vector<std::int64_t>{0, 1, 2}, quick(10)), nwn::Error);
    CHECK_THROWS_AS(search_power_law(sample_power_law(100, 2, 1, 100, 1), quick(0)), nwn::Error);
    CHECK_THROWS_AS(fit_power_law(sample_power_law(100, 2, 1, 100, 1), 5, 5, quick(0)), nwn::Error);
    auto bad = quick(10);
    bad.tau_min = 3, bad.tau_max = 2;
    CHECK_THROWS_AS(fit_power_law(sample_power_law(100, 2, 1, 100, 1), 1, 100, bad), nwn::Error);
}

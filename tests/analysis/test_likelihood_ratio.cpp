// Vuong likelihood-ratio tests: the right law wins on its own data.
#include <catch2/catch.hpp>

#include <cmath>

#include "common/error.h"
#include "runner/analysis/likelihood_ratio.h"
#include "synthetic.h"

using namespace nwn::analysis;

TEST_CASE("power-law data: the power law beats the exponential, no cut-off is needed") {
    const auto x = nwn::test::sample_power_law(3000, 2.0, 1, 1000, 31);
    PowerLawOptions o;
    o.resamples = 0;
    const auto f = fit_power_law(x, 1, 1000, o);
    const auto r = compare_power_law(x, f);
    REQUIRE(r.size() == 3);
    const auto& ex = r[0];
    const auto& ln = r[1];
    const auto& tpl = r[2];
    INFO("exp: R " << ex.R << " z " << ex.normalized << " p " << ex.p << "; lognormal: R " << ln.R << " z "
                   << ln.normalized << " p " << ln.p << " mu " << ln.params[0] << " sigma " << ln.params[1]
                   << "; truncated: R " << tpl.R << " alpha " << tpl.params[0] << " lambda " << tpl.params[1]
                   << " p_nested " << tpl.p_nested);
    CHECK(ex.alternative == Alternative::exponential);
    CHECK(ex.R > 0);
    CHECK(ex.normalized > 3);
    CHECK(ex.p < 0.01);
    CHECK(ex.loglik_power_law == Approx(f.log_likelihood).epsilon(1e-9));
    // The lognormal can mimic a power law over a finite range: it must not be clearly better.
    CHECK(ln.normalized > -2);
    // The truncated law contains the power law (λ = 0): never worse, and the cut-off is not significant.
    CHECK(tpl.R <= 1e-6);
    CHECK(tpl.params[1] >= 0);
    CHECK(tpl.p_nested > 0.05);
    CHECK(std::isnan(ex.p_nested));
}

TEST_CASE("exponential data: the exponential beats the power law") {
    const auto x = nwn::test::sample_exponential(3000, 0.05, 1, 1000, 32);
    PowerLawOptions o;
    o.resamples = 0;
    const auto f = fit_power_law(x, 1, 1000, o);
    const auto ex = compare_power_law(x, 1, 1000, f.value, Alternative::exponential);
    const auto tpl = compare_power_law(x, 1, 1000, f.value, Alternative::truncated_power_law);
    INFO("exp: R " << ex.R << " z " << ex.normalized << " p " << ex.p << " lambda " << ex.params[0]
                   << "; truncated: R " << tpl.R << " alpha " << tpl.params[0] << " lambda " << tpl.params[1]
                   << " p_nested " << tpl.p_nested);
    CHECK(ex.R < 0);
    CHECK(ex.normalized < -3);
    CHECK(ex.p < 0.01);
    CHECK(ex.params[0] == Approx(0.05).epsilon(0.1));  // the ML rate recovers λ
    CHECK(tpl.p_nested < 0.01);                          // the cut-off is needed
    CHECK(tpl.params[1] == Approx(0.05).epsilon(0.3));
    CHECK(tpl.params[0] == Approx(0.0).margin(0.3));
}

TEST_CASE("lognormal data: the lognormal beats the power law") {
    // ln k ~ N(3, 0.6²) on [1, 2000]: a clear hump the power law cannot follow.
    const auto x = nwn::test::sample_discrete(
        3000, 1, 2000, [](double k) { return std::exp(-std::pow(std::log(k) - 3.0, 2) / (2 * 0.36)) / k; }, 33);
    const auto ln = compare_power_law(x, 1, 2000, 1.5, Alternative::lognormal);
    INFO("lognormal: R " << ln.R << " z " << ln.normalized << " mu " << ln.params[0] << " sigma " << ln.params[1]);
    CHECK(ln.normalized < -3);
    CHECK(ln.params[0] == Approx(3.0).margin(0.05));
    CHECK(ln.params[1] == Approx(0.6).margin(0.05));
}

TEST_CASE("likelihood ratio rejects bad input") {
    const std::vector<std::int64_t> x{1, 2, 3, 4};
    CHECK_THROWS_AS(compare_power_law(x, 3, 2, 2.0, Alternative::exponential), nwn::Error);
    CHECK_THROWS_AS(compare_power_law(x, 1, 4, NAN, Alternative::exponential), nwn::Error);
    CHECK_THROWS_WITH(compare_power_law(x, 10, 20, 2.0, Alternative::exponential),
                      Catch::Contains("found 0, need at least 2"));
}

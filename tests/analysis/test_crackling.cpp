// Crackling-noise relation: the predicted exponent and the ⟨S⟩(T) slope on constructed data.
#include <catch2/catch.hpp>

#include <cmath>

#include "runner/analysis/crackling.h"

using namespace nwn::analysis;

TEST_CASE("predicted 1/(σνz) = (α-1)/(τ-1) with errors of α-1 and τ-1 in quadrature") {
    PowerLawFit tau, alpha;
    tau.value = 1.5, tau.sigma = 0.05;
    alpha.value = 2.0, alpha.sigma = 0.1;
    const auto x = predicted_crackling(tau, alpha);
    CHECK(x.value == Approx(2.0));
    // 2·sqrt((0.1/1)² + (0.05/0.5)²) = 2·sqrt(0.02)
    CHECK(x.sigma == Approx(2.0 * std::sqrt(0.02)));
    tau.value = 1.0;
    CHECK(std::isnan(predicted_crackling(tau, alpha).value));
}

TEST_CASE("<S>(T) slope: least squares in log-log with the slope's standard error") {
    // log10 T = 0, 1, 2; log10 S = 1 + 1.5 log10 T + (0.01, -0.02, 0.01). The slope is (v2 - v0)/2 = 1.5;
    // residuals (0.01, -0.02, 0.01), RSS = 6e-4, s² = RSS/1, Σ(u - ū)² = 2 -> σ = sqrt(3e-4) = 0.01732.
    MeanSizeByLifetime m;
    m.lifetime = {1, 10, 100, 1000};
    m.count = {5, 5, 5, 5};
    m.mean_size = {std::pow(10.0, 1.01), std::pow(10.0, 2.48), std::pow(10.0, 4.01), 1.0};
    const auto f = mean_size_exponent(m, 1, 100);  // T = 1000 lies outside the range
    REQUIRE(f.valid);
    CHECK(f.points == 3);
    CHECK(f.slope.value == Approx(1.5));
    CHECK(f.intercept == Approx(1.0));
    CHECK(f.slope.sigma == Approx(std::sqrt(3e-4)));

    // Exact power law ⟨S⟩ = 3 T² from avalanches: slope 2, zero error.
    std::vector<Avalanche> av;
    for (std::size_t T = 2; T <= 40; ++T)
        for (int k = 0; k < 2; ++k) av.push_back({static_cast<std::int64_t>(3 * T * T) + (k ? 1 : -1), T, 0, 0, 0, 0});
    const auto g = mean_size_exponent(mean_size_by_lifetime(av), 2, 40);
    CHECK(g.slope.value == Approx(2.0).epsilon(1e-12));
    CHECK(g.slope.sigma == Approx(0.0).margin(1e-12));

    // Too few lifetimes: no slope (1 point) or no error (2 points).
    CHECK_FALSE(mean_size_exponent(m, 10, 10).valid);
    const auto two = mean_size_exponent(m, 1, 10);
    CHECK(two.valid);
    CHECK(std::isnan(two.slope.sigma));
}

// Shape collapse recovers γ from synthetic profiles s(t, T) = T^γ·F(t/T) with noise.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "common/error.h"
#include "runner/analysis/shape_collapse.h"

using namespace nwn::analysis;

namespace {
// 60 avalanches for each T in [5, 30], F(u) = 4u(1.2 - u) (non-zero at u = 1, like a last non-empty bin),
// 10 % multiplicative noise per bin; plus short and rare durations that must be ignored.
std::vector<std::vector<double>> synthetic_profiles(double gamma, std::uint64_t seed) {
    std::mt19937_64 g(seed);
    std::normal_distribution<double> noise(0.0, 0.1);
    std::vector<std::vector<double>> p;
    auto add = [&](std::size_t T, int count) {
        for (int c = 0; c < count; ++c) {
            std::vector<double> s(T);
            for (std::size_t t = 1; t <= T; ++t) {
                const double u = static_cast<double>(t) / static_cast<double>(T);
                s[t - 1] = std::pow(static_cast<double>(T), gamma) * 4 * u * (1.2 - u) * (1 + noise(g));
            }
            p.push_back(std::move(s));
        }
    };
    for (std::size_t T = 5; T <= 30; ++T) add(T, 60);
    add(3, 200);  // shorter than min_lifetime
    add(40, 10);  // fewer than min_count, with a wrong shape: would spoil the collapse if used
    for (std::size_t i = p.size() - 10; i < p.size(); ++i)
        for (auto& v : p[i]) v *= 5;
    return p;
}
}  // namespace

TEST_CASE("shape collapse recovers gamma with a bootstrap error") {
    for (double gamma : {0.5, 1.0}) {
        const auto p = synthetic_profiles(gamma, 77);
        ShapeCollapseOptions o;
        o.bootstraps = 10;
        o.seed = 5;
        o.threads = 2;
        const auto r = shape_collapse(p, o);
        INFO("gamma " << gamma << " found " << r.gamma << " ± " << r.exponent.sigma << " durations "
                      << r.durations.size() << " bootstraps " << r.bootstraps_used);
        REQUIRE(r.valid);
        CHECK(r.durations.size() == 26);  // T = 5..30; 3 is too short, 40 too rare
        CHECK(r.durations.front() == 5);
        CHECK(r.durations.back() == 30);
        CHECK(r.gamma == Approx(gamma).margin(0.03));
        CHECK(r.exponent.value == Approx(1 + r.gamma));
        CHECK(r.exponent.sigma > 0);
        CHECK(r.exponent.sigma < 0.05);
        CHECK(std::fabs(r.gamma - gamma) < 4 * r.exponent.sigma + 0.01);
        CHECK(r.bootstraps_used == 10);
        CHECK_FALSE(r.at_grid_edge);

        // max_lifetime (the lifetime fit's xmax) limits the durations; the thread count does not matter.
        o.max_lifetime = 20;
        o.threads = 1;
        const auto r20 = shape_collapse(p, o);
        CHECK(r20.durations.back() == 20);
        o.threads = 3;
        CHECK(shape_collapse(p, o).exponent.sigma == r20.exponent.sigma);
    }
}

TEST_CASE("shape collapse without qualifying durations is NaN with a flag, not 1.0") {
    // Only one duration has >= 50 avalanches: nothing to collapse (NWNsim reports 1.0 ± 0 here, §9.16).
    std::vector<std::vector<double>> p(60, std::vector<double>(6, 1.0));
    p.push_back(std::vector<double>(7, 1.0));
    const auto r = shape_collapse(p, {});
    CHECK_FALSE(r.valid);
    CHECK(std::isnan(r.exponent.value));
    CHECK(std::isnan(r.exponent.sigma));
    CHECK(shape_collapse({}, {}).valid == false);
    ShapeCollapseOptions bad;
    bad.min_lifetime = 1;
    CHECK_THROWS_AS(shape_collapse(p, bad), nwn::Error);
    CHECK_THROWS_AS(shape_collapse({{1.0, NAN}}, {}), nwn::Error);
}

// Lyapunov arithmetic against hand-computed answers: Benettin's procedure on linear maps with known
// exponents, annihilated separations, batch-means errors, the conductance ratio r.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>
#include <limits>

#include "common/error.h"
#include "runner/analysis/lyapunov_math.h"

using namespace nwn;
using analysis::State;

namespace {

// Benettin on x -> A x (reference at 0): the mean log stretch per step is the j-th exponent, ln|eig_j|.
std::vector<double> linear_map_exponents(const std::vector<std::vector<double>>& a, std::size_t k, int steps) {
    const std::size_t n = a.size();
    const double eps = 1e-3;
    auto copies = analysis::perturbed_copies(State(n, 0.0), analysis::random_unit(n, 7), k, eps, 11);
    std::vector<double> sum(k, 0.0);
    for (int s = 0; s < steps; ++s) {
        for (std::size_t c = 1; c <= k; ++c) {
            State y(n, 0.0);
            for (std::size_t i = 0; i < n; ++i)
                for (std::size_t j = 0; j < n; ++j) y[i] += a[i][j] * copies[c][j];
            copies[c] = y;
        }
        const auto f = analysis::renormalise(copies, eps);
        for (std::size_t j = 0; j < k; ++j) sum[j] += std::log(f[j]);
    }
    for (double& x : sum) x /= steps;
    return sum;
}

}  // namespace

TEST_CASE("Gram-Schmidt renormalisation recovers the exponents of a linear map", "[lyapunov]") {
    // Non-normal (upper triangular): exponents are the logs of the diagonal, ln 2, ln 0.5, ln 0.1.
    const std::vector<std::vector<double>> a{{2.0, 1.0, 0.3}, {0.0, 0.5, 2.0}, {0.0, 0.0, 0.1}};
    const auto l = linear_map_exponents(a, 3, 400);
    CHECK(l[0] == Approx(std::log(2.0)).margin(0.01));
    CHECK(l[1] == Approx(std::log(0.5)).margin(0.01));
    CHECK(l[2] == Approx(std::log(0.1)).margin(0.01));
    // The maximal one alone, from one copy.
    CHECK(linear_map_exponents(a, 1, 400)[0] == Approx(std::log(2.0)).margin(0.01));
}

TEST_CASE("renormalise rescales to eps and keeps the directions orthonormal", "[lyapunov]") {
    std::vector<State> c{{1.0, 2.0, 3.0}, {1.3, 2.0, 3.4}, {1.3, 2.6, 3.0}};
    const auto f = analysis::renormalise(c, 0.01);
    CHECK(f[0] == Approx(0.5 / 0.01));  // |(0.3, 0, 0.4)| = 0.5
    // (0.3, 0.6, 0) minus its component 0.18 along (0.6, 0, 0.8) is (0.192, 0.6, −0.144).
    CHECK(f[1] == Approx(std::sqrt(0.192 * 0.192 + 0.36 + 0.144 * 0.144) / 0.01));
    double d01 = 0, n0 = 0, n1 = 0;
    for (int m = 0; m < 3; ++m) {
        const double a = c[1][m] - c[0][m], b = c[2][m] - c[0][m];
        d01 += a * b, n0 += a * a, n1 += b * b;
    }
    CHECK(std::sqrt(n0) == Approx(0.01));
    CHECK(std::sqrt(n1) == Approx(0.01));
    CHECK(std::abs(d01) < 1e-16);
}

TEST_CASE("an annihilated separation is reported, bounded by the noise floor, and restarted", "[lyapunov]") {
    std::vector<State> c{{0.01, 0.0, 0.015}, {0.01, 0.0, 0.015}, {0.01, 0.0, 0.015}};
    std::vector<bool> lost;
    const auto f = analysis::renormalise(c, 1e-4, &lost);
    CHECK(lost == std::vector<bool>{true, true});
    CHECK(f[0] == Approx(64 * DBL_EPSILON * 0.015 / 1e-4));  // an upper bound of the true factor
    CHECK(c[1] != c[0]);
    CHECK(c[2] != c[1]);
    CHECK(c[2] != c[0]);
}

TEST_CASE("exponent statistics: skip, running mean, batch-means error", "[lyapunov]") {
    std::vector<double> r;
    for (int i = 1; i <= 16; ++i) r.push_back(i);
    auto s = analysis::exponent_stats(r);
    CHECK(s.mean == Approx(8.5));
    CHECK(s.batches == 4);  // floor(sqrt(16)) batches of 4: means 2.5, 6.5, 10.5, 14.5
    CHECK(s.sigma == Approx(std::sqrt(80.0 / 3) / 2));
    CHECK(s.running.front() == 1.0);
    CHECK(s.running.back() == Approx(8.5));
    s = analysis::exponent_stats(r, 4, 2);  // skip 4; blocks of 2 -> 6 blocks, max(2, floor(√6)) = 2 batches
    CHECK(s.mean == Approx(10.5));
    CHECK(s.batches == 2);
    CHECK(s.sigma == Approx(3.0));  // batch means 7.5, 13.5
    CHECK(analysis::exponent_stats({1.0, 2.0}).sigma == Approx(0.5));
    CHECK(std::isnan(analysis::exponent_stats({1.0}).sigma));
    CHECK_THROWS_AS(analysis::exponent_stats({1.0, std::numeric_limits<double>::quiet_NaN()}), Error);
    CHECK_THROWS_AS(analysis::exponent_stats({1.0, -std::numeric_limits<double>::infinity()}), Error);
}

TEST_CASE("r: mean over whole periods of max/min |I/V|, skipping the zero crossings", "[lyapunov]") {
    analysis::PeriodRatio r(1.0, 0.5);  // starts mid-period: period 0 must not count
    // In period k the conductance runs from 1 to k + 2; V = 0 at the start of every period (I/V = NaN).
    for (int k = 0; k < 4; ++k)
        for (int m = 0; m < 10; ++m) {
            const double t = k + 0.1 * m, v = m == 0 ? 0.0 : 1.0, g = 1 + (k + 1) * ((m - 1) / 8.0);
            if (t >= 0.5) r.add(t, v, g * v);
        }
    r.add(4.0, 1.0, 1.0);  // closes period 3
    CHECK(r.periods() == 3);
    CHECK(r.mean() == Approx((3.0 + 4.0 + 5.0) / 3));
    // Below the voltage floor a point does not count, however wild its I/V.
    analysis::PeriodRatio f(1.0, 0.0, 0.1);
    for (double t : {0.2, 0.4, 0.6}) f.add(t, 1.0, t);
    f.add(0.8, 1e-3, 1.0);  // I/V = 1000
    f.add(1.0, 1.0, 1.0);
    CHECK(f.mean() == Approx(3.0));
    CHECK(std::isnan(analysis::PeriodRatio(1.0, 0.0).mean()));
    CHECK_THROWS_AS(analysis::PeriodRatio(0.0, 0.0), Error);
}

TEST_CASE("unit and random directions", "[lyapunov]") {
    const auto u = analysis::random_unit(50, 3);
    double n = 0;
    for (double x : u) n += x * x;
    CHECK(n == Approx(1.0));
    CHECK(analysis::random_unit(50, 3) == u);
    CHECK(analysis::random_unit(50, 4) != u);
    CHECK(analysis::unit_axis(3, 2) == State{0, 0, 1});
    CHECK_THROWS_AS(analysis::unit_axis(3, 3), Error);
    CHECK_THROWS_AS(analysis::perturbed_copies(State(2, 0.0), State(2, 1.0), 3, 1e-3, 1), Error);
}

// The reservoir readout and tasks against closed forms: ridge regression, recursive least squares, the
// memory capacity of a delay line, NARMA-10 and the echo-state baseline.
#include <catch2/catch.hpp>

#include <Eigen/Dense>

#include <cmath>
#include <random>

#include "common/error.h"
#include "runner/analysis/reservoir_tasks.h"

using namespace nwn::analysis;

namespace {

// Tapped delay line: row k = (u_{k−1}, ..., u_{k−taps}) (zeros before the start).
Features delay_line(const Series& u, std::size_t taps) {
    Features f;
    f.rows = u.size();
    f.cols = taps;
    for (std::size_t k = 0; k < u.size(); ++k)
        for (std::size_t d = 1; d <= taps; ++d) f.data.push_back(k >= d ? u[k - d] : 0.0);
    return f;
}

}  // namespace

TEST_CASE("ridge readout: one penalty gives the closed-form solution on standardised features") {
    const std::size_t n = 400, p = 3;
    const Series a = uniform_input(n, -1, 1, 1), b = uniform_input(n, -2, 2, 2), c = uniform_input(n, 0, 5, 3);
    Features f{n, p, {}};
    Series y;
    for (std::size_t k = 0; k < n; ++k) {
        f.data.insert(f.data.end(), {a[k], b[k], c[k]});
        y.push_back(0.5 * a[k] - 2 * b[k] + 0.1 * c[k] + 3 + 0.01 * std::sin(static_cast<double>(k)));
    }
    RidgeCvOptions o;
    o.penalties = {0.7};
    o.washout = 20;
    o.train_fraction = 0.75;
    const auto s = ridge_cv(f, y, o);
    CHECK(s.penalty == 0.7);
    CHECK(s.train == 285);
    CHECK(s.test == 95);
    // The same fit written out: z-scores with the training rows' statistics, a bias column, (XᵀX + αI)⁻¹Xᵀy.
    Eigen::MatrixXd x(285, 4);
    Eigen::VectorXd t(285);
    for (std::size_t col = 0; col < p; ++col) {
        double mean = 0, var = 0;
        for (std::size_t k = 20; k < 305; ++k) mean += f.data[k * p + col] / 285;
        for (std::size_t k = 20; k < 305; ++k) var += std::pow(f.data[k * p + col] - mean, 2) / 285;
        for (std::size_t k = 20; k < 305; ++k) x(static_cast<Eigen::Index>(k - 20), static_cast<Eigen::Index>(col)) = (f.data[k * p + col] - mean) / std::sqrt(var);
    }
    x.col(3).setOnes();
    for (std::size_t k = 20; k < 305; ++k) t(static_cast<Eigen::Index>(k - 20)) = y[k];
    const Eigen::VectorXd w = (x.transpose() * x + 0.7 * Eigen::MatrixXd::Identity(4, 4)).ldlt().solve(x.transpose() * t);
    REQUIRE(s.weights.size() == 4);
    // QR on the augmented system against the normal equations: both well conditioned here, 1e-9 apart.
    for (Eigen::Index k = 0; k < 4; ++k) CHECK(s.weights[static_cast<std::size_t>(k)] == Approx(w(k)).epsilon(1e-9));
    CHECK(s.test_nrmse < 0.01);
    CHECK(s.test_r2 > 0.9999);
}

TEST_CASE("ridge readout: cross-validation prefers a penalty when the features are mostly noise") {
    const std::size_t n = 300, p = 60;
    Features f{n, p, uniform_input(n * p, -1, 1, 9)};
    Series y(n);
    for (std::size_t k = 0; k < n; ++k) y[k] = f.data[k * p] + 0.5 * uniform_input(1, -1, 1, 100 + k)[0];
    RidgeCvOptions o;
    o.washout = 0;
    const auto s = ridge_cv(f, y, o);
    CHECK(s.penalty > 0);           // 59 noise columns over ~200 training rows: least squares overfits
    CHECK(s.test_nrmse < s.cv_nrmse + 0.3);
    o.penalties = {0};
    CHECK(ridge_cv(f, y, o).test_nrmse > s.test_nrmse);
    o.train_fraction = 1;
    CHECK_THROWS_WITH(ridge_cv(f, y, o), Catch::Contains("training fraction"));
    o.train_fraction = 0.7;
    o.washout = 300;
    CHECK_THROWS_WITH(ridge_cv(f, y, o), Catch::Contains("leaves none"));
}

TEST_CASE("recursive least squares converges to the least-squares weights") {
    const std::size_t n = 2000;
    const Series a = uniform_input(n, -1, 1, 4), b = uniform_input(n, -1, 1, 5);
    RecursiveLeastSquares rls(2, 1.0, 1e6);
    double late_error = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const double x[2] = {a[k], b[k]};
        const double e = rls.update(x, 2 * a[k] - b[k] + 0.5) - (2 * a[k] - b[k] + 0.5);
        if (k > n - 100) late_error = std::max(late_error, std::abs(e));
    }
    const auto w = rls.weights();
    // Noise-free: exact up to the initial δ's bias, 1/(δ·n) relative.
    CHECK(w[0] == Approx(2).epsilon(1e-6));
    CHECK(w[1] == Approx(-1).epsilon(1e-6));
    CHECK(w[2] == Approx(0.5).epsilon(1e-6));
    CHECK(late_error < 1e-6);
    CHECK_THROWS_AS(RecursiveLeastSquares(0), nwn::Error);
}

TEST_CASE("memory capacity of a linear delay line equals its number of taps") {
    const Series u = uniform_input(4000, -1, 1, 11);
    RidgeCvOptions o;
    o.washout = 0;
    const auto mc = memory_capacity(delay_line(u, 6), u, 12, o);
    REQUIRE(mc.r2.size() == 12);
    for (std::size_t d = 0; d < 6; ++d) CHECK(mc.r2[d] > 0.9999);  // the line holds u_{k−1} ... u_{k−6} exactly
    // Beyond the line the input is independent of every feature: r² ~ p/n of finite-sample noise.
    for (std::size_t d = 6; d < 12; ++d) CHECK(mc.r2[d] < 0.01);
    CHECK(mc.total == Approx(6).margin(0.05));
    // The raw input alone remembers nothing of the past.
    CHECK(memory_capacity(raw_input_features(u), u, 12, o).total < 0.05);
}

TEST_CASE("NARMA-10: the recursion, and an echo-state network of 100 units in the literature's range") {
    const Series u = uniform_input(3000, 0, 0.5, 2);
    const Series y = narma10(u);
    CHECK(y[10] == Approx(0.3 * 0.1 + 0.05 * 0.1 * 1.0 + 1.5 * u[0] * u[9] + 0.1));
    double mean = 0;
    for (double v : y) mean += v / static_cast<double>(y.size());
    // Mean field: y = 0.3 y + 0.5 y² + 1.5·E[u]² + 0.1 with E[u] = 0.25 gives y = 0.7 − √0.102 = 0.381; the
    // fluctuations' correlations move the sample mean by about 0.01.
    CHECK(mean == Approx(0.7 - std::sqrt(0.102)).margin(0.03));
    CHECK_THROWS_WITH(narma10(uniform_input(200, 0, 5, 1)), Catch::Contains("diverged"));
    // Linear on the raw input it fails (NRMSE near 1); a 100-unit ESN reaches NRMSE ~0.2-0.5 (e.g. Rodan &
    // Tino 2011, Verstraeten et al. 2007: NMSE 0.04-0.2 for 50-200 units).
    RidgeCvOptions o;
    const auto raw = narma10_score(raw_input_features(u), u, o);
    const auto esn = narma10_score(echo_state_features(u, 100, 0.9, 1.0, 7), u, o);
    INFO("raw " << raw.test_nrmse << ", ESN " << esn.test_nrmse);
    CHECK(raw.test_nrmse > 0.8);
    CHECK(esn.test_nrmse > 0.1);
    CHECK(esn.test_nrmse < 0.5);
}

TEST_CASE("Mackey-Glass: the tau = 17 attractor's range and period, and one-step prediction") {
    const Series x = mackey_glass(2000);
    double lo = 10, hi = -10;
    for (double v : x) lo = std::min(lo, v), hi = std::max(hi, v);
    // The chaotic attractor of τ = 17 spans about 0.2-1.35 (Mackey & Glass 1977; Jaeger 2001's benchmark).
    CHECK(lo > 0.15);
    CHECK(lo < 0.5);
    CHECK(hi > 1.1);
    CHECK(hi < 1.45);
    // An echo-state network predicts one step ahead almost exactly (the series is smooth at unit sampling).
    RidgeCvOptions o;
    const auto esn = prediction_score(echo_state_features(x, 50, 0.9, 1.0, 3), x, 1, o);
    CHECK(esn.test_nrmse < 0.05);
    CHECK_THROWS_AS(prediction_score(raw_input_features(x), x, 0, o), nwn::Error);
}

TEST_CASE("ridge classifier: separable classes are learnt exactly, the confusion matrix counts the test samples") {
    // Three classes at the corners of a triangle with noise far smaller than their distance: linearly separable,
    // so any penalty the folds choose classifies every test sample right.
    std::mt19937_64 g(7);
    std::normal_distribution<double> noise(0, 0.05);
    const double centre[3][2] = {{0, 0}, {1, 0}, {0, 1}};
    Features f;
    f.cols = 2;
    std::vector<int> labels;
    for (std::size_t k = 0; k < 300; ++k) {
        const int c = static_cast<int>(k % 3);
        f.data.push_back(centre[c][0] + noise(g));
        f.data.push_back(centre[c][1] + noise(g));
        labels.push_back(c);
    }
    f.rows = labels.size();
    RidgeCvOptions o;
    o.washout = 0;
    const auto s = ridge_classifier_cv(f, labels, 3, o);
    CHECK(s.accuracy == 1);
    CHECK(s.train_accuracy == 1);
    CHECK(s.test == 90);
    std::size_t total = 0, diagonal = 0;
    for (std::size_t t = 0; t < 3; ++t)
        for (std::size_t p = 0; p < 3; ++p) {
            total += s.confusion[t][p];
            if (t == p) diagonal += s.confusion[t][p];
        }
    CHECK(total == 90);
    CHECK(diagonal == 90);
    // Labels drawn independently of the features: the test accuracy stays near chance (1/3; 90 samples give a
    // standard deviation of 0.05, so 0.55 is over four of them away).
    std::vector<int> random_labels;
    std::uniform_int_distribution<int> pick(0, 2);
    for (std::size_t k = 0; k < labels.size(); ++k) random_labels.push_back(pick(g));
    CHECK(ridge_classifier_cv(f, random_labels, 3, o).accuracy < 0.55);
    labels[5] = 3;
    CHECK_THROWS_WITH(ridge_classifier_cv(f, labels, 3, o), Catch::Contains("label 3 outside 0..2"));
}

TEST_CASE("echo-state network: one input column draws what the single-input network draws") {
    const Series u = uniform_input(200, -1, 1, 4);
    const auto a = echo_state_features(u, 20, 0.9, 1.0, 3);
    const auto b = echo_state_features(raw_input_features(u), 20, 0.9, 1.0, 3);
    CHECK(a.data == b.data);
    Features two;
    two.rows = u.size();
    two.cols = 2;
    for (double x : u) two.data.insert(two.data.end(), {x, -x});
    CHECK(echo_state_features(two, 20, 0.9, 1.0, 3).rows == u.size());
}

// The NLT readout: exact recovery of linear combinations (also with dependent columns, as MATLAB's
// regress), ridge shrinkage, train/test splits and washout, and bad input. Eigen builds and checks the
// data here; the readout takes plain vectors.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include <Eigen/Dense>

#include "common/error.h"
#include "runner/analysis/nlt_readout.h"

using namespace nwn;
using analysis::Features;
using analysis::Series;

namespace {

Features features_of(const Eigen::MatrixXd& x) {
    Features f{static_cast<std::size_t>(x.rows()), static_cast<std::size_t>(x.cols()), {}};
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (Eigen::Index j = 0; j < x.cols(); ++j) f.data.push_back(x(i, j));
    return f;
}

Series series_of(const Eigen::VectorXd& v) { return Series(v.data(), v.data() + v.size()); }

Eigen::VectorXd eigen_of(const Series& s) {
    return Eigen::Map<const Eigen::VectorXd>(s.data(), static_cast<Eigen::Index>(s.size()));
}

Eigen::MatrixXd random_features(Eigen::Index n, Eigen::Index p, unsigned seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> z;
    Eigen::MatrixXd x(n, p);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < p; ++j) x(i, j) = z(gen);
    return x;
}

}  // namespace

TEST_CASE("the readout recovers a target that is an exact linear combination of the features", "[lyapunov][nlt]") {
    Eigen::MatrixXd x = random_features(500, 6, 1);
    Eigen::VectorXd w(6);
    w << 0.5, -2, 0, 1.5, 3, -0.25;
    const Eigen::VectorXd y = x * w;
    const Features fx = features_of(x);
    const analysis::Readout r(fx, {});
    CHECK((eigen_of(r.weights(series_of(y))) - w).norm() < 1e-12);
    const auto s = analysis::score_tasks(fx, {"lin"}, {series_of(y)}, {});
    CHECK(s[0].accuracy == Approx(1.0).margin(1e-12));
    CHECK(s[0].rank == 6);

    SECTION("dependent and zero columns get weight 0, as regress does") {
        Eigen::MatrixXd xd(500, 8);
        xd << x, x.col(1) + x.col(3), Eigen::VectorXd::Zero(500);  // a grounded wire is all zeros
        const analysis::Readout rd(features_of(xd), {});
        CHECK(rd.rank() == 6);
        const Eigen::VectorXd wd = eigen_of(rd.weights(series_of(y)));
        CHECK((xd * wd - y).norm() < 1e-10);
        CHECK((wd.array() == 0).count() == 2);
    }
    SECTION("a train/test split and a washout still give accuracy 1") {
        analysis::ReadoutOptions o;
        o.washout = 50;
        o.train_fraction = 0.6;
        const auto st = analysis::score_tasks(fx, {"lin"}, {series_of(y)}, o);
        CHECK(st[0].accuracy == Approx(1.0).margin(1e-12));
        CHECK(st[0].train_accuracy == Approx(1.0).margin(1e-12));
    }
    SECTION("a bias column fits an offset") {
        analysis::ReadoutOptions o;
        o.bias = true;
        const Eigen::VectorXd shifted = (y.array() + 4.0).matrix();
        const analysis::Readout rb(fx, o);
        const Series wb = rb.weights(series_of(shifted));
        CHECK(wb[6] == Approx(4.0));
        CHECK(analysis::rnmse(rb.predict(wb, fx), series_of(shifted)) < 1e-12);
    }
    SECTION("a ridge shrinks the weights and costs accuracy") {
        analysis::ReadoutOptions o;
        o.ridge = 100;
        const Eigen::VectorXd wr = eigen_of(analysis::Readout(fx, o).weights(series_of(y)));
        CHECK(wr.norm() < w.norm());
        // Normal equations of the ridge problem hold.
        CHECK(((x.transpose() * x + 100 * Eigen::MatrixXd::Identity(6, 6)) * wr - x.transpose() * y).norm() < 1e-8);
        const auto st = analysis::score_tasks(fx, {"lin"}, {series_of(y)}, o);
        CHECK(st[0].accuracy < 1.0);
        CHECK(st[0].accuracy > 0.5);
    }
}

TEST_CASE("RNMSE and accuracy of a poor readout", "[lyapunov][nlt]") {
    const Series t{1, -1, 1, -1}, y{0, 0, 0, 0};
    CHECK(analysis::rnmse(y, t) == Approx(1.0));
    CHECK(std::isnan(analysis::rnmse(t, y)));
}

TEST_CASE("the readout rejects bad input clearly", "[lyapunov][nlt]") {
    const Features x = features_of(random_features(10, 2, 2));
    const Series y(10, 1.0);
    analysis::ReadoutOptions o;
    o.washout = 10;
    CHECK_THROWS_WITH(analysis::score_tasks(x, {"a"}, {y}, o), Catch::Contains("washout"));
    o = {};
    o.train_fraction = 0.05;
    CHECK_THROWS_WITH(analysis::score_tasks(x, {"a"}, {y}, o), Catch::Contains("split"));
    o = {};
    o.ridge = -1;
    CHECK_THROWS_WITH(analysis::Readout(x, o), Catch::Contains("ridge"));
    CHECK_THROWS_WITH(analysis::score_tasks(x, {"a"}, {Series(9, 1.0)}, {}), Catch::Contains("wrong length"));
    Features bad = x;
    bad.data[3 * 2 + 1] = std::nan("");
    CHECK_THROWS_WITH(analysis::Readout(bad, {}), Catch::Contains("NaN"));
}

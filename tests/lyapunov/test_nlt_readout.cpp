// The NLT readout: exact recovery of linear combinations (also with dependent columns, as MATLAB's
// regress), ridge shrinkage, train/test splits and washout, the targets, and bad input.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "common/error.h"
#include "netlistgen/stimulus.h"
#include "runner/experiments/lyapunov/nlt_readout.h"
#include "runner/experiments/lyapunov/nlt_run.h"

using namespace nwn;

namespace {

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
    const exp::Readout r(x, {});
    CHECK((r.weights(y) - w).norm() < 1e-12);
    const auto s = exp::score_tasks(x, {"lin"}, {y}, {});
    CHECK(s[0].accuracy == Approx(1.0).margin(1e-12));
    CHECK(s[0].rank == 6);

    SECTION("dependent and zero columns get weight 0, as regress does") {
        Eigen::MatrixXd xd(500, 8);
        xd << x, x.col(1) + x.col(3), Eigen::VectorXd::Zero(500);  // a grounded wire is all zeros
        const exp::Readout rd(xd, {});
        CHECK(rd.rank() == 6);
        const Eigen::VectorXd wd = rd.weights(y);
        CHECK((xd * wd - y).norm() < 1e-10);
        CHECK((wd.array() == 0).count() == 2);
    }
    SECTION("a train/test split and a washout still give accuracy 1") {
        exp::ReadoutOptions o;
        o.washout = 50;
        o.train_fraction = 0.6;
        const auto st = exp::score_tasks(x, {"lin"}, {y}, o);
        CHECK(st[0].accuracy == Approx(1.0).margin(1e-12));
        CHECK(st[0].train_accuracy == Approx(1.0).margin(1e-12));
    }
    SECTION("a bias column fits an offset") {
        exp::ReadoutOptions o;
        o.bias = true;
        const Eigen::VectorXd shifted = (y.array() + 4.0).matrix();
        const exp::Readout rb(x, o);
        const Eigen::VectorXd wb = rb.weights(shifted);
        CHECK(wb(6) == Approx(4.0));
        CHECK(exp::rnmse(rb.predict(wb, x), shifted) < 1e-12);
    }
    SECTION("a ridge shrinks the weights and costs accuracy") {
        exp::ReadoutOptions o;
        o.ridge = 100;
        const Eigen::VectorXd wr = exp::Readout(x, o).weights(y);
        CHECK(wr.norm() < w.norm());
        // Normal equations of the ridge problem hold.
        CHECK(((x.transpose() * x + 100 * Eigen::MatrixXd::Identity(6, 6)) * wr - x.transpose() * y).norm() < 1e-8);
        const auto st = exp::score_tasks(x, {"lin"}, {y}, o);
        CHECK(st[0].accuracy < 1.0);
        CHECK(st[0].accuracy > 0.5);
    }
}

TEST_CASE("RNMSE and accuracy of a poor readout", "[lyapunov][nlt]") {
    Eigen::VectorXd t(4), y(4);
    t << 1, -1, 1, -1;
    y << 0, 0, 0, 0;
    CHECK(exp::rnmse(y, t) == Approx(1.0));
    CHECK(std::isnan(exp::rnmse(t, Eigen::VectorXd::Zero(4))));
}

TEST_CASE("NLT targets follow NWNsim's definitions", "[lyapunov][nlt]") {
    const auto drive = net::Stimulus::parse("triangle:2:0.5");  // period 2 s
    const auto tg = exp::nlt_targets(drive, {0.0, 0.25, 0.5, 1.5});
    CHECK(exp::nlt_task_names() == std::vector<std::string>{"sine", "square", "phase", "double"});
    CHECK(tg[0][2] == Approx(2.0));             // sine peak at a quarter period
    CHECK(tg[1][1] == Approx(2.0));             // +A in the first half period
    CHECK(tg[1][3] == Approx(-2.0));
    CHECK(tg[2][0] == Approx(2.0));             // π/2-shifted triangle starts at +A
    CHECK(tg[2][2] == Approx(0.0).margin(1e-12));
    CHECK(tg[3][1] == Approx(2.0));             // triangle at 2f peaks at 1/(8f)
}

TEST_CASE("the readout rejects bad input clearly", "[lyapunov][nlt]") {
    const Eigen::MatrixXd x = random_features(10, 2, 2);
    const Eigen::VectorXd y = Eigen::VectorXd::Ones(10);
    exp::ReadoutOptions o;
    o.washout = 10;
    CHECK_THROWS_WITH(exp::score_tasks(x, {"a"}, {y}, o), Catch::Contains("washout"));
    o = {};
    o.train_fraction = 0.05;
    CHECK_THROWS_WITH(exp::score_tasks(x, {"a"}, {y}, o), Catch::Contains("split"));
    o = {};
    o.ridge = -1;
    CHECK_THROWS_WITH(exp::Readout(x, o), Catch::Contains("ridge"));
    CHECK_THROWS_WITH(exp::score_tasks(x, {"a"}, {Eigen::VectorXd::Ones(9)}, {}), Catch::Contains("wrong length"));
    Eigen::MatrixXd bad = x;
    bad(3, 1) = std::nan("");
    CHECK_THROWS_WITH(exp::Readout(bad, {}), Catch::Contains("NaN"));
}

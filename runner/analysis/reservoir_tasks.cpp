#include "runner/analysis/reservoir_tasks.h"

#include <cmath>

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>

#include "common/error.h"
#include "runner/analysis/random.h"

namespace nwn::analysis {

namespace {

// Rows [first, first + n) of f.
Features rows(const Features& f, std::size_t first, std::size_t n) {
    Features out;
    out.rows = n;
    out.cols = f.cols;
    out.data.assign(f.data.begin() + static_cast<std::ptrdiff_t>(first * f.cols),
                    f.data.begin() + static_cast<std::ptrdiff_t>((first + n) * f.cols));
    return out;
}

void check_rows(const Features& f, const Series& u) {
    if (f.rows != u.size())
        throw Error("reservoir task: " + std::to_string(f.rows) + " feature rows for " + std::to_string(u.size()) +
                    " input samples");
}

}  // namespace

Series uniform_input(std::size_t n, double lo, double hi, std::uint64_t seed) {
    std::mt19937_64 g(derive_seed(seed, 0x7265736572766f69ULL));
    Series u(n);
    for (auto& x : u) x = lo + (hi - lo) * uniform01(g);
    return u;
}

Series narma10(const Series& u) {
    Series y(u.size(), 0.1);
    for (std::size_t k = 9; k + 1 < u.size(); ++k) {
        double sum = 0;
        for (std::size_t i = 0; i < 10; ++i) sum += y[k - i];
        y[k + 1] = 0.3 * y[k] + 0.05 * y[k] * sum + 1.5 * u[k - 9] * u[k] + 0.1;
        if (!std::isfinite(y[k + 1]) || std::abs(y[k + 1]) > 1e3)
            throw Error("NARMA-10 diverged at sample " + std::to_string(k + 1) + " (inputs must lie in [0, 0.5])");
    }
    return y;
}

MemoryCapacity memory_capacity(const Features& features, const Series& u, std::size_t max_delay, RidgeCvOptions o) {
    check_rows(features, u);
    if (max_delay == 0) throw Error("memory capacity: the largest delay must be >= 1");
    if (max_delay >= u.size()) throw Error("memory capacity: the largest delay exceeds the samples");
    // Every delay uses the same rows (from max_delay on), so the scores compare like with like.
    const Features f = rows(features, max_delay, features.rows - max_delay);
    MemoryCapacity mc;
    for (std::size_t d = 1; d <= max_delay; ++d) {
        const Series target(u.begin() + static_cast<std::ptrdiff_t>(max_delay - d), u.end() - static_cast<std::ptrdiff_t>(d));
        mc.r2.push_back(ridge_cv(f, target, o).test_r2);
        mc.total += mc.r2.back();
    }
    return mc;
}

RidgeScore narma10_score(const Features& features, const Series& u, RidgeCvOptions o) {
    check_rows(features, u);
    if (u.size() < 12) throw Error("NARMA-10: too few samples");
    const Series y = narma10(u);
    // Row k predicts y_{k+1}.
    return ridge_cv(rows(features, 0, features.rows - 1), Series(y.begin() + 1, y.end()), o);
}

Series mackey_glass(std::size_t n, double tau, std::size_t transient) {
    if (!(tau > 0)) throw Error("Mackey-Glass: tau must be > 0");
    constexpr int per_unit = 10;  // RK4 at h = 0.1: the delayed value falls on the grid
    const double h = 1.0 / per_unit;
    const auto lag = static_cast<std::size_t>(std::llround(tau * per_unit));
    auto f = [](double x, double xd) { return 0.2 * xd / (1 + std::pow(xd, 10)) - 0.1 * x; };
    std::vector<double> x(lag + 1, 1.2);  // history on [−τ, 0]
    const std::size_t total = (transient + n) * per_unit;
    x.reserve(lag + 1 + total);
    for (std::size_t k = 0; k < total; ++k) {
        const std::size_t i = x.size() - 1;
        // The delayed value at the half step: the mean of its neighbours on the grid.
        const double d0 = x[i - lag], d1 = x[i - lag + 1], dh = 0.5 * (d0 + d1);
        const double k1 = f(x[i], d0), k2 = f(x[i] + 0.5 * h * k1, dh), k3 = f(x[i] + 0.5 * h * k2, dh),
                     k4 = f(x[i] + h * k3, d1);
        x.push_back(x[i] + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4));
    }
    Series out;
    for (std::size_t k = transient; k < transient + n; ++k) out.push_back(x[lag + k * per_unit]);
    return out;
}

RidgeScore prediction_score(const Features& features, const Series& u, std::size_t horizon, RidgeCvOptions o) {
    check_rows(features, u);
    if (horizon == 0 || horizon >= u.size()) throw Error("prediction: the horizon must be in [1, samples)");
    return ridge_cv(rows(features, 0, features.rows - horizon), Series(u.begin() + static_cast<std::ptrdiff_t>(horizon), u.end()), o);
}

Features echo_state_features(const Features& u, std::size_t units, double radius, double input_scale, std::uint64_t seed) {
    if (units == 0) throw Error("echo-state network: no units");
    if (!(radius > 0) || !(input_scale > 0)) throw Error("echo-state network: the radius and input scale must be > 0");
    if (u.cols == 0 || u.data.size() != u.rows * u.cols) throw Error("echo-state network: the input has the wrong number of values");
    std::mt19937_64 g(derive_seed(seed, 0x65736eULL));
    const auto n = static_cast<Eigen::Index>(units), m = static_cast<Eigen::Index>(u.cols);
    Eigen::MatrixXd w = Eigen::MatrixXd::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j)
            if (uniform01(g) < 0.1) w(i, j) = 2 * uniform01(g) - 1;
    const double rho = w.eigenvalues().cwiseAbs().maxCoeff();
    if (rho > 0) w *= radius / rho;
    Eigen::MatrixXd w_in(n, m);  // drawn unit by unit, so one input draws what it always drew
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < m; ++j) w_in(i, j) = input_scale * (2 * uniform01(g) - 1);
    Features f;
    f.rows = u.rows;
    f.cols = units;
    f.data.reserve(u.rows * units);
    Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
    for (std::size_t k = 0; k < u.rows; ++k) {
        const Eigen::Map<const Eigen::VectorXd> uk(u.data.data() + k * u.cols, m);
        x = (w * x + w_in * uk).array().tanh();
        f.data.insert(f.data.end(), x.data(), x.data() + n);
    }
    return f;
}

Features echo_state_features(const Series& u, std::size_t units, double radius, double input_scale, std::uint64_t seed) {
    return echo_state_features(raw_input_features(u), units, radius, input_scale, seed);
}

Features raw_input_features(const Series& u) {
    Features f;
    f.rows = u.size();
    f.cols = 1;
    f.data = u;
    return f;
}

}  // namespace nwn::analysis

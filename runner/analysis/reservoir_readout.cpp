#include "runner/analysis/reservoir_readout.h"

#include <cmath>
#include <limits>

#include <Eigen/Dense>

#include "common/error.h"

namespace nwn::analysis {

namespace {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

Features rows_of(const Matrix& m, Eigen::Index first, Eigen::Index count) {
    Features f;
    f.rows = static_cast<std::size_t>(count);
    f.cols = static_cast<std::size_t>(m.cols());
    f.data.resize(f.rows * f.cols);
    Eigen::Map<Matrix>(f.data.data(), count, m.cols()) = m.middleRows(first, count);
    return f;
}

Features stack(const Features& a, const Features& b) {
    Features f = a;
    f.rows += b.rows;
    f.data.insert(f.data.end(), b.data.begin(), b.data.end());
    return f;
}

Series slice(const Series& s, std::size_t first, std::size_t count) {
    return Series(s.begin() + static_cast<std::ptrdiff_t>(first), s.begin() + static_cast<std::ptrdiff_t>(first + count));
}

Series concat(Series a, const Series& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

}  // namespace

double nrmse(const Series& y, const Series& target) {
    if (y.size() != target.size() || y.empty()) throw Error("NRMSE: series of different or zero length");
    double mean = 0;
    for (double t : target) mean += t;
    mean /= static_cast<double>(target.size());
    double err = 0, var = 0;
    for (std::size_t k = 0; k < y.size(); ++k) {
        err += (y[k] - target[k]) * (y[k] - target[k]);
        var += (target[k] - mean) * (target[k] - mean);
    }
    return var > 0 ? std::sqrt(err / var) : std::numeric_limits<double>::quiet_NaN();
}

double r_squared(const Series& y, const Series& target) {
    if (y.size() != target.size() || y.empty()) throw Error("r²: series of different or zero length");
    const auto n = static_cast<double>(y.size());
    double my = 0, mt = 0;
    for (std::size_t k = 0; k < y.size(); ++k) {
        my += y[k];
        mt += target[k];
    }
    my /= n;
    mt /= n;
    double syy = 0, stt = 0, syt = 0;
    for (std::size_t k = 0; k < y.size(); ++k) {
        syy += (y[k] - my) * (y[k] - my);
        stt += (target[k] - mt) * (target[k] - mt);
        syt += (y[k] - my) * (target[k] - mt);
    }
    return syy > 0 && stt > 0 ? syt * syt / (syy * stt) : 0.0;
}

RidgeScore ridge_cv(const Features& features, const Series& target, const RidgeCvOptions& o) {
    if (features.data.size() != features.rows * features.cols || features.cols == 0)
        throw Error("readout: the feature matrix has the wrong number of values");
    if (target.size() != features.rows) throw Error("readout: target and features have different numbers of samples");
    if (o.penalties.empty()) throw Error("readout: no ridge penalties to choose from");
    for (double a : o.penalties)
        if (!(a >= 0) || !std::isfinite(a)) throw Error("readout: ridge penalties must be finite and >= 0");
    if (!(o.train_fraction > 0 && o.train_fraction < 1)) throw Error("readout: the training fraction must be in (0, 1)");
    if (o.folds < 2) throw Error("readout: cross-validation needs at least 2 folds");
    if (o.washout >= features.rows)
        throw Error("readout: the washout of " + std::to_string(o.washout) + " samples leaves none of " +
                    std::to_string(features.rows));
    const std::size_t usable = features.rows - o.washout;
    const auto train = static_cast<std::size_t>(std::floor(o.train_fraction * static_cast<double>(usable)));
    if (train < 2 * o.folds || train >= usable)
        throw Error("readout: " + std::to_string(usable) + " samples after the washout are too few for " +
                    std::to_string(o.folds) + "-fold cross-validation and a test split");

    // Standardise with the training samples only: the test samples must not leak into the fit.
    Matrix x = Eigen::Map<const Matrix>(features.data.data(), static_cast<Eigen::Index>(features.rows),
                                        static_cast<Eigen::Index>(features.cols));
    if (!x.allFinite()) throw Error("readout: the features hold NaN or infinite values");
    const auto w0 = static_cast<Eigen::Index>(o.washout), nt = static_cast<Eigen::Index>(train);
    for (Eigen::Index c = 0; c < x.cols(); ++c) {
        const auto col = x.col(c).segment(w0, nt);
        const double mean = col.mean();
        const double sd = std::sqrt((col.array() - mean).square().mean());
        x.col(c) = sd > 0 ? Eigen::VectorXd((x.col(c).array() - mean) / sd) : Eigen::VectorXd::Zero(x.rows());
    }
    const Series y_train = slice(target, o.washout, train), y_test = slice(target, o.washout + train, usable - train);

    RidgeScore best;
    best.cv_nrmse = std::numeric_limits<double>::infinity();
    for (double alpha : o.penalties) {
        double sum = 0;
        for (std::size_t f = 0; f < o.folds; ++f) {
            const std::size_t lo = train * f / o.folds, hi = train * (f + 1) / o.folds;
            const Features before = rows_of(x, w0, static_cast<Eigen::Index>(lo));
            const Features after = rows_of(x, w0 + static_cast<Eigen::Index>(hi), static_cast<Eigen::Index>(train - hi));
            const Features fit = stack(before, after);
            const Series y_fit = concat(slice(y_train, 0, lo), slice(y_train, hi, train - hi));
            const Readout r(fit, {alpha, o.bias, 0, 1.0});
            const Features held = rows_of(x, w0 + static_cast<Eigen::Index>(lo), static_cast<Eigen::Index>(hi - lo));
            const double e = nrmse(r.predict(r.weights(y_fit), held), slice(y_train, lo, hi - lo));
            sum += std::isfinite(e) ? e : 1.0;
        }
        const double mean = sum / static_cast<double>(o.folds);
        if (mean < best.cv_nrmse) {
            best.cv_nrmse = mean;
            best.penalty = alpha;
        }
    }
    const Features x_train = rows_of(x, w0, nt);
    const Features x_test = rows_of(x, w0 + nt, static_cast<Eigen::Index>(usable - train));
    const Readout r(x_train, {best.penalty, o.bias, 0, 1.0});
    best.weights = r.weights(y_train);
    best.train_nrmse = nrmse(r.predict(best.weights, x_train), y_train);
    best.prediction = r.predict(best.weights, x_test);
    best.test_nrmse = nrmse(best.prediction, y_test);
    best.test_r2 = r_squared(best.prediction, y_test);
    best.train = train;
    best.test = usable - train;
    return best;
}

struct RecursiveLeastSquares::Impl {
    Eigen::VectorXd w;
    Eigen::MatrixXd p;  // inverse correlation matrix
    double lambda;
    bool bias;
    Eigen::VectorXd x;

    void load(const double* v) {
        const Eigen::Index n = w.size() - (bias ? 1 : 0);
        x.head(n) = Eigen::Map<const Eigen::VectorXd>(v, n);
        if (bias) x(n) = 1;
    }
};

RecursiveLeastSquares::RecursiveLeastSquares(std::size_t features, double forgetting, double delta, bool bias)
    : impl_(std::make_unique<Impl>()) {
    if (features == 0) throw Error("RLS: no features");
    if (!(forgetting > 0 && forgetting <= 1)) throw Error("RLS: the forgetting factor must be in (0, 1]");
    if (!(delta > 0) || !std::isfinite(delta)) throw Error("RLS: the initial δ must be > 0 and finite");
    const auto n = static_cast<Eigen::Index>(features + (bias ? 1 : 0));
    impl_->w = Eigen::VectorXd::Zero(n);
    impl_->p = delta * Eigen::MatrixXd::Identity(n, n);
    impl_->lambda = forgetting;
    impl_->bias = bias;
    impl_->x.resize(n);
}
RecursiveLeastSquares::~RecursiveLeastSquares() = default;
RecursiveLeastSquares::RecursiveLeastSquares(RecursiveLeastSquares&&) noexcept = default;
RecursiveLeastSquares& RecursiveLeastSquares::operator=(RecursiveLeastSquares&&) noexcept = default;

double RecursiveLeastSquares::predict(const double* v) const {
    auto& s = *impl_;
    s.load(v);
    return s.w.dot(s.x);
}

double RecursiveLeastSquares::update(const double* v, double target) {
    auto& s = *impl_;
    s.load(v);
    const double y = s.w.dot(s.x);
    const Eigen::VectorXd px = s.p * s.x;
    const Eigen::VectorXd k = px / (s.lambda + s.x.dot(px));
    s.w += k * (target - y);
    s.p = (s.p - k * px.transpose()) / s.lambda;
    return y;
}

Series RecursiveLeastSquares::weights() const { return Series(impl_->w.data(), impl_->w.data() + impl_->w.size()); }

}  // namespace nwn::analysis

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

namespace {

// The standardised features and the washout / train / test split both readouts share.
struct Split {
    Matrix x;                 // standardised with the training samples only: the test samples must not leak in
    Eigen::Index w0 = 0, nt = 0;
    std::size_t train = 0, usable = 0;
    Features rows(std::size_t first, std::size_t count) const {
        return rows_of(x, w0 + static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count));
    }
};

Split prepare(const Features& features, std::size_t targets, const RidgeCvOptions& o) {
    if (features.data.size() != features.rows * features.cols || features.cols == 0)
        throw Error("readout: the feature matrix has the wrong number of values");
    if (targets != features.rows) throw Error("readout: target and features have different numbers of samples");
    if (o.penalties.empty()) throw Error("readout: no ridge penalties to choose from");
    for (double a : o.penalties)
        if (!(a >= 0) || !std::isfinite(a)) throw Error("readout: ridge penalties must be finite and >= 0");
    if (!(o.train_fraction > 0 && o.train_fraction < 1)) throw Error("readout: the training fraction must be in (0, 1)");
    if (o.folds < 2) throw Error("readout: cross-validation needs at least 2 folds");
    if (o.washout >= features.rows)
        throw Error("readout: the washout of " + std::to_string(o.washout) + " samples leaves none of " +
                    std::to_string(features.rows));
    Split sp;
    sp.usable = features.rows - o.washout;
    sp.train = static_cast<std::size_t>(std::floor(o.train_fraction * static_cast<double>(sp.usable)));
    if (sp.train < 2 * o.folds || sp.train >= sp.usable)
        throw Error("readout: " + std::to_string(sp.usable) + " samples after the washout are too few for " +
                    std::to_string(o.folds) + "-fold cross-validation and a test split");
    sp.x = Eigen::Map<const Matrix>(features.data.data(), static_cast<Eigen::Index>(features.rows),
                                    static_cast<Eigen::Index>(features.cols));
    if (!sp.x.allFinite()) throw Error("readout: the features hold NaN or infinite values");
    sp.w0 = static_cast<Eigen::Index>(o.washout);
    sp.nt = static_cast<Eigen::Index>(sp.train);
    for (Eigen::Index c = 0; c < sp.x.cols(); ++c) {
        const auto col = sp.x.col(c).segment(sp.w0, sp.nt);
        const double mean = col.mean();
        const double sd = std::sqrt((col.array() - mean).square().mean());
        sp.x.col(c) = sd > 0 ? Eigen::VectorXd((sp.x.col(c).array() - mean) / sd) : Eigen::VectorXd::Zero(sp.x.rows());
    }
    return sp;
}

// The penalty with the lowest mean validation loss over contiguous folds of the training samples.
// loss(readout fitted without fold [lo, hi), the fold's features, lo, hi) of one fold.
template <class Loss>
double choose_penalty(const Split& sp, const RidgeCvOptions& o, const Loss& loss, double& best_loss) {
    double best = 0;
    best_loss = std::numeric_limits<double>::infinity();
    for (double alpha : o.penalties) {
        double sum = 0;
        for (std::size_t f = 0; f < o.folds; ++f) {
            const std::size_t lo = sp.train * f / o.folds, hi = sp.train * (f + 1) / o.folds;
            const Readout r(stack(sp.rows(0, lo), sp.rows(hi, sp.train - hi)), {alpha, o.bias, 0, 1.0});
            sum += loss(r, sp.rows(lo, hi - lo), lo, hi);
        }
        const double mean = sum / static_cast<double>(o.folds);
        if (mean < best_loss) {
            best_loss = mean;
            best = alpha;
        }
    }
    return best;
}

// Rows [0, lo) and [hi, n) of a per-sample series: what a fold's readout is fitted to.
template <class T>
std::vector<T> without(const std::vector<T>& v, std::size_t lo, std::size_t hi) {
    std::vector<T> out(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lo));
    out.insert(out.end(), v.begin() + static_cast<std::ptrdiff_t>(hi), v.end());
    return out;
}

}  // namespace

RidgeScore ridge_cv(const Features& features, const Series& target, const RidgeCvOptions& o) {
    const Split sp = prepare(features, target.size(), o);
    const Series y_train = slice(target, o.washout, sp.train), y_test = slice(target, o.washout + sp.train, sp.usable - sp.train);
    RidgeScore best;
    best.penalty = choose_penalty(sp, o, [&](const Readout& r, const Features& held, std::size_t lo, std::size_t hi) {
        const double e = nrmse(r.predict(r.weights(without(y_train, lo, hi)), held), slice(y_train, lo, hi - lo));
        return std::isfinite(e) ? e : 1.0;
    }, best.cv_nrmse);
    const Features x_train = sp.rows(0, sp.train), x_test = sp.rows(sp.train, sp.usable - sp.train);
    const Readout r(x_train, {best.penalty, o.bias, 0, 1.0});
    best.weights = r.weights(y_train);
    best.train_nrmse = nrmse(r.predict(best.weights, x_train), y_train);
    best.prediction = r.predict(best.weights, x_test);
    best.test_nrmse = nrmse(best.prediction, y_test);
    best.test_r2 = r_squared(best.prediction, y_test);
    best.train = sp.train;
    best.test = sp.usable - sp.train;
    return best;
}

namespace {

// The class of each sample: the largest of the one-vs-rest outputs.
std::vector<int> classify(const Readout& r, const std::vector<Series>& weights, const Features& x) {
    std::vector<int> out(x.rows, 0);
    std::vector<double> best(x.rows, -std::numeric_limits<double>::infinity());
    for (std::size_t c = 0; c < weights.size(); ++c) {
        const Series y = r.predict(weights[c], x);
        for (std::size_t k = 0; k < y.size(); ++k)
            if (y[k] > best[k]) {
                best[k] = y[k];
                out[k] = static_cast<int>(c);
            }
    }
    return out;
}

std::vector<Series> one_vs_rest(const Readout& r, const std::vector<int>& labels, std::size_t classes) {
    std::vector<Series> w;
    for (std::size_t c = 0; c < classes; ++c) {
        Series y;
        for (int l : labels) y.push_back(l == static_cast<int>(c) ? 1.0 : -1.0);
        w.push_back(r.weights(y));
    }
    return w;
}

double error_rate(const std::vector<int>& predicted, const std::vector<int>& labels, std::size_t first) {
    std::size_t wrong = 0;
    for (std::size_t k = 0; k < predicted.size(); ++k) wrong += predicted[k] != labels[first + k];
    return predicted.empty() ? 0.0 : static_cast<double>(wrong) / static_cast<double>(predicted.size());
}

}  // namespace

ClassifierScore ridge_classifier_cv(const Features& features, const std::vector<int>& labels, std::size_t classes,
                                    const RidgeCvOptions& o) {
    for (int l : labels)
        if (l < 0 || static_cast<std::size_t>(l) >= classes)
            throw Error("classifier: label " + std::to_string(l) + " outside 0.." + std::to_string(classes - 1));
    const Split sp = prepare(features, labels.size(), o);
    const std::vector<int> train_labels(labels.begin() + static_cast<std::ptrdiff_t>(o.washout),
                                        labels.begin() + static_cast<std::ptrdiff_t>(o.washout + sp.train));
    ClassifierScore s;
    double cv_error = 0;
    s.penalty = choose_penalty(sp, o, [&](const Readout& r, const Features& held, std::size_t lo, std::size_t hi) {
        return error_rate(classify(r, one_vs_rest(r, without(train_labels, lo, hi), classes), held), train_labels, lo);
    }, cv_error);
    s.cv_accuracy = 1 - cv_error;
    const Features x_train = sp.rows(0, sp.train), x_test = sp.rows(sp.train, sp.usable - sp.train);
    const Readout r(x_train, {s.penalty, o.bias, 0, 1.0});
    const auto w = one_vs_rest(r, train_labels, classes);
    s.train_accuracy = 1 - error_rate(classify(r, w, x_train), train_labels, 0);
    const auto predicted = classify(r, w, x_test);
    s.accuracy = 1 - error_rate(predicted, labels, o.washout + sp.train);
    s.confusion.assign(classes, std::vector<std::size_t>(classes, 0));
    for (std::size_t k = 0; k < predicted.size(); ++k)
        ++s.confusion[static_cast<std::size_t>(labels[o.washout + sp.train + k])][static_cast<std::size_t>(predicted[k])];
    s.train = sp.train;
    s.test = sp.usable - sp.train;
    return s;
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

#include "runner/analysis/nlt_readout.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Dense>

#include "common/error.h"

namespace nwn::analysis {

namespace {

Eigen::MatrixXd to_matrix(const Features& f) {
    if (f.data.size() != f.rows * f.cols) throw Error("readout: the feature matrix has the wrong number of values");
    return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        f.data.data(), static_cast<Eigen::Index>(f.rows), static_cast<Eigen::Index>(f.cols));
}

Eigen::VectorXd to_vector(const Series& s) {
    return Eigen::Map<const Eigen::VectorXd>(s.data(), static_cast<Eigen::Index>(s.size()));
}

Series to_series(const Eigen::VectorXd& v) { return Series(v.data(), v.data() + v.size()); }

double rnmse_of(const Eigen::VectorXd& y, const Eigen::VectorXd& target) {
    if (y.size() != target.size() || y.size() == 0) throw Error("RNMSE: series of different or zero length");
    const double power = target.squaredNorm();
    if (power == 0) return std::numeric_limits<double>::quiet_NaN();
    return std::sqrt((y - target).squaredNorm() / power);
}

// The factorisation behind Readout, on Eigen types.
struct QrReadout {
    ReadoutOptions opt;
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr;
    Eigen::Index rows = 0, rank = 0;

    Eigen::MatrixXd design(const Eigen::MatrixXd& features) const {  // with the bias column, if any
        if (!opt.bias) return features;
        Eigen::MatrixXd x(features.rows(), features.cols() + 1);
        x << features, Eigen::VectorXd::Ones(features.rows());
        return x;
    }

    QrReadout(const Eigen::MatrixXd& features, const ReadoutOptions& options) : opt(options) {
        if (!(options.ridge >= 0)) throw Error("readout: the ridge weight must be >= 0");
        if (features.rows() == 0 || features.cols() == 0) throw Error("readout: no samples or no features");
        if (!features.allFinite()) throw Error("readout: the features hold NaN or infinite values");
        Eigen::MatrixXd x = design(features);
        rows = x.rows();
        if (options.ridge > 0) {
            const Eigen::Index p = x.cols();
            Eigen::MatrixXd aug(rows + p, p);
            aug << x, std::sqrt(options.ridge) * Eigen::MatrixXd::Identity(p, p);
            x = std::move(aug);
        }
        qr.setThreshold(static_cast<double>(std::max(x.rows(), x.cols())) * std::numeric_limits<double>::epsilon());
        qr.compute(x);
        rank = qr.rank();
    }

    Eigen::VectorXd weights(const Eigen::VectorXd& target) const {
        if (target.size() != rows) throw Error("readout: target and features have different numbers of samples");
        Eigen::VectorXd c = Eigen::VectorXd::Zero(qr.rows());
        c.head(rows) = target;
        c.applyOnTheLeft(qr.householderQ().adjoint());
        // Solved over the numerical rank only (ColPivHouseholderQR::solve keeps columns above its own, much
        // smaller, threshold): the basic solution regress returns.
        const Eigen::Index r = rank;
        Eigen::VectorXd z = qr.matrixQR().topLeftCorner(r, r).triangularView<Eigen::Upper>().solve(c.head(r));
        Eigen::VectorXd w = Eigen::VectorXd::Zero(qr.cols());
        for (Eigen::Index i = 0; i < r; ++i) w(qr.colsPermutation().indices()(i)) = z(i);
        return w;
    }

    Eigen::VectorXd predict(const Eigen::VectorXd& w, const Eigen::MatrixXd& features) const {
        return design(features) * w;
    }
};

}  // namespace

struct Readout::Impl : QrReadout {
    using QrReadout::QrReadout;
};

Readout::Readout(const Features& features, const ReadoutOptions& options)
    : impl_(std::make_unique<Impl>(to_matrix(features), options)) {}
Readout::~Readout() = default;
Readout::Readout(Readout&&) noexcept = default;
Readout& Readout::operator=(Readout&&) noexcept = default;

Series Readout::weights(const Series& target) const { return to_series(impl_->weights(to_vector(target))); }

Series Readout::predict(const Series& weights, const Features& features) const {
    return to_series(impl_->predict(to_vector(weights), to_matrix(features)));
}

std::size_t Readout::rank() const { return static_cast<std::size_t>(impl_->rank); }

double rnmse(const Series& y, const Series& target) { return rnmse_of(to_vector(y), to_vector(target)); }

std::vector<TaskScore> score_tasks(const Features& features, const std::vector<std::string>& names,
                                   const std::vector<Series>& targets, const ReadoutOptions& options) {
    if (names.size() != targets.size()) throw Error("readout: one name per target");
    if (!(options.train_fraction > 0 && options.train_fraction <= 1))
        throw Error("readout: the training fraction must be in (0, 1]");
    const Eigen::MatrixXd all = to_matrix(features);
    const Eigen::Index n = all.rows();
    if (static_cast<Eigen::Index>(options.washout) >= n)
        throw Error("readout: the washout (" + std::to_string(options.washout) + " samples) leaves no samples of " +
                    std::to_string(n));
    const Eigen::Index w = static_cast<Eigen::Index>(options.washout), usable = n - w;
    const Eigen::Index train = options.train_fraction == 1 ? usable
                                                           : static_cast<Eigen::Index>(std::floor(options.train_fraction * usable));
    const bool split = train < usable;
    if (train < 1 || (options.train_fraction < 1 && !split))
        throw Error("readout: the split leaves no training or no test samples");
    const Eigen::MatrixXd x_train = all.middleRows(w, train);
    const Eigen::MatrixXd x_test = split ? Eigen::MatrixXd(all.bottomRows(usable - train)) : x_train;
    const QrReadout readout(x_train, options);
    std::vector<TaskScore> out;
    for (std::size_t k = 0; k < targets.size(); ++k) {
        if (static_cast<Eigen::Index>(targets[k].size()) != n)
            throw Error("readout: target '" + names[k] + "' has the wrong length");
        const Eigen::VectorXd target = to_vector(targets[k]);
        const Eigen::VectorXd y_train = target.segment(w, train);
        const Eigen::VectorXd y_test = split ? Eigen::VectorXd(target.tail(usable - train)) : y_train;
        const Eigen::VectorXd weights = readout.weights(y_train);
        TaskScore s;
        s.task = names[k];
        s.rank = static_cast<std::size_t>(readout.rank);
        s.train_accuracy = 1 - rnmse_of(readout.predict(weights, x_train), y_train);
        s.rnmse = rnmse_of(readout.predict(weights, x_test), y_test);
        s.accuracy = 1 - s.rnmse;
        s.weights = to_series(weights);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace nwn::analysis

#include "runner/experiments/lyapunov/nlt_readout.h"

#include <cmath>
#include <limits>

#include "common/error.h"

namespace nwn::exp {

Eigen::MatrixXd Readout::design(const Eigen::MatrixXd& features) const {
    if (!opt_.bias) return features;
    Eigen::MatrixXd x(features.rows(), features.cols() + 1);
    x << features, Eigen::VectorXd::Ones(features.rows());
    return x;
}

Readout::Readout(const Eigen::MatrixXd& features, const ReadoutOptions& options) : opt_(options) {
    if (!(options.ridge >= 0)) throw Error("readout: the ridge weight must be >= 0");
    if (features.rows() == 0 || features.cols() == 0) throw Error("readout: no samples or no features");
    if (!features.allFinite()) throw Error("readout: the features hold NaN or infinite values");
    Eigen::MatrixXd x = design(features);
    rows_ = x.rows();
    if (options.ridge > 0) {
        const Eigen::Index p = x.cols();
        Eigen::MatrixXd aug(rows_ + p, p);
        aug << x, std::sqrt(options.ridge) * Eigen::MatrixXd::Identity(p, p);
        x = std::move(aug);
    }
    qr_.setThreshold(static_cast<double>(std::max(x.rows(), x.cols())) * std::numeric_limits<double>::epsilon());
    qr_.compute(x);
    rank_ = qr_.rank();
}

Eigen::VectorXd Readout::weights(const Eigen::VectorXd& target) const {
    if (target.size() != rows_) throw Error("readout: target and features have different numbers of samples");
    Eigen::VectorXd c = Eigen::VectorXd::Zero(qr_.rows());
    c.head(rows_) = target;
    c.applyOnTheLeft(qr_.householderQ().adjoint());
    // Solved over the numerical rank only (ColPivHouseholderQR::solve keeps columns above its own, much
    // smaller, threshold): the basic solution regress returns.
    const Eigen::Index r = rank_;
    Eigen::VectorXd z = qr_.matrixQR().topLeftCorner(r, r).triangularView<Eigen::Upper>().solve(c.head(r));
    Eigen::VectorXd w = Eigen::VectorXd::Zero(qr_.cols());
    for (Eigen::Index i = 0; i < r; ++i) w(qr_.colsPermutation().indices()(i)) = z(i);
    return w;
}

Eigen::VectorXd Readout::predict(const Eigen::VectorXd& weights, const Eigen::MatrixXd& features) const {
    return design(features) * weights;
}

double rnmse(const Eigen::VectorXd& y, const Eigen::VectorXd& target) {
    if (y.size() != target.size() || y.size() == 0) throw Error("RNMSE: series of different or zero length");
    const double power = target.squaredNorm();
    if (power == 0) return std::numeric_limits<double>::quiet_NaN();
    return std::sqrt((y - target).squaredNorm() / power);
}

std::vector<TaskScore> score_tasks(const Eigen::MatrixXd& features, const std::vector<std::string>& names,
                                   const std::vector<Eigen::VectorXd>& targets, const ReadoutOptions& options) {
    if (names.size() != targets.size()) throw Error("readout: one name per target");
    if (!(options.train_fraction > 0 && options.train_fraction <= 1))
        throw Error("readout: the training fraction must be in (0, 1]");
    const Eigen::Index n = features.rows();
    if (static_cast<Eigen::Index>(options.washout) >= n)
        throw Error("readout: the washout (" + std::to_string(options.washout) + " samples) leaves no samples of " +
                    std::to_string(n));
    const Eigen::Index w = static_cast<Eigen::Index>(options.washout), usable = n - w;
    const Eigen::Index train = options.train_fraction == 1 ? usable
                                                           : static_cast<Eigen::Index>(std::floor(options.train_fraction * usable));
    const bool split = train < usable;
    if (train < 1 || (options.train_fraction < 1 && !split))
        throw Error("readout: the split leaves no training or no test samples");
    const Eigen::MatrixXd x_train = features.middleRows(w, train);
    const Eigen::MatrixXd x_test = split ? Eigen::MatrixXd(features.bottomRows(usable - train)) : x_train;
    const Readout readout(x_train, options);
    std::vector<TaskScore> out;
    for (std::size_t k = 0; k < targets.size(); ++k) {
        if (targets[k].size() != n) throw Error("readout: target '" + names[k] + "' has the wrong length");
        const Eigen::VectorXd y_train = targets[k].segment(w, train);
        const Eigen::VectorXd y_test = split ? Eigen::VectorXd(targets[k].tail(usable - train)) : y_train;
        TaskScore s;
        s.task = names[k];
        s.weights = readout.weights(y_train);
        s.rank = readout.rank();
        s.train_accuracy = 1 - rnmse(readout.predict(s.weights, x_train), y_train);
        s.rnmse = rnmse(readout.predict(s.weights, x_test), y_test);
        s.accuracy = 1 - s.rnmse;
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace nwn::exp

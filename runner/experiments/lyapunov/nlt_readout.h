// The nonlinear-transformation (NLT) readout of MODEL.md §6, free of engines and files (kept here rather
// than in runner/analysis only because that library lists its sources by hand): a linear least-squares
// map from recorded features (wire voltages) to a target signal, and its accuracy 1 − RNMSE.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace nwn::exp {

struct ReadoutOptions {
    double ridge = 0;             // Tikhonov weight α: minimise |Xw − y|² + α|w|² (0 = plain least squares)
    bool bias = false;            // add a constant column (NWNsim has none)
    std::size_t washout = 0;      // leading samples left out of training and testing
    double train_fraction = 1.0;  // the first part after the washout trains; the rest tests (1 = NWNsim: both on all)
};

// Least squares as MATLAB's regress solves it: QR with column pivoting, columns beyond the numerical rank
// (|R_ii| <= max(rows, cols)·eps·|R_11|) get weight 0 — e.g. the drain wire, always at 0 V. With a ridge
// the same QR solves the augmented system [X; √α·I] w = [y; 0].
class Readout {
public:
    Readout(const Eigen::MatrixXd& features, const ReadoutOptions& options);  // factorises once
    Eigen::VectorXd weights(const Eigen::VectorXd& target) const;           // fit one target
    Eigen::VectorXd predict(const Eigen::VectorXd& weights, const Eigen::MatrixXd& features) const;
    Eigen::Index rank() const { return rank_; }

private:
    Eigen::MatrixXd design(const Eigen::MatrixXd& features) const;  // with the bias column, if any
    ReadoutOptions opt_;
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr_;
    Eigen::Index rows_ = 0, rank_ = 0;
};

// √(mean((y − t)²) / mean(t²)); NaN when the target is identically 0.
double rnmse(const Eigen::VectorXd& y, const Eigen::VectorXd& target);

struct TaskScore {
    std::string task;
    double accuracy = 0;        // 1 − RNMSE on the test samples
    double rnmse = 0;
    double train_accuracy = 0;  // on the training samples
    Eigen::Index rank = 0;
    Eigen::VectorXd weights;
};

// Fits every target (same rows as features) on the training rows and scores it on the test rows.
// Throws nwn::Error for mismatched sizes, or too few samples for a split.
std::vector<TaskScore> score_tasks(const Eigen::MatrixXd& features, const std::vector<std::string>& names,
                                   const std::vector<Eigen::VectorXd>& targets, const ReadoutOptions& options);

}  // namespace nwn::exp

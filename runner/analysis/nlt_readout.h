// The nonlinear-transformation (NLT) readout of docs/model.md §6, free of engines and files: a linear
// least-squares map from recorded features (wire voltages) to a target signal, and its accuracy
// 1 − RNMSE. Plain std::vector in and out; Eigen is used inside only (nlt_readout.cpp).
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace nwn::analysis {

using Series = std::vector<double>;

// Samples × features, row-major: row k holds the features of sample k.
struct Features {
    std::size_t rows = 0, cols = 0;
    std::vector<double> data;  // rows·cols values
    double operator()(std::size_t r, std::size_t c) const { return data[r * cols + c]; }
};

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
    Readout(const Features& features, const ReadoutOptions& options);  // factorises once
    ~Readout();
    Readout(Readout&&) noexcept;
    Readout& operator=(Readout&&) noexcept;
    Series weights(const Series& target) const;  // fit one target: cols (+1 with the bias) weights
    Series predict(const Series& weights, const Features& features) const;
    std::size_t rank() const;

private:
    struct Impl;  // the Eigen factorisation
    std::unique_ptr<Impl> impl_;
};

// √(mean((y − t)²) / mean(t²)); NaN when the target is identically 0.
double rnmse(const Series& y, const Series& target);

struct TaskScore {
    std::string task;
    double accuracy = 0;        // 1 − RNMSE on the test samples
    double rnmse = 0;
    double train_accuracy = 0;  // on the training samples
    std::size_t rank = 0;
    Series weights;
};

// Fits every target (same rows as features) on the training rows and scores it on the test rows.
// Throws nwn::Error for mismatched sizes, or too few samples for a split.
std::vector<TaskScore> score_tasks(const Features& features, const std::vector<std::string>& names,
                                   const std::vector<Series>& targets, const ReadoutOptions& options);

}  // namespace nwn::analysis

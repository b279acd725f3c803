// The reservoir readout on top of nlt_readout's least squares: the ridge penalty chosen by k-fold
// cross-validation on the training samples, a washout / train / test split, scores (NRMSE, r²), and an
// online variant (recursive least squares). Free of engines and files.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "runner/analysis/nlt_readout.h"

namespace nwn::analysis {

struct RidgeCvOptions {
    std::vector<double> penalties{0, 1e-8, 1e-6, 1e-4, 1e-2, 1, 1e2};  // candidate α (features standardised)
    std::size_t folds = 5;        // contiguous blocks of the training samples (time series: no shuffling)
    bool bias = true;             // a constant column (penalised with the rest, see ridge_cv)
    std::size_t washout = 100;    // leading samples used for neither training nor testing
    double train_fraction = 0.7;  // of the samples after the washout; the rest tests
};

struct RidgeScore {
    double penalty = 0;      // the α cross-validation chose
    double cv_nrmse = 0;     // its mean validation NRMSE over the folds
    double train_nrmse = 0;  // refitted on every training sample
    double test_nrmse = 0;
    double test_r2 = 0;      // squared correlation of prediction and target on the test samples
    std::size_t train = 0, test = 0;
    Series weights;          // features (standardised), then the bias
    Series prediction;       // on the test samples
};

// √(mean((y − t)²) / var(t)): 1 for predicting the mean; NaN when the target is constant.
double nrmse(const Series& y, const Series& target);
// Squared Pearson correlation; 0 when either series is constant.
double r_squared(const Series& y, const Series& target);

// Standardises the features with the training samples' mean and spread (constant columns become 0), picks α
// by cross-validation, refits on all training samples and scores the test samples. The penalty acts on the
// standardised features; the bias column takes the same α (it is small next to the samples' count).
// Throws nwn::Error for mismatched sizes or a split that leaves fewer samples than folds.
RidgeScore ridge_cv(const Features& features, const Series& target, const RidgeCvOptions& options);

struct ClassifierScore {
    double penalty = 0;         // the α cross-validation chose (by classification error)
    double cv_accuracy = 0;     // its mean validation accuracy over the folds
    double train_accuracy = 0;  // refitted on every training sample
    double accuracy = 0;        // on the test samples
    std::vector<std::vector<std::size_t>> confusion;  // [true class][predicted class], test samples
    std::size_t train = 0, test = 0;
};

// A classifier on the same footing as ridge_cv: one-vs-rest ridge regression onto ±1 targets, the class with
// the largest output wins; α chosen by k-fold cross-validation of the classification error. labels in
// [0, classes). Throws nwn::Error as ridge_cv, and for a label out of range.
ClassifierScore ridge_classifier_cv(const Features& features, const std::vector<int>& labels, std::size_t classes,
                                    const RidgeCvOptions& options);

// Recursive least squares with forgetting factor ≤ 1: the online readout (one update per sample, O(p²)).
// With forgetting 1 and a large initial δ it converges to the least-squares weights.
class RecursiveLeastSquares {
public:
    RecursiveLeastSquares(std::size_t features, double forgetting = 1.0, double delta = 1e4, bool bias = true);
    ~RecursiveLeastSquares();
    RecursiveLeastSquares(RecursiveLeastSquares&&) noexcept;
    RecursiveLeastSquares& operator=(RecursiveLeastSquares&&) noexcept;
    double predict(const double* x) const;  // x: `features` values
    // Predicts, then learns the sample; returns the prediction made before the update (the online error).
    double update(const double* x, double target);
    Series weights() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nwn::analysis

// Standard reservoir-computing benchmarks on sampled series, free of engines: seeded inputs, their targets,
// the scores, and the echo-state network every task is compared with.
//   memory capacity  u_k uniform in [−1, 1]; MC = Σ_{d=1..D} r²(ŷ_d, u_{k−d}) (Jaeger 2001), the linear
//                    short-term memory: at most the number of independent features
//   NARMA-10         u_k uniform in [0, 0.5]; y_{k+1} = 0.3 y_k + 0.05 y_k Σ_{i=0..9} y_{k−i} + 1.5 u_{k−9} u_k + 0.1
//                    (Atiya & Parlos 2000); score: NRMSE of one-step prediction of y_{k+1} from the state at k
//   Mackey–Glass     dx/dt = 0.2 x(t−τ)/(1 + x(t−τ)^10) − 0.1 x, τ = 17 (chaotic), sampled every time unit;
//                    score: NRMSE of predicting x_{k+h} from the state at k, h = 1 (one step) and further
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "runner/analysis/reservoir_readout.h"

namespace nwn::analysis {

// n values uniform in [lo, hi], from a seeded stream that does not depend on the standard library.
Series uniform_input(std::size_t n, double lo, double hi, std::uint64_t seed);

// NARMA-10's output for input u (same length; the first ten values are the recursion's start, 0.1 as u
// starts). Throws nwn::Error if the recursion diverges (inputs outside [0, 0.5] can make it).
Series narma10(const Series& u);

struct MemoryCapacity {
    double total = 0;         // Σ r² over the delays
    std::vector<double> r2;   // per delay 1..D
};

// The readout of each delay d (target u_{k−d}) on `features`, rows aligned with u; the first D rows are
// dropped with the washout so every target exists.
MemoryCapacity memory_capacity(const Features& features, const Series& u, std::size_t max_delay, RidgeCvOptions options);

// NARMA-10 scored on `features` (rows aligned with u): the readout of row k predicts y_{k+1}.
RidgeScore narma10_score(const Features& features, const Series& u, RidgeCvOptions options);

// n samples of the Mackey–Glass series (τ = 17, x = 1.2 on the initial history, RK4 at 0.1 time units,
// sampled every unit after `transient` units), the standard chaotic prediction benchmark.
Series mackey_glass(std::size_t n, double tau = 17, std::size_t transient = 1000);

// Prediction of u_{k+h} from the state at k (rows aligned with u), the input being the series itself.
RidgeScore prediction_score(const Features& features, const Series& u, std::size_t horizon, RidgeCvOptions options);

// An echo-state network's states for input u (rows aligned with u): x_k = tanh(W x_{k−1} + W_in u_k), W with
// 10 % non-zeros uniform in [−1, 1] scaled to spectral radius `radius`, W_in uniform in [−scale, scale];
// seeded. The baseline every task reports beside the network.
Features echo_state_features(const Series& u, std::size_t units, double radius, double input_scale, std::uint64_t seed);
// The same with several inputs: row k of `u` is the input vector at step k (input weights per unit and input).
Features echo_state_features(const Features& u, std::size_t units, double radius, double input_scale, std::uint64_t seed);

// The input itself (and a constant) as the only feature: what the readout does without any reservoir.
Features raw_input_features(const Series& u);

}  // namespace nwn::analysis

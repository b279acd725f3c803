// What a Lyapunov run decided and measured, and how it is written: lyapunov.json, trace.csv and
// attractor.csv (see lyapunov.h).
#pragma once
#include <filesystem>
#include <limits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "devicemodel/hochstetter/hochstetter.h"
#include "runner/analysis/lyapunov_math.h"
#include "runner/experiments/lyapunov/lyapunov.h"

namespace nwn::exp {

struct LyapunovPlan {
    const LyapunovSpec& spec;
    nwn_junction_params params;
    double period = 0, tau = 0;
    long segments = 0, skip = 0, block = 1;  // block: segments per drive period
    std::vector<std::size_t> junctions{};    // the state vector's junctions
};

struct LyapunovLog {
    std::string status, message;
    double t0 = 0;                                        // drive time where the measurement began
    State attractor;                                      // the reference there
    std::vector<std::pair<double, double>> transient_drift;  // (t, |λ(t) − λ(previous chunk end)|)
    std::vector<std::vector<double>> rates;               // per segment, per exponent (1/s)
    std::vector<std::size_t> lost;                        // per exponent: segments whose separation vanished
    double r = std::numeric_limits<double>::quiet_NaN();
    std::size_t r_periods = 0;
    double transient_s = 0, segments_s = 0, wall_s = 0;
    nlohmann::json engine_stats, transient_engine_stats;
};

// Every network junction's state: `states` of `junctions`, 0 for the others.
std::vector<double> all_states(std::size_t network_junctions, const std::vector<std::size_t>& junctions, const State& states);
// junction,lambda for every network junction: `states` of `junctions`, 0 for the others (nwn nlt --ic reads it).
void write_states_csv(const std::filesystem::path& file, std::size_t network_junctions, const std::vector<std::size_t>& junctions,
                      const State& states);

LyapunovResult write_lyapunov_outputs(const LyapunovPlan& plan, const LyapunovLog& log);

}  // namespace nwn::exp

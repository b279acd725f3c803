// The edge-of-chaos controller (nwn edge-control) on NWNsim's network under a 0.85 Hz triangle. The grid of
// docs/lyapunov_phase_diagram.csv (native, NWNsim's scheme) brackets the edge there: λ = −0.11 s⁻¹ at 0.5 V,
// +0.18 at 0.8 V, +4.6 at 1.25 V. Started at 1.25 V and kicked to twice its amplitude halfway, the
// controller must bring the exponent back within ±0.5 s⁻¹ of 0 (the bound).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "networks.h"
#include "netlistgen/network/junction_params.h"
#include "runner/experiments/lyapunov/edge_control.h"
#include "runner/experiments/lyapunov/lyapunov.h"
#include "runner/experiments/lyapunov/running_lyapunov.h"
#include "runner/io/timeseries_csv.h"
#include "support/reference.h"

using namespace nwn;

TEST_CASE("edge-control: the amplitude settles where lambda is near 0 and comes back after a step", "[lyapunov][reference][edge]") {
    const auto network = test::nwnsim_network();
    if (!network) return;
    exp::EdgeControlSpec s;
    s.network = *network;
    s.stimulus = net::Stimulus::parse("triangle:1.25:0.85");
    s.transient = 10;
    s.duration = 160;
    s.steps = {{70, 2}};
    s.quiet = true;
    s.out = test::scratch_dir("lyapunov/edge_control");
    const auto doc = exp::run_edge_control(s);
    const auto& st = doc["settled"];
    WARN("settled at " << st["amplitude"] << " V, lambda " << st["lambda_per_s"] << " +- " << st["sigma"] << ", "
                       << st["settle_time_s"] << " s after the step");
    CHECK(std::abs(st["lambda_per_s"].get<double>()) <= 0.5);
    CHECK(st["within_tolerance"].get<bool>());
    // Measured 70 s: the ×2 step costs ~40 s of amplitude moves (at most 0.1 in ln A per 4.7 s window), and
    // the settled mean averages 10 windows (47 s) that must all be after the kick's chaos.
    REQUIRE(st["settle_time_s"].is_number());
    CHECK(st["settle_time_s"].get<double>() <= 85);
    CHECK(st["amplitude"].get<double>() > 0.5);   // the grid: ordered at 0.5 V ...
    CHECK(st["amplitude"].get<double>() < 1.25);  // ... chaotic at 1.25 V

    const auto ts = io::read_timeseries_csv(s.out / "edge_control.csv", {{"t", "amplitude", "lambda_window"}, true});
    REQUIRE(ts.rows() > 10);
    CHECK(ts.columns[2][0] > 2);  // the start at 1.25 V is chaotic: the controller had work to do
    bool kicked = false;
    for (std::size_t k = 1; k < ts.rows(); ++k)
        if (ts.columns[0][k - 1] >= 70 && !kicked) {
            kicked = true;
            CHECK(ts.columns[1][k] == Approx(2 * ts.columns[1][k - 1] * std::exp(-0.05 * std::clamp(ts.columns[2][k - 1], -2.0, 2.0))));
            CHECK(ts.columns[2][k] > 2);  // the kick made it chaotic again
        }
    CHECK(kicked);
}

TEST_CASE("edge-control: bad settings are refused by name", "[lyapunov][edge]") {
    exp::EdgeControlSpec s;
    s.network = test::triangle_network();
    s.out = test::scratch_dir("lyapunov/edge_control_bad");
    s.stimulus = net::Stimulus::dc(1);
    CHECK_THROWS_WITH(exp::run_edge_control(s), Catch::Contains("sine, triangle or square"));
    s.stimulus = net::Stimulus::parse("triangle:1:1");
    s.gain = 0;
    CHECK_THROWS_WITH(exp::run_edge_control(s), Catch::Contains("--gain"));
    s.gain = 0.05;
    s.amplitude_max = 0.01;
    CHECK_THROWS_WITH(exp::run_edge_control(s), Catch::Contains("--amplitude-max"));
    s.amplitude_max = 10;
    s.settle_windows = 1;
    CHECK_THROWS_WITH(exp::run_edge_control(s), Catch::Contains("--settle-windows"));
    CHECK_THROWS_WITH(exp::parse_amplitude_step("70"), Catch::Contains("TIME:FACTOR"));
    CHECK_THROWS_WITH(exp::parse_amplitude_step("70:x"), Catch::Contains("--step factor"));
}

TEST_CASE("running Lyapunov: the rates of nwn lyapunov's native estimate, segment by segment", "[lyapunov][reference][edge]") {
    // One estimator behind nwn lyapunov, nwn reservoir --lyapunov and the controller: the same copies, the same
    // first direction and renormalisation give the same mean (only summation order may differ).
    const auto network = test::nwnsim_network();
    if (!network) return;
    exp::LyapunovSpec s;
    s.network = *network;
    s.stimulus = net::Stimulus::parse("triangle:1.25:0.85");
    s.sim.engine = engine::Engine::Native;
    s.transient = 10;  // off the all-zero start, whose hard clamps wipe out the first separations
    s.periods = 6;
    s.skip_periods = 0;
    s.quiet = true;
    s.out = test::scratch_dir("lyapunov/running_vs_batch");
    const auto batch = exp::run_lyapunov(s);
    REQUIRE(batch.ok());

    std::vector<net::ElectrodeRole> roles;
    for (std::size_t e = 0; e < network->electrodes.size(); ++e)
        roles.push_back({network->electrodes[e].name, e == 0 ? net::Role::Drive : net::Role::Ground,
                         e == 0 ? std::optional<net::Stimulus>(s.stimulus) : std::nullopt, 0});
    auto params = net::preset_params("ac");
    exp::RunningLyapunov rl(*network, roles, params, s.sim.dt, true, 1e-7, 1);
    rl.advance_reference(10);
    double sum = 0;
    const int segments = 12;  // tau = half a period
    for (int k = 0; k < segments; ++k) sum += rl.advance(0.5 / 0.85);
    // The copy starts at ref + (copy - ref) instead of ref + eps*q: rounding of 1e-16 relative in the separation.
    CHECK(sum / segments == Approx(batch.lambda_per_s[0]).epsilon(1e-6));
}

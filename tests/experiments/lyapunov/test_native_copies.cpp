// The native Lyapunov copies take the native engine's own step (engine::NativeStep), and a stop request
// during a native Lyapunov run ends it as a stop (common/cancel.h's Cancelled, status interrupted), not as
// an Error.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "common/cancel.h"
#include "common/error.h"
#include "networks.h"
#include "runner/engine/native_engine.h"
#include "runner/experiments/lyapunov/lyapunov.h"
#include "runner/experiments/lyapunov/lyapunov_engines.h"
#include "runner/experiments/lyapunov/native_lyapunov.h"
#include "support/reference.h"

using namespace nwn;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Resets the process-wide stop request however the test ends, so the tests after it run.
struct StopRequest {
    StopRequest() { request_cancel(); }
    ~StopRequest() { reset_cancel(); }
    StopRequest(const StopRequest&) = delete;
    StopRequest& operator=(const StopRequest&) = delete;
};

}  // namespace

TEST_CASE("native copies: the reference copy is the native engine's run, bit for bit", "[lyapunov]") {
    // Every wire of the triangle holds an electrode's component, so the copies (electrode components only)
    // and the engine (every part) solve the same system. A drive that switches the junctions on and off,
    // so a difference in any part of the step (conductances, solve, update) would show.
    const net::Network n = test::triangle_network();
    const auto drive = net::Stimulus::parse("sine:2:5");
    const double dt = 1e-3;
    engine::NativeOptions opt;
    opt.dt = dt;
    opt.tstop = 1;
    opt.nwnsim_compat = true;
    opt.params = {nwn_params_dc()};
    engine::NativeEngine eng(n, {{n.electrodes[0].name, drive}}, opt);
    exp::NativeCopies copies(n, drive, "", nwn_params_dc(), dt, true);
    REQUIRE(copies.junctions().size() == n.junctions.size());
    REQUIRE(copies.wires().size() == n.wires.size());

    const auto& layout = eng.layout();
    const auto v_drive = layout.index("w" + std::to_string(n.electrodes[0].wires.front()));
    // Copy 0 is the reference; copy 1 steps after it on the same system, which must not disturb copy 0's record.
    std::vector<analysis::State> states{analysis::State(n.junctions.size(), 0.0), analysis::State(n.junctions.size(), 1e-3)};
    bool same = true;
    double lambda_max = 0;
    for (long k = 1; k <= 1000 && same; ++k) {
        const auto& p = eng.step();
        copies.step(states, static_cast<double>(k) * dt);
        same = same_bits(p.time, static_cast<double>(k) * dt) && same_bits(copies.drive_voltage(), p.values[v_drive]);
        for (std::size_t m = 0; m < n.junctions.size(); ++m) {
            same = same && same_bits(states[0][m], eng.lambda()[m]);
            lambda_max = std::max(lambda_max, std::abs(states[0][m]));
        }
        for (std::size_t w = 0; w < n.wires.size(); ++w)
            same = same && same_bits(copies.wire_voltages()[w], p.values[layout.index("w" + std::to_string(copies.wires()[w]))]);
    }
    CHECK(same);
    CHECK(lambda_max > nwn_params_dc().lcrit);  // the junctions did switch
}

TEST_CASE("native Lyapunov: a stop request ends the run as a stop, not an error", "[lyapunov]") {
    const net::Network n = test::triangle_network();
    const auto drive = net::Stimulus::parse("triangle:0.05:1");
    engine::EngineChoice choice;
    choice.engine = engine::Engine::Native;
    const auto seg = exp::make_segment_engine({n, drive, nwn_params_dc(), choice});
    std::vector<analysis::State> states{analysis::State(n.junctions.size(), 0.0)};
    {
        StopRequest stop;
        // 2 s at 5e-4 s: past the 1024 steps after which the loop looks at the request. Cancelled is no nwn::Error.
        REQUIRE_THROWS_AS(seg->advance(states, 0, 2, {}, false), Cancelled);
    }
    CHECK_NOTHROW(seg->advance(states, 0, 0.01, {}, false));  // withdrawn: the engine goes on

    exp::LyapunovSpec s;
    s.network = n;
    s.stimulus = drive;
    s.sim.engine = engine::Engine::Native;
    s.transient = 2;
    s.periods = 2;
    s.quiet = true;
    s.out = test::scratch_dir("lyapunov/native_stop");
    StopRequest stop;
    const auto r = exp::run_lyapunov(s);
    CHECK(r.status == "interrupted");
    CHECK(r.message == "interrupted");
}

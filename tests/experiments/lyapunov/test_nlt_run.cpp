// The NLT task's targets (nlt_run.h).
#include <catch2/catch.hpp>

#include "netlistgen/stimulus.h"
#include "runner/experiments/lyapunov/nlt_run.h"

using namespace nwn;

TEST_CASE("NLT targets follow NWNsim's definitions", "[lyapunov][nlt]") {
    const auto drive = net::Stimulus::parse("triangle:2:0.5");  // period 2 s
    const auto tg = exp::nlt_targets(drive, {0.0, 0.25, 0.5, 1.5});
    CHECK(exp::nlt_task_names() == std::vector<std::string>{"sine", "square", "phase", "double"});
    CHECK(tg[0][2] == Approx(2.0));             // sine peak at a quarter period
    CHECK(tg[1][1] == Approx(2.0));             // +A in the first half period
    CHECK(tg[1][3] == Approx(-2.0));
    CHECK(tg[2][0] == Approx(2.0));             // π/2-shifted triangle starts at +A
    CHECK(tg[2][2] == Approx(0.0).margin(1e-12));
    CHECK(tg[3][1] == Approx(2.0));             // triangle at 2f peaks at 1/(8f)
}

// Drives restarted at a later time (the two-copy decks' .ic restarts) continue the stimulus' phase.
#include <catch2/catch.hpp>

#include "common/error.h"
#include "netlistgen/network/stimulus.h"
#include "runner/experiments/lyapunov/lyapunov.h"
#include "runner/experiments/lyapunov/two_copy_deck.h"

using namespace nwn;

TEST_CASE("a shifted drive continues the stimulus' phase", "[lyapunov]") {
    const auto tri = net::Stimulus::parse("triangle:1.25:0.5");  // period 2 s, peak at 0.5 s
    // From t0 = 0.5 s (the peak) for 1 s: down to 0 at 1.0 s, -1.25 at 1.5 s.
    CHECK(exp::shifted_source(tri, 0.5, 1.0) == "PWL(0 1.25 0.5 0 1 -1.25)");
    // A cut between corners interpolates its ends.
    CHECK(exp::shifted_source(tri, 0.25, 0.5) == "PWL(0 0.625 0.25 1.25 0.5 0.625)");
    const auto sine = net::Stimulus::parse("sine:1:0.25");
    CHECK(exp::shifted_source(sine, 1.0, 2.0) == net::Stimulus::parse("sine:1:0.25:1.5707963267948966").spice_source(2));
    CHECK(exp::shifted_source(net::Stimulus::dc(0.3), 5, 1) == "DC 0.3");
    CHECK_THROWS_AS(exp::shifted_source(tri, 0, 0), Error);
    CHECK(exp::drive_period(tri) == 2.0);
    CHECK_THROWS_AS(exp::drive_period(net::Stimulus::dc(1)), Error);
}

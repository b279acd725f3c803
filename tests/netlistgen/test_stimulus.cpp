// Stimulus specs: parsing, waveforms (NWNsim's conventions) and the matching ngspice source text.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "fixtures.h"
#include "netlistgen/network/stimulus.h"
#include "support/reference.h"

using nwn::net::Stimulus;

TEST_CASE("dc and sine") {
    const auto dc = Stimulus::parse("dc:1.8");
    CHECK(dc.value(0.3) == 1.8);
    CHECK(dc.spice_source(1) == "DC 1.8");
    const auto s = Stimulus::parse("sine:2:0.5:1.5707963267948966");
    CHECK(s.value(0) == Approx(2));
    CHECK(s.value(0.5) == Approx(0).margin(1e-12));
    CHECK(s.spice_source(1) == "SIN(0 2 0.5 0 0 90)");
    CHECK(Stimulus::parse("sine:1:2").spice_source(1) == "SIN(0 1 2 0 0 0)");
}

TEST_CASE("triangle is NWNsim's ACsaw: from 0, rising, peak at 1/(4f)") {
    const auto t = Stimulus::parse("triangle:3:0.5");
    CHECK(t.value(0) == 0);
    CHECK(t.value(0.25) == Approx(1.5));
    CHECK(t.value(0.5) == Approx(3));
    CHECK(t.value(1.0) == Approx(0).margin(1e-12));
    CHECK(t.value(1.5) == Approx(-3));
    CHECK(t.value(2.25) == Approx(1.5));
    CHECK(t.spice_source(2) == "PWL(0 0 0.5 3 1 0 1.5 -3 2 0)");
    CHECK(t.spice_source(1.2).find("1.5 -3)") != std::string::npos);  // closes the segment past tstop
    CHECK(t.peak() == 3);
}

TEST_CASE("square is +A for the duty fraction, then -A - pulse trains and ramps") {
    const auto sq = Stimulus::parse("square:1.5:0.5");
    CHECK(sq.value(0) == 1.5);
    CHECK(sq.value(0.999) == 1.5);
    CHECK(sq.value(1.001) == -1.5);
    CHECK(sq.value(1.999) == -1.5);
    CHECK(sq.value(2.001) == Approx(1.5));
    CHECK(Stimulus::parse("square:1:1:25").value(0.3) == -1);
    CHECK(sq.spice_source(4) == "PULSE(1.5 -1.5 1 2e-06 2e-06 0.999996 2)");

    const auto p = Stimulus::parse("pulse:0:1:0.1:1:0.2");
    CHECK(p.value(0.1) == 0);
    CHECK(p.value(0.25) == 1);
    CHECK(p.value(0.35) == 0);
    CHECK(p.value(1.25) == 1);
    CHECK(p.spice_source(2) == "PULSE(0 1 0.2 1e-06 1e-06 0.1 1)");

    const auto r = Stimulus::parse("ramp:0:5:10");
    CHECK(r.value(5) == 2.5);
    CHECK(r.value(20) == 5);
    CHECK(r.spice_source(1) == "PWL(0 0 10 5)");
}

TEST_CASE("pwl from a CSV file") {
    const auto dir = nwn::test::scratch_dir("netlistgen_pwl");
    nwn::test::write_text(dir / "v.csv", "t,V\n0,0\n1,2\n3,-2\n");
    const auto s = Stimulus::parse("pwl:v.csv", dir);
    CHECK(s.value(0.5) == 1);
    CHECK(s.value(2) == 0);
    CHECK(s.value(5) == -2);
    CHECK(s.spice_source(1) == "PWL(0 0 1 2 3 -2)");
    nwn::test::write_text(dir / "bad.csv", "t,V\n0,0\n1,2\n1,3\n");
    CHECK_THROWS_WITH(Stimulus::parse("pwl:bad.csv", dir), Catch::Contains("increase strictly"));
    nwn::test::write_text(dir / "cols.csv", "time,volts\n0,0\n");
    CHECK_THROWS_WITH(Stimulus::parse("pwl:cols.csv", dir), Catch::Contains("columns t and V"));
}

TEST_CASE("value(t) follows the ngspice source between its corners") {
    // Sample the ngspice text's own definition (PULSE/PWL corners) through breakpoints.
    for (const char* spec : {"square:2:3:30", "pulse:-1:2:0.05:0.2:0.03", "triangle:1:7", "ramp:1:-1:0.3"}) {
        const auto s = Stimulus::parse(spec);
        const auto corners = s.breakpoints(1.0);
        REQUIRE(corners.size() >= 2);
        for (std::size_t k = 1; k < corners.size(); ++k) {
            const double a = corners[k - 1], b = corners[k], m = (a + b) / 2;
            INFO(spec << " between " << a << " and " << b);
            CHECK(s.value(m) == Approx((s.value(a) + s.value(b)) / 2).margin(1e-9));  // linear between corners
        }
    }
}

TEST_CASE("bad stimulus specs are refused with the expected form") {
    CHECK_THROWS_WITH(Stimulus::parse("dc"), Catch::Contains("expected dc:V"));
    CHECK_THROWS_WITH(Stimulus::parse("dc:1.8V"), Catch::Contains("not a number"));
    CHECK_THROWS_WITH(Stimulus::parse("sine:1"), Catch::Contains("sine:AMP:FREQ[:PHASE]"));
    CHECK_THROWS_WITH(Stimulus::parse("sine:1:0"), Catch::Contains("frequency must be > 0"));
    CHECK_THROWS_WITH(Stimulus::parse("square:1:1:100"), Catch::Contains("duty"));
    CHECK_THROWS_WITH(Stimulus::parse("pulse:0:1:2:1"), Catch::Contains("width"));
    CHECK_THROWS_WITH(Stimulus::parse("ramp:0:1:0"), Catch::Contains("ramp time"));
    CHECK_THROWS_WITH(Stimulus::parse("noise:1"), Catch::Contains("unknown kind 'noise'"));
    CHECK_THROWS_WITH(Stimulus::parse("pwl:/nonexistent.csv"), Catch::Contains("nonexistent.csv"));
}

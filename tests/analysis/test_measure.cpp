// .meas functions on sampled vectors against hand-computed answers (a ramp v = 2t on [0, 1]); the
// statements' parsing and the comparison with ngspice's own .meas are in tests/cosim/test_measure.cpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "runner/analysis/measure.h"

using namespace nwn;
using analysis::MeasureFn;
using analysis::MeasureSpec;

namespace {

double measure(const MeasureSpec& m) {
    std::vector<double> t, v;
    for (int i = 0; i <= 10; ++i) t.push_back(0.1 * i), v.push_back(0.2 * i);
    return analysis::evaluate_measure(m, t, [&](const std::string& name) {
        if (name != "v") throw std::runtime_error("no vector " + name);
        return v;
    });
}

MeasureSpec spec(MeasureFn fn) {
    MeasureSpec m{fn, {}, {}};
    m.a.vec = "v";
    return m;
}

}  // namespace

TEST_CASE("measures of a ramp: WHEN, FIND AT, TRIG/TARG, extrema, AVG and INTEG", "[measure]") {
    auto when = spec(MeasureFn::When);
    when.a.val = 1;
    CHECK(measure(when) == Approx(0.5));
    when.a.val = 5;  // never reached
    CHECK(std::isnan(measure(when)));

    auto find = spec(MeasureFn::Find);
    find.a.at = 0.25;
    CHECK(measure(find) == Approx(0.5));

    MeasureSpec trig{MeasureFn::Trig, {}, {}};
    trig.a.at = 0.2;
    trig.b.vec = "v";
    trig.b.val = 1;
    trig.b.rise = 1;
    CHECK(measure(trig) == Approx(0.3));

    CHECK(measure(spec(MeasureFn::Max)) == Approx(2.0));
    CHECK(measure(spec(MeasureFn::MinAt)) == Approx(0.0).margin(1e-15));
    CHECK(measure(spec(MeasureFn::Pp)) == Approx(2.0));
    CHECK(measure(spec(MeasureFn::Avg)) == Approx(1.0));
    CHECK(measure(spec(MeasureFn::Integ)) == Approx(1.0));
    auto window = spec(MeasureFn::Avg);
    window.a.from = 2, window.a.to = 3;  // no samples
    CHECK(std::isnan(measure(window)));

    auto other = spec(MeasureFn::Max);
    other.a.vec = "w";
    CHECK_THROWS_WITH(measure(other), "no vector w");
}

// The RC step-response deck shared by the engine tests (system and other ngspice builds): its
// analytic answer v(out) = 1 - exp(-t/RC) checks every point ngspice streams.
#pragma once
#include "runner/engine/ngspice_session.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace nwn::test {

inline std::vector<std::string> rc_deck(double r_ohm, double c_farad, const std::string& tran) {
    return {
        "rc step response",
        "V1 in 0 DC 1",
        "R1 in out " + std::to_string(r_ohm),
        "C1 out 0 " + std::to_string(c_farad) + " IC=0",
        tran,
        // no .end on purpose: the session must add it (ngSpice_Circ drops the last line otherwise)
    };
}

// Runs the RC deck; returns {max |v(out) - analytic|, points, outcome}.
struct RcResult {
    double max_err = 0;
    std::size_t points = 0;
    std::vector<double> times;
    engine::RunOutcome outcome;
};

inline RcResult run_rc(engine::Session& s, double r, double c, const std::string& tran,
                       bool keep_times = false) {
    s.load_circuit(rc_deck(r, c, tran));
    RcResult res;
    const double tau = r * c;
    std::size_t i_out = engine::VectorLayout::npos;
    s.set_layout_callback([&](const engine::VectorLayout& l) { i_out = l.index("v(out)"); });
    s.set_recorder([&](const engine::Point& p) {
        ++res.points;
        const double v = p[i_out];
        const double exact = 1 - std::exp(-p.time / tau);
        res.max_err = std::max(res.max_err, std::abs(v - exact));
        if (keep_times) res.times.push_back(p.time);
        REQUIRE(p["V(OUT)"] == v);  // name lookup agrees with the cached index
    });
    res.outcome = s.run();
    s.set_recorder({});
    s.set_layout_callback({});
    return res;
}

}  // namespace nwn::test

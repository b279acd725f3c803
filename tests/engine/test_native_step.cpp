// NativeEngine::step() is the run loop's own step: stepping by hand must give run()'s records bit for bit.
#include "runner/engine/native_engine.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace nwn;
using engine::NativeEngine;

TEST_CASE("native engine: step() by step gives run()'s records exactly") {
    // A bridge of wires 0..3, driven hard enough that junctions switch within the run.
    net::Network n;
    n.wires.resize(4);
    n.junctions = {{0, 1}, {0, 2}, {1, 2}, {1, 3}, {2, 3}};
    n.electrodes = {{"src", {0}}, {"drn", {3}}};
    engine::NativeOptions opt;
    opt.dt = 1e-3;
    opt.tstop = 0.2;
    opt.params = {nwn_params_dc()};
    const std::vector<engine::NativeDrive> drives = {{"src", net::Stimulus::parse("sine:2:5")}};

    std::vector<std::vector<double>> by_run;
    NativeEngine a(n, drives, opt);
    CHECK(a.run([&](const engine::NativeStep& s) {
        by_run.push_back(*s.lambda);
        by_run.back().push_back((*s.electrode_current)[1]);
        return true;
    }).accepted_points == 200);

    NativeEngine b(n, drives, opt);
    for (std::size_t k = 0; k < by_run.size(); ++k) {
        const auto s = b.step();
        REQUIRE(s.step == static_cast<long>(k + 1));
        auto rec = *s.lambda;
        rec.push_back((*s.electrode_current)[1]);
        REQUIRE(rec == by_run[k]);
    }
    CHECK(b.run({}).accepted_points == 200);  // already at tstop: nothing left to run
    bool switched = false;
    for (double l : a.lambda()) switched |= l != 0;
    CHECK(switched);
}

// NativeEngine::step() is the run loop's own step, and its Points hold what native_engine.h documents;
// NativeStep's reuse of unchanged work changes nothing.
#include "runner/engine/native_engine.h"
#include "runner/engine/native_step.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/bridge_network.h"
#include "netlistgen/network/generator.h"

using namespace nwn;
using engine::NativeEngine;

TEST_CASE("native engine: step() by step gives run()'s points exactly") {
    // Driven hard enough that junctions switch within the run.
    const net::Network n = test::bridge_network();
    engine::NativeOptions opt;
    opt.dt = 1e-3;
    opt.tstop = 0.2;
    opt.params = {nwn_params_dc()};
    const std::vector<engine::NativeDrive> drives = {{"src", net::Stimulus::parse("sine:2:5")}};

    std::vector<std::vector<double>> by_run;
    NativeEngine a(n, drives, opt);
    const engine::VectorLayout* announced = nullptr;
    bool in_order = true;  // every point numbered in turn and laid out as announced
    const auto out = a.run(
        [&](const engine::Point& p) {
            in_order = in_order && p.step == by_run.size() && p.layout == announced;
            by_run.emplace_back(p.values, p.values + p.size());
        },
        [&](const engine::VectorLayout& l) { announced = &l; });
    CHECK(out.accepted_points == 200);
    CHECK(announced == &a.layout());
    CHECK(in_order);

    NativeEngine b(n, drives, opt);
    for (std::size_t k = 0; k < by_run.size(); ++k) {
        const auto& p = b.step();
        REQUIRE(p.step == k);
        REQUIRE(p.time == static_cast<double>(k + 1) * opt.dt);
        REQUIRE(std::vector<double>(p.values, p.values + p.size()) == by_run[k]);
    }
    CHECK(b.run({}).accepted_points == 200);  // already at tstop: nothing left to run
    bool switched = false;
    for (double l : a.lambda()) switched |= l != 0;
    CHECK(switched);
}

TEST_CASE("native engine: a point holds the deck's vectors, currents before the update and lambda after") {
    // One junction from a bar electrode (its own node "e<name>", 0.1 S link to wire 0) to a contact.
    net::Network n;
    n.wires.resize(2);
    n.junctions = {{0, 1}};
    n.electrodes = {{"Top", {0}, true}, {"drn", {1}}};
    engine::NativeOptions opt;
    opt.dt = 1e-3;
    opt.tstop = 1;
    opt.params = {nwn_params_dc()};
    opt.lambda0 = {0.005};
    NativeEngine eng(n, {{"Top", net::Stimulus::dc(0.5)}}, opt);
    CHECK(eng.layout().names() ==
          std::vector<std::string>{"time", "vtop#branch", "vdrn#branch", "w0", "w1", "etop", "l0", "j0#voltage"});

    const auto& p = eng.step();
    const nwn_junction_params dc = nwn_params_dc();
    auto exact = nwn_params_exact(dc);
    double dg = 0;
    const double g = nwn_conductance(&exact, opt.lambda0[0], &dg);  // the state before the update
    const double i = 0.5 * g * 0.1 / (g + 0.1);
    CHECK(p.time == 1e-3);
    CHECK(p["v(etop)"] == 0.5);
    CHECK(p["v(w1)"] == 0);
    CHECK(p["j0#voltage"] == Approx(p["w0"] - p["w1"]));
    CHECK(p["j0#voltage"] == Approx(i / g));
    CHECK(p["i(vdrn)"] == Approx(i));
    CHECK(p["i(vtop)"] == Approx(-i));
    CHECK(p["v(l0)"] == nwn_euler_update(&dc, opt.lambda0[0], p["j0#voltage"], opt.dt, 0));
    CHECK(p["l0"] == eng.lambda()[0]);
}

TEST_CASE("native step: reusing conductances, factorisation and solution gives the states of recomputing them") {
    // 150 wires with contacts on two of them, under 1.5 V pulses of 20 ms every 250 ms: junctions switch while
    // the pulse is on and relax after it, then sit still; the drive is flat for most steps: every reuse path is taken.
    net::GeneratorParams gp;
    gp.wires = 150;
    gp.lx = gp.ly = 30;
    gp.seed = 4;
    net::Network n = net::generate_network(gp);
    n.electrodes = {{"src", {0}}, {"drn", {static_cast<int>(n.wires.size()) - 1}}};
    const auto stim = net::Stimulus::parse("pulse:0:1.5:0.02:0.25");
    const std::vector<net::ElectrodeRole> roles{{"src", net::Role::Drive, stim, 0}, {"drn", net::Role::Ground, std::nullopt, 0}};
    const std::vector<device::JunctionParams> params{device::JunctionParams(nwn_params_dc())};
    const double dt = 1e-3;
    engine::NativeStep step(n, roles, params.front().model().native(params, false), dt, {});

    // The same step with nothing reused.
    engine::NodalSystem sys(n, {}, engine::holds_of(roles));
    const auto rules = params.front().model().native(params, false);
    const std::size_t nj = sys.junctions().size();
    std::vector<double> lambda(nj, 0.0), ref(nj, 0.0), g(nj), jv(nj);
    std::size_t still = 0, moving = 0;
    for (int k = 1; k <= 500; ++k) {
        const double t = k * dt;
        step.drive(t);
        REQUIRE(step.advance(lambda));
        rules->conductances(ref, g);
        REQUIRE(sys.refactor(g));
        sys.solve({stim.value(t), 0.0});
        sys.junction_voltages(jv);
        const auto before = ref;
        rules->update(ref, jv, dt);
        (ref == before ? still : moving) += 1;
        REQUIRE(lambda == ref);
        REQUIRE(step.junction_voltages() == jv);
        REQUIRE(step.system().node_voltages() == sys.node_voltages());
    }
    INFO(still << " still, " << moving << " moving");
    CHECK(still > 50);
    CHECK(moving > 50);
}

// NodalSystem against resistor networks solved by hand. The systems have at most three unknowns, O(1)
// conductances and condition numbers below 100, so LDLᵀ (backward stable) lands within a few hundred ulps
// of the exact solution: a relative tolerance of 1e-12 leaves a wide margin and still catches any wrong
// stamp, sign or fixed voltage, which would be off in the first digits.
#include "runner/engine/nodal_system.h"

#include "common/error.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace nwn;
using engine::NodalOptions;
using engine::NodalSystem;

namespace {

constexpr double kTol = 1e-12;

// Wires 0..n-1 (geometry is irrelevant here), the given junctions, contacts src and drn.
net::Network network(int wires, std::vector<net::Junction> junctions, int src, int drn) {
    net::Network n;
    n.wires.resize(wires);
    n.junctions = std::move(junctions);
    n.electrodes = {{"src", {src}}, {"drn", {drn}}};
    return n;
}

}  // namespace

TEST_CASE("nodal system: a series chain divides the voltage by resistance") {
    // 0 -(1 S)- 1 -(2 S)- 2 -(4 S)- 3, with 0 at 1.75 V and 3 at 0 V: R = 1 + 1/2 + 1/4 = 1.75 Ω, I = 1 A.
    NodalSystem sys(network(4, {{0, 1}, {1, 2}, {2, 3}}, 0, 3));
    REQUIRE(sys.refactor({1.0, 2.0, 4.0}));
    sys.solve({1.75, 0.0});
    const auto& v = sys.node_voltages();
    REQUIRE(v.size() == 4);
    CHECK(v[0] == 1.75);  // fixed nodes are copied, not solved
    CHECK(v[1] == Approx(0.75).epsilon(kTol));
    CHECK(v[2] == Approx(0.25).epsilon(kTol));
    CHECK(v[3] == 0.0);
    std::vector<double> jv, ei;
    sys.junction_voltages(jv);
    CHECK(jv[0] == Approx(1.0).epsilon(kTol));
    CHECK(jv[2] == Approx(0.25).epsilon(kTol));
    sys.electrode_currents(ei);
    CHECK(ei[1] == Approx(1.0).epsilon(kTol));   // into the drain
    CHECK(ei[0] == Approx(-1.0).epsilon(kTol));  // the source delivers it
    CHECK(sys.current_into(sys.electrode_node(1)) == Approx(1.0).epsilon(kTol));
}

TEST_CASE("nodal system: an unbalanced Wheatstone bridge") {
    // src = 0, a = 1, b = 2, drn = 3. G(0a) = 1, G(0b) = 2, G(ab) = 0.5, G(a3) = 3, G(b3) = 1 S; V = 31 V.
    // KCL: 4.5 va − 0.5 vb = V and −0.5 va + 3.5 vb = 2V, so va = 9V/31, vb = 19V/31 and the drain takes
    // 3 va + vb = 46V/31.
    NodalSystem sys(network(4, {{0, 1}, {0, 2}, {1, 2}, {1, 3}, {2, 3}}, 0, 3));
    REQUIRE(sys.refactor({1.0, 2.0, 0.5, 3.0, 1.0}));
    sys.solve({31.0, 0.0});
    CHECK(sys.node_voltages()[1] == Approx(9.0).epsilon(kTol));
    CHECK(sys.node_voltages()[2] == Approx(19.0).epsilon(kTol));
    std::vector<double> ei;
    sys.electrode_currents(ei);
    CHECK(ei[1] == Approx(46.0).epsilon(kTol));
    CHECK(ei[0] == Approx(-46.0).epsilon(kTol));

    // Refactoring with new conductances reuses the pattern: all 1 S balances the bridge at V/2.
    REQUIRE(sys.refactor({1.0, 1.0, 1.0, 1.0, 1.0}));
    sys.solve({31.0, 0.0});
    CHECK(sys.node_voltages()[1] == Approx(15.5).epsilon(kTol));
    CHECK(sys.node_voltages()[2] == Approx(15.5).epsilon(kTol));
}

TEST_CASE("nodal system: bar electrodes get their own node behind link conductances") {
    // Bar src over wires 0 and 1, bar drn over wire 2, links and junctions 0-2, 1-2 all 0.1 S. By symmetry
    // v0 = v1 = x, v2 = y: (V − x) + (y − x) = 0 and 2(x − y) − y = 0, so x = 3V/4, y = V/2.
    net::Network n;
    n.wires.resize(3);
    n.junctions = {{0, 2}, {1, 2}};
    n.electrodes = {{"src", {0, 1}, true, 0.1, {}}, {"drn", {2}, true, 0.1, {}}};
    NodalSystem sys(n);
    REQUIRE(sys.refactor({0.1, 0.1}));
    sys.solve({2.0, 0.0});
    const auto& v = sys.node_voltages();
    REQUIRE(v.size() == 5);  // three wires, then the two bar nodes
    CHECK(sys.electrode_node(0) == 3);
    CHECK(v[3] == 2.0);
    CHECK(v[0] == Approx(1.5).epsilon(kTol));
    CHECK(v[1] == Approx(1.5).epsilon(kTol));
    CHECK(v[2] == Approx(1.0).epsilon(kTol));
    std::vector<double> ei;
    sys.electrode_currents(ei);
    CHECK(ei[1] == Approx(0.1).epsilon(kTol));
}

TEST_CASE("nodal system: a floating part is singular unless dropped") {
    // The chain of the first case plus wires 4-5 joined to nothing else. 1 S keeps the elimination of
    // the floating pair exact, so its pivot is exactly 0.
    const auto n = network(6, {{0, 1}, {1, 2}, {2, 3}, {4, 5}}, 0, 3);
    NodalSystem all(n);
    CHECK(all.junctions().size() == 4);
    CHECK_FALSE(all.refactor({1.0, 2.0, 4.0, 1.0}));

    NodalSystem live(n, {.electrode_components_only = true});
    CHECK(live.junctions() == std::vector<std::size_t>{0, 1, 2});
    CHECK(live.wires() == std::vector<int>{0, 1, 2, 3});
    REQUIRE(live.refactor({1.0, 2.0, 4.0}));
    live.solve({1.75, 0.0});
    CHECK(live.node_voltages().size() == 4);
    CHECK(live.node_voltages()[1] == Approx(0.75).epsilon(kTol));
    CHECK(live.node_voltages()[2] == Approx(0.25).epsilon(kTol));
}

TEST_CASE("nodal system: two contacts on one wire") {
    // src, drn and a third contact "hi" all on chain ends: "hi" shares wire 0 with src.
    auto n = network(3, {{0, 1}, {1, 2}}, 0, 2);
    n.electrodes.push_back({"hi", {0}});
    CHECK_THROWS_AS(NodalSystem(n), Error);
    NodalSystem sys(n, {.later_contact_wins = true});
    REQUIRE(sys.refactor({1.0, 1.0}));
    sys.solve({1.0, 0.0, 3.0});  // wire 0 follows "hi", the later contact
    CHECK(sys.node_voltages()[0] == 3.0);
    CHECK(sys.node_voltages()[1] == Approx(1.5).epsilon(kTol));
}

// Electrode rules: names, tie rules, hop distance, and the errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "fixtures.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/generator.h"

using namespace nwn::net;

namespace {
Network chain() {
    // 0 - 1 - 2 - 3 in a row (hop distance 3 end to end), 4 far away, alone.
    return nwn::test::segments_network({{0, 1, 3, 1}, {2, 0, 2, 3}, {1, 2, 5, 2}, {4, 0, 4, 3}, {8, 8, 9, 9.5}});
}
}  // namespace

TEST_CASE("wires:I,J names src and drn and reports the hop distance") {
    auto n = chain();
    choose_electrodes(n, "wires:3,0");
    REQUIRE(n.electrodes.size() == 2);
    CHECK(n.electrodes[0].name == "src");
    CHECK(n.electrodes[0].wires == std::vector<int>{3});
    CHECK(n.electrodes[1].name == "drn");
    CHECK(n.hop_distance == 3);
    CHECK(electrode_node(n.electrodes[0]) == "w3");
}

TEST_CASE("electrode errors: unknown wire, different components, bad rule, empty bar") {
    auto n = chain();
    CHECK_THROWS_WITH(choose_electrodes(n, "wires:0,7"), Catch::Contains("unknown wire id 7"));
    CHECK_THROWS_WITH(choose_electrodes(n, "wires:0,-1"), Catch::Contains("unknown wire id -1"));
    CHECK_THROWS_WITH(choose_electrodes(n, "wires:0,x"), Catch::Contains("not an integer"));
    CHECK_THROWS_WITH(choose_electrodes(n, "wires:0,4"), Catch::Contains("different components"));
    CHECK_THROWS_WITH(choose_electrodes(n, "nearest"), Catch::Contains("unknown electrode rule"));
    CHECK_THROWS_WITH(choose_electrodes(n, "bars:0.01"), Catch::Contains("holds no wire"));
    CHECK_THROWS_WITH(choose_electrodes(n, "bars:0.7"), Catch::Contains("(0, 0.5)"));
}

TEST_CASE("farthest follows NWNsim's column-major tie rule - topo-farthest uses hops") {
    // Two pairs at the same largest centre distance: (0, 3) and (1, 2); the smaller drain id wins,
    // and NWNsim's [row, col] puts the larger id at the source.
    // Corner wires 0..3, tied together by wires 4..6 whose centres lie well inside.
    auto n = nwn::test::segments_network({{0, 0, 1, 1}, {9, 0, 10, 1}, {0, 9, 1, 10}, {9, 9, 10, 10},
                                          {0, 1, 10, 1}, {0, 9, 10, 9}, {5, 0, 5, 10}});
    choose_electrodes(n, "farthest");
    CHECK(n.electrodes[0].wires == std::vector<int>{3});
    CHECK(n.electrodes[1].wires == std::vector<int>{0});

    auto c = chain();
    c.wires.pop_back();
    c.junctions.erase(std::remove_if(c.junctions.begin(), c.junctions.end(), [](auto& J) { return J.j == 4; }), c.junctions.end());
    choose_electrodes(c, "topo-farthest");
    CHECK(c.electrodes[0].wires == std::vector<int>{3});
    CHECK(c.electrodes[1].wires == std::vector<int>{0});
    CHECK(c.hop_distance == 3);
}

TEST_CASE("farthest on a large network agrees with the brute-force pair search") {
    auto n = generate_network(nwn::test::square_params(3000, 150, 9));
    double best = -1;
    int a = -1, b = -1;
    for (int i = 0; i < static_cast<int>(n.wires.size()); ++i)
        for (int j = i + 1; j < static_cast<int>(n.wires.size()); ++j) {
            const double d = std::hypot(n.wires[i].xc - n.wires[j].xc, n.wires[i].yc - n.wires[j].yc);
            if (d > best) {
                best = d;
                a = i;
                b = j;
            }
        }
    choose_electrodes(n, "farthest");
    CHECK(n.electrodes[0].wires[0] == b);
    CHECK(n.electrodes[1].wires[0] == a);
}

TEST_CASE("bars select wire centres in NWNsim's rectangles - edges:N gives distinct single wires") {
    auto n = generate_network(nwn::test::square_params(1000, 100, 0));
    choose_electrodes(n, "bars:0.05");
    REQUIRE(n.electrodes.size() == 2);
    CHECK(n.electrodes[0].bar);
    CHECK(electrode_node(n.electrodes[0]) == "esrc");
    for (int w : n.electrodes[0].wires) CHECK(n.wires[w].yc >= 95);
    for (int w : n.electrodes[1].wires) CHECK(n.wires[w].yc <= 5);
    std::size_t expected_src = 0;
    for (const auto& w : n.wires) expected_src += w.yc >= 100 * (1 - 0.05);
    CHECK(n.electrodes[0].wires.size() == expected_src);
    REQUIRE(n.hop_distance);
    CHECK(*n.hop_distance == hop_distance(n, n.electrodes[0], n.electrodes[1]));
    choose_electrodes(n, "bars:0.05:0.5");  // src in the top right, drn in the bottom left
    for (int w : n.electrodes[0].wires) CHECK(n.wires[w].xc >= 50);
    for (int w : n.electrodes[1].wires) CHECK(n.wires[w].xc <= 50);

    choose_electrodes(n, "edges:6");
    REQUIRE(n.electrodes.size() == 6);
    std::set<int> wires;
    for (std::size_t e = 0; e < 6; ++e) {
        CHECK(n.electrodes[e].name == "c" + std::to_string(e));
        CHECK_FALSE(n.electrodes[e].bar);
        wires.insert(n.electrodes[e].wires[0]);
    }
    CHECK(wires.size() == 6);
    CHECK(n.wires[n.electrodes[0].wires[0]].yc < 15);  // c0 sits on the bottom edge
}

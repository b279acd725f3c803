// Components and the largest-component rule on hand-made networks.
#include <catch2/catch.hpp>

#include "fixtures.h"
#include "netlistgen/network/graph.h"

using namespace nwn::net;

TEST_CASE("components are labelled in order of their smallest wire") {
    // {0, 3} cross; {1, 2, 4} chain; 5 alone.
    auto n = nwn::test::segments_network({{0, 0, 2, 2}, {5, 0, 5, 4}, {4, 1, 8, 1}, {0, 2, 2, 0}, {7, 0, 7, 3}, {9, 9, 9.5, 9.5}});
    CHECK(component_labels(n) == std::vector<int>{0, 1, 1, 0, 1, 2});
    const auto kept = keep_largest_component(n);
    CHECK(kept == std::vector<int>{1, 2, 4});
    REQUIRE(n.wires.size() == 3);
    CHECK(n.wires[0].xa == 5);
    REQUIRE(n.junctions.size() == 2);
    CHECK(std::make_pair(n.junctions[0].i, n.junctions[0].j) == std::make_pair(0, 1));
    CHECK(std::make_pair(n.junctions[1].i, n.junctions[1].j) == std::make_pair(1, 2));
}

TEST_CASE("ties between equally large components go to the one holding the smallest wire id") {
    auto n = nwn::test::segments_network({{6, 0, 6, 4}, {0, 0, 2, 2}, {5, 1, 8, 1}, {0, 2, 2, 0}});  // {0,2} and {1,3}
    CHECK(keep_largest_component(n) == std::vector<int>{0, 2});
}

TEST_CASE("hop distances by breadth-first search") {
    auto n = nwn::test::segments_network({{0, 1, 3, 1}, {2, 0, 2, 3}, {1, 2, 5, 2}, {4, 0, 4, 3}, {8, 8, 9, 9}});
    const auto d = hops_from(adjacency(n), {0});
    CHECK(d == std::vector<int>{0, 1, 2, 3, -1});
}

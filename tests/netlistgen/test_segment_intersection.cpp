// Junction geometry in the awkward cases, and the grid search against a brute-force O(N²) search.
#include <catch2/catch.hpp>

#include "fixtures.h"
#include "netlistgen/network/generator.h"
#include "netlistgen/network/junction_finder.h"
#include "netlistgen/network/segment_intersection.h"

using namespace nwn::net;

namespace {
std::optional<Point> cross(double a, double b, double c, double d, double e, double f, double g, double h) {
    return segment_intersection({a, b}, {c, d}, {e, f}, {g, h});
}
}  // namespace

TEST_CASE("proper crossings, including vertical and horizontal wires") {
    auto p = cross(0, 0, 2, 2, 0, 2, 2, 0);
    REQUIRE(p);
    CHECK(p->x == 1.0);
    CHECK(p->y == 1.0);
    p = cross(1, -1, 1, 3, 0, 0.5, 4, 0.5);  // vertical meets horizontal
    REQUIRE(p);
    CHECK(p->x == 1.0);
    CHECK(p->y == 0.5);
    CHECK_FALSE(cross(1, -1, 1, 3, 2, -1, 2, 3));  // two vertical, apart
}

TEST_CASE("parallel wires never meet, collinear overlapping ones meet at the overlap's midpoint") {
    CHECK_FALSE(cross(0, 0, 4, 1, 0, 1, 4, 2));    // parallel
    CHECK_FALSE(cross(0, 0, 1, 1, 2, 2, 3, 3));    // collinear, disjoint
    auto p = cross(0, 0, 4, 0, 2, 0, 6, 0);        // collinear, overlap [2, 4]
    REQUIRE(p);
    CHECK(p->x == 3.0);
    CHECK(p->y == 0.0);
    p = cross(0, 0, 0, 4, 0, 1, 0, 2);             // vertical, one inside the other
    REQUIRE(p);
    CHECK(p->y == 1.5);
    p = cross(0, 0, 1, 1, 1, 1, 3, 3);             // collinear, touching end to end
    REQUIRE(p);
    CHECK(p->x == 1.0);
}

TEST_CASE("touching wires meet at the touching end point") {
    auto p = cross(0, 0, 4, 0, 2, 0, 2, 3);  // T: an end point on the other wire
    REQUIRE(p);
    CHECK(p->x == 2.0);
    CHECK(p->y == 0.0);
    p = cross(0, 0, 1, 0, 1, 0, 1, 1);  // L: end point to end point
    REQUIRE(p);
    CHECK(p->x == 1.0);
    CHECK_FALSE(cross(0, 0, 4, 0, 2, 1e-300, 2, 3));  // stops just short
    // 0.1 + 0.2 lies exactly on neither side in decimal but the predicate is exact in binary:
    CHECK(orientation({0, 0}, {3, 3}, {0.1 + 0.2, 0.1 + 0.2}) == 0);
    CHECK(orientation({0, 0}, {1, 1e-300}, {2, 2e-300}) == 0);
    CHECK(orientation({0, 0}, {1, 1e-300}, {2, 3e-300}) == 1);
}

TEST_CASE("the junction finder's grid gives the brute-force junction set") {
    nwn::net::GeneratorParams g;
    g.wires = 600;
    g.lx = g.ly = 60;
    g.length_sd = 4;  // a wide length spread makes wires span several grid cells
    for (std::uint32_t seed : {1u, 2u, 3u}) {
        g.seed = seed;
        const auto wires = random_wires(g);
        std::vector<Junction> brute;
        for (int i = 0; i < static_cast<int>(wires.size()); ++i)
            for (int j = i + 1; j < static_cast<int>(wires.size()); ++j) {
                const auto &a = wires[i], &b = wires[j];
                if (auto p = segment_intersection({a.xa, a.ya}, {a.xb, a.yb}, {b.xa, b.ya}, {b.xb, b.yb}))
                    brute.push_back({i, j, p->x, p->y});
            }
        const auto grid = find_junctions(wires);
        REQUIRE(grid.size() == brute.size());
        for (std::size_t k = 0; k < grid.size(); ++k) {
            CHECK(grid[k].i == brute[k].i);
            CHECK(grid[k].j == brute[k].j);
            CHECK(grid[k].x == brute[k].x);
        }
    }
}

TEST_CASE("a network of vertical, parallel, collinear and touching wires") {
    auto n = nwn::test::segments_network({{1, 0, 1, 5},     // 0 vertical
                                          {3, 0, 3, 5},     // 1 vertical, parallel to 0
                                          {0, 2, 4, 2},     // 2 crosses 0 and 1
                                          {1, 5, 1, 8},     // 3 collinear with 0, touching its end
                                          {3, 4, 3, 9},     // 4 collinear with 1, overlapping [4, 5]
                                          {6, 0, 6, 9}});   // 5 alone
    std::vector<std::pair<int, int>> pairs;
    for (const auto& J : n.junctions) pairs.push_back({J.i, J.j});
    CHECK(pairs == std::vector<std::pair<int, int>>{{0, 2}, {0, 3}, {1, 2}, {1, 4}});
    CHECK(n.junctions[3].y == 4.5);
}

// The generator against NWNsim's own numbers (docs/model.md §2.1: seed 0 and the SFig 20 network, from an
// exact re-implementation of wires.py), determinism, density and bad parameters.
#include <catch2/catch.hpp>

#include "fixtures.h"
#include "netlistgen/network/generator.h"
#include "netlistgen/network/graph.h"

using namespace nwn::net;
using nwn::test::square_params;

TEST_CASE("NWNsim's seeds give NWNsim's networks (largest component wires / junctions)") {
    struct Case {
        double l;
        long long wires;
        std::uint32_t seed;
        std::size_t lcc_wires, lcc_junctions;
    };
    for (const Case& c : {Case{50, 250, 0, 250, 737}, Case{100, 1000, 0, 994, 3040}, Case{150, 2250, 0, 2235, 7064},
                          Case{200, 4000, 0, 3985, 12673}, Case{100, 1000, 2821, 992, 3008}}) {
        INFO("L = " << c.l << ", seed " << c.seed);
        const auto net = generate_network(square_params(c.wires, c.l, c.seed));
        CHECK(net.wires.size() == c.lcc_wires);
        CHECK(net.junctions.size() == c.lcc_junctions);
        CHECK(net.provenance.wires_generated == c.wires);
    }
}

TEST_CASE("the same seed gives the same network, another seed another") {
    const auto a = generate_network(square_params(500, 70, 5)), b = generate_network(square_params(500, 70, 5));
    const auto c = generate_network(square_params(500, 70, 6));
    REQUIRE(a.wires.size() == b.wires.size());
    REQUIRE(a.junctions.size() == b.junctions.size());
    for (std::size_t k = 0; k < a.wires.size(); ++k) {
        CHECK(a.wires[k].xa == b.wires[k].xa);
        CHECK(a.wires[k].yb == b.wires[k].yb);
    }
    for (std::size_t k = 0; k < a.junctions.size(); ++k) CHECK(a.junctions[k].x == b.junctions[k].x);
    CHECK(a.wires[0].xc != c.wires[0].xc);
}

TEST_CASE("wires follow NWNsim's geometry: gamma lengths, uniform centres, end points from centre and angle") {
    GeneratorParams p = square_params(20000, 300, 3);
    p.keep_all = true;
    const auto w = random_wires(p);
    double s = 0, s2 = 0;
    for (const auto& x : w) {
        s += x.length;
        s2 += x.length * x.length;
        CHECK(x.angle >= 0);
        CHECK(x.angle < 3.14159266);
        CHECK((x.xa + x.xb) / 2 == Approx(x.xc).margin(1e-9));
        CHECK(std::hypot(x.xb - x.xa, x.yb - x.ya) == Approx(x.length).epsilon(1e-12));
    }
    const double mean = s / w.size(), sd = std::sqrt(s2 / w.size() - mean * mean);
    CHECK(mean == Approx(10).epsilon(0.003));
    CHECK(sd == Approx(1).epsilon(0.03));
}

TEST_CASE("density gives int(D·Lx·Ly) wires, counted before the largest component is taken") {
    GeneratorParams p;
    p.density = 0.1;
    p.lx = 50;
    p.ly = 33.3;
    CHECK(wire_count(p) == 166);  // 166.5 truncated
    const auto net = generate_network(p);
    CHECK(net.provenance.wires_generated == 166);
    CHECK(net.wires.size() <= 166);
}

TEST_CASE("the largest connected component is kept and re-indexed in ascending order") {
    GeneratorParams p = square_params(120, 100, 11);  // sparse: many components
    p.keep_all = true;
    const auto all = generate_network(p);
    p.keep_all = false;
    const auto lcc = generate_network(p);
    REQUIRE(all.wires.size() == 120);
    REQUIRE(lcc.wires.size() < 120);
    // The kept wires are the original ones in ascending order: match them by their coordinates.
    std::vector<int> kept;
    for (const auto& w : lcc.wires)
        for (std::size_t k = 0; k < all.wires.size(); ++k)
            if (all.wires[k].xa == w.xa && all.wires[k].ya == w.ya) kept.push_back(static_cast<int>(k));
    REQUIRE(kept.size() == lcc.wires.size());
    CHECK(std::is_sorted(kept.begin(), kept.end()));
    const auto label = component_labels(all);
    std::vector<int> size(all.wires.size(), 0);
    for (int l : label) ++size[l];
    CHECK(static_cast<int>(lcc.wires.size()) == *std::max_element(size.begin(), size.end()));
    auto lcc_labels = component_labels(lcc);
    CHECK(std::all_of(lcc_labels.begin(), lcc_labels.end(), [](int l) { return l == 0; }));
    for (std::size_t k = 1; k < lcc.junctions.size(); ++k)
        CHECK(std::make_pair(lcc.junctions[k - 1].i, lcc.junctions[k - 1].j) < std::make_pair(lcc.junctions[k].i, lcc.junctions[k].j));
}

TEST_CASE("bad generator parameters are refused with a message") {
    auto fails_with = [](GeneratorParams p, const std::string& text) {
        CHECK_THROWS_WITH(generate_network(p), Catch::Contains(text));
    };
    GeneratorParams p = square_params(10, 10, 0);
    p.density = 0.1;
    fails_with(p, "exactly one of");
    GeneratorParams d;
    d.density = 0;
    fails_with(d, "density must be > 0");
    d.density = -1;
    fails_with(d, "density must be > 0");
    fails_with(square_params(10, 0, 0), "Lx must be > 0");
    fails_with(square_params(10, -5, 0), "Lx must be > 0");
    fails_with(square_params(0, 10, 0), "wire count must be >= 1");
    GeneratorParams l = square_params(10, 10, 0);
    l.length_mean = 0;
    fails_with(l, "mean wire length");
    GeneratorParams tiny;
    tiny.density = 1e-6;
    fails_with(tiny, "gives no wires");
}

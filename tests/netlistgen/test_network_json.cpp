// The native JSON file: exact round trip and clear errors.
#include <catch2/catch.hpp>

#include "common/error.h"
#include "fixtures.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/generator.h"
#include "netlistgen/network/network_csv.h"
#include "netlistgen/network/network_json.h"
#include "support/reference.h"

using namespace nwn::net;

TEST_CASE("a network survives JSON exactly") {
    auto n = generate_network(nwn::test::square_params(300, 60, 4));
    choose_electrodes(n, "bars:0.1");
    const auto text = network_to_json(n);
    CHECK(text.rfind("{\n  \"format\": \"nwnspice-network\",\n  \"version\": 1,", 0) == 0);
    const auto back = network_from_json(text, "mem");
    REQUIRE(back.wires.size() == n.wires.size());
    REQUIRE(back.junctions.size() == n.junctions.size());
    for (std::size_t k = 0; k < n.wires.size(); ++k) {
        CHECK(back.wires[k].xa == n.wires[k].xa);
        CHECK(back.wires[k].angle == n.wires[k].angle);
    }
    for (std::size_t k = 0; k < n.junctions.size(); ++k) CHECK(back.junctions[k].y == n.junctions[k].y);
    CHECK(back.electrodes[1].wires == n.electrodes[1].wires);
    CHECK(back.electrodes[0].bar);
    CHECK(back.electrodes[0].region == n.electrodes[0].region);
    CHECK(back.hop_distance == n.hop_distance);
    CHECK(back.provenance.seed == 4);
    CHECK(back.provenance.rng == "numpy-legacy-mt19937");
    CHECK(network_to_json(back) == text);
}

TEST_CASE("malformed or foreign JSON is refused with the reason") {
    CHECK_THROWS_WITH(network_from_json("{\"format\": \"nwnspice-network\", ", "x.json"), Catch::Contains("x.json: not valid JSON"));
    CHECK_THROWS_WITH(network_from_json("[1, 2]", "x.json"), Catch::Contains("not an nwnspice network file"));
    CHECK_THROWS_WITH(network_from_json(R"({"format": "nwnspice-network", "version": 7})", "x.json"),
                      Catch::Contains("version 7 is not supported"));
    const std::string head = R"({"format": "nwnspice-network", "version": 1, "domain": {"lx": 10, "ly": 10},)";
    const std::string wire = R"({"xa":0,"ya":0,"xb":1,"yb":1,"xc":0.5,"yc":0.5,"length":1.4142135623730951,"angle":0.7853981633974483})";
    CHECK_THROWS_WITH(network_from_json(head + R"("wires": [{"xa": 1}], "junctions": []})", "x.json"),
                      Catch::Contains("x.json: missing \"ya\" (field wires[0].ya)"));
    CHECK_THROWS_WITH(network_from_json(head + R"("wires": [)" + wire + R"(], "junctions": [{"i": 0, "j": 3, "x": 0, "y": 0}]})", "x.json"),
                      Catch::Contains("wire id 3 is outside 0..0 (field junctions[0].j)"));
    CHECK_THROWS_WITH(network_from_json(head + R"("wires": [)" + wire + R"(], "junctions": [], "electrodes": {"list": [{"name": "src", "kind": "wire", "wires": [5]}]}})", "x.json"),
                      Catch::Contains("wire id 5 is outside 0..0 (field electrodes.list[0].wires[0])"));
    CHECK_THROWS_AS(read_network("/nonexistent/net.json"), nwn::Error);
}

TEST_CASE("CSV export lists wires and junctions with full precision") {
    auto n = nwn::test::segments_network({{0, 0, 2, 2}, {0, 2, 2, 0.1}});
    const auto w = wires_csv(n), j = junctions_csv(n);
    CHECK(w.rfind("wire,xa,ya,xb,yb,xc,yc,length,angle\n0,0,0,2,2,1,1,", 0) == 0);
    CHECK(j.rfind("junction,i,j,x,y\n0,0,1,", 0) == 0);
    const auto dir = nwn::test::scratch_dir("netlistgen_csv");
    write_network_csv(dir / "net", n);
    CHECK(std::filesystem::exists(dir / "net_wires.csv"));
    CHECK(std::filesystem::exists(dir / "net_junctions.csv"));
}

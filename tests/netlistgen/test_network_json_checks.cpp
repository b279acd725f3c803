// Network files are cross-checked on load: each bad value is refused with the file and the field named
// ("<file>: <what> (field <path>)"), never read as something else.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "fixtures.h"
#include "netlistgen/network/network_json.h"
#include "support/reference.h"

using namespace nwn::net;
using Catch::Contains;
using nlohmann::json;

namespace {

// Wires 0 and 1 cross at (1, 1); wire 2 stands apart. Electrodes src = wire 0, drn = wire 1.
json good_document() {
    auto n = nwn::test::segments_network({{0, 0, 2, 2}, {0, 2, 2, 0}, {6, 6, 8, 6}});
    n.electrodes = {{"src", {0}}, {"drn", {1}}};
    n.hop_distance = 1;
    return json::parse(network_to_json(n));
}

std::string refusal(const std::string& text) {
    try {
        network_from_json(text, "bad.json");
    } catch (const nwn::Error& e) {
        return e.what();
    }
    return "(accepted)";
}

template <class Edit>
std::string refusal_after(Edit edit) {
    json doc = good_document();
    edit(doc);
    return refusal(doc.dump());
}

}  // namespace

TEST_CASE("a network file is cross-checked field by field", "[json][errors]") {
    CHECK(refusal(good_document().dump()) == "(accepted)");

    SECTION("junction wire ids are integers in range, i < j") {
        CHECK(refusal_after([](json& d) { d["junctions"][0]["i"] = 0.5; }) ==
              "bad.json: wire id 0.5 is not an integer (field junctions[0].i)");
        CHECK(refusal_after([](json& d) { d["junctions"][0]["j"] = 4294967296ULL; }) ==
              "bad.json: wire id 4294967296 is outside 0..2 (field junctions[0].j)");
        CHECK(refusal_after([](json& d) { d["junctions"][0]["i"] = -1; }) ==
              "bad.json: wire id -1 is outside 0..2 (field junctions[0].i)");
        CHECK(refusal_after([](json& d) { std::swap(d["junctions"][0]["i"], d["junctions"][0]["j"]); }) ==
              "bad.json: junction 0 joins wires 1 and 0: need i < j (field junctions[0])");
        // 1.0 is an integer; but junction 0 at (1, 1) does not touch wire 2
        CHECK(refusal_after([](json& d) {
                  d["junctions"][0]["i"] = 1.0;
                  d["junctions"][0]["j"] = 2.0;
              }) ==
              "bad.json: junction 0 at (1, 1) lies 7.0710678118654755 off wire 2; a junction must lie on both of its "
              "wires (field junctions[0])");
    }
    SECTION("a junction lies on both its wires") {
        CHECK_THAT(refusal_after([](json& d) { d["junctions"][0]["x"] = 1.5; }),
                   Contains("lies 0.35355339059327") && Contains("off wire 0") && Contains("(field junctions[0])"));
        // NWNsim's round-off (1e-12 of the coordinates) passes
        CHECK(refusal_after([](json& d) { d["junctions"][0]["x"] = 1 + 1e-12; }) == "(accepted)");
    }
    SECTION("coordinates and lengths are finite numbers near the domain, lengths > 0") {
        CHECK(refusal_after([](json& d) { d["wires"][1]["xa"] = 1e308; }) ==
              "bad.json: wire 1 reaches 1e+308, more than the domain size outside [0, 10] (field wires[1].xa)");
        CHECK(refusal_after([](json& d) { d["wires"][2]["length"] = -2; }) ==
              "bad.json: wire 2 has length -2; lengths must be > 0 (field wires[2].length)");
        CHECK(refusal_after([](json& d) { d["wires"][2]["xb"] = 7.5; }) ==
              "bad.json: wire 2: centre (xc, yc) is not the midpoint of its end points (field wires[2])");
        CHECK(refusal_after([](json& d) { d["wires"][0]["angle"] = nullptr; }) ==
              "bad.json: must be a number, not null (field wires[0].angle)");
        CHECK(refusal_after([](json& d) { d["domain"]["lx"] = 1e300; }) ==
              "bad.json: domain size 1e+300 must be > 0 and at most 1e+100 (field domain.lx)");
        CHECK(refusal_after([](json& d) { d["provenance"]["seed"] = "x"; }) ==
              "bad.json: seed must be an integer, not string (field provenance.seed)");
    }
    SECTION("electrodes: two or more, distinct names and wires, sane bars and hop distance") {
        CHECK(refusal_after([](json& d) { d["electrodes"]["list"][1]["name"] = "src"; }) ==
              "bad.json: two electrodes are named 'src' (field electrodes.list[1].name)");
        CHECK(refusal_after([](json& d) { d["electrodes"]["list"].erase(1); }) ==
              "bad.json: one electrode ('src'): a network needs at least two (field electrodes.list)");
        CHECK(refusal_after([](json& d) { d["electrodes"]["list"][1]["wires"] = json::array({0}); }) ==
              "bad.json: wire 0 belongs to both electrodes 'src' and 'drn' (field electrodes.list[1].wires[0])");
        CHECK(refusal_after([](json& d) { d["electrodes"]["list"][1]["wires"] = json::array({1.5}); }) ==
              "bad.json: wire id 1.5 is not an integer (field electrodes.list[1].wires[0])");
        CHECK(refusal_after([](json& d) {
                  d["electrodes"]["list"][1] = {
                      {"name", "drn"}, {"kind", "bar"}, {"wires", {1, 2}}, {"link_conductance", 0}};
              }) ==
              "bad.json: electrode 'drn': link_conductance must be > 0 (field electrodes.list[1].link_conductance)");
        CHECK(refusal_after([](json& d) { d["electrodes"]["hop_distance"] = 1e30; }) ==
              "bad.json: hop distance 1e+30 is outside 0..2147483647 (field electrodes.hop_distance)");
        CHECK(refusal_after([](json& d) { d["electrodes"]["hop_distance"] = -1; }) ==
              "bad.json: hop distance -1 is outside 0..2147483647 (field electrodes.hop_distance)");
    }
    SECTION("the drain must be reachable from the source") {
        CHECK(refusal_after([](json& d) { d["electrodes"]["list"][1]["wires"] = json::array({2}); }) ==
              "bad.json: electrodes src and drn are not connected (no junction path joins their wires) "
              "(field electrodes.list[1])");
        // a bar reaches through any of its wires
        CHECK(refusal_after([](json& d) {
                  d["electrodes"]["list"][1] = {{"name", "drn"}, {"kind", "bar"}, {"wires", {1, 2}}};
              }) == "(accepted)");
    }
}

TEST_CASE("JSON-level failures name the file and the field being read", "[json][errors]") {
    const std::string text = good_document().dump();
    auto with = [&](const std::string& from, const std::string& to) {
        std::string t = text;
        const auto at = t.find(from);
        REQUIRE(at != std::string::npos);
        return t.replace(at, from.size(), to);
    };
    CHECK_THAT(refusal(with("\"length\":2.8284271247461903", "\"length\":1e400")),
               Contains("bad.json: not valid JSON: number overflow") && Contains("(field wires[0].length)"));
    CHECK_THAT(refusal(with("\"src\"", "\"s\xff\"")), Contains("bad.json: not valid JSON: ") && Contains("UTF-8") &&
                                                          Contains("(field electrodes.list[0].name)"));
    CHECK_THAT(refusal(text.substr(0, text.find("\"junctions\"") + 30)),
               Contains("bad.json: not valid JSON: ") && Contains("(field junctions[0]"));
    CHECK_THAT(refusal(with("\"version\":1", "\"version\":null")),
               Contains("bad.json: version must be an integer, not null (field version)"));
    CHECK_THAT(refusal(with("\"junctions\":[", "\"junctions\":{\"a\":[")), Contains("not valid JSON"));

    // read_network names the path it was given
    const auto dir = nwn::test::scratch_dir("netlistgen_json_checks");
    json doc = good_document();
    doc["junctions"][0]["i"] = 1.5;
    nwn::test::write_text(dir / "net.json", doc.dump());
    CHECK_THROWS_WITH(read_network(dir / "net.json"),
                      (dir / "net.json").string() + ": wire id 1.5 is not an integer (field junctions[0].i)");
}

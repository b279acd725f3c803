// The SVG picture: one element per wire and junction, electrodes, colour bar.
#include <catch2/catch.hpp>

#include "fixtures.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/svg_picture.h"

using namespace nwn::net;

namespace {
std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
    return n;
}
}  // namespace

TEST_CASE("an SVG with wires, junctions and electrodes - coloured junctions get a colour bar") {
    auto n = nwn::test::segments_network({{0, 1, 3, 1}, {2, 0, 2, 3}, {1, 2, 5, 2}, {4, 1.5, 4, 9.5}, {3, 9, 5, 9}});
    choose_electrodes(n, "bars:0.15");
    const auto plain = network_svg(n);
    CHECK(plain.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(plain.substr(plain.size() - 7) == "</svg>\n");
    CHECK(count(plain, "<circle") == n.junctions.size());
    CHECK(count(plain, "<rect class=\"electrode\"") == 2);
    CHECK(plain.find("colourbar") == std::string::npos);
    CHECK(plain.find(">src (bar)</text>") != std::string::npos);

    const auto coloured = network_svg(n, JunctionColouring{"conductance", {7.77e-8, 1e-6, 7.77e-5, 3e-7}});
    CHECK(coloured.find("class=\"colourbar\"") != std::string::npos);
    CHECK(coloured.find("#440154") != std::string::npos);  // lowest value: viridis' first colour
    CHECK(coloured.find("#fde725") != std::string::npos);  // highest: its last
    CHECK(coloured.find(">7.77e-08<") != std::string::npos);
    CHECK_THROWS_WITH(network_svg(n, JunctionColouring{"lambda", {1, 2}}), Catch::Contains("2 values for 4 junctions"));
    CHECK_THROWS_WITH(network_svg(n, JunctionColouring{"heat", {1, 2, 3, 4}}), Catch::Contains("unknown colouring"));
}

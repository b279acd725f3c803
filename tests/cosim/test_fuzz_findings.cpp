// Inputs the libFuzzer harnesses (fuzz/, bench/fuzz.sh) found in the dialect translator and the sweep
// parameter parser, each now translated faithfully or refused with a clear nwn::Error.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "common/error.h"
#include "netlistgen/netlist/dialect_spice.h"
#include "netlistgen/netlist/spice_expression.h"
#include "runner/experiments/sweep/sweep_params.h"

using nwn::net::SpiceDialect;
using Catch::Contains;

namespace {

// The expression of "B1 a b I = expr" as translated into dialect d (Xyce: I={expr}).
std::string translated(const std::string& expr, SpiceDialect d) {
    const std::string line = nwn::net::translate_junction_library("B1 a b I = " + expr + "\n", d);
    const auto b = line.find("\nB1");
    std::string e = line.substr(line.find('=', b) + 1);
    e = e.substr(0, e.find('\n'));
    return d == SpiceDialect::Xyce ? e.substr(1, e.size() - 2) : e;
}

}  // namespace

TEST_CASE("fuzz: a number with a letter suffix before + or - keeps its value in every dialect", "[dialects][fuzz]") {
    // "1e" is 1 (a unit letter); printed as "1e-100" it read back as the number 1e-100
    const std::map<std::string, double> params = {{"cstate", 2}}, nodes;
    const double want = nwn::net::evaluate_expression("{cstate}*(1e) - 100", params, nodes);
    CHECK(want == -98);
    for (SpiceDialect d : {SpiceDialect::Ngspice, SpiceDialect::Ltspice, SpiceDialect::Xyce}) {
        INFO(nwn::net::dialect_name(d) << ": " << translated("{cstate}*(1e) - 100", d));
        CHECK(nwn::net::evaluate_expression(translated("{cstate}*(1e) - 100", d), params, nodes) == want);
        // hex: "0x1p" is 1 pico; "0x1p+3" would be the hex float 8
        CHECK(nwn::net::evaluate_expression(translated("0x1p + 3", d), params, nodes) ==
              nwn::net::evaluate_expression("0x1p + 3", params, nodes));
    }
}

TEST_CASE("fuzz: a subcircuit instance with no blank before its '=' is an error, not std::out_of_range",
          "[dialects][fuzz]") {
    CHECK_THROWS_WITH(nwn::net::translate_network_subckt("X1=2\n", SpiceDialect::Xyce, "x.lib"),
                      Contains("no parameter after its nodes: X1=2"));
    CHECK(nwn::net::translate_network_subckt("X1=2\n", SpiceDialect::Ltspice, "x.lib").find("X1=2") != std::string::npos);
}

TEST_CASE("fuzz: expressions too deep for the recursive translator are refused, not a stack overflow",
          "[dialects][fuzz]") {
    const std::string parens = std::string(100000, '(') + "1" + std::string(100000, ')');
    CHECK_THROWS_WITH(nwn::net::translate_junction_library("B1 a b I = " + parens + "\n", SpiceDialect::Xyce),
                      Contains("nested more than"));
    CHECK_THROWS_WITH(nwn::net::evaluate_expression(std::string(100000, '-') + "1", {}, {}), Contains("nested more than"));
    std::string chain = "1";
    for (int k = 0; k < 100000; ++k) chain += "+1";  // a left-deep tree: the printer recursed once per '+'
    CHECK_THROWS_WITH(nwn::net::evaluate_expression(chain, {}, {}), Contains("levels deep"));
    // Whatever depth is accepted translates into text that parses again (if() nests deeper than ?:).
    std::string ternary;
    for (int k = 0; k < 250; ++k) ternary += "{a}?1:";
    ternary += "0";
    const std::map<std::string, double> params = {{"a", 0}};
    for (SpiceDialect d : {SpiceDialect::Ltspice, SpiceDialect::Xyce})
        CHECK(nwn::net::evaluate_expression(translated(ternary, d), params, {}) == 0);
}

TEST_CASE("fuzz: sweeps too large to run are refused before their points are made", "[sweep][fuzz]") {
    // 10^9 values were generated (and deduplicated) until memory ran out
    CHECK_THROWS_WITH(nwn::exp::parse_sweep_param("vg=0:1:1000000000"), Contains("more than a sweep takes"));
    CHECK(nwn::exp::parse_sweep_param("vg=0:1:100000").values.size() == 100000);
    std::vector<nwn::exp::SweepParam> grid;
    for (const char* name : {"a", "b", "c"}) grid.push_back(nwn::exp::parse_sweep_param(std::string(name) + "=1:1000:1000"));
    CHECK_THROWS_WITH(nwn::exp::sweep_points(grid, true), Contains("the grid of every --param combination"));
    CHECK(nwn::exp::sweep_points({grid[0], grid[1]}, false).size() == 1000);
}

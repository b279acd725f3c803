// nwn sweep's .meas evaluation gives ngspice's own numbers, and rejects what it cannot evaluate.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <regex>
#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "cosim_support.h"
#include "runner/experiments/sweep/sweep_deck.h"
#include "runner/experiments/sweep/sweep_measure.h"
#include "support/reference.h"

using namespace nwn::test;
namespace fs = std::filesystem;

namespace {

// "name = value ..." lines of `ngspice -b` (batch mode without -r keeps vectors and runs .meas).
std::map<std::string, double> ngspice_measures(const std::string& log) {
    std::map<std::string, double> out;
    static const std::regex line(R"(^(\w+)\s+=\s+([-+0-9.eE]+))");
    std::istringstream is(log);
    for (std::string l; std::getline(is, l);) {
        std::smatch m;
        if (std::regex_search(l, m, line)) out[m[1]] = std::stod(m[2]);
    }
    return out;
}

nwn::io::TimeSeries series(std::vector<std::string> names, std::vector<std::vector<double>> cols) {
    nwn::io::TimeSeries s;
    s.names = std::move(names);
    s.columns = std::move(cols);
    return s;
}

}  // namespace

TEST_CASE(".meas statements evaluated on the recorded run match ngspice's .meas", "[cosim][measure]") {
    const auto dir = scratch_dir("cosim/measure");
    const auto deck = source_dir() / "tests/cosim/meas_rc.cir";
    std::string log;
    REQUIRE(run_command("cd " + dir.string() + " && ngspice -b " + deck.string(), &log) == 0);
    const auto ref = ngspice_measures(log);
    REQUIRE(ref.size() >= 14);
    const auto ts = run_deck(deck, dir / "run");
    const auto measures = nwn::exp::deck_measures(nwn::read_file(deck), deck.string());
    REQUIRE(measures.size() == 17);
    for (const auto& m : measures) {
        const double v = nwn::exp::evaluate_measure(m, ts);
        INFO(m.statement << ": nwn " << v);
        if (!ref.count(m.name)) {
            CHECK(std::isnan(v));  // ngspice: "out of interval", the measure failed
            continue;
        }
        // ngspice prints 6 or 7 significant digits
        CHECK(v == Approx(ref.at(m.name)).epsilon(2e-6).margin(1e-15));
    }
}

TEST_CASE("measures: v(a,b), bare node names, an empty window, and clear errors", "[cosim][measure]") {
    const auto s = series({"t", "v(a)", "v(b)"}, {{0, 1, 2, 3}, {0, 2, 4, 6}, {0, 1, 1, 1}});
    using nwn::exp::evaluate_measure;
    using nwn::exp::parse_measure;
    CHECK(evaluate_measure(parse_measure("d FIND v(a,b) AT=1.5"), s) == Approx(2.0));
    CHECK(evaluate_measure(parse_measure("m MAX a"), s) == 6.0);
    CHECK(std::isnan(evaluate_measure(parse_measure("m MAX v(a) FROM=10 TO=20"), s)));
    CHECK_THROWS_WITH(evaluate_measure(parse_measure("m MAX v(c)"), s), Catch::Contains("no vector 'v(c)'"));
    CHECK_THROWS_WITH(parse_measure("d DERIV v(a) AT=1"), Catch::Contains("not supported"));
    CHECK_THROWS_WITH(parse_measure("w WHEN v(a)=1 TD={tdel}"), Catch::Contains("not a number"));
    CHECK_THROWS_WITH(parse_measure("t TRIG v(a) VAL=1 RISE=1"), Catch::Contains("TARG"));
    CHECK_THROWS_WITH(parse_measure("t TRIG v(a) VAL=1 TARG v(a) VAL=2"), Catch::Contains("rise, fall or cross"));
    CHECK_THROWS_WITH(parse_measure("x MAX v(a) SPAN=2"), Catch::Contains("no such parameter"));
    CHECK_THROWS_WITH(nwn::exp::deck_measures("t\n.meas ac g MAX vdb(out)\n", "d.cir"),
                      Catch::Contains(".meas tran statements only"));
}

// The engine and flavour names (one parse, one name function each) and the one classifier of ngspice's
// output lines that both ngspice engines use.
#include <catch2/catch.hpp>

#include "common/error.h"
#include "runner/engine/engine_kind.h"
#include "runner/engine/ngspice_output.h"

using namespace nwn;
using engine::Engine;

TEST_CASE("engine names parse back to their engine") {
    for (Engine e : {Engine::Libngspice, Engine::NgspiceCli, Engine::Native})
        CHECK(engine::parse_engine(engine::engine_name(e)) == e);
}

TEST_CASE("an unknown engine is refused naming the engines the command runs") {
    CHECK_THROWS_WITH(engine::parse_engine("spice"), "unknown engine 'spice' (libngspice, ngspice-cli or native)");
    CHECK_THROWS_WITH(engine::parse_engine("ngspice-cli", {Engine::Libngspice, Engine::Native}),
                      "unknown engine 'ngspice-cli' (libngspice or native)");
}

TEST_CASE("a flavour choice is a flavour, or auto where the command resolves it") {
    CHECK(engine::parse_flavour_choice("osdi", false) == net::Flavour::Osdi);
    CHECK_FALSE(engine::parse_flavour_choice("auto", true).has_value());
    CHECK_THROWS_AS(engine::parse_flavour_choice("auto", false), Error);
    CHECK(engine::flavour_choice_name(std::nullopt) == "auto");
    CHECK(engine::flavour_choice_name(net::Flavour::Subckt) == "subckt");
}

TEST_CASE("ngspice output: errors, not warnings or notes, are errors") {
    CHECK(engine::is_error_text("Error: unknown subckt: x1 a b nwn"));
    CHECK(engine::is_error_text("doAnalyses: TRAN:  Timestep too small; time = 0.1"));
    CHECK(engine::is_error_text("MIF-ERROR - unable to find definition of model jm"));
    CHECK_FALSE(engine::is_error_text("Warning: singular matrix:  check node a"));
    CHECK_FALSE(engine::is_error_text("Note: No compatibility mode selected!"));
    CHECK_FALSE(engine::is_error_text("No. of Data Rows : 63"));
}

TEST_CASE("ngspice output: the CLI's log and libngspice's lines share the classifier") {
    const std::string log = "Circuit: rc\nWarning: singular matrix:  check node v1#branch\n"
                            "Error: no such vector foo\nTotal analysis time (seconds) = 0.007\n";
    CHECK(engine::ngspice_error_lines(log) == "Error: no such vector foo");
    CHECK(engine::extract_errors({"stdout Circuit: rc", "stderr Error: no such vector foo"}, true) ==
          "Error: no such vector foo");
    CHECK(engine::singular_matrix_hint(log).find("check node v1#branch") != std::string::npos);
    CHECK(engine::parse_ngspice_version({"stdout ** ngspice-39 shared library"}) == "39");
}

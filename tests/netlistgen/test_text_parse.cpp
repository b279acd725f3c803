// The strict text helpers every part parses numbers with (common/text_parse.h).
#include <catch2/catch.hpp>

#include "common/text_parse.h"

using namespace nwn;

TEST_CASE("SPICE numbers take ngspice's scale suffixes and refuse garbage", "[netlistgen]") {
    CHECK(parse_spice_number("10m") == Approx(0.01));
    CHECK(parse_spice_number("1meg") == Approx(1e6));
    CHECK(parse_spice_number("1MEG") == Approx(1e6));
    CHECK(parse_spice_number("2.5us") == Approx(2.5e-6));
    CHECK(parse_spice_number(" 3 ") == 3);
    CHECK(parse_spice_number("1e-3s") == Approx(1e-3));
    CHECK(parse_spice_number("2mil") == Approx(50.8e-6));
    REQUIRE_THROWS(parse_spice_number("abc"));
    REQUIRE_THROWS(parse_spice_number(""));
    REQUIRE_THROWS(parse_spice_number("1%"));
}

TEST_CASE("strict numbers: the whole text or an error naming what was expected", "[netlistgen]") {
    CHECK(parse_number("1.8", "--x") == 1.8);
    CHECK_THROWS_WITH(parse_number("1.8V", "--x"), Catch::Contains("--x"));
    CHECK_THROWS(parse_number("inf", "--x"));
    CHECK(parse_integer("42", "n") == 42);
    CHECK_THROWS(parse_integer("4.2", "n"));
    CHECK(format_number(0.01) == "0.01");
    CHECK(split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
}

TEST_CASE("lines as std::getline gives them, and ASCII lower case", "[netlistgen]") {
    CHECK(split_lines("a\nb\r\n\nc") == std::vector<std::string>{"a", "b\r", "", "c"});
    CHECK(split_lines("a\n") == std::vector<std::string>{"a"});
    CHECK(split_lines("").empty());
    CHECK(lower("V(Out) MEG \xC3\x89") == "v(out) meg \xC3\x89");  // bytes beyond ASCII stay as they are
}

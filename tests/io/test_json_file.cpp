// Whole JSON files (runner/io/json_file.h): the strict reader names the file, the lenient one treats a
// missing or torn file as absent.
#include <catch2/catch.hpp>

#include "common/error.h"
#include "runner/io/json_file.h"
#include "ngspice_fixture.h"
#include "support/reference.h"

using namespace nwn::io;
using Catch::Contains;
using nwn::test::write_bytes;

TEST_CASE("a JSON file reads the same either way", "[json]") {
    const auto dir = nwn::test::scratch_dir("io_json_file");
    write_bytes(dir / "ok.json", "{\"status\": \"completed\", \"points\": 3}\n");
    const auto j = read_json_file(dir / "ok.json");
    CHECK(j["status"] == "completed");
    CHECK(read_json_file_or_null(dir / "ok.json") == j);
}

TEST_CASE("a missing or torn JSON file: an error naming it, or null", "[json]") {
    const auto dir = nwn::test::scratch_dir("io_json_file_bad");
    write_bytes(dir / "torn.json", "{\"status\": \"comp");
    CHECK_THROWS_WITH(read_json_file(dir / "torn.json"), Contains((dir / "torn.json").string() + ": not valid JSON ("));
    CHECK_THROWS_AS(read_json_file(dir / "none.json"), nwn::Error);
    CHECK_THROWS_WITH(read_json_file(dir / "none.json"), Contains((dir / "none.json").string() + ": cannot open"));
    CHECK(read_json_file_or_null(dir / "torn.json").is_null());
    CHECK(read_json_file_or_null(dir / "none.json").is_null());
}

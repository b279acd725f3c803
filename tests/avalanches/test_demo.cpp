// nwn demo end to end with the native engine (the libngspice demo takes a minute; scripts/demo.sh runs it).
#include <catch2/catch.hpp>

#include "cli_support.h"
#include "common/atomic_file.h"

namespace fs = std::filesystem;

TEST_CASE("nwn demo succeeds and says so plainly when a short run has too few avalanches") {
    const auto dir = nwn::test::scratch_dir("demo_native");
    std::string out;
    REQUIRE(nwn::test::nwn_cli("demo --engine native --tstop 2 --out " + dir.string(), &out) == 0);
    INFO(out);
    CHECK(out.find("994 wires, 3040 junctions") != std::string::npos);
    CHECK(out.find("activation: not within 2 s") != std::string::npos);
    CHECK(out.find("too few for the avalanche statistics") != std::string::npos);
    CHECK(nwn::read_file(dir / "summary.txt").find("junction events") != std::string::npos);
    CHECK(nwn::read_file(dir / "network.svg").find("lambda") != std::string::npos);
    CHECK(nwn::read_file(dir / "run" / "run.json").find("\"completed\"") != std::string::npos);
    CHECK(fs::exists(dir / "final_lambda.csv"));
    CHECK_FALSE(fs::exists(dir / "run" / "lambda.csv"));
    CHECK_FALSE(fs::exists(dir / "avalanches.json"));
    if (nwn::test::run_command("command -v gnuplot >/dev/null") == 0) CHECK(fs::exists(dir / "plots" / "conductance.svg"));
}

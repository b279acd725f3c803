// nwn demo and nwn report from the command line, without ngspice: the settings it refuses, a section
// skipped for want of NWNsim's data, and the page nwn report writes for a native run. The full quick demo,
// rendered in Chromium, is check_demo.sh's ("report: the quick demo renders in Chromium").
#include <catch2/catch.hpp>

#include "experiments/avalanches/cli_support.h"
#include "common/atomic_file.h"

namespace fs = std::filesystem;

TEST_CASE("nwn demo refuses bad settings before running anything") {
    const auto dir = nwn::test::scratch_dir("demo_bad");
    std::string out;
    CHECK(nwn::test::nwn_cli("demo --quick --full --out " + dir.string(), &out) == 2);
    CHECK(out.find("--quick or --full") != std::string::npos);
    CHECK(nwn::test::nwn_cli("demo --section nonsense --out " + dir.string(), &out) == 1);
    CHECK(out.find("unknown demo section 'nonsense'") != std::string::npos);
    CHECK(nwn::test::nwn_cli("demo --reference " + (dir / "nowhere").string() + " --out " + dir.string(), &out) == 1);
    CHECK(out.find("no NWNsim reference data") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "index.html"));
}

TEST_CASE("nwn demo reports a section as skipped when NWNsim's data is absent, and still writes the page") {
    const auto dir = nwn::test::scratch_dir("demo_skipped");
    std::string out;
    REQUIRE(nwn::test::run_command("NWN_REFERENCE_DIR=" + (dir / "nowhere").string() + " " + nwn::test::nwn_binary().string() +
                                       " demo --quick --section activation --out " + (dir / "d").string(),
                                   &out) == 0);
    INFO(out);
    CHECK(out.find("report: " + (dir / "d" / "index.html").string()) != std::string::npos);
    const std::string html = nwn::read_file(dir / "d" / "index.html");
    CHECK(html.find("<section id=\"activation\" data-status=\"skipped\">") != std::string::npos);
    CHECK(html.find("NWN_REFERENCE_DIR") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);  // a plain page
    CHECK(fs::exists(dir / "d" / "demo.json"));
    CHECK(fs::exists(dir / "d" / "report.json"));
    // nwn report renders the demo directory again from report.json.
    REQUIRE(nwn::test::nwn_cli("report " + (dir / "d").string() + " --out " + (dir / "again.html").string(), &out) == 0);
    CHECK(nwn::read_file(dir / "again.html").find("id=\"activation\"") != std::string::npos);
}

TEST_CASE("nwn report writes a page for a run directory, with its G(t) figure") {
    const auto dir = nwn::test::scratch_dir("report_run");
    std::string out;
    REQUIRE(nwn::test::nwn_cli("generate --density 0.3 --lx 15 --seed 2 --electrodes farthest -o " + (dir / "net.json").string(), &out) == 0);
    REQUIRE(nwn::test::nwn_cli("run " + (dir / "net.json").string() + " --engine native --stimulus dc:1 --tstop 0.2 --quiet --out " +
                                   (dir / "run").string(),
                               &out) == 0);
    REQUIRE(nwn::test::nwn_cli("report " + (dir / "run").string(), &out) == 0);
    INFO(out);
    const std::string html = nwn::read_file(dir / "run" / "index.html");
    CHECK(html.find("Run run") != std::string::npos);
    CHECK(html.find("nwn run") != std::string::npos);  // the command that made it
    if (nwn::test::run_command("command -v gnuplot >/dev/null") == 0) {
        CHECK(html.find("report-figures/run/conductance.") != std::string::npos);
        CHECK(fs::exists(dir / "run" / "report-figures" / "run" / "conductance.gp"));
    }
    CHECK(nwn::test::nwn_cli("report " + dir.string(), &out) == 1);  // not an output directory
    CHECK(out.find("not an nwn output directory") != std::string::npos);
}

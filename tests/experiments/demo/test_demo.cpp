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

TEST_CASE("nwn report refuses a sweep.csv or phase_diagram.csv that nwn did not write, naming the line") {
    const auto dir = nwn::test::scratch_dir("report_tables");
    std::string out;
    auto report = [&](const fs::path& d) { return nwn::test::nwn_cli("report " + d.string(), &out); };
    auto table = [&](const std::string& name, const std::string& file, const std::string& text) {
        fs::create_directories(dir / name);
        nwn::write_file_atomic(dir / name / file, text);
        return dir / name;
    };
    // What the writers write is shown.
    const auto pd = table("pd_ok", "phase_diagram.csv",
                          "amplitude,frequency,status,lambda_per_s,sigma,r,upper_bound,dir\n"
                          "1.25,0.85,completed,0.5,0.1,12,0,points/A1.25_f0.85\n0.5,1,failed,,,,0,points/A0.5_f1\n");
    REQUIRE(report(pd) == 0);
    CHECK(nwn::read_file(pd / "index.html").find("A1.25_f0.85") != std::string::npos);
    const auto sw = table("sweep_ok", "sweep.csv", "vg,status,ipeak,run\n0.7,completed,1.5e-3,points/vg=0.7\n10k,failed,,points/vg=10k\n");
    REQUIRE(report(sw) == 0);
    // Once rc 0 and a page saying "ok" over the bytes.
    const std::pair<fs::path, std::string> bad[] = {
        {table("pd_abc", "phase_diagram.csv",
               "amplitude,frequency,status,lambda_per_s,sigma,r,upper_bound,dir\nabc,0.85,completed,0.5,0.1,12,0,x\n"),
         "phase_diagram.csv:2: column amplitude: 'abc' is not a number"},
        {table("pd_lambda", "phase_diagram.csv",
               "amplitude,frequency,status,lambda_per_s,sigma,r,upper_bound,dir\n1,0.85,completed,fast,0.1,12,0,x\n"),
         "phase_diagram.csv:2: column lambda_per_s: 'fast' is not a number"},
        {table("pd_bytes", "phase_diagram.csv", std::string("\x89PNG\r\n\x1a\n\x00\x01\xff,,\n", 14)), "phase_diagram.csv:1: "},
        {table("pd_header", "phase_diagram.csv", "a,b,c\n1,2,3\n"), "phase_diagram.csv:1: unexpected header 'a,b,c'"},
        {table("sweep_bytes", "sweep.csv", std::string("vg,status,run\n\xc3\x28,\x01,\n", 20)),
         "sweep.csv:2: control characters or bytes that are not UTF-8 text"},
        {table("sweep_status", "sweep.csv", "vg,status,ipeak,run\n0.7,ok,1,x\n"), "sweep.csv:2: column status: 'ok' is not a status"},
        {table("sweep_measure", "sweep.csv", "vg,status,ipeak,run\n0.7,completed,abc,x\n"), "sweep.csv:2: column ipeak: 'abc' is not a number"},
        {table("sweep_width", "sweep.csv", "vg,status,ipeak,run\n0.7,completed\n"), "sweep.csv:2: 2 cells under a header of 4"},
        {table("sweep_empty", "sweep.csv", ""), "sweep.csv: no header"},
    };
    for (const auto& [d, message] : bad) {
        INFO(d);
        CHECK(report(d) == 1);
        CHECK_THAT(out, Catch::Contains(message) && Catch::Contains("not a table nwn wrote"));
        CHECK_FALSE(fs::exists(d / "index.html"));
    }
}

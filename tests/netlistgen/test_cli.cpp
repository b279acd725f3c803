// The nwn subcommands end to end: outputs, --help, and clear errors with a non-zero exit.
#include <catch2/catch.hpp>

#include "common/atomic_file.h"
#include "fixtures.h"
#include "netlistgen/network/network_json.h"
#include "support/reference.h"

using nwn::test::run_nwn;
namespace fs = std::filesystem;

namespace {
void expect_failure(const std::string& args, const std::string& message) {
    std::string out;
    const int rc = run_nwn(args, &out);
    INFO("nwn " << args << "\n" << out);
    CHECK(rc != 0);
    CHECK(out.find(message) != std::string::npos);
}
}  // namespace

TEST_CASE("nwn generate | netlist | draw: files, summary on stderr, --help") {
    const auto dir = nwn::test::scratch_dir("netlistgen_cli");
    std::string out;
    REQUIRE(run_nwn("generate --wires 1000 --lx 100 --seed 0 --csv " + (dir / "g").string() + " -o " + (dir / "g.json").string(), &out) == 0);
    CHECK(out.find("994 wires, 3040 junctions (of 1000 generated)") != std::string::npos);
    CHECK(out.find("hop distance n = ") != std::string::npos);
    const auto net = nwn::net::read_network(dir / "g.json");
    CHECK(net.wires.size() == 994);
    CHECK(fs::exists(dir / "g_junctions.csv"));

    REQUIRE(run_nwn("generate --density 0.1 --lx 50 --ly 40 --electrodes bars:0.05 --keep-all -o " + (dir / "d.json").string(), &out) == 0);
    CHECK(nwn::net::read_network(dir / "d.json").wires.size() == 200);

    REQUIRE(run_nwn("netlist " + (dir / "g.json").string() + " --flavour codemodel --form deck --stimulus sine:2:1 --cm-load none -o " +
                        (dir / "g.cir").string(), &out) == 0);
    CHECK(out.find("V* = ") != std::string::npos);
    CHECK(fs::file_size(dir / "g.cir") > 1000);
    REQUIRE(run_nwn("draw " + (dir / "g.json").string() + " -o " + (dir / "g.svg").string(), &out) == 0);
    CHECK(nwn::read_file(dir / "g.svg").find("</svg>") != std::string::npos);

    for (const char* cmd : {"generate", "import-mat", "netlist", "draw"}) {
        INFO(cmd);
        CHECK(run_nwn(std::string(cmd) + " --help", &out) == 0);
        CHECK(out.find("usage: nwn " + std::string(cmd)) != std::string::npos);
    }
}

TEST_CASE("nwn draw colours junctions from a values CSV") {
    const auto ref = nwn::test::nwnsim_reference("drawing NWNsim's final states");
    if (!ref) return;
    const auto dir = nwn::test::scratch_dir("netlistgen_cli_draw");
    std::string out;
    REQUIRE(run_nwn("import-mat " + (*ref / "nw100_seed042.mat").string() + " -o " + (dir / "n.json").string(), &out) == 0);
    REQUIRE(run_nwn("draw " + (dir / "n.json").string() + " --color-by lambda --values " +
                        (*ref / "tl_T10_DC1.8V_finalStates.csv").string() + " -o " + (dir / "n.svg").string(), &out) == 0);
    CHECK(nwn::read_file(dir / "n.svg").find("|lambda| (V s)") != std::string::npos);
}

TEST_CASE("bad input to nwn gives a clear error and a non-zero exit") {
    const auto dir = nwn::test::scratch_dir("netlistgen_cli_errors");
    const std::string o = " -o " + (dir / "x.json").string();
    expect_failure("generate --density 0 --lx 10" + o, "'--density': '0' is out of range (0, 1000]");
    expect_failure("generate --density -0.1 --lx 10" + o, "'--density': '-0.1' is out of range");
    expect_failure("generate --wires 10 --lx 0" + o, "'--lx': '0' is out of range");
    expect_failure("generate --wires 10 --lx 10 --ly -3" + o, "'--ly': '-3' is out of range");
    expect_failure("generate --wires 10 --density 0.1 --lx 10" + o, "exactly one of --wires and --density");
    expect_failure("generate --wires 100 --lx 30 --electrodes wires:0,100" + o, "unknown wire id 100");
    expect_failure("generate --wires 10 --lx 10 --bogus" + o, "unrecognised option");
    CHECK_FALSE(fs::exists(dir / "x.json"));

    // Two crossing pairs, far apart: electrodes in different components.
    nwn::test::write_text(dir / "two.json", R"({"format": "nwnspice-network", "version": 1, "domain": {"lx": 10, "ly": 10},
      "wires": [{"xa":0,"ya":0,"xb":1,"yb":1,"xc":0.5,"yc":0.5,"length":1.4142135623730951,"angle":0.7853981633974483},
                {"xa":0,"ya":1,"xb":1,"yb":0,"xc":0.5,"yc":0.5,"length":1.4142135623730951,"angle":-0.7853981633974483},
                {"xa":5,"ya":5,"xb":6,"yb":6,"xc":5.5,"yc":5.5,"length":1.4142135623730951,"angle":0.7853981633974483},
                {"xa":5,"ya":6,"xb":6,"yb":5,"xc":5.5,"yc":5.5,"length":1.4142135623730951,"angle":-0.7853981633974483}],
      "junctions": [{"i":0,"j":1,"x":0.5,"y":0.5}, {"i":2,"j":3,"x":5.5,"y":5.5}]})");
    expect_failure("netlist " + (dir / "two.json").string() + " --electrodes wires:0,2 --cm-load none" + o, "different components");
    expect_failure("netlist " + (dir / "two.json").string() + " --cm-load none" + o, "no electrodes");
    expect_failure("netlist " + (dir / "two.json").string() + " --electrodes wires:0,1 --cm-load none --stimulus dc:x" + o, "not a number");
    expect_failure("netlist " + (dir / "two.json").string() + " --electrodes wires:0,1 --cm-load none --param vset=0" + o, "vset must be > 0");
    expect_failure("netlist " + (dir / "two.json").string() + " --electrodes wires:0,1 --flavour spice" + o, "unknown flavour 'spice' (codemodel, subckt or osdi)");

    nwn::test::write_text(dir / "broken.json", "{\"format\": \"nwnspice-network\", \"version\": 1, \"wires\": [");
    expect_failure("netlist " + (dir / "broken.json").string() + o, "not valid JSON");
    expect_failure("draw " + (dir / "broken.json").string() + o, "not valid JSON");
    expect_failure("draw " + (dir / "missing.json").string() + o, "missing.json");

    nwn::test::write_text(dir / "foreign.mat", "MATLAB 5.0 MAT-file, but not really");
    expect_failure("import-mat " + (dir / "foreign.mat").string() + o, "not a MATLAB .mat file");
    const auto ref = nwn::test::nwnsim_reference("a truncated NWNsim .mat through the CLI");
    if (!ref) return;
    fs::copy_file(*ref / "nw100_seed042.mat", dir / "cut.mat");
    fs::resize_file(dir / "cut.mat", fs::file_size(dir / "cut.mat") / 2);
    expect_failure("import-mat " + (dir / "cut.mat").string() + o, "cut.mat");
    expect_failure("import-mat " + (*ref / "nw100_seed042.mat").string() + " --electrodes wires:72,100" + o, "unknown wire id 100");
}

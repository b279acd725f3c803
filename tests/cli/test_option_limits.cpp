// Numeric command-line options are checked once for every subcommand (runner/cli/option_limits.h):
// the reproducers of the reliability issue, each a clear message naming the option, exit status 2
// (bad command line) or 1 (a cross-check of the run), and no output left behind.
#include <catch2/catch.hpp>

#include <filesystem>

#include "support/reference.h"

using namespace nwn::test;
namespace fs = std::filesystem;

namespace {

struct Case {
    std::string args, message;
    int status;
};

}  // namespace

TEST_CASE("numeric options: negative counts, non-finite numbers, ranges and run caps", "[run][options]") {
    const auto dir = scratch_dir("run/option_limits");
    const std::string nwn = nwn_binary().string(), net = (dir / "net.json").string(), out = (dir / "out").string();
    std::string text;
    REQUIRE(run_command(nwn + " generate --wires 40 --lx 20 --seed 3 -o " + net, &text) == 0);
    REQUIRE(run_command("printf 'size\\n1\\n2\\n3\\n5\\n8\\n13\\n' > " + (dir / "f.csv").string(), &text) == 0);
    const std::string csv = (dir / "f.csv").string();
    const std::vector<Case> cases = {
        {"powerlaw " + csv + " --column size --resamples -1", "'--resamples': '-1' must be a whole number in [0, 1000000]", 2},
        {"powerlaw " + csv + " --column size --resamples 4294967297", "'--resamples': '4294967297' is out of range", 2},
        {"powerlaw " + csv + " --column size --min-n -1", "'--min-n': '-1' must be a whole number in [1, 1000000000]", 2},
        {"avalanches " + csv + " --g-column size --dt 1 --resamples -1 --out " + out, "'--resamples'", 2},
        {"lyapunov " + net + " --stimulus triangle:1:1 --exponents -1 --out " + out, "'--exponents'", 2},
        {"lyapunov " + net + " --stimulus triangle:1:1 --period nan --out " + out, "'--period': 'nan' must be a finite number", 2},
        {"lyapunov " + net + " --stimulus triangle:1:1 --period -1 --out " + out, "'--period': '-1' is out of range", 2},
        {"ensemble --seeds 0:1 --lx 20 -j -1 --out " + out, "'--jobs': '-1' must be a whole number", 2},
        {"run " + net + " --engine native --tstop 0.01 --resample nan --out " + out, "'--resample': 'nan' must be a finite", 2},
        {"run " + net + " --engine native --tstop inf --out " + out, "'--tstop': 'inf' must be a finite number", 2},
        {"run " + net + " --engine native --wall-limit -1 --out " + out, "'--wall-limit': '-1' is out of range", 2},
        {"run " + net + " --engine native --tstop 1e-9 --out " + out, "--tmax (0.001 s) must not exceed --tstop (1e-09 s)", 1},
        {"run " + net + " --engine native --tmax 1e-300 --out " + out, "more than 1e9; raise --tmax", 1},
        {"run " + net + " --engine native --tstop 0.01 --resample 1e-12 --out " + out, "more than 1e8; raise --resample", 1},
        {"netlist " + net + " --tstep -1 -o " + out, "'--tstep': '-1' is out of range", 2},
        {"netlist " + net + " --tstop inf -o " + out, "'--tstop': 'inf' must be a finite number", 2},
        {"generate --wires 10 --lx 10 --length-mean inf --keep-all -o " + out, "'--length-mean': 'inf' must be a finite", 2},
        {"avalanches " + csv + " --g-column size --dt 1 --thresh -1 --out " + out, "'--thresh': '-1' is out of range", 2},
    };
    for (const auto& c : cases) {
        INFO("nwn " << c.args);
        const int status = run_command(nwn + " " + c.args, &text);
        INFO(text);
        CHECK(status == c.status);
        CHECK_THAT(text, Catch::Contains(c.message));
        CHECK_FALSE(fs::exists(out));  // refused before anything was written
    }
}

TEST_CASE("nwn run --help lists the ranges of the options it has", "[run][options]") {
    std::string text;
    REQUIRE(run_command(nwn_binary().string() + " run --help", &text) == 0);
    CHECK_THAT(text, Catch::Contains("--tstop (0, 1000000]"));
    CHECK_THAT(text, Catch::Contains("--resample [0, 1000]"));
    REQUIRE(run_command(nwn_binary().string() + " avalanches --help", &text) == 0);
    CHECK_THAT(text, Catch::Contains("--thresh [0, inf]"));
}

TEST_CASE("every command that runs SPICE has one default junction device, auto, shown in --help", "[run][options]") {
    // nwn run defaulted to auto (OSDI in ngspice 46) and phase-diagram, lyapunov, nlt and sweep to codemodel.
    std::string text;
    for (const char* cmd : {"run", "sweep", "lyapunov", "nlt", "phase-diagram"}) {
        INFO(cmd);
        REQUIRE(run_command(nwn_binary().string() + " " + cmd + " --help", &text) == 0);
        CHECK_THAT(text, Catch::Contains("--flavour arg (=auto)"));
    }
    // nwn netlist writes decks for the system's ngspice: codemodel unless told.
    REQUIRE(run_command(nwn_binary().string() + " netlist --help", &text) == 0);
    CHECK_THAT(text, Catch::Contains("--flavour arg (=codemodel)"));
}

TEST_CASE("results that cannot be written to standard output fail the command", "[run][files]") {
    if (!fs::exists("/dev/full")) return;
    const auto dir = scratch_dir("run/stdout_full");
    std::string text;
    REQUIRE(run_command("printf 'size\\n' > " + (dir / "f.csv").string() + "; seq 1 400 >> " + (dir / "f.csv").string(), &text) == 0);
    const std::string cmd = nwn_binary().string() + " powerlaw " + (dir / "f.csv").string() + " --column size --resamples 5";
    REQUIRE(run_command(cmd, &text) == 0);
    CHECK(run_command("(" + cmd + " > /dev/full)", &text) == 1);  // stderr still reaches the pipe
    CHECK_THAT(text, Catch::Contains("writing to standard output failed"));
}

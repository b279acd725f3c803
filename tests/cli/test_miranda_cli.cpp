// `nwn run --model miranda`: NWNsim's 100-wire network through the four forms of the Turin group's junction
// (native closed-form steps, XSPICE code model, OSDI device, portable subcircuit) giving the same run; and
// the CLI's refusal of parameters the model does not have.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "runner/io/timeseries_csv.h"
#include "support/reference.h"
#include "nwn_config.h"

using namespace nwn::test;
namespace fs = std::filesystem;

namespace {

std::string nwn_cmd() { return nwn_binary().string(); }

// NWNsim's nw100_seed042 network with its contacts (wires 72 and 29), as JSON; nullopt (skipped) without it.
std::optional<fs::path> nw100(const fs::path& dir) {
    const auto ref = reference_dir("the miranda model on NWNsim's 100-wire network");
    if (!ref) return std::nullopt;
    const fs::path net = dir / "nw100.json";
    std::string out;
    REQUIRE(run_command(nwn_cmd() + " import-mat " + (*ref / "nwnsim" / "nw100_seed042.mat").string() + " -o " + net.string(), &out) == 0);
    return net;
}

// A 3 V, 5 Hz sine for 0.2 s: g of the junctions along the path swings from 0 to 0.86 and the network's
// conductance by a quarter, so every form has to follow the switching. Sampled every ms.
const std::string kRun = " --model miranda --stimulus sine:3:5 --tstop 0.2 --resample 1e-3 --save-lambda --quiet";

void run(const fs::path& net, const std::string& engine, const fs::path& out) {
    std::string text;
    const int status = run_command(nwn_cmd() + " run " + net.string() + kRun + engine + " --out " + out.string(), &text);
    INFO(text);
    REQUIRE(status == 0);
}

// Largest |I - I_native| over the run relative to the largest |I|, and largest |g - g_native| over every
// junction both record.
std::pair<double, double> difference(const fs::path& native, const fs::path& spice) {
    const auto a = nwn::io::read_timeseries_csv(native / "timeseries.csv"), b = nwn::io::read_timeseries_csv(spice / "timeseries.csv");
    REQUIRE(a.rows() == b.rows());
    double di = 0, imax = 0;
    for (std::size_t k = 0; k < a.rows(); ++k) {
        di = std::max(di, std::abs(a.column("I")[k] - b.column("I")[k]));
        imax = std::max(imax, std::abs(a.column("I")[k]));
    }
    const auto la = nwn::io::read_timeseries_csv(native / "lambda.csv"), lb = nwn::io::read_timeseries_csv(spice / "lambda.csv");
    double dg = 0;
    for (const auto& name : lb.names)
        if (name != "t")
            for (std::size_t k = 0; k < la.rows(); ++k) dg = std::max(dg, std::abs(la.column(name)[k] - lb.column(name)[k]));
    return {di / imax, dg};
}

// The native engine steps 1e-5 s, holding each junction's voltage over a step (the Turin code's scheme,
// first order in dt: its error here is ~1e-4 in I); the SPICE forms integrate the rate equation with
// trapezoidal steps at nwn's reltol 1e-4 up to 1 ms. Measured: I within 2.1e-4 of its peak, g within
// 1e-3 (code model), 5e-4 (OSDI, subcircuit); the bounds leave a factor ~3.
constexpr double kCurrentTolerance = 6e-4, kStateTolerance = 3e-3;

}  // namespace

TEST_CASE("miranda: native, code model and subcircuit runs of NWNsim's 100-wire network agree", "[run][miranda]") {
    const auto dir = scratch_dir("run/miranda_forms");
    const auto net = nw100(dir);
    if (!net) return;
    run(*net, " --engine native --tmax 1e-5", dir / "native");
    const auto j = nlohmann::json::parse(nwn::read_file(dir / "native" / "run.json"));
    CHECK(j["model"] == "miranda");
    CHECK(j["params"]["kd0"] == 6.488388862524891465e+01);
    const auto g = nwn::io::read_timeseries_csv(dir / "native" / "timeseries.csv").column("G");
    CHECK(*std::max_element(g.begin(), g.end()) > 1.2 * g.front());  // the junctions did switch
    for (const char* flavour : {"codemodel", "subckt"}) {
        INFO(flavour);
        run(*net, std::string(" --engine libngspice --tmax 1e-3 --flavour ") + flavour, dir / flavour);
        const auto [di, dg] = difference(dir / "native", dir / flavour);
        WARN(flavour << " vs native: max |dI|/max|I| = " << di << ", max |dg| = " << dg);
        CHECK(di < kCurrentTolerance);
        CHECK(dg < kStateTolerance);
    }
}

TEST_CASE("miranda: the OSDI device in ngspice 46 agrees with the native run", "[run][miranda][osdi]") {
    if (std::string(NWN_NGSPICE46_LIB).empty()) {
        skip("ngspice46", "this build has no ngspice 46 for the OSDI device");
        return;
    }
    const auto dir = scratch_dir("run/miranda_osdi");
    const auto net = nw100(dir);
    if (!net) return;
    run(*net, " --engine native --tmax 1e-5", dir / "native");
    run(*net, " --engine libngspice --tmax 1e-3 --flavour osdi", dir / "osdi");
    const auto [di, dg] = difference(dir / "native", dir / "osdi");
    WARN("osdi vs native: max |dI|/max|I| = " << di << ", max |dg| = " << dg);
    CHECK(di < kCurrentTolerance);
    CHECK(dg < kStateTolerance);
}

TEST_CASE("miranda: --model and --param errors name the model, the parameter and the known ones", "[run][miranda]") {
    const auto dir = scratch_dir("run/miranda_errors");
    std::string out;
    REQUIRE(run_command(nwn_cmd() + " generate --wires 30 --lx 15 --ly 15 --seed 2 -o " + (dir / "n.json").string(), &out) == 0);
    const std::string run = nwn_cmd() + " run " + (dir / "n.json").string() + " --engine native --tstop 0.01 --quiet --out " +
                            (dir / "r").string();
    CHECK(run_command(run + " --model miranda --param vset=0.1", &out) == 1);
    CHECK_THAT(out, Catch::Contains("unknown junction parameter 'vset' of model miranda (known: kp0, kd0, etap, etad, ymin, ymax, g0, cstate)"));
    CHECK(run_command(run + " --model miranda --param ymax=1e-4", &out) == 1);
    CHECK_THAT(out, Catch::Contains("ymax must be >= ymin"));
    CHECK(run_command(run + " --model miranda --param kd0=-5", &out) == 1);
    CHECK_THAT(out, Catch::Contains("kd0 must be > 0"));
    CHECK(run_command(run + " --model tunnel", &out) == 1);
    CHECK_THAT(out, Catch::Contains("unknown junction model 'tunnel' (known: hochstetter, miranda)"));
    CHECK(run_command(run + " --model miranda --save-events", &out) == 1);
    CHECK_THAT(out, Catch::Contains("needs the hochstetter junction model"));
    // nwn netlist writes the model's device, with every parameter of its table.
    REQUIRE(run_command(nwn_cmd() + " netlist " + (dir / "n.json").string() + " --model miranda --param kp0=1e-5 --cm-load none -o " +
                            (dir / "m.cir").string(), &out) == 0);
    const std::string deck = nwn::read_file(dir / "m.cir");
    CHECK_THAT(deck, Catch::Contains(".model nwnj nwnmiranda (kp0=1e-05 kd0="));
    CHECK_THAT(deck, Catch::Contains("l<k> = state g (0..1) of junction k"));
}

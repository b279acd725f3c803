// nwn lyapunov / nlt / phase-diagram from the command line: outputs, resuming, and clear errors.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "netlistgen/network/network_json.h"
#include "networks.h"
#include "support/reference.h"

using namespace nwn;
namespace fs = std::filesystem;

namespace {

struct Cli {
    fs::path dir, net;
    explicit Cli(const std::string& name) : dir(test::scratch_dir("lyapunov_cli/" + name)), net(dir / "net.json") {
        net::write_network(net, test::triangle_network());
    }
    // Runs `nwn <args>` in dir; returns the exit status, output in *out.
    int run(const std::string& args, std::string* out) const {
        return test::run_command("cd " + dir.string() + " && " + test::nwn_binary().string() + " " + args + " 2>&1", out);
    }
    nlohmann::json json(const fs::path& p) const {
        std::ifstream f(dir / p);
        return nlohmann::json::parse(f);
    }
};

}  // namespace

TEST_CASE("nwn lyapunov writes lambda_per_s, sigma, r and the trace", "[lyapunov][cli]") {
    Cli c("lyapunov");
    std::string out;
    REQUIRE(c.run("lyapunov net.json --stimulus triangle:0.05:1 --engine native --transient 2 --periods 4 --exponents 2 "
                  "--out run --quiet", &out) == 0);
    const auto j = c.json("run/lyapunov.json");
    CHECK(j["status"] == "completed");
    CHECK(j["lambda_per_s"].is_number());
    CHECK(j["sigma"].is_number());
    CHECK(j["r"].get<double>() > 1);
    CHECK(j["exponents"].size() == 2);
    CHECK(j["exponents"][0]["lambda_per_s"].get<double>() >= j["exponents"][1]["lambda_per_s"].get<double>());
    CHECK(j["trace"].size() == 4);
    CHECK(fs::exists(c.dir / "run/attractor.csv"));
}

TEST_CASE("nwn nlt continues an attractor and scores every task", "[lyapunov][cli]") {
    Cli c("nlt");
    std::string out;
    REQUIRE(c.run("lyapunov net.json --stimulus triangle:0.05:1 --engine native --transient 2 --periods 2 --out run --quiet", &out) == 0);
    REQUIRE(c.run("nlt net.json --stimulus triangle:0.05:1 --engine native --ic run/attractor.csv --t0 2 --duration 4 "
                  "--train 0.5 --save-series --out run --quiet", &out) == 0);
    const auto j = c.json("run/nlt.json");
    CHECK(j["status"] == "completed");
    CHECK(j["samples"] == 4000);
    for (const char* task : {"sine", "square", "phase", "double"}) CHECK(j["accuracy"][task].is_number());
    // Three wires, one of them grounded: at most two independent features.
    CHECK(j["tasks"]["sine"]["rank"].get<int>() <= 2);
    CHECK(fs::exists(c.dir / "run/nlt_series.csv"));
}

TEST_CASE("nwn phase-diagram runs points in parallel, plots, and resumes", "[lyapunov][cli]") {
    Cli c("phase");
    std::string out;
    const std::string cmd = "phase-diagram net.json --amplitudes 0.03,0.05 --frequencies 1,2 --engine native --jobs 2 "
                            "--transient 1 --nlt --nlt-duration 2 --out pd -- --periods 2";
    REQUIRE(c.run(cmd, &out) == 0);
    INFO(out);
    std::ifstream csv(c.dir / "pd/phase_diagram.csv");
    std::string header, line;
    std::getline(csv, header);
    CHECK(header.find("lambda_per_s,sigma,r") != std::string::npos);
    CHECK(header.find("accuracy_double") != std::string::npos);
    int rows = 0;
    while (std::getline(csv, line)) rows += line.find(",completed,") != std::string::npos;
    CHECK(rows == 4);
    if (out.find("no plot") == std::string::npos) CHECK(fs::exists(c.dir / "pd/phase_diagram.png"));
    REQUIRE(c.run(cmd, &out) == 0);
    CHECK_THAT(out, Catch::Contains("4 done earlier, 0 to run"));
    CHECK(c.run("phase-diagram net.json --amplitudes 0.04 --frequencies 1 --engine native --out pd", &out) == 1);
    CHECK_THAT(out, Catch::Contains("different grid"));
}

TEST_CASE("bad input gives a clear error", "[lyapunov][cli]") {
    Cli c("errors");
    std::string out;
    auto fails_with = [&](const std::string& args, const std::string& text) {
        INFO(args);
        CHECK(c.run(args, &out) != 0);
        CHECK_THAT(out, Catch::Contains(text));
    };
    fails_with("lyapunov net.json --stimulus dc:1 --out x", "not periodic");
    fails_with("lyapunov net.json --stimulus triangle:1:1 --engine spice --out x", "unknown engine 'spice'");
    fails_with("lyapunov net.json --stimulus triangle:1:1 --every-step --out x", "--every-step needs --engine native");
    fails_with("lyapunov net.json --stimulus triangle:1:1 --direction junction:7 --out x", "junction 7 is not simulated");
    fails_with("lyapunov net.json --stimulus triangle:1:1 --eps -1 --out x", "'--eps': '-1' is out of range [0, 1]");
    fails_with("lyapunov net.json --stimulus triangle:1:1 --periods 2 --skip 2 --out x", "--skip");
    fails_with("lyapunov net.json --stimulus triangle:1:1 --exponents 4 --engine native --out x", "more exponents");
    fails_with("lyapunov net.json --out x", "--stimulus");
    fails_with("nlt net.json --stimulus square:1:1 --out x", "triangle:AMP:FREQ");
    fails_with("nlt net.json --stimulus triangle:1:1 --engine native --duration 1 --washout 2 --out x", "washout");
    fails_with("phase-diagram net.json --amplitudes 1,x --frequencies 1 --out x", "--amplitudes");
    fails_with("phase-diagram missing.json --amplitudes 1 --frequencies 1 --out x", "no network file");
    // refused before any point runs, with the engines and flavours its children take
    fails_with("phase-diagram net.json --amplitudes 1 --frequencies 1 --engine ngspice-cli --out x",
               "unknown engine 'ngspice-cli' (libngspice or native)");
    fails_with("phase-diagram net.json --amplitudes 1 --frequencies 1 --flavour spice --out x", "unknown flavour 'spice'");
    // One point, one directory: once workers raced on it ("cannot remove ...").
    fails_with("phase-diagram net.json --amplitudes 1,1,1 --frequencies 1 --out x", "--amplitudes lists 1 twice");
    fails_with("phase-diagram net.json --amplitudes 1 --frequencies 2,0.5,2 --out x", "--frequencies lists 2 twice");
    // What phase-diagram refuses of its --amplitudes, lyapunov and nlt refuse of their drive.
    fails_with("lyapunov net.json --stimulus triangle:0:1 --out x", "the amplitude must be > 0");
    fails_with("lyapunov net.json --stimulus triangle:-5:1 --out x", "the amplitude must be > 0");
    fails_with("nlt net.json --stimulus sine:-1:1 --out x", "the amplitude must be > 0");
}

TEST_CASE("lyapunov, nlt and phase-diagram have nwn run's step cap", "[lyapunov][cli]") {
    Cli c("step_caps");
    std::string out;
    // Exit status 124: timeout(1) stopped a command that ran on.
    auto bounded = [&](const std::string& args) {
        return test::run_command("cd " + c.dir.string() + " && timeout 120 " + test::nwn_binary().string() + " " + args + " 2>&1", &out);
    };
    auto fails_with = [&](const std::string& args, const std::string& text) {
        INFO(args);
        CHECK(bounded(args) == 1);
        CHECK_THAT(out, Catch::Contains(text));
    };
    // A drive period of 1e9 s at the 1 ms step: 1e13 steps, which once ran unbounded.
    fails_with("lyapunov net.json --stimulus triangle:1.25:1e-9 --out x", "steps: more than 1e9; lower --periods");
    fails_with("lyapunov net.json --stimulus triangle:1.25:1 --engine native --dt 1e-9 --periods 10 --out x",
               "steps: more than 1e9");
    fails_with("nlt net.json --stimulus triangle:1:1 --duration 1e7 --out x", "steps: more than 1e9");
    // Within the step cap, but 1e8 samples of 3 wires and the input: once std::bad_alloc in the child.
    fails_with("nlt net.json --stimulus triangle:1:1 --duration 1e5 --tmax 1 --sample 1e-3 --out x",
               "values: more than 1e8; lower --duration or raise --sample");
    CHECK_FALSE(fs::exists(c.dir / "x"));
    // A phase diagram's points are lyapunov runs: each is refused at once, and the diagram says why.
    CHECK(bounded("phase-diagram net.json --amplitudes 1 --frequencies 1e-9 --engine native --jobs 1 --out pd") == 1);
    INFO(out);
    CHECK_THAT(out, Catch::Contains("A1_f1e-09: missing (exit status 1: nwn lyapunov: error: lyapunov: ") &&
                        Catch::Contains("steps: more than 1e9"));
}

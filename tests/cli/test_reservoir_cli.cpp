// nwn reservoir through the binary: a pad-array network on every task, its outputs, and bad input.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "runner/io/digits_data.h"
#include "support/skip.h"
#include "support/reference.h"

using namespace nwn::test;
namespace fs = std::filesystem;

TEST_CASE("nwn reservoir: memory capacity, NARMA-10 and Mackey-Glass on a 4 x 4 pad array, with the baselines",
          "[run][reservoir]") {
    auto dir = scratch_dir("run/reservoir");
    const std::string nwn = nwn_binary().string();
    const auto net = (dir / "mea.json").string();
    std::string out;
    REQUIRE(run_command(nwn + " generate --wires 1000 --lx 100 --ly 100 --seed 2821 --electrodes grid:4x4 -o " + net, &out) == 0);
    const std::string common = " --inputs p1_1 --readouts p0_0,p0_3,p3_0,p3_3,p1_2,p2_1 --probes p2_2,p0_1,p3_2"
                               " --steps 600 --step-time 0.01 --tmax 1e-3 --amplitude 0.4 --offset 0.4 --quiet";
    REQUIRE(run_command(nwn + " reservoir memory-capacity " + net + common + " --out " + (dir / "mc").string(), &out) == 0);
    const auto mc = nlohmann::json::parse(nwn::read_file(dir / "mc/reservoir.json"));
    CHECK(mc["feature_names"].size() == 9);
    CHECK(mc["network_score"]["r2_by_delay"].size() == 30);
    // Unipolar pulses leave a trace in the junction states: the network remembers more than the raw input,
    // whose only memory is the finite-sample noise of 30 delays.
    CHECK(mc["network_score"]["memory_capacity"].get<double>() > mc["baselines"]["raw_input"]["memory_capacity"].get<double>());
    CHECK(mc["baselines"]["echo_state"]["memory_capacity"].get<double>() > 1);
    CHECK(fs::exists(dir / "mc/reservoir.csv"));
    CHECK(fs::exists(dir / "mc/run/timeseries.csv"));

    REQUIRE(run_command(nwn + " reservoir narma10 " + net + common + " --out " + (dir / "narma").string(), &out) == 0);
    const auto narma = nlohmann::json::parse(nwn::read_file(dir / "narma/reservoir.json"));
    CHECK(narma["network_score"]["nrmse"].get<double>() > 0);
    REQUIRE(run_command(nwn + " reservoir mackey-glass " + net + common + " --out " + (dir / "mg").string(), &out) == 0);
    const auto mg = nlohmann::json::parse(nwn::read_file(dir / "mg/reservoir.json"));
    CHECK(mg["network_score"]["nrmse_by_horizon"].contains("10"));

    auto refused = [&](const std::string& args, const std::string& message) {
        const int rc = run_command(nwn + " reservoir " + args + " --out " + (dir / "bad").string(), &out);
        INFO(args << " -> " << rc << ": " << out);
        CHECK(rc != 0);
        CHECK(out.find(message) != std::string::npos);
    };
    refused("parity " + net + " --inputs p1_1 --readouts p0_0", "unknown reservoir task 'parity'");
    refused("narma10 " + net + " --inputs p9_9 --readouts p0_0", "no electrode named 'p9_9'");
    refused("narma10 " + net + " --inputs p1_1 --readouts p1_1", "named twice");
    refused("narma10 " + net + " --inputs p1_1", "give --readouts");
    refused("narma10 " + net + " --inputs p1_1 --readouts p0_0 --step-time 0.00125 --tmax 1e-3", "whole number");
}

TEST_CASE("nwn phase-diagram --task: a reservoir task's score and its exponent over amplitude x sample rate", "[run][reservoir]") {
    auto dir = scratch_dir("run/reservoir_phase");
    const std::string nwn = nwn_binary().string();
    const auto net = (dir / "small.json").string();
    std::string out;
    REQUIRE(run_command(nwn + " generate --wires 200 --lx 40 --ly 40 --seed 7 --electrodes grid:3x3 -o " + net, &out) == 0);
    const std::string args = " --task memory-capacity --engine native --jobs 2 --quiet --task-arg=--inputs=p1_1"
                             " --task-arg=--readouts=p0_0,p0_2,p2_0,p2_2 --task-arg=--probes=p0_1,p1_0"
                             " --task-arg=--steps=300 --task-arg=--max-delay=10 --amplitudes 0.3,3 --frequencies 20,100";
    REQUIRE(run_command(nwn + " phase-diagram " + net + args + " --out " + (dir / "pd").string(), &out) == 0);
    const auto csv = nwn::read_file(dir / "pd/phase_diagram.csv");
    CHECK(csv.rfind("amplitude,frequency,status,lambda_per_s,sigma,r,upper_bound,memory_capacity,dir\n", 0) == 0);
    const auto point = nlohmann::json::parse(nwn::read_file(dir / "pd/points/A3_f20/reservoir.json"));
    CHECK(point["step_time"].get<double>() == Approx(0.05));
    CHECK(point["amplitude"].get<double>() == 3);
    // A 3 V input switches junctions on and off sample by sample: nearby states part (measured +19 1/s); at
    // 0.3 V they hardly switch and the exponent is near zero (measured -0.3 to +0.3).
    CHECK(point["lyapunov"]["lambda_per_s"].get<double>() > 5);
    const auto quiet = nlohmann::json::parse(nwn::read_file(dir / "pd/points/A0.3_f100/reservoir.json"));
    CHECK(std::abs(quiet["lyapunov"]["lambda_per_s"].get<double>()) < 2);
    CHECK(fs::exists(dir / "pd/score_vs_lambda.csv"));
    // A rerun resumes; a different task in the same directory is refused.
    REQUIRE(run_command(nwn + " phase-diagram " + net + args + " --out " + (dir / "pd").string(), &out) == 0);
    CHECK(run_command(nwn + " phase-diagram " + net + " --task narma10 --engine native --amplitudes 0.3,3 --frequencies 20,100 --out " +
                          (dir / "pd").string(), &out) != 0);
    CHECK(out.find("different grid or arguments") != std::string::npos);
    CHECK(run_command(nwn + " phase-diagram " + net + " --task parity --amplitudes 1 --frequencies 1 --out " + (dir / "bad").string(), &out) != 0);
    CHECK(out.find("unknown --task 'parity'") != std::string::npos);
    CHECK(run_command(nwn + " phase-diagram " + net + " --task narma10 --nlt --amplitudes 1 --frequencies 1 --out " + (dir / "bad").string(), &out) != 0);
    CHECK(out.find("give one task") != std::string::npos);
}

TEST_CASE("nwn reservoir digits: images as pulses on eight pads, a classifier beside the baselines", "[run][reservoir]") {
    if (!nwn::io::find_digits()) return skip("digits", "python3-sklearn's digits.csv.gz is not installed and the build fetched none");
    auto dir = scratch_dir("run/reservoir_digits");
    const std::string nwn = nwn_binary().string();
    const auto net = (dir / "small.json").string();
    std::string out;
    REQUIRE(run_command(nwn + " generate --wires 300 --lx 50 --ly 50 --seed 3 --electrodes grid:4x4 -o " + net, &out) == 0);
    const std::string pads = " --inputs p0_0,p0_1,p0_2,p0_3,p1_0,p1_1,p1_2,p1_3 --readouts p2_0,p2_1,p2_2,p2_3,p3_0,p3_1,p3_2,p3_3";
    REQUIRE(run_command(nwn + " reservoir digits " + net + pads + " --steps 400 --step-time 0.01 --amplitude 0.4 --offset 0.4"
                        " --read-every-step --quiet --out " + (dir / "d").string(), &out) == 0);
    const auto d = nlohmann::json::parse(nwn::read_file(dir / "d/reservoir.json"));
    CHECK(d["digits"]["images"] == 400);
    CHECK(d["steps"] == 400 * 10);  // 8 column steps and 2 rest steps per image
    // 400 images: 100 washed out, 210 train, 90 test. A linear classifier of the raw pixels reaches ~0.9 on
    // this data; anything above 0.3 is far from chance (0.1 ± 0.03 for 90 test images).
    CHECK(d["baselines"]["raw_input"]["accuracy"].get<double>() > 0.8);
    CHECK(d["network_score"]["accuracy"].get<double>() > 0.3);
    CHECK(d["network_score"]["features"] == 64);  // 8 readouts x 8 column steps
    const auto confusion = nwn::read_file(dir / "d/reservoir.csv");
    CHECK(confusion.rfind("true_class,predicted_0,", 0) == 0);
    auto refused = [&](const std::string& args, const std::string& message) {
        const int rc = run_command(nwn + " reservoir digits " + net + args + " --out " + (dir / "bad").string(), &out);
        INFO(args << " -> " << rc << ": " << out);
        CHECK(rc != 0);
        CHECK(out.find(message) != std::string::npos);
    };
    refused(" --inputs p0_0,p0_1,p0_2 --readouts p3_3", "give 1, 2, 4 or 8 --inputs");
    refused(pads + " --scan diagonal", "--scan must be columns or rows");
    refused(pads + " --digits " + (dir / "none.csv.gz").string(), "no such file");
    nwn::write_file_atomic(dir / "bad.csv", std::string(64, '1') + "\n");
    refused(pads + " --digits " + (dir / "bad.csv").string(), "bad.csv:1: 1 fields");
}

TEST_CASE("nwn reservoir on three networks: every score's mean and spread over the networks", "[run][reservoir]") {
    auto dir = scratch_dir("run/reservoir_spread");
    const std::string nwn = nwn_binary().string();
    std::string out, nets;
    for (int seed = 1; seed <= 3; ++seed) {
        const auto net = (dir / ("g" + std::to_string(seed) + ".json")).string();
        REQUIRE(run_command(nwn + " generate --wires 300 --lx 50 --ly 50 --seed " + std::to_string(seed) + " --electrodes grid:3x3 -o " + net, &out) == 0);
        nets += " " + net;
    }
    REQUIRE(run_command(nwn + " reservoir narma10" + nets + " --inputs p1_1 --readouts p0_0,p0_2,p2_0,p2_2 --probes p0_1,p1_0"
                        " --steps 600 --amplitude 0.4 --offset 0.4 --quiet --out " + (dir / "sp").string(), &out) == 0);
    const auto d = nlohmann::json::parse(nwn::read_file(dir / "sp/reservoir.json"));
    const auto values = d["network_score"]["nrmse_values"].get<std::vector<double>>();
    REQUIRE(values.size() == 3);
    // The summary is the mean and sample standard deviation of the members' own reservoir.json.
    double mean = 0;
    for (int k = 0; k < 3; ++k) {
        const auto m = nlohmann::json::parse(nwn::read_file(dir / ("sp/net" + std::to_string(k)) / "reservoir.json"));
        CHECK(m["network_score"]["nrmse"].get<double>() == values[static_cast<std::size_t>(k)]);
        CHECK(m["echo_state_seed"] == 1 + k);
        mean += values[static_cast<std::size_t>(k)] / 3;
    }
    CHECK(d["network_score"]["nrmse"].get<double>() == Approx(mean));
    CHECK(d["network_score"]["nrmse_sd"].get<double>() > 0);
    // One input for all: the raw-input baseline does not depend on the network.
    CHECK(d["baselines"]["raw_input"]["nrmse_sd"].get<double>() == Approx(0).margin(1e-12));
}

// nwn ensemble with the native engine: small networks, short runs, pooled events with finite exponents.
#include <catch2/catch.hpp>

#include <cmath>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "experiments/avalanches/cli_support.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/generator.h"

namespace fs = std::filesystem;

TEST_CASE("nwn ensemble pools short native runs into finite exponents, and resumes") {
    const auto dir = nwn::test::scratch_dir("ensemble_native");
    const std::string base = "ensemble --out " + dir.string() + " --seeds 0:2 --wires 200 --vstar 2 --jobs 2 --resamples 100";
    const std::string cmd = base + " --tstop 2";
    std::string out;
    REQUIRE(nwn::test::nwn_cli(cmd + " --no-plots", &out) == 0);
    const std::string first = out;
    INFO(first);
    const auto e = nlohmann::json::parse(nwn::read_file(dir / "ensemble.json"));
    REQUIRE(e["groups"].size() == 1);
    const auto& g = e["groups"][0];
    CHECK(g["completed"] == 3);
    for (const char* fit : {"tau", "alpha"}) {
        INFO(fit);
        const double v = g["result"][fit]["value"].get<double>();
        CHECK(std::isfinite(v));
        CHECK(v > 1.0);
        CHECK(g["result"][fit]["sigma"].get<double>() > 0);
    }
    const fs::path group = dir / g["dir"].get<std::string>();
    const auto av = nlohmann::json::parse(nwn::read_file(group / "avalanches.json"));
    CHECK(av["input"]["members"] == 3);
    // One series per member: every avalanche names the seed it happened in.
    for (const auto& s : av["avalanches"]["series"]) CHECK(s.get<int>() <= 2);
    CHECK(fs::exists(group / "seed1" / "events.csv"));
    CHECK_FALSE(fs::exists(group / "seed1" / "lambda.csv"));

    REQUIRE(nwn::test::nwn_cli(cmd, &out) == 0);
    CHECK(out.find("3 already done, 0 to run") != std::string::npos);
    CHECK(nwn::test::nwn_cli(base + " --tstop 3", &out) == 1);
    CHECK(out.find("other settings") != std::string::npos);
}

TEST_CASE("nwn ensemble skips seeds whose bar electrodes are not connected") {
    const auto dir = nwn::test::scratch_dir("ensemble_skip");
    // 60 wires on 24.5 um: a 2.5 % bar holds 1.5 wire centres on average, so some bars are empty.
    std::vector<int> expected;
    for (std::uint32_t seed = 0; seed < 8; ++seed) {
        nwn::net::GeneratorParams p;
        p.density = 0.1;
        p.lx = p.ly = std::sqrt(60 / 0.1);
        p.seed = seed;
        auto net = nwn::net::generate_network(p);
        try {
            nwn::net::choose_electrodes(net, "bars:0.025");
        } catch (const nwn::Error&) {
            expected.push_back(static_cast<int>(seed));
        }
    }
    REQUIRE_FALSE(expected.empty());
    std::string out;
    nwn::test::nwn_cli("ensemble --out " + dir.string() + " --seeds 0:7 --wires 60 --tstop 0.05 --no-plots -q", &out);
    INFO(out);
    const auto e = nlohmann::json::parse(nwn::read_file(dir / "ensemble.json"));
    CHECK(e["groups"][0]["skipped_seeds"].get<std::vector<int>>() == expected);
    CHECK(e["groups"][0]["members"].size() + expected.size() == 8);
}

TEST_CASE("nwn ensemble refuses a directory that another ensemble, or a killed one's workers, still hold") {
    const auto dir = nwn::test::scratch_dir("ensemble_lock");
    fs::create_directories(dir);
    // What a running ensemble (and each of its workers, which inherit the descriptor) holds.
    const int fd = ::open((dir / "ensemble.lock").c_str(), O_RDWR | O_CREAT, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    std::string out;
    CHECK(nwn::test::nwn_cli("ensemble --out " + dir.string() + " --seeds 0:1 --wires 200 --vstar 2 --tstop 1", &out) == 1);
    CHECK(out.find("is in use by another nwn ensemble or by workers of a stopped one") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "ensemble.json"));  // nothing started
    ::close(fd);
}

TEST_CASE("nwn ensemble names the cause of bad settings and of a foreign ensemble.json") {
    const auto dir = nwn::test::scratch_dir("ensemble_causes");
    std::string out;
    // Once "seeds skipped" for every seed, and exit 0.
    CHECK(nwn::test::nwn_cli("ensemble --out " + (dir / "bogus").string() + " --seeds 0:2 --wires 60 --tstop 0.05 --electrodes bogus --no-plots -q",
                             &out) == 1);
    CHECK_THAT(out, Catch::Contains("every seed of L = ") && Catch::Contains("unknown electrode rule 'bogus'"));
    // Valid JSON of another shape: once [json.exception.type_error.306].
    fs::create_directories(dir / "list");
    nwn::write_file_atomic(dir / "list" / "ensemble.json", "[]\n");
    CHECK(nwn::test::nwn_cli("ensemble --out " + (dir / "list").string() + " --seeds 0:1 --wires 60 --tstop 0.05 --no-plots -q", &out) == 1);
    CHECK_THAT(out, Catch::Contains("ensemble.json: not an ensemble record (a JSON object)"));
    CHECK(nwn::test::nwn_cli("report " + (dir / "list").string(), &out) == 1);
    CHECK_THAT(out, Catch::Contains("list: a record in it is not what nwn writes"));
}

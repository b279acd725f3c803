// nwn powerlaw on seeded synthetic power-law samples.
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_support.h"
#include "common/atomic_file.h"

namespace fs = std::filesystem;

namespace {

// n draws from p(k) ∝ k^-tau on xmin..xmax by inverse CDF (independent of the library's sampler).
std::vector<double> power_law_sample(std::size_t n, double tau, int xmin, int xmax, std::uint64_t seed) {
    std::vector<double> cdf;
    double acc = 0;
    for (int k = xmin; k <= xmax; ++k) cdf.push_back(acc += std::pow(k, -tau));
    std::mt19937_64 g(seed);
    std::uniform_real_distribution<double> u(0, acc);
    std::vector<double> x(n);
    for (auto& v : x) v = xmin + static_cast<double>(std::upper_bound(cdf.begin(), cdf.end(), u(g)) - cdf.begin());
    return x;
}

}  // namespace

TEST_CASE("nwn powerlaw recovers the exponent of a seeded synthetic column") {
    const auto dir = nwn::test::scratch_dir("powerlaw_cli");
    for (double tau : {1.5, 2.5}) {
        INFO("tau " << tau);
        const auto x = power_law_sample(2000, tau, 1, 500, 11);
        nwn::test::write_csv(dir / "x.csv", {"id", "size"}, {nwn::test::times(x.size(), 1), x});
        std::string out;
        REQUIRE(nwn::test::nwn_cli("powerlaw " + (dir / "x.csv").string() + " --column size --resamples 100 --seed 4", &out) == 0);
        INFO(out);
        const auto j = nlohmann::json::parse(out);
        CHECK(std::fabs(j["value"].get<double>() - tau) < 2 * j["sigma"].get<double>());
        CHECK(j["sigma"].get<double>() < 0.1);
        CHECK(j["xmin"] >= 1);
        CHECK(j["xmax"] <= 500);
        CHECK(j["xmax"].get<long>() >= 10 * j["xmin"].get<long>());
        CHECK(j["p"].get<double>() >= 0.0);
        CHECK(j["p"].get<double>() <= 1.0);
        CHECK(j["n"] == 2000);
    }
    std::string out;
    CHECK(nwn::test::nwn_cli("powerlaw " + (dir / "x.csv").string() + " --column id", &out) == 1);  // contains 0
    CHECK(out.find("not a positive integer") != std::string::npos);
    CHECK(nwn::test::nwn_cli("powerlaw " + (dir / "x.csv").string() + " --column nope", &out) == 1);
    CHECK(out.find("no column 'nope'") != std::string::npos);
}

// Runs `nwn powerlaw CSV --column size ARGS...`, sends SIGTERM after `delay`, and checks that it ends with
// exit status 130 within `within` seconds.
static void check_sigterm(const fs::path& dir, std::vector<std::string> args, std::chrono::milliseconds delay, double within) {
    const std::string bin = nwn::test::nwn_binary().string();
    args.insert(args.begin(), {"nwn", "powerlaw", (dir / "x.csv").string(), "--column", "size"});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::freopen("/dev/null", "w", stdout);
        std::freopen((dir / "stderr.txt").c_str(), "w", stderr);
        ::execv(bin.c_str(), argv.data());
        ::_exit(127);
    }
    std::this_thread::sleep_for(delay);
    const auto sent = std::chrono::steady_clock::now();
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    CHECK(waited < within);
    CHECK(nwn::read_file(dir / "stderr.txt").find("nwn powerlaw: interrupted") != std::string::npos);
}

TEST_CASE("SIGTERM stops a long power-law fit promptly with exit status 130") {
    const auto dir = nwn::test::scratch_dir("powerlaw_sigterm");
    const auto x = power_law_sample(20000, 2.0, 1, 5000, 3);
    nwn::test::write_csv(dir / "x.csv", {"id", "size"}, {nwn::test::times(x.size(), 1), x});
    // well into the resamples (minutes of work); one resample at most, not the remaining minutes
    check_sigterm(dir, {"--resamples", "1000000"}, std::chrono::milliseconds(1500), 5);
}

TEST_CASE("SIGTERM stops a support search over a million distinct values promptly", "[interrupt]") {
    // Every candidate support costs a KS distance over up to 10^6 values, with few resamples each: the
    // search loop itself must poll the stop flag (it once ran on for 30 s).
    const auto dir = nwn::test::scratch_dir("powerlaw_sigterm_distinct");
    std::vector<double> x(1000000);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i + 1);
    nwn::test::write_csv(dir / "x.csv", {"id", "size"}, {nwn::test::times(x.size(), 1), x});
    check_sigterm(dir, {"--resamples", "20", "--threads", "1"}, std::chrono::milliseconds(3000), 3);  // 30 s before
}

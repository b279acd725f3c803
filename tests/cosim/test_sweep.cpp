// nwn sweep through the binary: decks and networks, resuming after a kill, torn rows, bad specs.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "cosim_support.h"
#include "runner/experiments/sweep/sweep_table.h"
#include "support/reference.h"

using namespace nwn::test;
namespace fs = std::filesystem;

namespace {

std::string nwn_cmd() { return nwn_binary().string(); }

// The compliance deck over gate voltage and drive amplitude: 8 points of ~0.3 s.
std::string compliance_sweep(const fs::path& examples, const fs::path& out, const std::string& vg = "0.7,0.8,0.9,1") {
    return nwn_cmd() + " sweep " + (examples / "cosim_compliance.cir").string() + " --param vg=" + vg +
           " --param vmax=1,2 --jobs 2 --out " + out.string();
}

std::size_t data_rows(const fs::path& csv) {
    if (!fs::exists(csv)) return 0;
    std::ifstream in(csv);
    std::size_t n = 0;
    for (std::string l; std::getline(in, l);) ++n;
    return n ? n - 1 : 0;
}

// Starts `cmd` (split on blanks) in the background; returns its pid.
pid_t spawn(const std::string& cmd) {
    std::vector<std::string> words;
    std::istringstream is(cmd);
    for (std::string w; is >> w;) words.push_back(w);
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::vector<char*> argv;
        for (auto& w : words) argv.push_back(w.data());
        argv.push_back(nullptr);
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

// Kills the sweep with `sig` once sweep.csv holds `rows` rows; returns its exit status.
int kill_after_rows(const std::string& cmd, const fs::path& out, std::size_t rows, int sig) {
    const pid_t pid = spawn(cmd);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (data_rows(out / "sweep.csv") < rows && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ::kill(pid, sig);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("sweep of a deck's .params: rows, measures, plot, point decks", "[cosim][sweep]") {
    const auto dir = scratch_dir("cosim/sweep-deck");
    const auto ex = copy_examples(dir / "examples" / "");
    std::string log;
    REQUIRE(run_command(compliance_sweep(ex, dir / "a"), &log) == 0);
    INFO(log);
    const auto csv = nwn::read_file(dir / "a/sweep.csv");
    CHECK(csv.rfind("vg,vmax,status,ipeak_comp,ipeak_free,run\n", 0) == 0);
    REQUIRE(data_rows(dir / "a/sweep.csv") == 8);
    nwn::exp::SweepTable t(dir / "a/sweep.csv", nwn::exp::split_csv("vg,vmax,status,ipeak_comp,ipeak_free,run"), 2);
    // the compliance current grows with the gate voltage as (vg - vto)^2 and hardly with the drive
    const double i07 = std::stod(t.cells("vg=0.7;vmax=2")[3]), i09 = std::stod(t.cells("vg=0.9;vmax=2")[3]);
    CHECK(i09 / i07 == Approx((0.4 * 0.4) / (0.2 * 0.2)).epsilon(0.05));
    CHECK(t.cells("vg=1;vmax=1")[2] == "completed");
    CHECK(nwn::read_file(dir / "a/points/vg=0.8_vmax=1/deck.cir").find(".param vg=0.8 vmax=1") != std::string::npos);
    CHECK(fs::exists(dir / "a/sweep.gp"));
    if (run_command("command -v gnuplot") == 0) CHECK(fs::exists(dir / "a/sweep.svg"));

    SECTION("a torn last row is dropped and rebuilt from its run directory, without simulating") {
        std::string torn = csv.substr(0, csv.size() - 20);  // cut into the last row
        nwn::write_file_atomic(dir / "a/sweep.csv", torn);
        REQUIRE(run_command(compliance_sweep(ex, dir / "a"), &log) == 0);
        CHECK(log.find("dropped 1 torn line") != std::string::npos);
        CHECK(log.find("8 done earlier, 0 to run") != std::string::npos);
        CHECK(nwn::read_file(dir / "a/sweep.csv") == csv);
    }
    SECTION("new values run only the new points") {
        REQUIRE(run_command(compliance_sweep(ex, dir / "a", "0.6,0.7,0.8,0.9,1"), &log) == 0);
        CHECK(log.find("10 points: 8 done earlier, 2 to run") != std::string::npos);
        CHECK(data_rows(dir / "a/sweep.csv") == 10);
    }
}

TEST_CASE("a killed sweep resumes to the same CSV as an uninterrupted one", "[cosim][sweep]") {
    const auto dir = scratch_dir("cosim/sweep-resume");
    const auto ex = copy_examples(dir / "examples" / "");
    std::string log;
    REQUIRE(run_command(compliance_sweep(ex, dir / "whole"), &log) == 0);

    SECTION("SIGKILL: workers die with the sweep, finished runs are kept") {
        kill_after_rows(compliance_sweep(ex, dir / "killed"), dir / "killed", 3, SIGKILL);
        const std::size_t before = data_rows(dir / "killed/sweep.csv");
        REQUIRE(before >= 3);
        REQUIRE(before < 8);
        const auto first_run = dir / "killed/points/vg=0.7_vmax=1/run/run.json";
        const auto stamp = fs::last_write_time(first_run);
        REQUIRE(run_command(compliance_sweep(ex, dir / "killed"), &log) == 0);
        INFO(log);
        CHECK(fs::last_write_time(first_run) == stamp);  // not recomputed
        CHECK(nwn::read_file(dir / "killed/sweep.csv") == nwn::read_file(dir / "whole/sweep.csv"));
    }
    SECTION("Ctrl-C: exit status 130, then the same command finishes it") {
        CHECK(kill_after_rows(compliance_sweep(ex, dir / "stopped"), dir / "stopped", 2, SIGINT) == 130);
        REQUIRE(data_rows(dir / "stopped/sweep.csv") < 8);
        REQUIRE(run_command(compliance_sweep(ex, dir / "stopped"), &log) == 0);
        CHECK(nwn::read_file(dir / "stopped/sweep.csv") == nwn::read_file(dir / "whole/sweep.csv"));
    }
}

TEST_CASE("sweeps of a network: junction parameters, stimulus placeholders, generated densities", "[cosim][sweep]") {
    const auto dir = scratch_dir("cosim/sweep-network");
    const auto ex = copy_examples(dir / "examples" / "");
    std::string log;
    REQUIRE(run_command(nwn_cmd() + " sweep " + (ex / "cosim_net.json").string() +
                            " --param vset=0.01,0.02 --param amp=0.5,1 --stimulus dc:{amp} --tstop 0.3 -j 2"
                            " --measure \"gmax MAX G\" --out " + (dir / "n").string(),
                        &log) == 0);
    INFO(log);
    nwn::exp::SweepTable t(dir / "n/sweep.csv",
                           nwn::exp::split_csv("vset,amp,status,G_initial,G_final,G_peak,t_activation,gmax,run"), 2);
    for (const char* key : {"vset=0.01;amp=0.5", "vset=0.01;amp=1", "vset=0.02;amp=0.5", "vset=0.02;amp=1"}) {
        const auto c = t.cells(key);
        REQUIRE(c.size() == 9);
        CHECK(std::stod(c[4]) > 100 * std::stod(c[3]));  // switched on
        CHECK(std::stod(c[7]) == Approx(std::stod(c[5])));  // MAX G is the peak of G
    }
    // a stronger drive or a lower threshold activates sooner
    CHECK(std::stod(t.cells("vset=0.01;amp=1")[6]) < std::stod(t.cells("vset=0.01;amp=0.5")[6]));
    CHECK(std::stod(t.cells("vset=0.01;amp=0.5")[6]) < std::stod(t.cells("vset=0.02;amp=0.5")[6]));

    REQUIRE(run_command(nwn_cmd() + " sweep --generate \"--lx 15 --seed 2\" --param density=0.1,0.2 --stimulus dc:1"
                                " --tstop 0.2 -j 2 -q --out " + (dir / "g").string(),
                        &log) == 0);
    nwn::exp::SweepTable g(dir / "g/sweep.csv",
                           nwn::exp::split_csv("density,status,G_initial,G_final,G_peak,t_activation,run"), 1);
    auto wires = [&](const char* point) {
        return nlohmann::json::parse(nwn::read_file(dir / "g/points" / point / "net.json"))["wires"].size();
    };
    CHECK(wires("density=0.2") > wires("density=0.1"));  // each point generated its own network
    for (const char* key : {"density=0.1", "density=0.2"}) CHECK(std::stod(g.cells(key)[3]) > 100 * std::stod(g.cells(key)[2]));
}

TEST_CASE("a sweep of a multi-electrode network: placeholders in --drive and --load reach every point", "[cosim][sweep][multi]") {
    const auto dir = scratch_dir("cosim/sweep-roles");
    const auto ex = copy_examples(dir / "examples" / "");
    std::string log;
    REQUIRE(run_command(nwn_cmd() + " sweep " + (ex / "cosim_net4.json").string() +
                            " --param amp=0.5,1 --param rl=1k,1meg --drive c0=dc:{amp} --load c1={rl} --float c3"
                            " --engine native --tstop 0.2 -j 2 -q --out " + (dir / "s").string(),
                        &log) == 0);
    INFO(log);
    for (const char* point : {"amp=0.5_rl=1k", "amp=1_rl=1meg"}) {
        const auto run = nlohmann::json::parse(nwn::read_file(dir / "s/points" / point / "run/run.json"));
        CHECK(run["status"] == "completed");
        const auto& roles = run["electrodes"]["roles"];
        CHECK(roles[0]["stimulus"] == (std::string(point).starts_with("amp=1") ? "dc:1" : "dc:0.5"));
        CHECK(roles[1]["load_ohms"].get<double>() == (std::string(point).ends_with("1meg") ? 1e6 : 1e3));
        CHECK(roles[3]["role"] == "float");
        CHECK(roles[2]["role"] == "ground");
    }
    CHECK(run_command(nwn_cmd() + " sweep " + (ex / "cosim_net4.json").string() + " --param amp=1 --drive c0=dc:{amp}"
                          " --stimulus dc:1 --out " + (dir / "bad").string(), &log) == 2);
    CHECK(log.find("not both") != std::string::npos);
}

TEST_CASE("bad sweep specs are refused with a clear message before anything runs", "[cosim][sweep]") {
    const auto dir = scratch_dir("cosim/sweep-errors");
    const auto ex = copy_examples(dir / "examples" / "");
    const std::string deck = (ex / "cosim_compliance.cir").string(), net = (ex / "cosim_net.json").string();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {deck + " --param rgate=1k,2k", "has no top-level .param rgate"},
        {deck + " --param vg=0.7,0.8 --param vmax=1,2,3 --list", "--list pairs the k-th values"},
        {deck + " --param vg", "expected NAME=v1,v2"},
        {deck + " --param vg=1:0:x", "point count"},
        {deck + " --param vg=0.7,0.7", "listed twice"},
        {deck + " --param vg=0:1:3:log", "log range needs start and stop > 0"},
        {deck + " --param vg=1 --param vg=2", "given twice"},
        // SPICE names are case-insensitive: both would set .param vg (once written as "1kk")
        {deck + " --param vg=0.7,0.8 --param VG=1", "--param VG is given twice (as vg and VG: parameter names are case-insensitive)"},
        {deck + " --param vg=1 --measure ipeak", "has no .meas tran ipeak"},
        {deck + " --param vg=1 --measure \"d DERIV v(a)\"", "not supported"},
        {deck + " --param vg=1 --jobs 0", "--jobs must be at least 1"},
        {net + " --param density=0.1", "not a parameter of a network sweep"},
        {net + " --param vset=ten", "junction parameter"},
        // every point is checked before any worker starts, naming the point
        {net + " --param vset=10m,-1m", "point vset=-1m: junction parameters"},
        {net + " --param tstop=1,-1", "point tstop=-1: tstop = -1 is out of range (0, 1000000]"},
        {net + " --param tmax=0.5,2", "point tmax=2: tmax (2 s) exceeds tstop (1 s)"},
        {net + " --param amp=1,x --stimulus dc:{amp}", "point amp=x"},
        {"--generate \"--lx 15\" --param density=0.1,-1", "point density=-1: density = -1 is out of range"},
        {"--generate \"--lx 15\" --param seed=1.5", "seed must be a whole number"},
        {net + " --param amp=1 --stimulus dc:{ampl}", "placeholder {ampl} has no --param ampl"},
        {"--param vg=1", "nothing to sweep"},
        {deck + " --param vg=1 --engine native", "runs networks, not decks"},
        {deck + " --param vg=1 --engine spectre", "unknown engine"},
        {net + " --param vset=10m --flavour spice", "unknown flavour 'spice'"},
    };
    for (const auto& [args, expect] : cases) {
        std::string log;
        const int rc = run_command(nwn_cmd() + " sweep " + args + " --out " + (dir / "out").string(), &log);
        INFO(args << "\n" << log);
        CHECK(rc != 0);
        CHECK(log.find(expect) != std::string::npos);
        CHECK(!fs::exists(dir / "out/points"));
    }
    // the same directory with another deck is another sweep
    std::string log;
    REQUIRE(run_command(compliance_sweep(ex, dir / "once", "0.8") + " -q", &log) == 0);
    CHECK(run_command(nwn_cmd() + " sweep " + (ex / "cosim_potentiation.cir").string() + " --param rf=1k --out " +
                          (dir / "once").string(),
                      &log) != 0);
    CHECK(log.find("holds a different sweep") != std::string::npos);
}

TEST_CASE("a failed point gets a row with status failed and is rerun only with --retry-failed", "[cosim][sweep]") {
    const auto dir = scratch_dir("cosim/sweep-failed");
    const auto ex = copy_examples(dir / "examples" / "");
    // a wall-clock limit far below the run's ~1.5 s makes the point fail
    const std::string cmd = nwn_cmd() + " sweep " + (ex / "cosim_potentiation.cir").string() +
                            " --param rf=10k --wall-limit 0.1 --out " + (dir / "f").string();
    std::string log;
    CHECK(run_command(cmd, &log) == 1);
    CHECK(log.find("rf=10k: failed") != std::string::npos);
    CHECK(nwn::read_file(dir / "f/sweep.csv") == "rf,status,run\n10k,failed,points/rf=10k\n");
    CHECK(run_command(cmd, &log) == 1);
    CHECK(log.find("1 done earlier, 0 to run") != std::string::npos);
    CHECK(run_command(cmd + " --retry-failed", &log) == 1);
    CHECK(log.find("0 done earlier, 1 to run") != std::string::npos);
    CHECK(nwn::read_file(dir / "f/sweep.csv") == "rf,status,run\n10k,failed,points/rf=10k\n");
}

TEST_CASE("network sweeps take SPICE suffixes, as --help says", "[cosim][sweep]") {
    const auto dir = scratch_dir("cosim/sweep-suffix");
    const auto ex = copy_examples(dir / "examples" / "");
    std::string log;
    REQUIRE(run_command(nwn_cmd() + " sweep " + (ex / "cosim_net.json").string() +
                            " --param amp=500m --param vset=10m --stimulus dc:{amp} --engine native --tstop 50m -q --out " +
                            (dir / "s").string(),
                        &log) == 0);
    INFO(log);
    const auto rows = nwn::read_file(dir / "s/sweep.csv");
    CHECK(rows.find("500m,10m,completed") != std::string::npos);  // rows keep the values as written
    const auto run = nlohmann::json::parse(nwn::read_file(dir / "s/points/amp=500m_vset=10m/run/run.json"));
    CHECK(run["params"]["vset"].get<double>() == 0.01);
    CHECK(run["tstop"].get<double>() == 0.05);
    CHECK(run["stimulus"].get<std::string>() == "dc:0.5");
}

TEST_CASE("a worker killed from outside is not recorded failed: the resumed sweep reruns it", "[cosim][sweep]") {
    const auto dir = scratch_dir("cosim/sweep-killed-worker");
    const auto ex = copy_examples(dir / "examples" / "");
    const std::string cmd = nwn_cmd() + " sweep " + (ex / "cosim_net.json").string() +
                            " --param vset=0.01 --engine native --tstop 20 --tmax 1e-5 --out " + (dir / "k").string();
    const pid_t sweep = spawn(cmd);
    // the worker: the sweep's only child, once it has started
    pid_t worker = 0;
    for (int tries = 0; tries < 500 && worker == 0; ++tries) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        std::ifstream children("/proc/" + std::to_string(sweep) + "/task/" + std::to_string(sweep) + "/children");
        children >> worker;
    }
    REQUIRE(worker > 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::kill(worker, SIGKILL);
    int status = 0;
    ::waitpid(sweep, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);  // unfinished, not interrupted
    CHECK(data_rows(dir / "k/sweep.csv") == 0);  // no "failed" row for a run nobody let finish
    // The resume runs the point again (a wall-clock limit keeps this test short: the point then fails).
    std::string log;
    CHECK(run_command(cmd + " --wall-limit 0.3", &log) == 1);
    INFO(log);
    CHECK(log.find("0 done earlier, 1 to run") != std::string::npos);
}

TEST_CASE("a sweep whose every point fails says why, not \"nothing to plot\"", "[cosim][sweep]") {
    const auto dir = scratch_dir("cosim/sweep-all-failed");
    std::string log;
    const int rc = run_command(nwn_cmd() + " sweep --generate \"--lx 15 --bogus 3\" --param density=0.1,0.2 --stimulus dc:1 --tstop 0.01 "
                                           "--engine native --out " + (dir / "out").string(), &log);
    INFO(log);
    CHECK(rc != 0);
    CHECK_THAT(log, Catch::Contains("no plot: every point failed; the first, density=0.") &&
                        Catch::Contains("bogus"));
    CHECK_THAT(log, !Catch::Contains("nothing to plot"));
}

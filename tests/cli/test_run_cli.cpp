// `nwn run` through the binary, as a user runs it.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "runner/experiments/avalanches/recording_input_lambda.h"
#include "runner/io/raw_reader.h"
#include "runner/io/timeseries_csv.h"
#include "support/reference.h"
#include "nwn_config.h"

using namespace nwn::test;
namespace fs = std::filesystem;

namespace {

std::string nwn_cmd() { return nwn_binary().string(); }

// A small random network (79 wires, 264 junctions, n = 7), made once per test.
fs::path small_network(const fs::path& dir) {
    auto net = dir / "small.json";
    std::string out;
    REQUIRE(run_command(nwn_cmd() + " generate --wires 80 --lx 25 --ly 25 --seed 3 -o " + net.string(), &out) == 0);
    return net;
}

nlohmann::json run_json(const fs::path& dir) { return nlohmann::json::parse(nwn::read_file(dir / "run.json")); }

}  // namespace

TEST_CASE("libngspice and the ngspice CLI give the same run of a network", "[run]") {
    auto dir = scratch_dir("run/engines");
    auto net = small_network(dir);
    std::string out;
    const std::string common = " --stimulus dc:0.5 --tstop 0.2 --quiet --save-lambda";
    REQUIRE(run_command(nwn_cmd() + " run " + net.string() + common + " --out " + (dir / "lib").string(), &out) == 0);
    REQUIRE(run_command(nwn_cmd() + " run " + net.string() + common + " --engine ngspice-cli --out " + (dir / "cli").string(),
                        &out) == 0);
    auto a = nwn::io::read_timeseries_csv(dir / "lib/timeseries.csv");
    auto b = nwn::io::read_timeseries_csv(dir / "cli/timeseries.csv");
    REQUIRE(a.rows() == b.rows());
    REQUIRE(a.rows() > 100);
    // The same ngspice on the same deck: only the transport differs (SendData vs a raw file).
    for (const char* c : {"t", "V", "I", "G"})
        for (std::size_t k = 0; k < a.rows(); ++k) REQUIRE(a.column(c)[k] == Approx(b.column(c)[k]).epsilon(1e-12));
    auto la = nwn::io::read_timeseries_csv(dir / "lib/lambda.csv");
    CHECK(la.names.size() == 265);  // t + 264 junctions
    auto j = run_json(dir / "lib");
    CHECK(j["status"] == "completed");
    CHECK(j["engine"] == "libngspice");
    // ngspice's own statistics: at least two Newton iterations per accepted point (ngspice's minimum)
    CHECK(j["solver"]["accepted_points"].get<long>() >= j["points"].get<long>());
    CHECK(j["solver"]["newton_iterations"].get<long>() >= 2 * j["points"].get<long>());
    CHECK(j["solver"]["equations"].get<long>() == 1 + 79 + 264 + 2);  // ground, wires, junction states, sources
    CHECK(j["points"].get<int>() == static_cast<int>(a.rows()));
    CHECK(j["params"]["vset"].get<double>() == 0.01);
    CHECK(fs::exists(dir / "lib/deck.cir"));
}

TEST_CASE("native engine, parameter overrides, resampling and a raw file", "[run]") {
    auto dir = scratch_dir("run/native");
    auto net = small_network(dir);
    std::string out;
    REQUIRE(run_command(nwn_cmd() + " run " + net.string() + " --engine native --stimulus dc:0.5 --tstop 0.2 --tmax 1e-4 "
                                "--param boost=2 --preset ac --resample 0.01 --raw --quiet --out " + (dir / "r").string(),
                        &out) == 0);
    auto ts = nwn::io::read_timeseries_csv(dir / "r/timeseries.csv");
    const auto& t = ts.column("t");
    REQUIRE(t.size() == 20);  // 0.01 ... 0.2: the native run starts at dt, NWNsim's first sample
    for (std::size_t k = 0; k < t.size(); ++k) CHECK(t[k] == Approx(0.01 * (k + 1)).margin(1e-12));
    auto j = run_json(dir / "r");
    CHECK(j["params"]["boost"].get<double>() == 2);
    CHECK(j["params"]["goff"].get<double>() == 1e-8);  // the AC preset
    CHECK(j["points"].get<int>() == 2000);
    nwn::io::RawFile raw(dir / "r/run.raw");
    CHECK(raw.plots().front().n_points == 2000);
    auto g = raw.read_vector(raw.plots().front(), "G");
    CHECK(g.real.back() == Approx(ts.column("G").back()).epsilon(1e-12));
}

TEST_CASE("a pwl stimulus from CSV drives the network", "[run]") {
    auto dir = scratch_dir("run/pwl");
    auto net = small_network(dir);
    nwn::write_file_atomic(dir / "drive.csv", "t,V\n0,0\n0.05,0.5\n0.1,0.5\n0.15,0\n");
    std::string out;
    REQUIRE(run_command(nwn_cmd() + " run " + net.string() + " --engine native --stimulus pwl:" + (dir / "drive.csv").string() +
                            " --tstop 0.2 --quiet --out " + (dir / "r").string(), &out) == 0);
    auto ts = nwn::io::read_timeseries_csv(dir / "r/timeseries.csv", {{}, true});
    const auto &t = ts.column("t"), &v = ts.column("V");
    for (std::size_t k = 0; k < t.size(); ++k) {
        double expect = t[k] < 0.05 ? 10 * t[k] : t[k] < 0.1 ? 0.5 : t[k] < 0.15 ? 0.5 - 10 * (t[k] - 0.1) : 0.0;
        CHECK(v[k] == Approx(expect).margin(1e-12));
    }
}

TEST_CASE("any deck runs with both SPICE engines", "[run]") {
    auto dir = scratch_dir("run/deck");
    nwn::write_file_atomic(dir / "rc.cir", "* rc\nV1 in 0 DC 1\nR1 in out 1k\nC1 out 0 1u\n.tran 10u 5m 0 10u uic\n.end\n");
    std::string out;
    REQUIRE(run_command(nwn_cmd() + " run " + (dir / "rc.cir").string() + " --quiet --out " + (dir / "a").string(), &out) == 0);
    REQUIRE(run_command(nwn_cmd() + " run " + (dir / "rc.cir").string() + " --engine ngspice-cli --quiet --out " +
                            (dir / "b").string(), &out) == 0);
    auto a = nwn::io::read_timeseries_csv(dir / "a/timeseries.csv");
    auto b = nwn::io::read_timeseries_csv(dir / "b/timeseries.csv");
    REQUIRE(a.rows() == b.rows());
    const auto &t = a.column("t"), &v = a.column("v(out)");
    // Trapezoidal RC at 10 us steps: error ~ 1e-6 V against 1 - exp(-t/RC).
    for (std::size_t k = 0; k < t.size(); ++k) CHECK(v[k] == Approx(1 - std::exp(-t[k] / 1e-3)).margin(5e-5));
    auto sorted = [](auto v) { std::sort(v.begin(), v.end()); return v; };
    CHECK(sorted(a.names) == sorted(b.names));
    CHECK(b.column("v(out)").back() == Approx(v.back()).epsilon(1e-12));
}

TEST_CASE("Ctrl-C (and SIGHUP, a closed terminal) stops a run and keeps what was recorded", "[run]") {
    auto dir = scratch_dir("run/interrupt");
    auto net = small_network(dir);
    for (const int sig : {SIGINT, SIGHUP}) {  // SIGHUP once killed the run without a run.json
        INFO("signal " << sig);
        const auto out = dir / ("r" + std::to_string(sig));
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            std::string cmd = nwn_cmd() + " run " + net.string() + " --stimulus dc:0.5 --tstop 1000 --quiet --out " + out.string();
            ::execl("/bin/sh", "sh", "-c", ("exec " + cmd + " >/dev/null 2>&1").c_str(), (char*)nullptr);
            ::_exit(127);
        }
        std::this_thread::sleep_for(std::chrono::seconds(3));
        ::kill(pid, sig);
        int status = 0;
        ::waitpid(pid, &status, 0);
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 130);
        auto j = run_json(out);
        CHECK(j["status"] == "interrupted");
        auto ts = nwn::io::read_timeseries_csv(out / "timeseries.csv");
        CHECK(ts.rows() > 10);
        CHECK(ts.rows() == j["points"].get<std::size_t>());
        CHECK(ts.column("t").back() < 1000);
    }
}

TEST_CASE("a run into a directory removes what a killed run was writing there", "[run]") {
    auto dir = scratch_dir("run/stale_tmp");
    auto net = small_network(dir);
    const auto out = dir / "r";
    fs::create_directories(out);
    // A writer that has exited (a SIGKILLed run's AtomicFile), and one still alive (this test).
    const pid_t gone = ::fork();
    if (gone == 0) ::_exit(0);
    ::waitpid(gone, nullptr, 0);
    const auto stale = out / (".timeseries.csv.tmp" + std::to_string(gone) + "_1f2e");
    const auto live = out / (".lambda.csv.tmp" + std::to_string(::getpid()) + "_3a");
    nwn::write_file_atomic(stale, "t,V\n0,0\n");
    nwn::write_file_atomic(live, "t\n");
    std::string log;
    REQUIRE(run_command(nwn_cmd() + " run " + net.string() + " --engine native --stimulus dc:0.5 --tstop 0.01 --quiet --out " +
                            out.string(), &log) == 0);
    CHECK_FALSE(fs::exists(stale));
    CHECK(fs::exists(live));
}

TEST_CASE("bad input gives a clear message and a non-zero exit", "[run]") {
    auto dir = scratch_dir("run/bad");
    auto net = small_network(dir);
    struct Case {
        std::string args, message;
    };
    const Case cases[] = {
        {"--stimulus dc:0.5", "--out"},
        {"--engine spectre --out x", "unknown engine 'spectre'"},
        {"--stimulus sine:1 --out x", "sine"},
        {"--param vsett=1 --out x", "vsett"},
        {"--param vreset=0.5 --out x", "vreset"},
        {"--contacts 3,5000 --out x", "5000"},
        {"--tstop -1 --out x", "--tstop"},
        {"--engine libngspice --nwnsim-compat --out x", "--nwnsim-compat"},
    };
    for (const auto& c : cases) {
        std::string out;
        int rc = run_command("cd " + dir.string() + " && " + nwn_cmd() + " run " + net.string() + " " + c.args, &out);
        INFO(c.args << " -> " << out);
        CHECK(rc != 0);
        CHECK(out.find(c.message) != std::string::npos);
    }
    std::string out;
    nwn::write_file_atomic(dir / "broken.json", "{\"format\": \"nwnspice-network\", \"version\": 1, \"wires\": [");
    CHECK(run_command(nwn_cmd() + " run " + (dir / "broken.json").string() + " --out " + (dir / "y").string(), &out) == 1);
    CHECK(out.find("broken.json") != std::string::npos);
    nwn::write_file_atomic(dir / "broken.cir", "* broken\nV1 a 0 DC 1\nR1 a 0 1k\nQ1 a b\n.tran 1m 10m\n.end\n");
    CHECK(run_command(nwn_cmd() + " run " + (dir / "broken.cir").string() + " --out " + (dir / "z").string(), &out) == 1);
    CHECK(out.find("could not find a valid modelname") != std::string::npos);
}

TEST_CASE("nwn run --save-events counts, while the run streams, the crossings that lambda.csv holds", "[run]") {
    auto dir = scratch_dir("run/events");
    auto net = small_network(dir);
    // The ensemble's two paths: native at its own step, SPICE resampled onto the dt grid.
    for (const std::string engine_args : {"--engine native", "--engine libngspice --resample 1e-3"}) {
        INFO(engine_args);
        const std::string common = " run " + net.string() + " " + engine_args + " --stimulus dc:1 --tstop 0.5 --tmax 1e-3 --quiet";
        std::string out;
        REQUIRE(run_command(nwn_cmd() + common + " --save-events --out " + (dir / "ev").string(), &out) == 0);
        REQUIRE(run_command(nwn_cmd() + common + " --save-lambda --out " + (dir / "lam").string(), &out) == 0);
        CHECK_FALSE(fs::exists(dir / "ev/lambda.csv"));
        const auto streamed = nwn::io::read_timeseries_csv(dir / "ev/events.csv", {{"t", "events"}});
        const auto counted = nwn::exp::junction_events_from_run(dir / "lam", nwn::exp::JunctionEventMethod::Crossings, 1e-3);
        REQUIRE(streamed.rows() == counted.events.size());
        REQUIRE(streamed.rows() > 400);
        int total = 0;
        for (std::size_t i = 0; i < streamed.rows(); ++i) {
            // Same states, same G(λ), same level: the counts are equal, not close.
            REQUIRE(streamed.columns[1][i] == counted.events[i]);
            CHECK(streamed.columns[0][i] == Approx(counted.t0 + static_cast<double>(i) * counted.dt).margin(1e-12));
            total += counted.events[i];
        }
        CHECK(total > 50);  // 124 in both engines when written: the test compares real switching, not zeros
    }
    std::string out;
    nwn::write_file_atomic(dir / "rc.cir", "* rc\nV1 a 0 DC 1\nR1 a 0 1k\n.tran 1m 10m\n.end\n");
    CHECK(run_command(nwn_cmd() + " run " + (dir / "rc.cir").string() + " --save-events --out " + (dir / "d").string(), &out) == 2);
    CHECK(out.find("--save-events applies to a network run") != std::string::npos);
}

TEST_CASE("the osdi flavour runs in the build's ngspice 46 through both engines, and bad devices are refused", "[run][osdi]") {
    if (std::string(NWN_NGSPICE46_LIB).empty()) {
        skip("ngspice46", "this build has no OSDI-enabled ngspice (cmake -DNGSPICE46=...)");
        return;
    }
    auto dir = scratch_dir("run/osdi");
    auto net = small_network(dir);
    std::string out;
    const std::string common = " --flavour osdi --stimulus dc:0.5 --tstop 0.2 --quiet";
    REQUIRE(run_command(nwn_cmd() + " run " + net.string() + common + " --out " + (dir / "lib").string(), &out) == 0);
    REQUIRE(run_command(nwn_cmd() + " run " + net.string() + common + " --engine ngspice-cli --out " + (dir / "cli").string(),
                        &out) == 0);
    REQUIRE(run_command(nwn_cmd() + " run " + net.string() + " --flavour codemodel --stimulus dc:0.5 --tstop 0.2 --quiet --out " +
                            (dir / "cm").string(), &out) == 0);
    // Without --flavour, a build with ngspice 46 runs the OSDI device (auto).
    REQUIRE(run_command(nwn_cmd() + " run " + net.string() + " --stimulus dc:0.5 --tstop 0.01 --quiet --out " +
                            (dir / "auto").string(), &out) == 0);
    CHECK(run_json(dir / "auto")["flavour"] == "osdi");
    auto a = nwn::io::read_timeseries_csv(dir / "lib/timeseries.csv");
    auto b = nwn::io::read_timeseries_csv(dir / "cli/timeseries.csv");
    auto c = nwn::io::read_timeseries_csv(dir / "cm/timeseries.csv");
    REQUIRE(a.rows() == b.rows());
    for (std::size_t k = 0; k < a.rows(); ++k) REQUIRE(a.column("G")[k] == Approx(b.column("G")[k]).epsilon(1e-12));
    // Another ngspice, another device, another solver (KLU): the same continuous-time solution, to the
    // integration tolerances (reltol 1e-4; the golden test bounds both against NWNsim).
    CHECK(a.column("G").back() == Approx(c.column("G").back()).epsilon(1e-3));
    auto j = run_json(dir / "lib");
    CHECK(j["flavour"] == "osdi");
    CHECK(j["versions"]["ngspice"].get<std::string>() >= "42");
    CHECK(fs::equivalent(j["ngspice_library"].get<std::string>(), NWN_NGSPICE46_LIB));  // the file that ran
    CHECK(j["solver"]["equations"].get<long>() == 1 + 79 + 264 + 2);
    CHECK(nwn::read_file(dir / "lib/deck.cir").find(".options klu") != std::string::npos);
    CHECK(run_json(dir / "cm")["versions"]["ngspice"].get<std::string>().rfind("39", 0) == 0);
    // The CLI engine records the ngspice binary that ran (its -v), not the 39.3 nwn was built against.
    CHECK(run_json(dir / "cli")["versions"]["ngspice"].get<std::string>() >= "42");
    // A missing device, a file that is no OSDI library, the code model in the wrong ngspice.
    fs::copy_file(codemodel_path(), dir / "fake.osdi", fs::copy_options::overwrite_existing);
    for (const auto& [args, message] : std::vector<std::pair<std::string, std::string>>{
             {"--osdi /nonexistent.osdi", "nwnjunction.osdi not found at /nonexistent.osdi"},
             {"--osdi " + codemodel_path().string(), "is not an OSDI library (its name must end in .osdi)"},
             {"--osdi " + (dir / "fake.osdi").string(), "undefined symbol: OSDI_VERSION_MAJOR"},
             {"--solver klu --flavour codemodel", "KLU needs ngspice 42"},
         }) {
        const std::string flavour = args.find("--flavour") == std::string::npos ? " --flavour osdi " : " ";
        int rc = run_command(nwn_cmd() + " run " + net.string() + flavour + args + " --stimulus dc:0.5 --tstop 0.01 --quiet --out " +
                                 (dir / "bad").string(), &out);
        INFO(args << " -> " << out);
        CHECK(rc == 1);
        CHECK(out.find(message) != std::string::npos);
    }
    int rc = run_command(nwn_cmd() + " run " + net.string() + " --flavour codemodel --ngspice-lib " + NWN_NGSPICE46_LIB +
                             " --stimulus dc:0.5 --tstop 0.01 --quiet --out " + (dir / "bad").string(), &out);
    CHECK(rc == 1);
    CHECK(out.find("use --flavour osdi there") != std::string::npos);
}

TEST_CASE("a reused run directory holds only the new run's files, and special files in the way are refused", "[run]") {
    auto dir = scratch_dir("run/reuse");
    auto net = small_network(dir);
    const std::string base = nwn_cmd() + " run " + net.string() + " --engine native --stimulus dc:0.5 --tstop 0.02 --quiet --out ";
    std::string out;
    REQUIRE(run_command(base + (dir / "r").string() + " --raw --save-lambda --save-events", &out) == 0);
    REQUIRE(fs::exists(dir / "r/run.raw"));
    REQUIRE(fs::exists(dir / "r/events.csv"));
    REQUIRE(run_command(base + (dir / "r").string(), &out) == 0);
    CHECK(!fs::exists(dir / "r/run.raw"));     // not the previous run's
    CHECK(!fs::exists(dir / "r/lambda.csv"));
    CHECK(!fs::exists(dir / "r/events.csv"));  // an ensemble would take a stale one for this run's
    CHECK(fs::exists(dir / "r/timeseries.csv"));
    nwn::write_file_atomic(dir / "r/notes.txt", "mine\n");  // not a run file: left alone
    REQUIRE(run_command(base + (dir / "r").string(), &out) == 0);
    CHECK(nwn::read_file(dir / "r/notes.txt") == "mine\n");
    // A FIFO where run.raw goes: refused before anything is touched, so the previous run stays whole.
    REQUIRE(::mkfifo((dir / "r/run.raw").c_str(), 0644) == 0);
    CHECK(run_command(base + (dir / "r").string() + " --raw", &out) == 1);
    CHECK(out.find("run.raw is in the way") != std::string::npos);
    CHECK(fs::is_fifo(dir / "r/run.raw"));
    CHECK(run_json(dir / "r")["status"] == "completed");
    CHECK(fs::exists(dir / "r/timeseries.csv"));
    // A deck nwn wrote, re-run into its own directory: the deck is an input, so it stays.
    REQUIRE(run_command(nwn_cmd() + " run " + net.string() + " --flavour codemodel --stimulus dc:0.5 --tstop 0.01 --quiet --out " +
                            (dir / "d").string(), &out) == 0);
    REQUIRE(run_command(nwn_cmd() + " run " + (dir / "d/deck.cir").string() + " --quiet --out " + (dir / "d").string(), &out) == 0);
    CHECK(fs::exists(dir / "d/deck.cir"));
    CHECK(run_json(dir / "d")["status"] == "completed");
}

TEST_CASE("every engine refuses initial states beyond lmax", "[run]") {
    auto dir = scratch_dir("run/ic");
    auto net = small_network(dir);
    std::string ic = "lambda\n";
    for (int k = 0; k < 264; ++k) ic += k == 7 ? "1e300\n" : "0\n";
    nwn::write_file_atomic(dir / "ic.csv", ic);
    for (const char* engine : {"native", "libngspice"}) {
        std::string out;
        CHECK(run_command(nwn_cmd() + " run " + net.string() + " --engine " + engine + " --flavour codemodel --ic " +
                              (dir / "ic.csv").string() + " --tstop 0.01 --quiet --out " + (dir / engine).string(),
                          &out) == 1);
        INFO(out);
        CHECK(out.find("initial state of junction 7 (1e+300 V·s) is outside [-lmax, lmax] = [-0.015, 0.015]") !=
              std::string::npos);
    }
}

// Copies `device` into a directory named with a space and an accent and runs a network with it
// (`option` '<copy>') through both engines.
static void check_odd_device_path(const std::string& name, const fs::path& device, const std::string& option) {
    auto dir = scratch_dir("run/paths_" + name);
    auto net = small_network(dir);
    const fs::path odd = dir / "my models é";
    fs::create_directories(odd);
    fs::copy_file(device, odd / device.filename(), fs::copy_options::overwrite_existing);
    for (const char* engine : {"libngspice", "ngspice-cli"}) {
        std::string out;
        const fs::path o = dir / ("out é " + std::string(engine));
        const int rc = run_command(nwn_cmd() + " run " + net.string() + " " + option + " '" +
                                       (odd / device.filename()).string() + "' --engine " + engine +
                                       " --stimulus dc:0.5 --tstop 0.01 --quiet --out '" + o.string() + "'",
                                   &out);
        INFO(option << " " << engine << " -> " << out);
        CHECK(rc == 0);
        CHECK(run_json(o)["status"] == "completed");
    }
}

TEST_CASE("an OSDI device path with spaces and non-ASCII characters loads in both engines", "[run][osdi]") {
    if (std::string(NWN_NGSPICE46_LIB).empty())
        return skip("ngspice46", "this build has no OSDI-enabled ngspice (cmake -DNGSPICE46=...)");
    check_odd_device_path("osdi", build_dir() / "lib/nwnjunction.osdi", "--flavour osdi --osdi");
}

TEST_CASE("device paths with spaces and non-ASCII characters load in both engines", "[run]") {
    check_odd_device_path("cm", codemodel_path(), "--flavour codemodel --cm");
    auto dir = scratch_dir("run/paths");
    auto net = small_network(dir);
    // What ngspice's command parser would still interpret is refused by name.
    fs::copy_file(codemodel_path(), dir / "a$b.cm", fs::copy_options::overwrite_existing);
    std::string out;
    CHECK(run_command(nwn_cmd() + " run " + net.string() + " --flavour codemodel --cm '" + (dir / "a$b.cm").string() +
                          "' --tstop 0.01 --quiet --out " + (dir / "bad").string(),
                      &out) == 1);
    CHECK(out.find("contains '$'") != std::string::npos);
}

TEST_CASE("an ngspice failure is reported with ngspice's diagnosis, not as a broken raw file", "[run]") {
    auto dir = scratch_dir("run/loop");
    nwn::write_file_atomic(dir / "loop.cir", "two sources in a loop\nV1 a 0 DC 1\nV2 a 0 DC 2\nR1 a 0 1k\n.tran 1m 10m\n.end\n");
    for (const char* engine : {"libngspice", "ngspice-cli"}) {
        std::string out;
        CHECK(run_command(nwn_cmd() + " run " + (dir / "loop.cir").string() + " --engine " + engine + " --quiet --out " +
                              (dir / engine).string(),
                          &out) == 1);
        INFO(engine << " -> " << out);
        CHECK(out.find("the circuit matrix is singular") != std::string::npos);
        CHECK(out.find("truncated") == std::string::npos);
        CHECK(run_json(dir / engine)["status"] == "failed");
    }
}

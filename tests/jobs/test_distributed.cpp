// Ensembles, sweeps and phase diagrams beyond one process pool: under `mpirun -np 3`, and as shards
// merged afterwards, each must write what a local run of the same command writes.
#include <catch2/catch.hpp>

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <regex>
#include <iostream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "runner/jobs/job_files.h"
#include "support/reference.h"

namespace fs = std::filesystem;
using nwn::test::run_command;

namespace {

std::string nwn_bin() { return nwn::test::nwn_binary().string(); }

// CI runs as root on 2 cores: Open MPI wants root allowed explicitly, and 3 ranks oversubscribe.
std::string mpirun(int ranks) {
    return "mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " " + nwn_bin();
}

bool have_mpi() {
#ifdef NWN_TEST_MPI
    ::setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
    ::setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
    if (run_command("command -v mpirun >/dev/null") == 0) return true;
    nwn::test::skip("mpi", "nwn is built with MPI but mpirun is not on PATH (apt-get install openmpi-bin)");
#else
    nwn::test::skip("mpi", "nwn is built without MPI (install libopenmpi-dev and reconfigure)");
#endif
    return false;
}

// Lines that differ between any two runs: wall-clock times (keys "..._s" such as wall_s, load_s, and
// us_per_step; lambda_per_s is a result) and the command line, which names --out, --shard, --merge.
bool varying(const std::string& line) {
    static const std::regex timing(R"re("(\w+_s|us_per_step)":)re"), kept(R"re("\w+_per_s":)re");
    return (std::regex_search(line, timing) && !std::regex_search(line, kept)) || line.find("\"command\"") != std::string::npos ||
           line.find("\"shard\"") != std::string::npos;
}

// A file's text with its tree's root replaced, and the varying lines left out; a JSON record without its
// "execution" (local, mpi, merge: how the work ran differs by design, what it found must not).
std::string normalized(std::string text, const fs::path& root) {
    if (auto j = nlohmann::json::parse(text, nullptr, false); j.is_object() && j.contains("execution")) {
        j.erase("execution");
        text = j.dump(2) + "\n";
    }
    nwn::jobs::FileTree one{{"f", std::move(text)}};
    nwn::jobs::replace_in_tree(one, root.string(), "<DIR>");
    std::istringstream is(one["f"]);
    std::string out;
    for (std::string line; std::getline(is, line);)
        if (!varying(line)) out += line + "\n";
    return out;
}

// Every file of `a` in `b` with the same content (and no file of `b` missing from `a`), images and locks
// aside; the differences, empty when the trees agree.
std::string tree_difference(const fs::path& a, const fs::path& b) {
    auto ta = nwn::jobs::read_tree(a), tb = nwn::jobs::read_tree(b);
    const auto skip = [](const std::string& rel) {
        const auto ext = fs::path(rel).extension();
        return ext == ".png" || ext == ".svg" || ext == ".lock" || ext == ".gp" || fs::path(rel).filename() == "gnuplot.log";
    };
    std::string diff;
    for (const auto& [rel, text] : ta) {
        if (skip(rel)) continue;
        if (!tb.count(rel)) diff += "only in " + a.string() + ": " + rel + "\n";
        else if (normalized(text, a) != normalized(tb[rel], b)) diff += "differs: " + rel + "\n";
    }
    for (const auto& [rel, text] : tb)
        if (!skip(rel) && !ta.count(rel)) diff += "only in " + b.string() + ": " + rel + "\n";
    return diff;
}

// Members whose run.json says completed; safe while rank 0 is writing (temporary files come and go).
std::size_t completed_members(const fs::path& dir) {
    std::size_t n = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->path().filename() != "run.json") continue;
        try {
            n += nwn::read_file(it->path()).find("\"status\": \"completed\"") != std::string::npos;
        } catch (const std::exception&) {
        }
    }
    return n;
}

const std::string kEnsembleOf = " ensemble --seeds 0:3 --wires 150 --vstar 2 --resamples 50 --no-plots --quiet";
const std::string kEnsemble = kEnsembleOf + " --tstop 2";

}  // namespace

TEST_CASE("mpirun -np 3 nwn ensemble writes what a local run writes", "[jobs][mpi]") {
    if (!have_mpi()) return;
    const auto dir = nwn::test::scratch_dir("jobs/mpi_ensemble");
    std::string log;
    REQUIRE(run_command(nwn_bin() + kEnsemble + " --jobs 2 --out " + (dir / "local").string(), &log) == 0);
    INFO(log);
    REQUIRE(run_command(mpirun(3) + kEnsemble + " --out " + (dir / "mpi").string(), &log) == 0);
    CHECK(tree_difference(dir / "local", dir / "mpi") == "");
    // The records say how the work ran (once indistinguishable).
    const auto local = nlohmann::json::parse(nwn::read_file(dir / "local/ensemble.json"))["execution"];
    CHECK(local == nlohmann::json{{"mode", "local"}, {"jobs", 2}});
    const auto mpi = nlohmann::json::parse(nwn::read_file(dir / "mpi/ensemble.json"))["execution"];
    CHECK(mpi["mode"] == "mpi");
    CHECK(mpi["world_size"] == 3);
    int ranks = 0;
    for (const auto& [host, n] : mpi["hosts"].items()) ranks += n.get<int>();
    CHECK(ranks == 3);
    // Rank 0 only writes: no worker's scratch path leaks into what the members recorded.
    CHECK(nwn::read_file(dir / "mpi/L38.7298/Vstar2/seed0/run.json").find("nwn-mpi-") == std::string::npos);
    CHECK(completed_members(dir / "mpi") == 4);
}

TEST_CASE("SPICE members under MPI reuse one libngspice per worker rank and match the local run", "[jobs][mpi]") {
    if (!have_mpi()) return;
    const auto dir = nwn::test::scratch_dir("jobs/mpi_libngspice");
    // 4 members on 2 workers: each worker's libngspice runs two circuits one after the other.
    const std::string args = " ensemble --seeds 0:3 --wires 60 --vstar 2 --tstop 1 --engine libngspice --no-plots --quiet --out ";
    std::string log;
    REQUIRE(run_command(nwn_bin() + args + (dir / "local").string() + " --jobs 2 2>&1", &log) == 0);
    REQUIRE(run_command(mpirun(3) + args + (dir / "mpi").string() + " 2>&1", &log) == 0);
    INFO(log);
    CHECK(completed_members(dir / "mpi") == 4);
    CHECK(tree_difference(dir / "local", dir / "mpi") == "");
}

TEST_CASE("an MPI ensemble stopped by SIGTERM resumes to the local result", "[jobs][mpi]") {
    if (!have_mpi()) return;
    const auto dir = nwn::test::scratch_dir("jobs/mpi_resume");
    // Longer members (~0.5-1 s each) so that the stop lands while some are running.
    const std::string args = " ensemble --seeds 0:5 --wires 150 --vstar 2 --tstop 20 --resamples 50 --no-plots --quiet --out ";
    std::string log;
    REQUIRE(run_command(nwn_bin() + args + (dir / "local").string() + " --jobs 2", &log) == 0);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execl("/bin/sh", "sh", "-c", ("exec " + mpirun(3) + args + (dir / "mpi").string() + " >/dev/null 2>&1").c_str(), nullptr);
        ::_exit(127);
    }
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (completed_members(dir / "mpi") < 1 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const std::size_t kept = completed_members(dir / "mpi");
    CHECK(kept >= 1);
    REQUIRE(run_command(mpirun(3) + args + (dir / "mpi").string() + " 2>&1 | cat", &log) == 0);
    CHECK(tree_difference(dir / "local", dir / "mpi") == "");
}

TEST_CASE("ensemble shards merged equal the unsharded run, and foreign shards are refused", "[jobs]") {
    const auto dir = nwn::test::scratch_dir("jobs/shard_ensemble");
    std::string log;
    REQUIRE(run_command(nwn_bin() + kEnsemble + " --jobs 2 --out " + (dir / "whole").string(), &log) == 0);
    std::string shards;
    for (int k = 1; k <= 3; ++k) {
        const auto s = dir / ("shard" + std::to_string(k));
        REQUIRE(run_command(nwn_bin() + kEnsemble + " --jobs 2 --shard " + std::to_string(k) + "/3 --out " + s.string(), &log) == 0);
        shards += " " + s.string();
    }
    // A shard runs only its share: 4 members over 3 shards.
    CHECK(completed_members(dir / "shard1") == 2);
    CHECK(completed_members(dir / "shard3") == 1);
    INFO(log);
    REQUIRE(run_command(nwn_bin() + kEnsemble + " --merge" + shards + " --out " + (dir / "merged").string() + " 2>&1", &log) == 0);
    CHECK(tree_difference(dir / "whole", dir / "merged") == "");
    const auto shard = nlohmann::json::parse(nwn::read_file(dir / "shard1/ensemble.json"))["execution"];
    CHECK(shard == nlohmann::json{{"mode", "local"}, {"jobs", 2}, {"shard", "1/3"}});
    const auto merged = nlohmann::json::parse(nwn::read_file(dir / "merged/ensemble.json"))["execution"];
    CHECK(merged["mode"] == "merge");
    CHECK(merged["merged_from"] == nlohmann::json{(dir / "shard1").string(), (dir / "shard2").string(), (dir / "shard3").string()});

    // Missing shards, other settings, and merging into a shard are refused, naming the problem.
    CHECK(run_command(nwn_bin() + kEnsemble + " --merge " + (dir / "shard1").string() + " --out " + (dir / "m2").string() + " 2>&1", &log) == 1);
    CHECK_THAT(log, Catch::Contains("not finished in any shard"));
    CHECK(run_command(nwn_bin() + kEnsembleOf + " --tstop 3 --merge" + shards + " --out " + (dir / "m3").string() + " 2>&1", &log) == 1);
    CHECK_THAT(log, Catch::Contains("other settings"));
    CHECK(run_command(nwn_bin() + kEnsemble + " --merge" + shards + " --out " + (dir / "shard1").string() + " 2>&1", &log) == 1);
    CHECK_THAT(log, Catch::Contains("is the --out directory"));
    CHECK(run_command(nwn_bin() + kEnsemble + " --shard 4/3 --out " + (dir / "m4").string() + " 2>&1", &log) == 2);
    CHECK_THAT(log, Catch::Contains("--shard '4/3'"));
}

TEST_CASE("the Slurm job-array example's shards and merge give the unsharded ensemble", "[jobs]") {
    const auto dir = nwn::test::scratch_dir("jobs/slurm_array");
    const fs::path script = nwn::test::source_dir() / "examples/cluster/slurm_ensemble_array.sh";
    // The example's own script, as Slurm would run it (two array tasks, then the merge), on small members.
    const std::string env = "NWN=" + nwn_bin() + " WORK=" + dir.string() + " SHARDS=2 NWN_OPTS='" + kEnsemble.substr(10) + "' ";
    std::string log;
    REQUIRE(run_command(nwn_bin() + kEnsemble + " --jobs 2 --out " + (dir / "whole").string() + " 2>&1", &log) == 0);
    for (int k = 1; k <= 2; ++k)
        REQUIRE(run_command(env + "SLURM_ARRAY_TASK_ID=" + std::to_string(k) + " bash " + script.string() + " 2>&1", &log) == 0);
    REQUIRE(run_command(env + "MERGE=1 bash " + script.string() + " 2>&1", &log) == 0);
    INFO(log);
    CHECK(tree_difference(dir / "whole", dir / "ensemble") == "");
}

TEST_CASE("a sweep of generated networks: local, mpirun -np 3 and merged shards agree", "[jobs][mpi]") {
    const auto dir = nwn::test::scratch_dir("jobs/sweep");
    // The networks are generated inside the point directories: on a worker, in its scratch copy.
    const std::string sweep = " sweep --generate \"--lx 15\" --param density=0.15,0.2 --param seed=1,2,3 --stimulus dc:1 "
                              "--tstop 0.5 --engine native --quiet --out ";
    std::string log;
    REQUIRE(run_command(nwn_bin() + sweep + (dir / "local").string() + " --jobs 2 2>&1", &log) == 0);
    INFO(log);
    CHECK(nwn::read_file(dir / "local/sweep.csv").find("failed") == std::string::npos);
    for (int k = 1; k <= 2; ++k)
        REQUIRE(run_command(nwn_bin() + sweep + (dir / ("s" + std::to_string(k))).string() + " --shard " + std::to_string(k) + "/2 2>&1",
                            &log) == 0);
    REQUIRE(run_command(nwn_bin() + sweep + (dir / "merged").string() + " --merge " + (dir / "s1").string() + " " +
                            (dir / "s2").string() + " 2>&1",
                        &log) == 0);
    CHECK(tree_difference(dir / "local", dir / "merged") == "");
    if (!have_mpi()) return;
    REQUIRE(run_command(mpirun(3) + sweep + (dir / "mpi").string() + " 2>&1", &log) == 0);
    CHECK(tree_difference(dir / "local", dir / "mpi") == "");
    CHECK(nwn::read_file(dir / "mpi/points/density=0.15_seed=1/run/run.json").find("nwn-mpi-") == std::string::npos);
}

TEST_CASE("under MPI a failing point is recorded failed and the others complete", "[jobs][mpi]") {
    if (!have_mpi()) return;
    const auto dir = nwn::test::scratch_dir("jobs/mpi_failing");
    // tstop = 400 s of native steps cannot finish within the 1 s wall limit; 0.2 s can.
    const std::string sweep = " sweep --generate \"--lx 15 --density 0.2\" --param seed=1,2 --param tstop=0.2,400 --stimulus dc:1 "
                              "--engine native --wall-limit 1 --quiet --out ";
    std::string log;
    CHECK(run_command(mpirun(3) + sweep + (dir / "mpi").string() + " 2>&1", &log) == 1);
    INFO(log);
    const std::string csv = nwn::read_file(dir / "mpi/sweep.csv");
    CHECK(csv.find("1,0.2,completed") != std::string::npos);
    CHECK(csv.find("2,0.2,completed") != std::string::npos);
    CHECK(csv.find("1,400,failed") != std::string::npos);
    CHECK(csv.find("2,400,failed") != std::string::npos);
}

TEST_CASE("phase diagrams: local, mpirun -np 3 and merged shards agree", "[jobs][mpi]") {
    const auto dir = nwn::test::scratch_dir("jobs/phase");
    std::string log;
    REQUIRE(run_command(nwn_bin() + " generate --wires 40 --lx 14 --seed 4 -o " + (dir / "net.json").string() + " 2>&1", &log) == 0);
    const std::string pd = " phase-diagram " + (dir / "net.json").string() +
                           " --amplitudes 0.5,1 --frequencies 1,2 --engine native --transient 1 --nlt --nlt-duration 2 --quiet --out ";
    const std::string tail = " -- --periods 2 2>&1";
    REQUIRE(run_command(nwn_bin() + pd + (dir / "local").string() + " --jobs 2" + tail, &log) == 0);
    INFO(log);
    for (int k = 1; k <= 2; ++k)
        REQUIRE(run_command(nwn_bin() + pd + (dir / ("s" + std::to_string(k))).string() + " --shard " + std::to_string(k) + "/2" + tail,
                            &log) == 0);
    REQUIRE(run_command(nwn_bin() + pd + (dir / "merged").string() + " --merge " + (dir / "s1").string() + " " + (dir / "s2").string() + tail,
                        &log) == 0);
    CHECK(tree_difference(dir / "local", dir / "merged") == "");
    if (!have_mpi()) return;
    REQUIRE(run_command(mpirun(3) + pd + (dir / "mpi").string() + tail, &log) == 0);
    CHECK(tree_difference(dir / "local", dir / "mpi") == "");
}

TEST_CASE("commands that do not share out work refuse to run under mpirun", "[jobs][mpi]") {
    if (!have_mpi()) return;
    std::string log;
    CHECK(run_command(mpirun(2) + " generate --wires 10 --lx 5 -o /dev/null 2>&1", &log) != 0);
    CHECK_THAT(log, Catch::Contains("only ensemble, sweep and phase-diagram"));
}

// Job directories as data (what MPI workers receive and return), the local pool, and merging shards.
#include <catch2/catch.hpp>

#include <fstream>

#include "common/atomic_file.h"
#include "runner/jobs/job.h"
#include "runner/jobs/job_files.h"
#include "runner/jobs/shards.h"
#include "support/reference.h"

namespace fs = std::filesystem;
using namespace nwn::jobs;

TEST_CASE("a job directory round-trips as data, and mirroring removes what the job removed", "[jobs]") {
    const auto dir = nwn::test::scratch_dir("jobs/mirror");
    write_tree(dir / "a", {{"run.json", "{}"}, {"sub/x.csv", "1,2\n"}, {"stale.csv", "old"}});
    FileTree t = read_tree(dir / "a");
    CHECK(t.size() == 3);
    CHECK(t["sub/x.csv"] == "1,2\n");
    t.erase("stale.csv");
    t["new.bin"] = std::string("\0\1\2", 3);
    mirror_tree(dir / "a", t);
    CHECK(read_tree(dir / "a") == t);
    CHECK_FALSE(fs::exists(dir / "a/stale.csv"));
    CHECK(read_tree(dir / "absent").empty());
}

TEST_CASE("a worker's scratch path becomes the job directory in every file", "[jobs]") {
    FileTree t{{"run.json", "{\"command\": \"nwn run --out /tmp/s/job --quiet\", \"source\": \"/tmp/s/job/net.json\"}"},
               {"log", "/tmp/s/job/tmp/s/job"}};
    replace_in_tree(t, "/tmp/s/job", "/data/out/points/p1");
    CHECK(t["run.json"] == "{\"command\": \"nwn run --out /data/out/points/p1 --quiet\", \"source\": \"/data/out/points/p1/net.json\"}");
    CHECK(t["log"] == "/data/out/points/p1/data/out/points/p1");
}

TEST_CASE("the local pool runs command sequences, logs them, and reports each exit", "[jobs]") {
    const auto dir = nwn::test::scratch_dir("jobs/local");
    std::vector<Job> jobs(3);
    std::vector<int> status(3, -1);
    for (int k = 0; k < 3; ++k) {
        jobs[k].dir = dir / ("j" + std::to_string(k));
        jobs[k].log = jobs[k].dir / "log";
        jobs[k].prepare = [](Job& j) { fs::create_directories(j.dir); };
        jobs[k].done = [&status, k](const JobExit& ex) { status[k] = ex.status; };
    }
    jobs[0].commands = {{"/bin/sh", "-c", "echo one"}, {"/bin/sh", "-c", "echo two; exit 0"}};
    jobs[1].commands = {{"/bin/sh", "-c", "echo first; exit 3"}, {"/bin/sh", "-c", "echo never"}};
    jobs[2].commands = {{"/nonexistent/program"}};
    run_local_jobs(jobs, 2);
    CHECK(status == std::vector<int>{0, 3, 127});
    CHECK(nwn::read_file(dir / "j0/log") == "one\ntwo\n");
    CHECK(nwn::read_file(dir / "j1/log") == "first\n");
}

TEST_CASE("merging takes each job directory from the first shard that finished it", "[jobs]") {
    const auto dir = nwn::test::scratch_dir("jobs/merge");
    write_tree(dir / "s1/points/p", {{"status", "interrupted"}});
    write_tree(dir / "s2/points/p", {{"status", "completed"}, {"data.csv", "x"}});
    write_tree(dir / "out/points/p", {{"leftover", "y"}});
    const auto finished = [](const fs::path& d) { return fs::exists(d / "status") && nwn::read_file(d / "status") == "completed"; };
    CHECK(merge_job_dir({dir / "s1", dir / "s2"}, "points/p", dir / "out", finished) == dir / "s2");
    CHECK(read_tree(dir / "out/points/p") == FileTree{{"status", "completed"}, {"data.csv", "x"}});
    CHECK(merge_job_dir({dir / "s1"}, "points/q", dir / "out", finished).empty());
    CHECK_THROWS_WITH(check_merge_dirs({dir / "nope"}, dir / "out"), Catch::Contains("not a directory"));
    CHECK_THROWS_WITH(check_merge_dirs({dir / "out"}, dir / "out"), Catch::Contains("is the --out directory"));
}

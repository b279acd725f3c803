// run_child(): the one helper that forks single programs (gnuplot, the ngspice CLI): working directory,
// log, environment, wall-clock limit, and SIGTERM on interrupt.
#include <catch2/catch.hpp>

#include <chrono>

#include "common/atomic_file.h"
#include "common/cancel.h"
#include "runner/jobs/job.h"
#include "support/reference.h"

namespace fs = std::filesystem;
using namespace nwn;

TEST_CASE("run_child runs a program in its directory with the given environment", "[jobs]") {
    const fs::path dir = test::scratch_dir("jobs/run_child");
    jobs::Child c;
    c.command = {"sh", "-c", "pwd; echo $NWN_A $NWN_B; exit 3"};
    c.dir = dir;
    c.log = dir / "log.txt";
    c.truncate_log = true;
    c.env = {{"NWN_A", "set"}};
    c.env_defaults = {{"NWN_B", "default"}};
    const auto ex = jobs::run_child(c);
    CHECK(ex.status == 3);
    CHECK_FALSE(ex.timed_out);
    const std::string log = read_file(dir / "log.txt");
    CHECK(log.find(fs::canonical(dir).string()) != std::string::npos);
    CHECK(log.find("set default") != std::string::npos);
    CHECK(jobs::run_and_wait({"nwn-no-such-program"}, dir, dir / "log.txt") == 127);
    // A relative log names a file from this process's working directory, whatever the child's.
    const fs::path here = fs::current_path();
    fs::current_path(dir.parent_path());
    c.command = {"sh", "-c", "echo relative"};
    c.log = dir.filename() / "relative.txt";
    const int rc = jobs::run_child(c).status;
    fs::current_path(here);
    CHECK(rc == 0);
    CHECK(read_file(dir / "relative.txt") == "relative\n");
}

TEST_CASE("run_child stops a child at its wall-clock limit and on interrupt", "[jobs]") {
    const fs::path dir = test::scratch_dir("jobs/run_child_stop");
    jobs::Child c;
    c.command = {"sleep", "30"};
    c.dir = dir;
    c.log = dir / "log.txt";
    c.wall_limit_s = 0.2;
    const auto t0 = std::chrono::steady_clock::now();
    const auto ex = jobs::run_child(c);
    CHECK(ex.timed_out);
    CHECK(ex.status == 128 + 15);
    c.wall_limit_s = 0;
    request_cancel();
    const auto stopped = jobs::run_child(c);
    reset_cancel();
    CHECK(stopped.status == 128 + 15);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
}

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <map>
#include <numeric>
#include <thread>

#include "common/cancel.h"
#include "common/child_process.h"
#include "common/error.h"
#include "runner/jobs/job.h"
#include "runner/jobs/mpi_pool.h"

namespace nwn::jobs {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<char*> c_argv(const Argv& a) {
    std::vector<char*> v;
    for (const auto& s : a) v.push_back(const_cast<char*>(s.c_str()));
    v.push_back(nullptr);
    return v;
}

int exit_code(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
}

// In the job's process: one command to completion (all but the last of a sequence).
int run_in_child(const Argv& a) {
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) return 126;
    if (pid == 0) {
        die_with_parent(parent);
        auto v = c_argv(a);
        ::execv(v[0], v.data());
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return exit_code(status);
}

// The job's process dies with the pool (SIGTERM: `nwn run` then records "interrupted"), whatever ends it.
pid_t start(const Job& job) {
    if (job.commands.empty()) throw Error(job.dir.string() + ": a job without a command");
    const int log = ::open(job.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (log < 0) throw Error(job.log.string() + ": cannot create the log file");
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(log);
        throw Error("cannot start a process (fork failed)");
    }
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) ::_exit(1);
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
        const int null_in = ::open("/dev/null", O_RDONLY);
        if (null_in >= 0) ::dup2(null_in, 0);
        ::dup2(log, 1);
        ::dup2(log, 2);
        for (std::size_t i = 0; i + 1 < job.commands.size(); ++i)
            if (int rc = run_in_child(job.commands[i]); rc != 0) ::_exit(rc);
        auto v = c_argv(job.commands.back());
        ::execv(v[0], v.data());
        ::_exit(127);
    }
    ::close(log);
    return pid;
}

}  // namespace

std::vector<std::size_t> start_order(const std::vector<Job>& jobs) {
    std::vector<std::size_t> order(jobs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return jobs[a].cost > jobs[b].cost; });
    return order;
}

std::size_t run_local_jobs(std::vector<Job>& jobs, unsigned parallel) {
    if (parallel == 0) parallel = std::max(1u, std::thread::hardware_concurrency());
    const auto order = start_order(jobs);
    struct Running {
        std::size_t job;
        Clock::time_point start;
    };
    std::map<pid_t, Running> running;
    std::size_t next = 0;
    bool forwarded = false;
    while (next < order.size() || !running.empty()) {
        while (!cancel_requested() && next < order.size() && running.size() < parallel) {
            Job& job = jobs[order[next++]];
            if (job.prepare) job.prepare(job);
            running[start(job)] = {order[next - 1], Clock::now()};
        }
        if (cancel_requested() && !forwarded) {
            for (const auto& [pid, r] : running) ::kill(pid, SIGTERM);
            forwarded = true;
        }
        if (running.empty()) break;
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid <= 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;
        }
        const auto it = running.find(pid);
        if (it == running.end()) continue;  // not ours (a gnuplot of an earlier step)
        const Running r = it->second;
        running.erase(it);
        JobExit ex{exit_code(status), WIFSIGNALED(status) ? WTERMSIG(status) : 0,
                   std::chrono::duration<double>(Clock::now() - r.start).count(), false};
        if (jobs[r.job].done) jobs[r.job].done(ex);
    }
    return next;
}

std::size_t run_jobs(std::vector<Job>& jobs, unsigned parallel) {
    return mpi_workers() > 0 ? run_mpi_jobs(jobs) : run_local_jobs(jobs, parallel);
}

ChildExit run_child(const Child& child) {
    const auto began = Clock::now();
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) return {126, false};
    if (pid == 0) {
        die_with_parent(parent);
        if (child.own_process_group) ::setpgid(0, 0);
        // the log first: a relative path names it from nwn's working directory
        const int fd = ::open(child.log.c_str(), O_WRONLY | O_CREAT | (child.truncate_log ? O_TRUNC : O_APPEND), 0644);
        if (::chdir(child.dir.c_str()) != 0) ::_exit(126);
        const int in = ::open("/dev/null", O_RDONLY);
        if (in >= 0) ::dup2(in, 0);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        for (const auto& [name, value] : child.env) ::setenv(name.c_str(), value.c_str(), 1);
        for (const auto& [name, value] : child.env_defaults) ::setenv(name.c_str(), value.c_str(), 0);
        auto v = c_argv(child.command);
        if (!child.argv0.empty()) v[0] = const_cast<char*>(child.argv0.c_str());
        ::execvp(child.command[0].c_str(), v.data());
        ::_exit(127);
    }
    ChildExit ex;
    bool stopped = false;
    int status = 0;
    // Polled (interrupts and the wall-clock limit are checked between polls), from 1 ms up to 20 ms, so
    // that a short child such as gnuplot costs no more than its own run.
    auto poll = std::chrono::milliseconds(1);
    while (true) {
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR)) break;
        if (!stopped && cancel_requested()) {
            ::kill(pid, SIGTERM);
            stopped = true;
        }
        if (!stopped && child.wall_limit_s > 0 &&
            std::chrono::duration<double>(Clock::now() - began).count() > child.wall_limit_s) {
            ::kill(pid, SIGTERM);
            stopped = ex.timed_out = true;
        }
        std::this_thread::sleep_for(poll);
        poll = std::min(poll * 2, std::chrono::milliseconds(20));
    }
    ex.status = exit_code(status);
    return ex;
}

int run_and_wait(const Argv& command, const std::filesystem::path& dir, const std::filesystem::path& log) {
    Child c;
    c.command = command;
    c.dir = dir;
    c.log = log;
    return run_child(c).status;
}

}  // namespace nwn::jobs

#include "runner/experiments/ensemble_jobs.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <thread>

#include "common/error.h"
#include "common/child_process.h"
#include "runner/experiments/interrupt.h"

namespace nwn::exp {

namespace {

pid_t start(const ProcessJob& job) {
    std::vector<char*> argv;
    for (const auto& a : job.argv) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const int log = ::open(job.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (log < 0) throw Error(job.log.string() + ": cannot create the log file");
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(log);
        throw Error("cannot start a process (fork failed)");
    }
    if (pid == 0) {
        die_with_parent(parent);
        const int null_in = ::open("/dev/null", O_RDONLY);
        if (null_in >= 0) ::dup2(null_in, 0);
        ::dup2(log, 1);
        ::dup2(log, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(log);
    return pid;
}

int exit_status(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

}  // namespace

void run_process_jobs(std::vector<ProcessJob>& jobs, unsigned parallel) {
    if (parallel == 0) parallel = std::max(1u, std::thread::hardware_concurrency());
    std::map<pid_t, std::size_t> running;
    std::size_t next = 0;
    bool forwarded = false;
    while (next < jobs.size() || !running.empty()) {
        while (!interrupted() && next < jobs.size() && running.size() < parallel) {
            running[start(jobs[next])] = next;
            ++next;
        }
        if (interrupted() && !forwarded) {
            for (const auto& [pid, k] : running) ::kill(pid, SIGINT);
            forwarded = true;
        }
        if (running.empty()) break;
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            auto it = running.find(pid);
            if (it == running.end()) continue;  // not ours (e.g. a gnuplot of an earlier step)
            const std::size_t k = it->second;
            running.erase(it);
            if (jobs[k].done) jobs[k].done(exit_status(status));
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
}

}  // namespace nwn::exp

// Local process pool for ensemble members: each job is a program run (fork/exec) with its output in a
// log file; at most `parallel` run at once. On Ctrl-C (interrupt.h) no new job starts and the running
// ones get SIGINT, so each ends as an interrupted run that the next invocation reruns.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace nwn::exp {

struct ProcessJob {
    std::vector<std::string> argv;  // argv[0] is the program path
    std::filesystem::path log;      // stdout and stderr
    // Called in the parent when the job has ended, with its exit status (128+N when killed by signal N,
    // 127 when it could not be started).
    std::function<void(int status)> done;
};

// Runs every job; returns once all started jobs have ended. `parallel` 0 means the number of cores.
void run_process_jobs(std::vector<ProcessJob>& jobs, unsigned parallel);

}  // namespace nwn::exp

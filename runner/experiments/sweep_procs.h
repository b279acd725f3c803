// The worker processes of `nwn sweep`: each point is a child process (fork/exec of `nwn generate`
// and/or `nwn run`) with its output in a log file. Children die with the sweep: they get SIGTERM when
// the sweep process ends, however it ends (PR_SET_PDEATHSIG), and `nwn run` answers SIGTERM by
// stopping and marking its run "interrupted" — so a killed sweep never leaves a point half-run that
// looks complete, and never a stray simulation writing into a directory that a resumed sweep reuses.
#pragma once
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace nwn::exp {

using Argv = std::vector<std::string>;

// An exclusive flock on DIR/<name>.lock for the life of a sweep, phase diagram or ensemble (`who` is
// "nwn sweep", ..., <name> its last word). The descriptor is deliberately inherited by the workers, so
// the lock outlives a killed parent until its last worker has exited: a resume then waits (up to
// wait_s) instead of starting duplicates in a directory still being written.
// Throws nwn::Error when the lock stays taken.
void lock_work_dir(const std::filesystem::path& dir, const std::string& who, double wait_s);

// SIGINT/SIGTERM to the sweep set a flag (no SA_RESTART, so a blocking wait returns) instead of
// ending the process.
void install_sweep_signal_handlers();
bool sweep_interrupted();

// Starts the commands one after the other in a child process (a failing one ends the sequence with
// its exit status), stdout and stderr appended to `log`, stdin from /dev/null. Returns the child's pid.
pid_t start_child(const std::vector<Argv>& commands, const std::filesystem::path& log);

struct ChildExit {
    pid_t pid = 0;
    int status = 0;  // exit code, or 128 + signal
    int signal = 0;  // the signal that killed it, 0 when it exited
};

// Waits for any child; returns pid 0 when a signal interrupted the wait.
ChildExit wait_any_child();

// SIGTERM to each (nwn run then stops its engine and records "interrupted").
void terminate_children(const std::vector<pid_t>& pids);

// Runs one command to completion in `dir` (for gnuplot); returns its exit status (127: not found).
int run_and_wait(const Argv& command, const std::filesystem::path& dir, const std::filesystem::path& log);

}  // namespace nwn::exp

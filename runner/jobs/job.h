// Jobs of ensembles, sweeps and phase diagrams: each is a few `nwn` commands whose outputs all land in
// one directory. run_jobs() runs them as local child processes, or, when nwn was started by mpirun, on
// the MPI worker ranks (mpi_pool.h); the scheduling process alone calls prepare/done, so callers see the
// same thing either way.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace nwn::jobs {

using Argv = std::vector<std::string>;

struct JobExit {
    int status = 0;  // exit code; 128 + N when killed by signal N; 127 when it could not be started
    int signal = 0;  // the signal that killed it, 0 when it exited
    double seconds = 0;
    bool cancelled = false;  // the worker running it was asked to stop (MPI: SIGTERM to that rank)
};

struct Job {
    std::vector<Argv> commands;  // argv[0] of each is the nwn program; a failing command ends the job
    std::filesystem::path dir;   // absolute; the job writes nothing outside it
    std::filesystem::path log;   // stdout and stderr (truncated when the job starts); under dir
    double cost = 0;             // relative expected run time: the larger start first (0: unknown)
    // In the scheduling process: just before the job starts (may write its inputs and set commands) ...
    std::function<void(Job&)> prepare;
    // ... and once it has ended, its outputs in `dir`.
    std::function<void(const JobExit&)> done;
};

// Runs every job, at most `parallel` at once locally (0: the number of cores; ignored under MPI, where
// each worker rank runs one at a time). On interrupt (common/cancel.h) no job starts any more and the
// running ones are asked to stop; returns once every started job has ended.
// Returns how many jobs were started (each has ended and had its done() called).
std::size_t run_jobs(std::vector<Job>& jobs, unsigned parallel);

// MPI worker ranks run_jobs() hands jobs to; 0 when this nwn runs without MPI (mpi_pool.h).
int mpi_workers();

// The local pool alone (fork/exec), whatever the MPI state.
std::size_t run_local_jobs(std::vector<Job>& jobs, unsigned parallel);

// One program (PATH lookup) run to completion in `dir`, stdin from /dev/null, stdout and stderr to `log`,
// dying with this process (gnuplot, the ngspice CLI). On interrupt (common/cancel.h) it is sent SIGTERM.
struct Child {
    Argv command;
    std::string argv0;  // the program's argv[0], when not command[0]
    std::filesystem::path dir, log;  // a relative log is taken from nwn's working directory, not dir
    bool truncate_log = false;  // else appended to
    std::vector<std::pair<std::string, std::string>> env;           // set in the child
    std::vector<std::pair<std::string, std::string>> env_defaults;  // set unless the environment has them
    bool own_process_group = false;  // Ctrl-C then reaches nwn only, which stops the child itself
    double wall_limit_s = 0;         // SIGTERM after this many seconds (0: none)
};

struct ChildExit {
    int status = 0;  // exit code; 128 + N when killed by signal N; 127: not found, 126: not started
    bool timed_out = false;
};

ChildExit run_child(const Child& child);

// run_child() with the defaults: its exit status.
int run_and_wait(const Argv& command, const std::filesystem::path& dir, const std::filesystem::path& log);

// The last non-blank line of a job's log, cut to 500 bytes: the error of an nwn command that failed before it
// wrote its record, for the message of the sweep or phase diagram. Empty when there is none.
std::string last_log_line(const std::filesystem::path& log);

// Start order: by decreasing cost, ties in the given order.
std::vector<std::size_t> start_order(const std::vector<Job>& jobs);

}  // namespace nwn::jobs

// The lock of the directory of a sweep, phase diagram or ensemble (runner/jobs runs their jobs). Job processes die with the scheduler (SIGTERM, PR_SET_PDEATHSIG) and
// `nwn run` answers SIGTERM by recording "interrupted" — so a killed sweep never leaves a point
// half-run that looks complete, and never a stray simulation writing into a directory being resumed.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace nwn::exp {

// An exclusive flock on DIR/<name>.lock for the life of a sweep, phase diagram or ensemble (`who` is
// "nwn sweep", ..., <name> its last word). The descriptor is deliberately inherited by the workers, so
// the lock outlives a killed parent until its last worker has exited: a resume then waits (up to
// wait_s) instead of starting duplicates in a directory still being written.
// Once the lock is taken, removes the temporary files killed runs left anywhere below DIR
// (remove_stale_temp_files). Throws nwn::Error when the lock stays taken.
void lock_work_dir(const std::filesystem::path& dir, const std::string& who, double wait_s);

}  // namespace nwn::exp

// MPI for ensembles, sweeps and phase diagrams (`mpirun -np N nwn ensemble ...`): rank 0 runs the command
// as usual and hands its jobs out dynamically (largest cost first) to ranks 1..N-1. A worker runs a job
// in-process (the same `nwn` commands, one at a time) in a private scratch directory seeded with the
// job directory's files, and sends back the exit status and every file; rank 0 alone writes them into
// the job directory, atomically, so the tree is the one a local run writes. Inputs outside the job
// directories (networks, decks) are read by the workers where rank 0 names them: all ranks need the
// same view of those paths (a shared filesystem, as for the nwn program itself).
// A worker stopped by SIGTERM/SIGINT (mpirun and Slurm forward them) ends its job as "interrupted" and
// rank 0 stops handing out new ones; a rank that dies ends the job (mpirun reports which), and what
// rank 0 had written by then stays, so rerunning the command resumes.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "runner/jobs/job.h"

namespace nwn::jobs {

// Runs one nwn command in this process: {"run", NET, "--out", DIR, ...}; returns its exit status.
using CommandRunner = std::function<int(const Argv& args)>;

// MPI_Init when nwn was built with MPI and started by an MPI launcher (mpirun, srun: their environment
// says so); nothing otherwise, so a plain `nwn` never touches MPI. The destructor releases the workers
// (rank 0) and finalizes.
class MpiSession {
public:
    MpiSession(int& argc, char**& argv);
    ~MpiSession();
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;
    bool active() const { return size_ > 1; }
    int rank() const { return rank_; }
    int size() const { return size_; }
    // Worker ranks: run jobs from rank 0 until it is done; returns the process exit status.
    int serve(const CommandRunner& run);

private:
    int rank_ = 0, size_ = 1;
    [[maybe_unused]] bool initialized_ = false;  // unused in a build without MPI
};

bool mpi_built();
// Rank 0 under MPI: the host name of every rank (MPI_Get_processor_name), by rank; else empty.
const std::vector<std::string>& mpi_hosts();
std::size_t run_mpi_jobs(std::vector<Job>& jobs);  // as run_jobs()

}  // namespace nwn::jobs

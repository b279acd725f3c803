// How the jobs of a sweep, ensemble or phase diagram ran, for its record (sweep.json, ensemble.json,
// phase_diagram.json): an MPI run's records were once indistinguishable from a local one's.
#pragma once
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/jobs/shards.h"

namespace nwn::jobs {

// {"mode": "merge", "merged_from": [shard dirs]} when `merged_from` is given (nothing ran); else
// {"mode": "mpi", "world_size": N, "hosts": {host: ranks on it}} under mpirun, or {"mode": "local",
// "jobs": parallel processes (0 resolved to the core count)}; with "shard": "K/N" for a share of the whole.
nlohmann::json execution_record(unsigned parallel, const Shard& shard, const std::vector<std::filesystem::path>& merged_from);

}  // namespace nwn::jobs

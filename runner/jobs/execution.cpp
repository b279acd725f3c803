#include "runner/jobs/execution.h"

#include <algorithm>
#include <map>
#include <thread>

#include "runner/jobs/job.h"
#include "runner/jobs/mpi_pool.h"

namespace nwn::jobs {

nlohmann::json execution_record(unsigned parallel, const Shard& shard, const std::vector<std::filesystem::path>& merged_from) {
    nlohmann::json j;
    if (!merged_from.empty()) {
        j["mode"] = "merge";
        j["merged_from"] = nlohmann::json::array();
        for (const auto& d : merged_from) j["merged_from"].push_back(std::filesystem::absolute(d).lexically_normal().string());
    } else if (mpi_workers() > 0) {
        j["mode"] = "mpi";
        j["world_size"] = mpi_workers() + 1;
        std::map<std::string, int> ranks;
        for (const auto& h : mpi_hosts()) ++ranks[h];
        j["hosts"] = ranks;
    } else {
        j["mode"] = "local";
        j["jobs"] = parallel > 0 ? parallel : std::max(1u, std::thread::hardware_concurrency());
    }
    if (!shard.whole()) j["shard"] = shard.label();
    return j;
}

}  // namespace nwn::jobs

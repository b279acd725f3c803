#include "distribution_options.h"

#include "common/error.h"

namespace nwn::cli {

void DistributionOptions::add_to(boost::program_options::options_description& opts, const std::string& points) {
    namespace po = boost::program_options;
    opts.add_options()("shard", po::value(&shard), ("K/N: run only the K-th of N shares of the " + points + " (a job array's task)").c_str())(
        "merge", po::value(&merge)->multitoken(),
        ("shard directories to gather into --out (give the shards' other options too); runs no " + points).c_str());
}

void DistributionOptions::apply(jobs::Shard& shard_out, std::vector<std::filesystem::path>& merge_out) const {
    try {
        if (!shard.empty()) shard_out = jobs::parse_shard(shard);
    } catch (const Error& e) {
        throw boost::program_options::error(e.what());  // a usage error, as for any malformed option
    }
    for (const auto& m : merge) merge_out.emplace_back(m);
}

std::string distribution_help(const std::string& points) {
    return "Under `mpirun -np N` the " + points + " run on N-1 worker ranks (rank 0 schedules and alone writes\n"
           "DIR). --shard K/N runs every N-th of them into its own DIR; the same command with --merge SHARD_DIRS\n"
           "and a new --out then writes what one unsharded run would have, running nothing.\n";
}

}  // namespace nwn::cli

// --shard and --merge, the same in nwn ensemble, sweep and phase-diagram (runner/jobs/shards.h).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "runner/jobs/shards.h"

namespace nwn::cli {

struct DistributionOptions {
    std::string shard;
    std::vector<std::string> merge;
    void add_to(boost::program_options::options_description& opts, const std::string& points);
    // Into the spec's fields; a bad --shard is a usage error (boost::program_options::error).
    void apply(jobs::Shard& shard_out, std::vector<std::filesystem::path>& merge_out) const;
};

// The help paragraph on MPI, shards and merges, for a command whose jobs are `points`.
std::string distribution_help(const std::string& points);

}  // namespace nwn::cli

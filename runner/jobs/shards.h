// Job arrays without MPI (Slurm --array and the like): `--shard K/N` runs a deterministic share of the
// points (every N-th, from the K-th: shares of equal cost mix) into the shard's own folder, and
// `--merge SHARD...` builds the tree the unsharded command would have written from the shards' finished
// job directories, without running anything.
#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace nwn::jobs {

struct Shard {
    unsigned index = 1, count = 1;  // K and N, 1 <= K <= N
    bool whole() const { return count == 1; }
    bool has(std::size_t point) const { return point % count == index - 1; }
    std::string label() const { return std::to_string(index) + "/" + std::to_string(count); }
};

// "K/N"; throws nwn::Error naming --shard.
Shard parse_shard(const std::string& text);

// The finished job directory `rel` copied from the first shard that has it (finished(dir) says so) into
// out/rel, replacing what is there (through a temporary name: a reader never sees half a copy); the
// shard it came from, or empty when none has it.
std::filesystem::path merge_job_dir(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& rel,
                                    const std::filesystem::path& out,
                                    const std::function<bool(const std::filesystem::path&)>& finished);

// After gathering: throws nwn::Error naming (up to five of) the `what`s no shard finished, if any.
void refuse_unmerged(const std::vector<std::string>& missing, const std::string& what);

// The shard directories of --merge: each must exist and differ from --out; throws nwn::Error.
void check_merge_dirs(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out);

}  // namespace nwn::jobs

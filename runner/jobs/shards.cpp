#include "runner/jobs/shards.h"

#include <cerrno>
#include <cstdlib>

#include "common/error.h"
#include "runner/jobs/job_files.h"

namespace fs = std::filesystem;

namespace nwn::jobs {

namespace {
bool whole_number(const std::string& s, unsigned long& v) {
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 9) return false;
    v = std::strtoul(s.c_str(), nullptr, 10);
    return true;
}
}  // namespace

Shard parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    unsigned long k = 0, n = 0;
    if (slash == std::string::npos || !whole_number(text.substr(0, slash), k) || !whole_number(text.substr(slash + 1), n) ||
        n < 1 || k < 1 || k > n)
        throw Error("--shard '" + text + "': expected K/N with 1 <= K <= N (e.g. 3/8: the third of eight shares)");
    return {static_cast<unsigned>(k), static_cast<unsigned>(n)};
}

void check_merge_dirs(const std::vector<fs::path>& shards, const fs::path& out) {
    if (shards.empty()) throw Error("--merge: name the shard directories");
    std::error_code ec;
    for (const auto& s : shards) {
        if (!fs::is_directory(s, ec)) throw Error("--merge " + s.string() + ": not a directory");
        if (fs::exists(out, ec) && fs::equivalent(s, out, ec))
            throw Error("--merge " + s.string() + ": is the --out directory; merge into a new one");
    }
}

void refuse_unmerged(const std::vector<std::string>& missing, const std::string& what) {
    if (missing.empty()) return;
    std::string names;
    for (std::size_t k = 0; k < missing.size() && k < 5; ++k) names += (k ? ", " : "") + missing[k];
    throw Error("--merge: " + std::to_string(missing.size()) + " " + what + "(s) not finished in any shard (" + names +
                (missing.size() > 5 ? ", ..." : "") + "): run or resume their shards first");
}

fs::path merge_job_dir(const std::vector<fs::path>& shards, const fs::path& rel, const fs::path& out,
                       const std::function<bool(const fs::path&)>& finished) {
    for (const auto& s : shards) {
        if (!finished(s / rel)) continue;
        const fs::path target = out / rel, temp = out / (rel.string() + ".merging");
        // What the shard's commands recorded names the shard's directory; a single run would have named --out.
        FileTree files = read_tree(s / rel);
        replace_in_tree(files, fs::absolute(s).lexically_normal().string(), fs::absolute(out).lexically_normal().string());
        fs::remove_all(temp);
        write_tree(temp, files);
        fs::remove_all(target);
        fs::rename(temp, target);
        return s;
    }
    return {};
}

}  // namespace nwn::jobs

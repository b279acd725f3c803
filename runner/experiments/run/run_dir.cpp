#include "runner/experiments/run/run_dir.h"

#include "common/error.h"

namespace nwn::exp {

namespace fs = std::filesystem;

void prepare_run_dir(const fs::path& dir, const std::vector<fs::path>& inputs) {
    std::error_code ec;
    const auto st = fs::status(dir, ec);
    if (fs::exists(st) && !fs::is_directory(st)) throw Error("--out " + dir.string() + " exists and is not a directory");
    fs::create_directories(dir, ec);
    if (ec) throw Error("cannot create --out " + dir.string() + ": " + ec.message());
    // Check every name before removing any, so a refusal leaves the previous run whole.
    std::vector<fs::path> stale;
    for (const char* name : kRunFiles) {
        const fs::path p = dir / name;
        const auto s = fs::symlink_status(p, ec);
        if (!fs::exists(s)) continue;
        bool is_input = false;
        for (const auto& in : inputs) is_input = is_input || fs::equivalent(p, in, ec);
        if (is_input) continue;
        if (!fs::is_regular_file(s) && !fs::is_symlink(s))
            throw Error(p.string() + " is in the way of this run's output and is not a regular file; "
                        "choose another --out or remove it");
        stale.push_back(p);
    }
    for (const auto& p : stale)
        if (!fs::remove(p, ec) || ec) throw Error("cannot remove the previous run's " + p.string() + ": " + ec.message());
}

}  // namespace nwn::exp

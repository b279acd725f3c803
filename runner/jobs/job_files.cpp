#include "runner/jobs/job_files.h"

#include <vector>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/format.h"
#include "runner/jobs/job.h"

namespace fs = std::filesystem;

namespace nwn::jobs {

namespace {
bool is_record(const std::string& rel) { return fs::path(rel).extension() == ".json"; }
}  // namespace

FileTree read_tree(const fs::path& dir) {
    FileTree files;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return files;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it)
        if (it->is_regular_file()) files[it->path().lexically_relative(dir).string()] = read_file(it->path());
    return files;
}

void mirror_tree(const fs::path& dir, const FileTree& files) {
    std::vector<fs::path> stale;
    std::error_code ec;
    if (fs::is_directory(dir, ec))
        for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it)
            if (it->is_regular_file() && !files.count(it->path().lexically_relative(dir).string())) stale.push_back(it->path());
    for (const auto& p : stale) fs::remove(p);
    for (const bool records : {false, true})
        for (const auto& [rel, text] : files) {
            if (is_record(rel) != records) continue;
            const fs::path p = dir / rel;
            fs::create_directories(p.parent_path());
            write_file_atomic(p, text);
        }
}

void write_tree(const fs::path& dir, const FileTree& files) {
    fs::create_directories(dir);
    for (const auto& [rel, text] : files) {
        const fs::path p = dir / rel;
        fs::create_directories(p.parent_path());
        write_file_atomic(p, text);
    }
}

void replace_in_tree(FileTree& files, const std::string& from, const std::string& to) {
    if (from.empty()) return;
    for (auto& [rel, text] : files)
        for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
}

std::string last_log_line(const fs::path& log) {
    std::error_code ec;
    if (!fs::is_regular_file(log, ec)) return "";
    const std::string text = read_file(log);
    std::size_t end = text.find_last_not_of(" \t\r\n");
    if (end == std::string::npos) return "";
    const std::size_t begin = text.rfind('\n', end);
    return message_text(std::string_view(text).substr(begin == std::string::npos ? 0 : begin + 1, end + 1 - (begin == std::string::npos ? 0 : begin + 1)), 500);
}

}  // namespace nwn::jobs

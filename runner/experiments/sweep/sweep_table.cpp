#include "runner/experiments/sweep/sweep_table.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/text_parse.h"

namespace nwn::exp {

std::string join_csv(const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + cells[i];
    return line;
}

std::vector<std::string> split_csv(const std::string& line) { return nwn::split(line, ','); }

SweepTable::SweepTable(std::filesystem::path path, std::vector<std::string> columns, std::size_t key_columns)
    : path_(std::move(path)), columns_(std::move(columns)), key_columns_(key_columns) {
    const std::string header = join_csv(columns_);
    if (!std::filesystem::exists(path_)) {
        write_file_atomic(path_, header + "\n");
        return;
    }
    const std::string text = read_file(path_);
    std::istringstream is(text);
    std::string line;
    std::getline(is, line);
    if (line != header)
        throw Error(path_.string() + " has the columns\n  " + line + "\nbut this sweep writes\n  " + header +
                    "\n(a different sweep: choose another --out, or delete the file to rebuild it from the run "
                    "directories)");
    bool rewrite = false;
    std::size_t consumed = header.size() + 1;
    while (std::getline(is, line)) {
        const bool complete = consumed + line.size() < text.size() || text.back() == '\n';
        consumed += line.size() + 1;
        const auto cells = split_csv(line);
        if (!complete || cells.size() != columns_.size()) {
            ++dropped_;
            rewrite = true;
            continue;
        }
        rows_[key_of(cells)] = line;
    }
    if (rewrite) {  // torn or foreign lines go; their points are summarised again from their run dirs
        std::string out = header + "\n";
        for (const auto& [key, l] : rows_) out += l + "\n";
        write_file_atomic(path_, out);
    }
}

std::string SweepTable::key_of(const std::vector<std::string>& cells) const {
    std::string key;
    for (std::size_t i = 0; i < key_columns_; ++i) key += (i ? ";" : "") + columns_[i] + "=" + cells[i];
    return key;
}

std::vector<std::string> SweepTable::cells(const std::string& key) const {
    auto it = rows_.find(key);
    return it == rows_.end() ? std::vector<std::string>{} : split_csv(it->second);
}

void SweepTable::append(const std::vector<std::string>& cells) {
    if (cells.size() != columns_.size()) throw Error("sweep row with " + std::to_string(cells.size()) + " cells");
    for (const auto& c : cells)
        if (c.find_first_of(",\"\n\r") != std::string::npos) throw Error("sweep cell '" + c + "' holds ',', '\"' or a newline");
    const std::string line = join_csv(cells);
    const std::string bytes = line + "\n";
    const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0) throw Error(path_.string() + ": cannot open for appending: " + std::strerror(errno));
    // One write() of the whole line: O_APPEND places it at the end in one piece.
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    const int err = errno;
    ::close(fd);
    if (n != static_cast<ssize_t>(bytes.size()))
        throw Error(path_.string() + ": appending a row failed: " + (n < 0 ? std::strerror(err) : "short write"));
    rows_[key_of(cells)] = line;
}

void SweepTable::finish(const std::vector<std::string>& keys) {
    std::string out = join_csv(columns_) + "\n";
    for (const auto& k : keys)
        if (auto it = rows_.find(k); it != rows_.end()) out += it->second + "\n";
    write_file_atomic(path_, out);
}

}  // namespace nwn::exp

// Outputs are written to a temporary file next to the target and renamed into place on commit(),
// so an interrupted run never leaves a half-written file that looks complete. A symbolic link is
// written through (its final target is replaced, not the link); a directory, device, FIFO or socket
// at the target is refused with an Error, never replaced.
#pragma once
#include <filesystem>
#include <fstream>
#include <string>

namespace nwn {

class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path target, std::ios::openmode mode = std::ios::out);
    ~AtomicFile();  // discards the temporary file unless commit() succeeded
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ofstream& stream() { return out_; }
    // Flushes, fsyncs and renames onto the target; throws nwn::Error on failure.
    void commit();

private:
    std::filesystem::path target_;
    std::filesystem::path temp_;
    std::ofstream out_;
    bool committed_ = false;
};

// Writes `content` to `path` atomically.
void write_file_atomic(const std::filesystem::path& path, const std::string& content);

// Reads a whole file; throws nwn::Error naming the file when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace nwn

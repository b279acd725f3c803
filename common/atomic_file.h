// Files out and in. Outputs are written to a temporary file next to the target and renamed into place on commit(),
// so an interrupted run never leaves a half-written file that looks complete. A symbolic link is
// written through (its final target is replaced, not the link); a directory, device, FIFO or socket
// at the target is refused with an Error, never replaced.
#pragma once
#include <cstdint>
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

// Removes the temporary files of AtomicFiles whose process was killed (SIGKILL, a crash: one was 306 MB)
// in `dir`, and in every directory below it when `recursive`; a temporary file of a process still alive on
// this machine is kept. Called where a directory becomes a command's own (a run directory prepared, the
// lock of a sweep, ensemble or phase diagram taken). Returns how many were removed.
std::size_t remove_stale_temp_files(const std::filesystem::path& dir, bool recursive = false);

// Writes `content` to `path` atomically.
void write_file_atomic(const std::filesystem::path& path, const std::string& content);

// Inputs (decks and their .include files, networks, CSV and JSON files, recordings, raw files) are read
// only from regular files: a FIFO would block, a device such as /dev/zero never ends, a directory is no
// file. Each helper throws nwn::Error naming the file instead. A regular file bounds a streamed read by
// its size; what is read whole is bounded by kMaxInputBytes.
inline constexpr std::uintmax_t kMaxInputBytes = std::uintmax_t{1} << 30;  // 1 GiB

// Throws unless `path` (through symbolic links) is a regular file; opens nothing, so it cannot block.
void check_input_file(const std::filesystem::path& path);

// check_input_file, then the file opened for reading (to be streamed).
std::ifstream open_input(const std::filesystem::path& path, std::ios::openmode mode = std::ios::in);

// Reads a whole regular file of at most kMaxInputBytes (one that grows past it while read is refused).
std::string read_file(const std::filesystem::path& path);

}  // namespace nwn

// A job directory as data: what an MPI worker receives and sends back (mpi_pool.h).
#pragma once
#include <filesystem>
#include <map>
#include <string>

namespace nwn::jobs {

using FileTree = std::map<std::string, std::string>;  // path relative to the directory -> contents

// Every regular file under `dir` (none when it does not exist).
FileTree read_tree(const std::filesystem::path& dir);

// Makes the regular files under `dir` equal `files`: each written atomically (*.json, the status
// records, last, so a reader never sees a status before its data), files not in `files` removed.
void mirror_tree(const std::filesystem::path& dir, const FileTree& files);

// Writes `files` under a new `dir` (a worker's scratch copy).
void write_tree(const std::filesystem::path& dir, const FileTree& files);

// Every occurrence of `from` in every file replaced by `to`: a worker's scratch path becomes the job
// directory in what its commands recorded (run.json's command line, paths of generated inputs).
void replace_in_tree(FileTree& files, const std::string& from, const std::string& to);

}  // namespace nwn::jobs

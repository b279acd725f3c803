// Reading a whole JSON file, in the two ways the outputs of nwn need: a file that must be there and
// valid (an error naming it otherwise), and a file whose absence is a state, e.g. the record of a
// point a child has not finished (null, also for a file torn by a killed child).
#pragma once
#include <filesystem>

#include <nlohmann/json.hpp>

namespace nwn::io {

// Throws nwn::Error "FILE: cannot open: …" or "FILE: not valid JSON (…)".
nlohmann::json read_json_file(const std::filesystem::path& path);

// null when the file is missing, unreadable or not valid JSON.
nlohmann::json read_json_file_or_null(const std::filesystem::path& path);

}  // namespace nwn::io

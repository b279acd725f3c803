#include "runner/io/json_file.h"

#include "common/atomic_file.h"
#include "common/error.h"

namespace nwn::io {

nlohmann::json read_json_file(const std::filesystem::path& path) {
    const std::string text = read_file(path);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Error(path.string() + ": not valid JSON (" + e.what() + ")");
    }
}

nlohmann::json read_json_file_or_null(const std::filesystem::path& path) {
    try {
        return nlohmann::json::parse(read_file(path));
    } catch (const std::exception&) {  // nwn::Error (cannot open) or a JSON parse error
        return nullptr;
    }
}

}  // namespace nwn::io

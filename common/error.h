// The one exception type for bad input and failed work: its message names the file, line or
// parameter at fault, and the CLI turns it into a message and a non-zero exit.
#pragma once
#include <stdexcept>
#include <string>

namespace nwn {

struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// "FILE:LINE: message" (LINE omitted when 0).
inline Error file_error(const std::string& file, std::size_t line, const std::string& msg) {
    // Appended piece by piece: `":" + std::to_string(line)` (a literal before a temporary string) makes
    // GCC 12 at -O3 warn a false -Wrestrict, an error in a Release build with -DNWN_WERROR=ON.
    std::string where = file;
    if (line) {
        where += ':';
        where += std::to_string(line);
    }
    where += ": ";
    where += msg;
    return Error(where);
}

}  // namespace nwn

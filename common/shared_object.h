// A shared object checked before ngspice dlopen()s it: ngspice maps a device library as it is, so a
// truncated copy of nwnjunction.osdi or nwnspice.cm crashed nwn (SIGBUS) instead of being refused.
#pragma once
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

namespace nwn {

// Throws nwn::Error naming `file` (described as `what`, e.g. "OSDI library") unless it is a complete ELF
// shared object of this machine's class, byte order and architecture (every program and section header,
// and every segment and section they describe, lies within the file) whose dynamic symbol table defines
// each of `symbols`. The message of a missing symbol reads "undefined symbol: NAME", as dlopen's would.
void check_shared_object(const std::filesystem::path& file, const std::string& what,
                         std::initializer_list<std::string_view> symbols);

}  // namespace nwn

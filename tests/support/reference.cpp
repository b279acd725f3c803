#include "support/reference.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>

#include "support/skip.h"
#include "nwn_config.h"

namespace nwn::test {

std::optional<std::filesystem::path> reference_dir(const std::string& why) {
    const char* env = std::getenv("NWN_REFERENCE_DIR");
    std::filesystem::path dir = env && *env ? env : NWN_REFERENCE_DIR_DEFAULT;
    if (std::filesystem::is_directory(dir / "nwnsim")) return dir;
    skip("reference", "NWNsim reference data not found at " + dir.string() + " (set NWN_REFERENCE_DIR); cannot check " + why);
    return std::nullopt;
}

std::filesystem::path build_dir() { return NWN_BUILD_DIR; }
std::filesystem::path source_dir() { return NWN_SOURCE_DIR; }
std::filesystem::path nwn_binary() { return build_dir() / "bin" / "nwn"; }
std::filesystem::path codemodel_path() { return build_dir() / "lib" / "nwnspice.cm"; }

std::filesystem::path scratch_dir(const std::string& name) {
    auto dir = build_dir() / "test-scratch" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

int run_command(const std::string& cmd, std::string* output) {
    std::string full = cmd + " 2>&1";
    FILE* p = ::popen(full.c_str(), "r");
    if (!p) return -1;
    std::array<char, 4096> buf{};
    std::string out;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    int status = ::pclose(p);
    if (output) *output = out;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace nwn::test

// Shared by the libFuzzer harnesses: a per-process scratch directory for parsers that read files, and
// the rule that nwn::Error is the one expected way for bad input to fail (anything else escapes and is
// a finding: libFuzzer reports an uncaught exception as a crash).
#pragma once
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "common/error.h"

namespace nwn::fuzz {

// /dev/shm when present (the readers take paths, and a tmpfs keeps a write per execution cheap), one
// directory per process so parallel jobs (-jobs) never share files. Removed at a normal exit; after a
// crash bench/fuzz.sh removes it.
inline const std::filesystem::path& scratch_dir() {
    static const std::filesystem::path dir = [] {
        std::filesystem::path base =
            std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
        if (const char* env = std::getenv("NWN_FUZZ_TMP")) base = env;
        auto d = base / ("nwn-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        static struct Cleanup {
            std::filesystem::path p;
            ~Cleanup() {
                std::error_code ec;
                std::filesystem::remove_all(p, ec);
            }
        } cleanup{d};
        return d;
    }();
    return dir;
}

inline std::filesystem::path write_input(const std::string& name, const std::uint8_t* data, std::size_t size) {
    auto path = scratch_dir() / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out) std::abort();  // a full tmpfs would otherwise look like a parser finding
    return path;
}

// A broken invariant of an accepted input: abort so libFuzzer keeps the input as a crash.
[[noreturn]] inline void invariant_failed(const char* what) {
    std::fprintf(stderr, "nwn fuzz: invariant failed: %s\n", what);
    std::abort();
}

}  // namespace nwn::fuzz

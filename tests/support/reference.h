// Test helpers shared by every suite: where the NWNsim reference data and the build products are.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "support/skip.h"

namespace nwn::test {

// NWN_REFERENCE_DIR from the environment, else the CMake setting (default ../shared/reference).
// When the directory is absent, skips the test (support/skip.h, capability "reference") and returns
// nullopt; the caller returns early.
std::optional<std::filesystem::path> reference_dir(const std::string& why);

std::filesystem::path build_dir();
std::filesystem::path source_dir();
std::filesystem::path nwn_binary();       // build/bin/nwn
std::filesystem::path codemodel_path();   // build/lib/nwnspice.cm

// A fresh empty directory under the build tree for one test's files.
std::filesystem::path scratch_dir(const std::string& name);

// Runs a shell command, returns its exit status; stdout+stderr captured into *output when given.
int run_command(const std::string& cmd, std::string* output = nullptr);

}  // namespace nwn::test

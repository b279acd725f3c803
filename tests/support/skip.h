// Skipping a test honestly: a skip is an exit status (kSkipExitCode, CTest's SKIP_RETURN_CODE), never
// a word in the output, so a test that failed is reported as failed whatever it printed.
#pragma once
#include <string>
#include <string_view>

namespace nwn::test {

// The exit status CTest reads as "skipped" (tests/CMakeLists.txt passes the same number).
inline constexpr int kSkipExitCode = NWN_TEST_SKIP_CODE;

// True when `capability` (e.g. "ngspice46", "mpi", "chromium", "reference") is listed in the
// comma-separated environment variable NWN_REQUIRE: a machine that must have it (CI) fails instead of
// skipping.
bool required(std::string_view capability);

// Reports the running test case as skipped for want of `capability`: prints "SKIPPED: <why>" and makes
// the process exit with kSkipExitCode, unless an assertion failed (the process then fails as usual).
// When the capability is required (NWN_REQUIRE), fails the test case instead (throws, as FAIL does).
// The caller returns after it.
void skip(std::string_view capability, const std::string& why);

// The process's exit status from Catch's: a failure stays a failure (and never equals kSkipExitCode),
// a run without failures that skipped anything exits kSkipExitCode.
int exit_status(int catch_status);

}  // namespace nwn::test

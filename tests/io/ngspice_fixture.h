// Raw files for the io tests come from the real ngspice CLI, so the reader is checked against what
// ngspice actually writes rather than against our own idea of the format.
#pragma once
#include <filesystem>
#include <string>

namespace nwn::test {

// RC low-pass used by every deck: R = 1 kOhm, C = 1 uF, so tau = 1 ms and the corner is 159.15 Hz.
inline constexpr double rc_R = 1e3;
inline constexpr double rc_C = 1e-6;
inline constexpr double rc_tau = rc_R * rc_C;
inline constexpr double rc_rise = 1e-9;  // the input step is a 0 -> 1 V ramp over 1 ns

enum class RawKind { binary, ascii };

// `ngspice -b -r <dir>/<name>.raw` on the RC deck with the given analysis lines (".tran 10u 5m\n.ac ...").
// REQUIREs that ngspice succeeds and returns the raw file's path.
std::filesystem::path run_rc_deck(const std::filesystem::path& dir, const std::string& name,
                                  const std::string& analyses, RawKind kind);

// The standard two-plot file: ".ac dec 5 10 100k" (plot 1, complex, 21 points) then ".tran 10u 5m"
// (plot 2, real).
std::filesystem::path run_rc_ac_tran(const std::filesystem::path& dir, RawKind kind);

// Exact RC response to the 0 -> 1 V ramp over rc_rise.
double rc_step_response(double t);

std::string read_bytes(const std::filesystem::path& path);
void write_bytes(const std::filesystem::path& path, const std::string& bytes);

}  // namespace nwn::test

// The external engine: the ngspice CLI in batch mode (`ngspice -b -r ngspice.raw deck.cir`) as a child
// process in a work directory, under a wall-clock limit; its raw file is then read by runner/io.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace nwn::engine {

struct CliRun {
    std::string status;   // completed | interrupted | failed
    std::string message;  // ngspice's error lines, or why it stopped
    std::optional<std::filesystem::path> raw;  // the raw file, when ngspice wrote one (possibly truncated)
    std::string log;
};

// Which ngspice executable: the one on PATH, or another build (e.g. the OSDI-enabled 46) with the
// directory of its init script (SPICE_SCRIPTS; see cmake/Ngspice46.cmake for why it must be private).
struct CliProgram {
    std::string binary = "ngspice";
    std::string scripts_dir;  // empty: ngspice's own
};

// Runs deck (absolute path) with dir as working directory. A code model (.cm) or OSDI device (.osdi)
// is loaded through a .spiceinit written into dir (batch mode reads it before the deck; `codemodel`
// and `osdi` keep the path's case). The pid of the child is published through on_child (0 when it
// ended), so that Ctrl-C can terminate it.
CliRun run_ngspice_cli(const std::filesystem::path& dir, const std::filesystem::path& deck,
                       const std::optional<std::filesystem::path>& device, double wall_limit_s,
                       void (*on_child)(int pid) = nullptr, bool (*interrupted)() = nullptr,
                       const CliProgram& program = {});

// The lines of an ngspice log that report errors ("Error", "Timestep too small", "MIF-ERROR", ...).
std::string ngspice_error_lines(const std::string& log);

// ngspice reports the cause of a failed operating point only as a warning ("singular matrix: check
// node v1#branch"); for a failed run, this turns the first such line into a sentence naming the node and
// what usually makes it singular. Empty when the output holds none.
std::string singular_matrix_hint(const std::string& output);

}  // namespace nwn::engine

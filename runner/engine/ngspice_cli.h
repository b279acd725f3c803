// The external engine: the ngspice CLI in batch mode (`ngspice -b -r ngspice.raw deck.cir`) as a child
// process in a work directory (runner/jobs' run_child: it dies with nwn, stops on interrupt), under a
// wall-clock limit. When ngspice has ended, the engine reads its raw
// file and delivers the transient's points to a recorder like the libngspice session does (run_types.h).
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "runner/engine/run_types.h"

namespace nwn::engine {

// Which ngspice executable: the one on PATH, or another build (e.g. the OSDI-enabled 46) with the
// directory of its init script (SPICE_SCRIPTS; see cmake/Ngspice46.cmake for why it must be private).
struct CliProgram {
    std::string binary = "ngspice";
    std::string scripts_dir;  // empty: ngspice's own
};

struct CliOptions {
    // A code model (.cm) or OSDI device (.osdi), loaded through a .spiceinit written into the work
    // directory (batch mode reads it before the deck; `codemodel` and `osdi` keep the path's case).
    std::optional<std::filesystem::path> device;
    double wall_limit_s = 0;  // 0 = none
    CliProgram program;
};

// Runs deck (absolute path) with dir as working directory (ngspice.log and the raw file land there; the
// raw file is removed once read). The transient plot's layout goes to on_layout (scale: "time") and each
// of its points to recorder; a raw file truncated by a failed ngspice still delivers its complete points.
// A stop request (common/cancel.h) ends ngspice and the run as interrupted.
// Never throws for simulation failures (an unreadable raw file fails the run); throws nwn::Error when
// ngspice cannot be started.
RunOutcome run_ngspice_cli(const std::filesystem::path& dir, const std::filesystem::path& deck, const CliOptions& options,
                           const Recorder& recorder = {}, const LayoutCallback& on_layout = {});

}  // namespace nwn::engine

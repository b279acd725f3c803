// The demo (`nwn demo`, run by scripts/demo.sh): a default random network (about 1000 wires at 0.1
// wires/um², bar electrodes), driven at V* = 1 through the XSPICE code model in libngspice, its junction
// events and avalanche analysis, the figures and a network picture coloured by the final filament
// states, and a short summary for humans that says plainly when one short run cannot support a fit.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "runner/experiments/network_run.h"

namespace nwn::exp {

struct DemoSpec {
    std::filesystem::path out;
    double vstar = 1.0;
    double tstop = 10.0;  // s; ~1 min of libngspice on one core for the default network
    std::uint32_t seed = 0;
    Engine engine = Engine::Libngspice;
    std::optional<std::filesystem::path> codemodel;
    bool quiet = false;
    std::string command_line;
};

struct DemoReport {
    std::string status;   // the run's: completed | interrupted | failed
    std::string summary;  // several lines for humans (also in DIR/summary.txt)
    std::size_t head_length = 0;  // the summary's first part, printed (unless quiet) before the run
    double wall_s = 0;
};

// Throws nwn::Error for bad settings or when no fixed seed gives connected electrodes.
DemoReport run_demo(const DemoSpec& spec);

}  // namespace nwn::exp

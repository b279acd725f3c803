// The demo (`nwn demo`, run by scripts/demo.sh): Hochstetter et al.'s results reproduced in a few
// minutes and shown in a browser report, DIR/index.html. Four sections, each a set of nwn commands run
// as child processes (their exact command lines are in the report) plus the analysis that compares
// their outputs with the paper's and NWNsim's numbers:
//   activation   NWNsim's 100-wire network under DC in libngspice (code model): G(t) for several V*, the
//                first conducting path, the golden comparison with NWNsim's stored 1.8 V run
//   avalanches   a native ensemble at V* = 1: size/lifetime distributions, crackling relation, IEI; one
//                member re-run in libngspice and compared event for event; the drift from a power law
//                below and above V* = 1
//   chaos        the maximal Lyapunov exponent and NLT accuracy at A = 1.25 V for a few frequencies, across the
//                edge at 0.85 Hz for a few amplitudes, and nwn edge-control holding the network at λ ≈ 0
//   cosim        a CMOS co-simulation example (pulse generator -> network -> TIA)
//   reservoir    a 4 × 4 pad array on NARMA-10 (native and libngspice) and the digits, with the baselines
// Sections that need NWNsim's reference data are reported as skipped without it.
#pragma once
#include "common/progress.h"
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace nwn::exp {

enum class DemoMode { Quick, Default, Full };

struct DemoSpec {
    std::filesystem::path out;
    DemoMode mode = DemoMode::Default;
    std::vector<std::string> sections;            // empty = all (activation, avalanches, chaos, cosim)
    std::optional<std::filesystem::path> reference;  // NWNsim's data: DIR or DIR/nwnsim; default NWN_REFERENCE_DIR
    std::optional<std::filesystem::path> examples;   // the CMOS example decks; default the source tree's examples/
    unsigned jobs = 0;                           // parallel child processes; 0 = cores
    std::filesystem::path nwn_binary;            // the nwn the children run
    bool quiet = false;
    ProgressStages progress;  // a bar per stage (children run, out of those to run); none when empty
    std::string command_line;
};

struct DemoResult {
    bool interrupted = false;
    bool all_ok = false;     // every section that ran completed
    std::string summary;     // a few lines for the terminal (also DIR/summary.txt)
    std::filesystem::path report;
};

// Throws nwn::Error for bad settings.
DemoResult run_demo(const DemoSpec& spec);

const char* demo_mode_name(DemoMode m);
std::vector<std::string> demo_section_names();

}  // namespace nwn::exp

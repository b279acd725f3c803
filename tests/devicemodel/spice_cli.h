// Runs a deck in the plain ngspice CLI (batch mode), with our code model loaded through a .spiceinit
// in the deck's directory, and reads the columns it writes with wrdata.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace nwn::test {

struct SpiceColumns {
    std::vector<double> t;
    std::map<std::string, std::vector<double>> v;  // by the name given to wrdata
    std::string log;                               // ngspice's output
};

// Writes `deck` (without .control/.end) to dir/deck.cir, appends a control block that runs the analysis
// and writes `vectors` with wrdata, runs ngspice -b, and parses the result. Throws on failure.
SpiceColumns run_ngspice(const std::filesystem::path& dir, const std::string& deck,
                         const std::vector<std::string>& vectors, bool load_codemodel);

}  // namespace nwn::test

namespace nwn::test {

// The same deck (no .control) run in-process by libngspice (nwn_engine) with nwnspice.cm loaded; the
// vectors are recorded from the streamed points.
SpiceColumns run_libngspice(const std::string& deck, const std::vector<std::string>& vectors);

}  // namespace nwn::test

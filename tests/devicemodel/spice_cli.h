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

// The same in the second, OSDI-enabled ngspice of the build (cmake/Ngspice46.cmake) with
// nwnjunction.osdi loaded. Returns false (after printing "SKIPPED: …", which CTest reports) when the
// build has no such ngspice.
bool have_ngspice46(const std::string& why);
SpiceColumns run_ngspice46_osdi(const std::filesystem::path& dir, const std::string& deck,
                                const std::vector<std::string>& vectors);

}  // namespace nwn::test

namespace nwn::test {

// The same deck (no .control) run in-process by libngspice (nwn_engine) with nwnspice.cm loaded; the
// vectors are recorded from the streamed points.
SpiceColumns run_libngspice(const std::string& deck, const std::vector<std::string>& vectors);

// The same in the build's libngspice 46 with nwnjunction.osdi. One libngspice per process: a test case
// using this must not also use run_libngspice (CTest runs every test case as its own process).
SpiceColumns run_libngspice46_osdi(const std::string& deck, const std::vector<std::string>& vectors);

}  // namespace nwn::test

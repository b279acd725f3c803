#include "spice_cli.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "support/reference.h"
#include "nwn_config.h"

namespace nwn::test {

namespace {

SpiceColumns run_in(const std::filesystem::path& dir, const std::string& deck, const std::vector<std::string>& vectors,
                    const std::string& spiceinit, const std::string& program) {
    std::ofstream(dir / ".spiceinit") << spiceinit;
    std::ostringstream names;
    for (const auto& v : vectors) names << " " << v;
    std::ofstream(dir / "deck.cir") << deck << "\n.control\nset wr_vecnames\nset wr_singlescale\nrun\nwrdata "
                                    << (dir / "out.txt").string() << names.str() << "\nquit 0\n.endc\n.end\n";
    SpiceColumns out;
    int rc = run_command("cd " + dir.string() + " && timeout 300 " + program + " -b deck.cir", &out.log);
    std::ifstream in(dir / "out.txt");
    // In batch mode a .control block makes ngspice exit 1 ("no simulations run") unless it quits
    // itself, so failures are recognised from its messages.
    for (const char* bad : {"Error", "error:", "aborted", "too small", "MIF-ERROR"})
        if (out.log.find(bad) != std::string::npos) rc = rc ? rc : 1;
    if (rc != 0 || !in) throw std::runtime_error("ngspice failed (" + std::to_string(rc) + "):\n" + out.log);
    std::string header;
    std::getline(in, header);
    std::vector<std::string> cols;
    std::istringstream hs(header);
    for (std::string c; hs >> c;) cols.push_back(c);
    for (std::string line; std::getline(in, line);) {
        std::istringstream ls(line);
        double x;
        for (size_t i = 0; i < cols.size() && ls >> x; ++i) {
            if (i == 0) out.t.push_back(x);
            else out.v[vectors[i - 1]].push_back(x);
        }
    }
    if (out.t.empty()) throw std::runtime_error("ngspice wrote no data:\n" + out.log);
    return out;
}

}  // namespace

SpiceColumns run_ngspice(const std::filesystem::path& dir, const std::string& deck,
                         const std::vector<std::string>& vectors, bool load_codemodel) {
    return run_in(dir, deck, vectors, load_codemodel ? "codemodel " + codemodel_path().string() + "\n" : "", "ngspice");
}

bool have_ngspice46(const std::string& why) {
    if (std::string(NWN_NGSPICE46_BIN).empty()) {
        skip("ngspice46", "this build has no OSDI-enabled ngspice (cmake -DNGSPICE46=...); cannot check " + why);
        return false;
    }
    return true;
}

SpiceColumns run_ngspice46_osdi(const std::filesystem::path& dir, const std::string& deck,
                                const std::vector<std::string>& vectors) {
    return run_in(dir, deck, vectors, "osdi " + (build_dir() / "lib/nwnjunction.osdi").string() + "\n",
                  "env SPICE_SCRIPTS=" + std::string(NWN_NGSPICE46_SCRIPTS) + " OMP_WAIT_POLICY=passive " +
                      NWN_NGSPICE46_BIN);
}

}  // namespace nwn::test

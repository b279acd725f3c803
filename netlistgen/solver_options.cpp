#include "netlistgen/solver_options.h"

#include <algorithm>
#include <cctype>

namespace nwn::net {

std::vector<std::string> deck_solver_options(int ngspice_major) {
    std::vector<std::string> lines = {
        "* Solver: gear integration is stable on the stiff filament-state nodes; reltol 1e-4 is a starting",
        "* point (to be tuned against reference runs)."};
    if (ngspice_major >= 42) {
        lines.push_back("* ngspice " + std::to_string(ngspice_major) + ": KLU sparse solver.");
        lines.push_back(".options klu method=gear reltol=1e-4");
    } else {
        lines.push_back("* ngspice " + std::to_string(ngspice_major) + ": Sparse 1.3 (KLU came with ngspice 42; 39 ignores it).");
        lines.push_back(".options method=gear reltol=1e-4");
    }
    return lines;
}

bool pre_codemodel_can_load(const std::filesystem::path& codemodel) {
    const std::string s = codemodel.string();
    return std::none_of(s.begin(), s.end(), [](unsigned char c) { return std::isupper(c) || std::isspace(c); });
}

std::string spiceinit_text(const std::filesystem::path& codemodel) {
    return "* written by nwn netlist: loads the nwnspice code model before any circuit is read\ncodemodel " +
           codemodel.string() + "\n";
}

}  // namespace nwn::net

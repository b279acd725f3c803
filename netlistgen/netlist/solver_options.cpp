#include "netlistgen/netlist/solver_options.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "common/error.h"

namespace nwn::net {

SparseSolver parse_sparse_solver(const std::string& name) {
    if (name == "auto") return SparseSolver::Auto;
    if (name == "klu") return SparseSolver::Klu;
    if (name == "sparse") return SparseSolver::Sparse;
    throw Error("unknown sparse solver '" + name + "' (auto, klu or sparse)");
}

std::vector<std::string> deck_solver_options(int ngspice_major, SparseSolver solver) {
    std::vector<std::string> lines = {
        "* Solver: trapezoidal (ngspice's default) at reltol 1e-4, with the explicit maximum step of .tran.",
        "* Validated against a reference integration of junction.h (README, Validation): Gear-2 at the same",
        "* settings gave 2 % conductance errors on fast switching, trapezoidal 0.5 %. trtol=1: ngspice forces it",
        "* with any A device; the portable subcircuit needs it too, since lambda's truncation tolerance is",
        "* trtol*abstol/cstate per second (at ngspice's trtol 7 it lost 6 % of G at activation)."};
    if (ngspice_major >= 42 && solver == SparseSolver::Sparse) {
        lines.push_back("* ngspice " + std::to_string(ngspice_major) + ": Sparse 1.3 as asked (KLU is the faster choice on networks).");
        lines.push_back(".options sparse reltol=1e-4 trtol=1");
    } else if (ngspice_major >= 42) {
        lines.push_back("* ngspice " + std::to_string(ngspice_major) + ": KLU sparse solver.");
        lines.push_back(".options klu reltol=1e-4 trtol=1");
    } else {
        if (solver == SparseSolver::Klu)
            throw Error("KLU needs ngspice 42 or newer (the deck is written for ngspice " + std::to_string(ngspice_major) + ")");
        lines.push_back("* ngspice " + std::to_string(ngspice_major) + ": Sparse 1.3 (KLU came with ngspice 42; 39 ignores it).");
        lines.push_back(".options reltol=1e-4 trtol=1");
    }
    return lines;
}

bool pre_codemodel_can_load(const std::filesystem::path& codemodel) {
    const std::string s = codemodel.string();
    return std::none_of(s.begin(), s.end(), [](unsigned char c) { return std::isupper(c) || std::isspace(c); });
}

std::string spiceinit_text(const std::filesystem::path& device) {
    const bool osdi = device.extension() == ".osdi";
    return std::string("* written by nwn netlist: loads the nwnspice ") + (osdi ? "OSDI device" : "code model") +
           " before any circuit is read\n" + device_load_command(device) + "\n";
}

std::string device_load_command(const std::filesystem::path& device) {
    const std::string s = device.string();
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f || std::string_view("'\"$*?[]{}~\\`").find(static_cast<char>(c)) != std::string_view::npos)
            throw Error("ngspice cannot load " + s + ": its path contains " +
                        (c < 0x20 || c == 0x7f ? std::string("a control character") : "'" + std::string(1, c) + "'") +
                        ", which ngspice's command parser interprets; move or link it to a plainer path");
    return (device.extension() == ".osdi" ? "osdi '" : "codemodel '") + s + "'";
}

}  // namespace nwn::net

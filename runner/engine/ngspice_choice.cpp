#include "runner/engine/ngspice_choice.h"

#include <cstdlib>
#include <filesystem>

#include "common/error.h"
#include "netlistgen/netlist/resource_paths.h"
#include "netlistgen/netlist/solver_options.h"
#include "runner/engine/ngspice_session.h"
#include "nwn_config.h"

namespace nwn::engine {

namespace {

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return !a.empty() && !b.empty() && std::filesystem::equivalent(a, b, ec);
}

}  // namespace

bool have_osdi_ngspice() { return !std::string(NWN_NGSPICE46_LIB).empty() && !std::string(NWN_NGSPICE46_BIN).empty(); }

net::Flavour resolve_flavour(const std::optional<net::Flavour>& flavour, bool codemodel_given) {
    if (flavour) return *flavour;
    return have_osdi_ngspice() && !codemodel_given ? net::Flavour::Osdi : net::Flavour::Codemodel;
}

NgspiceChoice choose_ngspice(net::Flavour flavour, const std::string& library, const std::string& binary) {
    const std::string lib46 = NWN_NGSPICE46_LIB, bin46 = NWN_NGSPICE46_BIN, scripts46 = NWN_NGSPICE46_SCRIPTS;
    NgspiceChoice c;
    c.library = library;
    c.binary = binary.empty() ? "ngspice" : binary;
    if (flavour == net::Flavour::Osdi) {
        c.major = 46;
        if (library.empty()) c.library = lib46;
        if (binary.empty()) c.binary = bin46;
        if (c.library.empty() || c.binary.empty())
            throw Error("the osdi flavour needs an ngspice built with OSDI (42 or newer for KLU), and this build of "
                        "nwn has none configured (cmake -DNGSPICE46=<unpacked ngspice tree>); pass --ngspice-lib "
                        "(libngspice engine) or --ngspice-bin (ngspice-cli engine)");
    }
    // The configured second ngspice needs its private init script; any other build is on its own,
    // unless NWN_NGSPICE_SCRIPTS says where its spinit is.
    if (same_file(c.library, lib46) || same_file(c.binary, bin46)) c.scripts_dir = scripts46;
    if (const char* e = std::getenv("NWN_NGSPICE_SCRIPTS"); e && *e) c.scripts_dir = e;
    return c;
}

std::optional<std::filesystem::path> junction_device(net::Flavour flavour,
                                                     const std::optional<std::filesystem::path>& codemodel,
                                                     const std::optional<std::filesystem::path>& osdi) {
    if (flavour == net::Flavour::Codemodel) return net::find_codemodel(codemodel);
    if (flavour == net::Flavour::Osdi) return net::find_osdi_device(osdi);
    return std::nullopt;
}

void load_junction_device(Session& session, net::Flavour flavour,
                          const std::optional<std::filesystem::path>& codemodel,
                          const std::optional<std::filesystem::path>& osdi) {
    const auto device = junction_device(flavour, codemodel, osdi);
    if (!device) return;
    if (flavour == net::Flavour::Osdi) {
        session.command(net::device_load_command(*device));
        return;
    }
    const std::string version = session.ngspice_version(), built_for = NWN_NGSPICE_VERSION;
    if (version.rfind(built_for.substr(0, 2), 0) != 0)
        throw Error("the code model nwnspice.cm was built for ngspice " + built_for + " and " + session.library_path() +
                    " is ngspice " + version + ": use --flavour osdi there");
    session.load_codemodel(device->string());
}

}  // namespace nwn::engine

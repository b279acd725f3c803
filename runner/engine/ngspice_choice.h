// Which ngspice a SPICE run uses. The code model (.cm) loads only in the ngspice whose source it was
// built against (the system's 39.3); the OSDI device loads in any OSDI-enabled ngspice, by default
// the one configured at build time (cmake/Ngspice46.cmake: bookworm-backports' 46, KLU).
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "netlistgen/netlist/netlist_writer.h"

namespace nwn::engine {

class Session;

struct NgspiceChoice {
    std::string library;      // libngspice to dlopen; empty = the system's
    std::string binary;       // ngspice CLI; "ngspice" = the one on PATH
    std::string scripts_dir;  // SPICE_SCRIPTS for it; empty = ngspice's own
    int major = 39;           // what the deck is written for (>= 42: .options klu)
};

// Whether this build has an OSDI-enabled ngspice configured (cmake/Ngspice46.cmake).
bool have_osdi_ngspice();

// The flavour "auto" (none) stands for: osdi where this build has an OSDI-enabled ngspice (KLU, 3-4x faster on
// networks of thousands of junctions, docs/benchmarks.md, "SPICE at scale") and no code model was asked for, else
// codemodel. A given flavour is returned unchanged.
net::Flavour resolve_flavour(const std::optional<net::Flavour>& flavour, bool codemodel_given);

// --ngspice-lib / --ngspice-bin when given (empty otherwise). Throws nwn::Error when the osdi flavour
// has no OSDI-enabled ngspice to run in.
NgspiceChoice choose_ngspice(net::Flavour flavour, const std::string& library, const std::string& binary);

// The device file a flavour loads (nwnspice.cm or nwnjunction.osdi, found as resource_paths.h says), or
// nothing for the portable subcircuit.
std::optional<std::filesystem::path> junction_device(net::Flavour flavour,
                                                     const std::optional<std::filesystem::path>& codemodel,
                                                     const std::optional<std::filesystem::path>& osdi);

// Loads that device into a session before any circuit. Throws nwn::Error when the code model would go
// into an ngspice other than the one it was built for (it would crash there).
void load_junction_device(Session& session, net::Flavour flavour,
                          const std::optional<std::filesystem::path>& codemodel,
                          const std::optional<std::filesystem::path>& osdi);

}  // namespace nwn::engine

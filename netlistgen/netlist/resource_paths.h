// Where the junction device files are: the XSPICE code model nwnspice.cm and the OSDI library
// nwnjunction.osdi (each holding every junction model's device), and the portable subcircuit library
// <device>.lib of each model (nwnjunction.lib for the default model). Order: the explicit path (CLI --cm /
// --lib), then the environment (NWN_CODEMODEL / NWN_SUBCKT_LIB), then next to the running executable
// (/proc/self/exe):
//   <exe>/../lib/nwnspice.cm (build tree), <exe>/../lib/ngspice/nwnspice.cm (installed),
//   <exe>/../share/nwnspice/nwnjunction.lib (both); another model's library next to the default one's.
#pragma once
#include <filesystem>
#include <optional>

#include "devicemodel/models.h"

namespace nwn::net {

std::filesystem::path executable_path();
// Absolute paths; throw nwn::Error listing the places looked at when the file is nowhere.
std::filesystem::path find_codemodel(const std::optional<std::filesystem::path>& given = {});
// nwnjunction.osdi: --osdi, NWN_OSDI, <exe>/../lib/nwnjunction.osdi, <exe>/../lib/ngspice/nwnjunction.osdi.
std::filesystem::path find_osdi_device(const std::optional<std::filesystem::path>& given = {});
std::filesystem::path find_subckt_library(const std::optional<std::filesystem::path>& given = {},
                                          const device::JunctionModel& model = device::default_junction_model());

// Before ngspice loads a device library (find_codemodel and find_osdi_device call these; so does the
// libngspice session): a complete shared object with the symbols ngspice's loader looks up (XSPICE's
// dev.c load_opus: CMdevNum, CMdevs, CMudnNum, CMudns, CMgetCoreItfPtr; OSDI's osdiregistry.c:
// OSDI_VERSION_MAJOR/MINOR, OSDI_NUM_DESCRIPTORS, OSDI_DESCRIPTORS). Throws nwn::Error naming the file.
void check_codemodel_file(const std::filesystem::path& codemodel);
void check_osdi_file(const std::filesystem::path& osdi);

}  // namespace nwn::net

// The portable subcircuit `nwnjunction` (ports a b l): B-sources and a 1 F capacitor, for any ngspice
// without our code model. Its expressions are written from the same functions as junction.h and it is
// tested against junction.h point by point (tests/devicemodel).
#pragma once
#include <string>

namespace nwn::device {

// The text of the subcircuit library nwnjunction.lib.
std::string subckt_library_text();

// "name=value ..." of every junction parameter at its DC default, as the subcircuit declares them.
std::string subckt_default_params();

}  // namespace nwn::device

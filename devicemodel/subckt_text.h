// The portable subcircuit `nwnjunction` (ports a b l): four B-sources, a VCCS and the cstate capacitor, for any
// ngspice without our code model. Its expressions are junction.h's functions written piece by piece
// (ternary chains, commonest regime first, constants as .params, so that ngspice's tree walk stays short; docs/benchmarks.md, "The portable
// subcircuit at scale"), and it is tested against junction.h point by point (tests/cosim/test_dialects.cpp)
// and in ngspice against a reference integration (tests/devicemodel).
#pragma once
#include <string>

namespace nwn::device {

// The text of the subcircuit library nwnjunction.lib.
std::string subckt_library_text();

// A number as the generated device files print it (%.9g).
std::string spice_number(double x);

// "name=value ..." of every junction parameter at its DC default, as the subcircuit declares them.
std::string subckt_default_params();

}  // namespace nwn::device

// The portable junction subcircuit (and network subcircuits that use it) in other SPICE dialects,
// translated from the ngspice text that devicemodel/subckt_text.cpp generates from junction.h: each
// B-source expression is parsed into a tree and printed again (spice_expression.h), so the dialects
// carry exactly the same equations and cannot drift from the ngspice library.
//
// What differs (ngspice 39 -> target):
//   LTspice  c ? a : b  -> if(c, a, b);  a && b -> a & b  (LTspice's '&' is boolean AND; its '^' is XOR,
//            '**' the power); parameters bare (vset, not {vset}); .subckt without the params: keyword.
//   Xyce     c ? a : b  -> IF(c, a, b) (Xyce 7 also reads ?:, IF also suits older versions);
//            expressions wrapped in braces, I={...}; parameters bare; .subckt ... PARAMS: ...;
//            instance parameters after PARAMS:.
// Unchanged: v(a,b), sqrt, exp, abs, the state capacitor {cstate} and its {1e12/cstate} ohm leak. Neither target
// was available to run here: the texts are checked by re-parsing and evaluation (tests/cosim), not by
// LTspice or Xyce themselves.
#pragma once
#include <string>

namespace nwn::net {

enum class SpiceDialect { Ngspice, Ltspice, Xyce };

SpiceDialect parse_dialect(const std::string& name);  // ngspice | ltspice | xyce
const char* dialect_name(SpiceDialect d);

// nwnjunction.lib (as subckt_library_text() writes it) in dialect d.
std::string translate_junction_library(const std::string& ngspice_text, SpiceDialect d);

// A network subcircuit of the portable flavour (nwn netlist --flavour subckt --form subckt) in
// dialect d, its .include pointing at `library` (the translated nwnjunction library).
std::string translate_network_subckt(const std::string& ngspice_text, SpiceDialect d, const std::string& library);

}  // namespace nwn::net

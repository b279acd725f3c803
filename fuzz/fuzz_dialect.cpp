// The SPICE dialect translator (netlistgen/netlist/dialect_spice.cpp and the expression parser of
// spice_expression.cpp), as `nwn netlist --dialect` runs it on a user's junction library and on
// network subcircuits. Byte 0 picks dialect and entry.
// Every B-source expression the translator accepts must evaluate, in each dialect's text, to what the
// ngspice text evaluates to (or fail there too): the dialects must carry the same equations.
#include <cmath>
#include <map>
#include <sstream>

#include "fuzz_support.h"
#include "netlistgen/netlist/dialect_spice.h"
#include "netlistgen/netlist/spice_expression.h"

using nwn::net::SpiceDialect;

namespace {

const std::map<std::string, double> kParams = {{"a", 0.5},     {"b", -2},  {"c", 3},        {"vset", 0.01},
                                               {"vreset", 0.005}, {"boost", 10}, {"cstate", 1e-8}, {"lmax", 0.15}};
const std::map<std::string, double> kNodes = {{"a", 0.3}, {"b", -0.1}, {"l", 0.07}, {"0", 0}};

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// The expression of the translated line "Bname n1 n2 I = expr" (Xyce: I={expr}).
std::string expression_of(const std::string& text, SpiceDialect d) {
    std::istringstream is(text);
    for (std::string l; std::getline(is, l);) {
        if (l.empty() || (l[0] != 'B' && l[0] != 'b')) continue;
        std::string e = l.substr(l.find('=') + 1);
        if (d == SpiceDialect::Xyce) e = e.substr(1, e.size() - 2);
        return e;
    }
    nwn::fuzz::invariant_failed("the B-source line is gone from the translation");
}

void check_expression(const std::string& expr) {
    double want = 0;
    try {
        want = nwn::net::evaluate_expression(expr, kParams, kNodes);
    } catch (const nwn::Error&) {
        return;
    }
    for (SpiceDialect d : {SpiceDialect::Ngspice, SpiceDialect::Ltspice, SpiceDialect::Xyce}) {
        const std::string text = nwn::net::translate_junction_library("B1 a b I = " + expr + "\n", d);
        const std::string got_expr = expression_of(text, d);
        try {
            if (!same(nwn::net::evaluate_expression(got_expr, kParams, kNodes), want)) {
                std::fprintf(stderr, "'%s' -> %s '%s'\n", expr.c_str(), nwn::net::dialect_name(d), got_expr.c_str());
                nwn::fuzz::invariant_failed("a translated expression evaluates differently");
            }
        } catch (const nwn::Error& e) {
            std::fprintf(stderr, "'%s' -> %s '%s': %s\n", expr.c_str(), nwn::net::dialect_name(d), got_expr.c_str(),
                         e.what());
            nwn::fuzz::invariant_failed("a translated expression no longer parses");
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto d = static_cast<SpiceDialect>(data[0] % 3);
    try {
        switch ((data[0] / 3) % 4) {
            case 0: (void)nwn::net::translate_junction_library(text, d); break;
            case 1: (void)nwn::net::translate_network_subckt(text, d, "nwnjunction_x.lib"); break;
            case 2: (void)nwn::net::parse_dialect(text); break;
            default:
                if (text.find('\n') == std::string::npos) check_expression(text);
                break;
        }
    } catch (const nwn::Error&) {
    }
    return 0;
}

#include "netlistgen/netlist/dialect_spice.h"

#include "common/error.h"
#include "common/text_parse.h"
#include "netlistgen/netlist/spice_expression.h"

namespace nwn::net {

namespace {

// How dialect d spells a B-source expression.
ExpressionStyle expression_style(SpiceDialect d) {
    ExpressionStyle style;
    if (d == SpiceDialect::Ngspice) return style;
    style.braced_params = false;
    style.conditional = d == SpiceDialect::Xyce ? "IF" : "if";
    if (d == SpiceDialect::Ltspice) {
        style.logical_and = "&";
        style.logical_or = "|";
    }
    return style;
}

// "Bname n1 n2 V = expr" -> the same source in dialect d.
std::string translate_bsource(const std::string& line, SpiceDialect d) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) throw Error("B-source without '=': " + line);
    std::string head = line.substr(0, eq);
    while (!head.empty() && head.back() == ' ') head.pop_back();
    const std::string expr = reprint_expression(line.substr(eq + 1), expression_style(d));
    return head + (d == SpiceDialect::Xyce ? "={" + expr + "}" : " = " + expr);
}

std::string dialect_note(SpiceDialect d) {
    return std::string("* ") + dialect_name(d) +
           " dialect, translated by nwnspice from the ngspice text (same equations; see "
           "netlistgen/netlist/dialect_spice.h). Not run in " + dialect_name(d) + " by nwnspice's tests.\n";
}

// A generated ngspice text for dialect d, line by line: `translate(line, first word lower-cased)` gives each
// line's translation, and the dialect's note goes after the leading comment lines.
template <class LineTranslation>
std::string translate_lines(const std::string& ngspice_text, SpiceDialect d, LineTranslation translate) {
    std::string out;
    bool noted = false;
    for (const auto& l : split_lines(ngspice_text)) {
        if (!noted && (l.empty() || l[0] != '*')) {
            out += dialect_note(d);
            noted = true;
        }
        out += translate(l, lower(l.substr(0, l.find(' ')))) + "\n";
    }
    return out;
}

}  // namespace

SpiceDialect parse_dialect(const std::string& name) {
    const std::string n = lower(name);
    if (n == "ngspice") return SpiceDialect::Ngspice;
    if (n == "ltspice") return SpiceDialect::Ltspice;
    if (n == "xyce") return SpiceDialect::Xyce;
    throw Error("unknown SPICE dialect '" + name + "' (ngspice, ltspice or xyce)");
}

const char* dialect_name(SpiceDialect d) {
    switch (d) {
        case SpiceDialect::Ngspice: return "ngspice";
        case SpiceDialect::Ltspice: return "LTspice";
        case SpiceDialect::Xyce: return "Xyce";
    }
    return "?";
}

std::string translate_junction_library(const std::string& ngspice_text, SpiceDialect d) {
    return translate_lines(ngspice_text, d, [d](const std::string& l, const std::string& w) {
        if (!l.empty() && (l[0] == 'B' || l[0] == 'b')) return translate_bsource(l, d);
        std::string s = l;
        if (w == ".subckt" && d == SpiceDialect::Ltspice) {
            if (auto p = s.find(" params:"); p != std::string::npos) s.erase(p, 8);
        } else if (w == ".subckt" && d == SpiceDialect::Xyce) {
            if (auto p = s.find(" params:"); p != std::string::npos) s.replace(p, 8, " PARAMS:");
        }
        return s;
    });
}

std::string translate_network_subckt(const std::string& ngspice_text, SpiceDialect d, const std::string& library) {
    return translate_lines(ngspice_text, d, [&](const std::string& l, const std::string& w) {
        if (w == ".include") return ".include " + library;
        if (!l.empty() && (l[0] == 'X' || l[0] == 'x') && d == SpiceDialect::Xyce && l.find('=') != std::string::npos) {
            // X<k> a b l nwnjunction k=v ... -> ... nwnjunction PARAMS: k=v ...
            const auto eq = l.find('=');
            const auto sp = l.rfind(' ', eq);
            if (sp == std::string::npos)
                throw Error("subcircuit instance with '=' but no parameter after its nodes: " + l);
            return l.substr(0, sp) + " PARAMS:" + l.substr(sp);
        }
        return l;
    });
}

}  // namespace nwn::net

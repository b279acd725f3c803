#include "netlistgen/netlist/cmos_periphery.h"

#include "common/error.h"
#include "common/text_parse.h"

namespace nwn::net {

const std::string& cmos_periphery_library() {
    static const std::string text =
#include "cmos_periphery_lib.inc"
        ;
    return text;
}

TiaOptions parse_tia(const std::string& spec, const std::string& what) {
    TiaOptions o;
    if (spec == "tia") return o;
    if (spec.rfind("tia:", 0) == 0) {
        try {
            o.rf = parse_spice_number(spec.substr(4));
        } catch (const Error&) {
            o.rf = -1;
        }
        // Above 1 GOhm the 100 pF feedback capacitor's rf*cf exceeds 0.1 s: the TIA would low-pass every input step.
        if (o.rf > 0 && o.rf <= 1e9) return o;
    }
    throw Error(what + " '" + spec + "': expected tia or tia:RF with RF in (0, 1G] Ohm (e.g. tia:10k)");
}

std::string tia_output_node(const std::string& electrode) { return "tia_" + electrode; }

Periphery tia_periphery(const std::vector<std::string>& electrodes, const TiaOptions& o) {
    Periphery p;
    p.description = "a CMOS transimpedance amplifier (cmos_tia, rf " + format_number(o.rf) +
                    " Ohm) per readout electrode, out = -rf * current into its virtual ground";
    p.library = cmos_periphery_library();
    p.shared = {"Vtia_vdd tia_vdd 0 DC " + format_number(o.vdd), "Vtia_vss tia_vss 0 DC " + format_number(o.vss)};
    for (const auto& e : electrodes)
        p.electrodes.push_back({e, {"Xtia_" + e + " " + periphery_node(e) + " " + tia_output_node(e) +
                                    " tia_vdd tia_vss cmos_tia rf=" + format_number(o.rf) + " rb=" + format_number(o.rb)}});
    return p;
}

}  // namespace nwn::net

// The CMOS periphery of nwnspice decks: cmos_periphery.lib (generic level-1 MOSFETs, no PDK; an inverter, an RC
// astable, a two-stage Miller op-amp and the transimpedance amplifier cmos_tia built from it), the one text
// of these circuits: examples/cosim_cmos.lib is a link to it and decks get it compiled in. tia_periphery puts
// one cmos_tia behind each readout electrode of a deck (netlist_writer.h's Periphery): the electrode sits at
// the amplifier's virtual ground and v(tia_output_node(name)) = -rf * (current from the network into it).
#pragma once
#include <string>
#include <vector>

#include "netlistgen/netlist/netlist_writer.h"

namespace nwn::net {

const std::string& cmos_periphery_library();

struct TiaOptions {
    double rf = 1e3;                // feedback resistance (Ohm): the gain, V per A
    // The op-amp's bias resistor: 12 kOhm lets the output stage sink ~0.6 mA (a readout pad of a 0.8 V reservoir
    // draws up to ~0.5 mA); the library's default 120 kOhm sinks ~80 uA.
    double rb = 12e3;
    double vdd = 1.5, vss = -1.5;   // supplies (V): the output swings between them, less the stages' headroom
};

// "tia" or "tia:RF" (RF in Ohm, SPICE suffixes: tia:4.7k); throws nwn::Error naming `what` otherwise.
TiaOptions parse_tia(const std::string& spec, const std::string& what);

std::string tia_output_node(const std::string& electrode);  // tia_<name>

// The periphery of one TIA per named (grounded) electrode, with their supplies.
Periphery tia_periphery(const std::vector<std::string>& electrodes, const TiaOptions& options);

}  // namespace nwn::net

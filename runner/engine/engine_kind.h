// Which engine runs a simulation, and which junction device a SPICE engine loads: the one parse and the
// one name function of each (the flavour enum itself is net::Flavour, the netlist writer's).
#pragma once
#include <initializer_list>
#include <optional>
#include <string>

#include "netlistgen/netlist/netlist_writer.h"

namespace nwn::engine {

enum class Engine { Libngspice, NgspiceCli, Native };

// "libngspice" | "ngspice-cli" | "native", of those in `accepted` (default: all three); throws nwn::Error
// "unknown engine 'NAME' (libngspice, ngspice-cli or native)" naming the accepted ones otherwise.
Engine parse_engine(const std::string& name,
                    std::initializer_list<Engine> accepted = {Engine::Libngspice, Engine::NgspiceCli, Engine::Native});
const char* engine_name(Engine e);

// A flavour as a command takes it: a net::Flavour name, or "auto" (nullopt) where `allow_auto`; throws
// nwn::Error as net::parse_flavour does otherwise.
std::optional<net::Flavour> parse_flavour_choice(const std::string& name, bool allow_auto);
std::string flavour_choice_name(const std::optional<net::Flavour>& f);  // "auto" for nullopt

}  // namespace nwn::engine

// Networks for the Lyapunov tests.
#pragma once
#include <optional>

#include "netlistgen/network/network.h"

namespace nwn::test {

// Three wires, every pair joined (junctions (0,1), (0,2), (1,2)); wire 0 driven, wire 2 grounded. Under a
// small DC drive every state decays towards 0 at a rate set by its junction voltage (see the tests).
net::Network triangle_network();

// NWNsim's 100-wire network with its contacts 72 -> 29 (nullopt, with a SKIPPED line, without the
// reference data).
std::optional<net::Network> nwnsim_network();

}  // namespace nwn::test

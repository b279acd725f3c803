// Electrode choice (docs/model.md §2.2, selectContacts.m / addRectElectrode.m). Names are fixed so node and
// source names are stable: two-contact rules give "src" (driven) and "drn" (grounded); edges:N gives
// "c0" … "c<N-1>", c0 driven.
//   farthest        the two wires with the largest centre distance; among equals the first in NWNsim's
//                   column-major scan of its distance matrix, i.e. smallest drain id a, then smallest
//                   source id b > a: [src, drn] = [b, a] (NWNsim's [row, col]).
//   topo-farthest   the two wires with the largest hop count, same tie rule (O(N·(N+E)) breadth-first
//                   searches: fine up to ~10^4 wires).
//   wires:I,J       src = wire I, drn = wire J (0-based).
//   wires:I,J,K,... three or more single-wire contacts, each named after its node: w<I>, w<J>, ...
//   bars:F[:XF]     NWNsim's rectangular bar electrodes: src = wires with yc >= Ly(1-F) and xc >= Lx(1-XF),
//                   drn = wires with yc <= Ly·F and xc <= Lx·XF (XF = 1 by default); each bar is a node
//                   of its own tied to its wires by 0.1 S links.
//   edges:N         N single-wire contacts at N points equally spaced along the domain boundary
//                   (anticlockwise from (0,0), the first half a spacing in): each takes the wire nearest
//                   its point (distance to the wire segment, ties to the smaller id) not already taken.
//   grid:RxC[:PAD[:PITCH]]
//                   an array of R × C square pads (side PAD µm, centres PITCH µm apart) centred on the domain,
//                   named p<r>_<c> (row 0 at the top, i.e. largest y; column 0 at the left). Defaults: PITCH
//                   = min(Lx/C, Ly/R), PAD = PITCH/4, so the array spans the domain as a 4 × 4 chip array does.
//   pads:FILE.csv   pads copied from a chip: columns name, x, y, w, h (centre and size, µm).
// A pad is a node of its own (e<name>) tied by 0.1 S links to every wire that crosses or lies in it; a wire
// crossing two pads is linked to both. Pads must not overlap, and each must contact a wire.
// Any single-wire contact can also be named w<id> (its node), whatever its name.
#pragma once
#include <string>
#include <vector>

#include "netlistgen/network/network.h"

namespace nwn::net {

// Sets net.electrodes, net.electrode_rule and net.hop_distance from a spec. Throws nwn::Error for an
// unknown rule, an unknown wire id, an empty bar, or electrodes in different components.
void choose_electrodes(Network& net, const std::string& spec);

// The electrode of that name, or the single-wire contact on wire <id> for "w<id>"; null when none.
const Electrode* resolve_electrode(const Network& net, const std::string& name);
// As resolve_electrode; throws nwn::Error "<what>: no electrode named ... (the network has: ...)" otherwise.
const Electrode& electrode_named(const Network& net, const std::string& name, const std::string& what);

// Fewest junction hops between any wire of a and any wire of b (for bars NWNsim's SDpath, = hops between
// the two bar nodes − 2); -1 when no path joins them.
int hop_distance(const Network& net, const Electrode& a, const Electrode& b);

// The node an electrode drives in a netlist: its wire's node "w<i>" or, for a bar, "e<name>".
std::string electrode_node(const Electrode& e);

}  // namespace nwn::net

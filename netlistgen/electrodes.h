// Electrode choice (MODEL.md §2.2, selectContacts.m / addRectElectrode.m). Names are fixed so node and
// source names are stable: two-contact rules give "src" (driven) and "drn" (grounded); edges:N gives
// "c0" … "c<N-1>", c0 driven.
//   farthest        the two wires with the largest centre distance; among equals the first in NWNsim's
//                   column-major scan of its distance matrix, i.e. smallest drain id a, then smallest
//                   source id b > a: [src, drn] = [b, a] (NWNsim's [row, col]).
//   topo-farthest   the two wires with the largest hop count, same tie rule (O(N·(N+E)) breadth-first
//                   searches: fine up to ~10^4 wires).
//   wires:I,J       src = wire I, drn = wire J (0-based).
//   bars:F[:XF]     NWNsim's rectangular bar electrodes: src = wires with yc >= Ly(1-F) and xc >= Lx(1-XF),
//                   drn = wires with yc <= Ly·F and xc <= Lx·XF (XF = 1 by default); each bar is a node
//                   of its own tied to its wires by 0.1 S links.
//   edges:N         N single-wire contacts at N points equally spaced along the domain boundary
//                   (anticlockwise from (0,0), the first half a spacing in): each takes the wire nearest
//                   its point (distance to the wire segment, ties to the smaller id) not already taken.
#pragma once
#include <string>
#include <vector>

#include "netlistgen/network.h"

namespace nwn::net {

// Sets net.electrodes, net.electrode_rule and net.hop_distance from a spec. Throws nwn::Error for an
// unknown rule, an unknown wire id, an empty bar, or electrodes in different components.
void choose_electrodes(Network& net, const std::string& spec);

// Fewest junction hops between any wire of a and any wire of b (for bars NWNsim's SDpath, = hops between
// the two bar nodes − 2); -1 when no path joins them.
int hop_distance(const Network& net, const Electrode& a, const Electrode& b);

// The node an electrode drives in a netlist: its wire's node "w<i>" or, for a bar, "e<name>".
std::string electrode_node(const Electrode& e);

}  // namespace nwn::net

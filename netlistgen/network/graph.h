// The wire graph of a network (wires = vertices, junctions = edges): components, the largest one, and
// hop distances for electrode choice.
#pragma once
#include <vector>

#include "netlistgen/network/network.h"

namespace nwn::net {

// Adjacency lists, neighbours ascending.
std::vector<std::vector<int>> adjacency(const Network& net);

// Component label of every wire: labels 0, 1, ... in order of each component's smallest wire id.
std::vector<int> component_labels(const Network& net);

// Keeps the wires of the largest component (ties: the one holding the smallest wire id), re-indexed in
// ascending original order; junctions follow (their lexicographic order is preserved) and electrodes
// are dropped (they refer to old ids). Returns the kept original ids.
std::vector<int> keep_largest_component(Network& net);

// Hops from a set of wires to every wire (-1 = unreachable).
std::vector<int> hops_from(const std::vector<std::vector<int>>& adj, const std::vector<int>& sources);

}  // namespace nwn::net

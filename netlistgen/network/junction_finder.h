// All wire–wire junctions of a set of wires in O(N) expected work: wires are binned on a uniform grid
// by their bounding boxes and only pairs sharing a cell are tested. A pair sharing several cells is
// tested once, in the cell at the lower-left corner of the overlap of their cell ranges.
#pragma once
#include <vector>

#include "netlistgen/network/network.h"

namespace nwn::net {

// Junctions in lexicographic (i, j) order; see segment_intersection.h for touching and collinear wires.
std::vector<Junction> find_junctions(const std::vector<Wire>& wires);

}  // namespace nwn::net

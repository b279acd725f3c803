// What the demo measures on a DC activation run. The activation time: the first sample at which the
// network conductance exceeds a multiple of its first value (the golden comparison's 10x and 100x).
// The first conducting path of a DC run (Hochstetter et al. Fig. 2): the first sample at which the junctions
// in their high-conductance state (|λ| ≥ lcrit, NWNsim's OnOrOff) connect the source electrode's wires to
// the drain's, and the shortest such path in junction hops.
#pragma once
#include <cstddef>
#include <vector>

#include "netlistgen/network/network.h"

namespace nwn::exp {

// t[k] of the first k with g[k] > factor·g[0]; NaN when there is none.
double first_crossing(const std::vector<double>& t, const std::vector<double>& g, double factor);

struct ConductingPath {
    bool found = false;
    std::size_t sample = 0;       // index into the recorded times
    std::vector<int> wires;       // source wire ... drain wire
    std::vector<int> junctions;   // the path's junctions (its hop length n)
};

// lambda[k] is junction k's state at every sample (all the same length). Source and drain are the
// network's first two electrodes.
ConductingPath first_conducting_path(const net::Network& net, const std::vector<std::vector<double>>& lambda, double lcrit);

}  // namespace nwn::exp

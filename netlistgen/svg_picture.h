// An SVG picture of a network: the domain (dashed), wires (grey), junctions (dots), electrodes (coloured
// wires, bars as translucent rectangles), optionally junctions coloured by a per-junction value with a
// colour bar. Magnitudes are shown: |λ| linearly, conductance and |current| on a log10 scale.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "netlistgen/network.h"

namespace nwn::net {

struct JunctionColouring {
    std::string quantity;        // "lambda", "conductance" or "current"
    std::vector<double> values;  // one per junction
};

std::string network_svg(const Network& net, const std::optional<JunctionColouring>& colouring = {});

}  // namespace nwn::net

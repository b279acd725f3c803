// An SVG picture of a network: the domain (dashed), wires (grey), junctions (dots), electrodes (coloured
// wires, bars as translucent rectangles), optionally junctions coloured by a per-junction value with a
// colour bar. Magnitudes are shown: |λ| linearly, conductance and |current| on a log10 scale.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "netlistgen/network/network.h"

namespace nwn::net {

struct JunctionColouring {
    std::string quantity;        // "lambda", "conductance" or "current"
    std::vector<double> values;  // one per junction
};

// Wires and junctions drawn on top in a strong colour, e.g. the first conducting path, with a legend entry.
struct Highlight {
    std::vector<int> wires, junctions;
    std::string label;
};

std::string network_svg(const Network& net, const std::optional<JunctionColouring>& colouring = {},
                        const std::optional<Highlight>& highlight = {});

}  // namespace nwn::net

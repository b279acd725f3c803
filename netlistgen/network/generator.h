// Random nanowire networks as NWNsim's wires.py makes them (docs/model.md §2.1): gamma-distributed lengths,
// uniform centres and angles, junctions at the exact wire intersections, the largest connected
// component kept. With the same seed the wires are numpy's (see numpy_random.h), so NWNsim's published
// seeds give its networks.
#pragma once
#include <cstdint>
#include <optional>

#include "netlistgen/network/network.h"

namespace nwn::net {

struct GeneratorParams {
    std::optional<long long> wires;  // exactly one of wires / density
    std::optional<double> density;   // wires per unit area: nwires = int(density·lx·ly)
    double lx = 100, ly = 100;
    double length_mean = 10, length_sd = 1;  // gamma: shape (mean/sd)², scale sd²/mean; sd 0 = fixed length
    std::uint32_t seed = 0;                  // np.random.seed range
    bool keep_all = false;                   // keep every wire instead of the largest component
};

// Throws nwn::Error naming the bad parameter.
void check(const GeneratorParams& p);
long long wire_count(const GeneratorParams& p);

// The wires in NWNsim's draw order: all lengths, then all x centres, all y centres, all angles.
std::vector<Wire> random_wires(const GeneratorParams& p);

Network generate_network(const GeneratorParams& p);

}  // namespace nwn::net

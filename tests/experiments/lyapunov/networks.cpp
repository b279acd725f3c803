#include "networks.h"

#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/junction_finder.h"
#include "netlistgen/network/nwnsim_mat.h"
#include "support/reference.h"

namespace nwn::test {

net::Network triangle_network() {
    net::Network n;
    n.lx = n.ly = 10;
    n.wires = {net::wire_from_centre(3, 5, 8, 0.3), net::wire_from_centre(5, 5, 8, 1.6), net::wire_from_centre(7, 5, 8, 2.8)};
    n.junctions = net::find_junctions(n.wires);  // (0, 1), (0, 2), (1, 2), where the wires cross
    n.provenance.kind = "manual";
    net::choose_electrodes(n, "wires:0,2");
    return n;
}

std::optional<net::Network> nwnsim_network() {
    const auto ref = reference_dir("NWNsim's 100-wire network (nw100_seed042.mat)");
    if (!ref) return std::nullopt;
    auto n = net::import_nwnsim_mat(*ref / "nwnsim" / "nw100_seed042.mat");
    net::choose_electrodes(n, "wires:72,29");
    return n;
}

}  // namespace nwn::test

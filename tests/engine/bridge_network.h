// A bridge of wires 0..3 between a contact "src" on wire 0 and a contact "drn" on wire 3: the smallest
// network with a junction no electrode touches, shared by the native engine tests.
#pragma once
#include "netlistgen/network/network.h"

namespace nwn::test {

inline net::Network bridge_network() {
    net::Network n;
    n.wires.resize(4);
    n.junctions = {{0, 1}, {0, 2}, {1, 2}, {1, 3}, {2, 3}};
    n.electrodes = {{"src", {0}}, {"drn", {3}}};
    return n;
}

}  // namespace nwn::test

// nwnspice's native network file (JSON). Layout, version 1:
//   {"format": "nwnspice-network", "version": 1,
//    "domain": {"lx": 100, "ly": 100},
//    "provenance": {"kind": "random", "rng": "numpy-legacy-mt19937", "seed": 0, "wires_generated": 1000,
//                   "length_mean": 10, "length_sd": 1, "largest_component": true, "source": ""},
//    "wires": [{"xa":…, "ya":…, "xb":…, "yb":…, "xc":…, "yc":…, "length":…, "angle":…}, …],   // id = index
//    "junctions": [{"i": 0, "j": 11, "x":…, "y":…}, …],                                       // k = index
//    "electrodes": {"rule": "farthest", "hop_distance": 9,
//                   "list": [{"name": "src", "kind": "wire", "wires": [72]},
//                            {"name": "drn", "kind": "bar", "wires": [...], "link_conductance": 0.1,
//                             "region": [x0, y0, x1, y1]}]}}
// Numbers are written in shortest round-trip form, so reading a file back gives the same doubles.
#pragma once
#include <filesystem>
#include <string>

#include "netlistgen/network/network.h"

namespace nwn::net {

std::string network_to_json(const Network& net);
// `origin` names the text in error messages (a file name).
Network network_from_json(const std::string& text, const std::string& origin);

void write_network(const std::filesystem::path& path, const Network& net);  // atomic
Network read_network(const std::filesystem::path& path);

}  // namespace nwn::net

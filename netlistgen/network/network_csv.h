// CSV export of a network for spreadsheets and plotting scripts (read back only via JSON or .mat):
//   wires:     wire,xa,ya,xb,yb,xc,yc,length,angle          (one row per wire, 0-based id)
//   junctions: junction,i,j,x,y                              (one row per junction, lexicographic (i, j))
#pragma once
#include <filesystem>
#include <string>

#include "netlistgen/network/network.h"

namespace nwn::net {

std::string wires_csv(const Network& net);
std::string junctions_csv(const Network& net);
// Writes <prefix>_wires.csv and <prefix>_junctions.csv atomically.
void write_network_csv(const std::filesystem::path& prefix, const Network& net);

}  // namespace nwn::net

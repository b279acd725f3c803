// Shared helpers of the netlistgen tests: hand-made networks, files in scratch directories, the nwn CLI.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "netlistgen/network/generator.h"
#include "netlistgen/network/network.h"

namespace nwn::test {

// Wires from end points (x0, y0, x1, y1), junctions found by the library, no electrodes.
net::Network segments_network(const std::vector<std::array<double, 4>>& segments, double lx = 10, double ly = 10);

// Generator parameters of a square side x side network of `wires` wires.
net::GeneratorParams square_params(long long wires, double side, std::uint32_t seed);

void write_text(const std::filesystem::path& path, const std::string& text);

// Runs `nwn <args>`; returns its exit status and fills *output with stdout+stderr.
int run_nwn(const std::string& args, std::string* output);

// The reference directory's nwnsim/ folder, or nullopt (SKIPPED printed) when absent.
std::optional<std::filesystem::path> nwnsim_reference(const std::string& why);

}  // namespace nwn::test

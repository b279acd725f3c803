#include "fixtures.h"

#include <fstream>

#include "netlistgen/network/junction_finder.h"
#include "support/reference.h"

namespace nwn::test {

net::Network segments_network(const std::vector<std::array<double, 4>>& segments, double lx, double ly) {
    net::Network n;
    n.lx = lx;
    n.ly = ly;
    for (const auto& s : segments) n.wires.push_back(net::wire_from_endpoints(s[0], s[1], s[2], s[3]));
    n.junctions = net::find_junctions(n.wires);
    return n;
}

net::GeneratorParams square_params(long long wires, double side, std::uint32_t seed) {
    net::GeneratorParams p;
    p.wires = wires;
    p.lx = p.ly = side;
    p.seed = seed;
    return p;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

int run_nwn(const std::string& args, std::string* output) {
    return run_command(nwn_binary().string() + " " + args, output);
}

std::optional<std::filesystem::path> nwnsim_reference(const std::string& why) {
    auto dir = reference_dir(why);
    if (!dir) return std::nullopt;
    return *dir / "nwnsim";
}

}  // namespace nwn::test

#include "netlistgen/network/network_csv.h"

#include "common/atomic_file.h"
#include "common/text_parse.h"

namespace nwn::net {

std::string wires_csv(const Network& net) {
    std::string out = "wire,xa,ya,xb,yb,xc,yc,length,angle\n";
    for (std::size_t k = 0; k < net.wires.size(); ++k) {
        const auto& w = net.wires[k];
        out += std::to_string(k);
        for (double v : {w.xa, w.ya, w.xb, w.yb, w.xc, w.yc, w.length, w.angle}) out += "," + format_number(v);
        out += "\n";
    }
    return out;
}

std::string junctions_csv(const Network& net) {
    std::string out = "junction,i,j,x,y\n";
    for (std::size_t k = 0; k < net.junctions.size(); ++k) {
        const auto& J = net.junctions[k];
        out += std::to_string(k) + "," + std::to_string(J.i) + "," + std::to_string(J.j) + "," + format_number(J.x) +
               "," + format_number(J.y) + "\n";
    }
    return out;
}

void write_network_csv(const std::filesystem::path& prefix, const Network& net) {
    write_file_atomic(prefix.string() + "_wires.csv", wires_csv(net));
    write_file_atomic(prefix.string() + "_junctions.csv", junctions_csv(net));
}

}  // namespace nwn::net

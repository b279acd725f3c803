#include "netlistgen/network/generator.h"

#include <cmath>
#include <numbers>

#include "common/error.h"
#include "netlistgen/network/graph.h"
#include "netlistgen/network/junction_finder.h"
#include "netlistgen/network/numpy_random.h"
#include "common/text_parse.h"

namespace nwn::net {

void check(const GeneratorParams& p) {
    if (p.wires.has_value() == p.density.has_value()) throw Error("give exactly one of --wires and --density");
    if (p.wires && *p.wires < 1) throw Error("the wire count must be >= 1 (got " + std::to_string(*p.wires) + ")");
    if (p.density && !(*p.density > 0)) throw Error("the density must be > 0 (got " + format_number(*p.density) + ")");
    if (!(p.lx > 0) || !std::isfinite(p.lx)) throw Error("Lx must be > 0 (got " + format_number(p.lx) + ")");
    if (!(p.ly > 0) || !std::isfinite(p.ly)) throw Error("Ly must be > 0 (got " + format_number(p.ly) + ")");
    if (!(p.length_mean > 0)) throw Error("the mean wire length must be > 0");
    if (!(p.length_sd >= 0)) throw Error("the wire length standard deviation must be >= 0");
    if (p.density && *p.density * p.lx * p.ly > 5e7)
        throw Error("too many wires: density·Lx·Ly = " + format_number(*p.density * p.lx * p.ly));
    const long long n = wire_count(p);
    if (n < 1) throw Error("density·Lx·Ly gives no wires (" + format_number(*p.density * p.lx * p.ly) + ")");
    if (n > 50'000'000) throw Error("too many wires: " + std::to_string(n));
}

long long wire_count(const GeneratorParams& p) {
    if (p.wires) return *p.wires;
    return static_cast<long long>(*p.density * p.lx * p.ly);  // Python int(): truncation
}

std::vector<Wire> random_wires(const GeneratorParams& p) {
    check(p);
    const auto n = static_cast<std::size_t>(wire_count(p));
    NumpyLegacyRandom rng(p.seed);
    std::vector<double> length(n), xc(n), yc(n), theta(n);
    if (p.length_sd > 0) {
        const double shape = (p.length_mean / p.length_sd) * (p.length_mean / p.length_sd);
        const double scale = p.length_sd * p.length_sd / p.length_mean;
        for (auto& l : length) l = rng.gamma(shape, scale);
    } else {
        std::fill(length.begin(), length.end(), p.length_mean);
    }
    for (auto& x : xc) x = rng.uniform() * p.lx;
    for (auto& y : yc) y = rng.uniform() * p.ly;
    for (auto& t : theta) t = rng.uniform() * std::numbers::pi;
    std::vector<Wire> wires(n);
    for (std::size_t k = 0; k < n; ++k) wires[k] = wire_from_centre(xc[k], yc[k], length[k], theta[k]);
    return wires;
}

Network generate_network(const GeneratorParams& p) {
    Network net;
    net.lx = p.lx;
    net.ly = p.ly;
    net.wires = random_wires(p);
    net.junctions = find_junctions(net.wires);
    net.provenance.kind = "random";
    net.provenance.rng = "numpy-legacy-mt19937";
    net.provenance.seed = p.seed;
    net.provenance.wires_generated = static_cast<long long>(net.wires.size());
    net.provenance.length_mean = p.length_mean;
    net.provenance.length_sd = p.length_sd;
    net.provenance.largest_component = !p.keep_all;
    if (!p.keep_all) keep_largest_component(net);
    return net;
}

}  // namespace nwn::net

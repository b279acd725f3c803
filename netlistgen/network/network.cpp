#include "netlistgen/network/network.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <sstream>
#include <tuple>

#include "common/error.h"

namespace nwn::net {

Wire wire_from_centre(double xc, double yc, double length, double angle) {
    Wire w;
    const double hx = length / 2 * std::cos(angle), hy = length / 2 * std::sin(angle);
    w.xa = xc - hx;
    w.ya = yc - hy;
    w.xb = xc + hx;
    w.yb = yc + hy;
    w.xc = xc;
    w.yc = yc;
    w.length = length;
    w.angle = angle;
    return w;
}

Wire wire_from_endpoints(double xa, double ya, double xb, double yb) {
    Wire w{xa, ya, xb, yb, (xa + xb) / 2, (ya + yb) / 2, std::hypot(xb - xa, yb - ya),
           std::atan2(yb - ya, xb - xa)};
    return w;
}

double distance_to_wire(const Wire& w, double x, double y) {
    const double dx = w.xb - w.xa, dy = w.yb - w.ya;
    const double t = std::clamp(((x - w.xa) * dx + (y - w.ya) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
    return std::hypot(w.xa + t * dx - x, w.ya + t * dy - y);
}

void normalise_junctions(Network& net) {
    const int n = static_cast<int>(net.wires.size());
    for (std::size_t k = 0; k < net.junctions.size(); ++k) {
        const auto& J = net.junctions[k];
        if (J.i < 0 || J.j < 0 || J.i >= n || J.j >= n)
            throw Error("junction " + std::to_string(k) + " names wire " +
                        std::to_string(std::max(J.i, J.j) >= n ? std::max(J.i, J.j) : std::min(J.i, J.j)) +
                        ", but the wires are 0.." + std::to_string(n - 1));
        if (J.i >= J.j)
            throw Error("junction " + std::to_string(k) + " joins wires " + std::to_string(J.i) + " and " +
                        std::to_string(J.j) + ": need i < j");
    }
    std::stable_sort(net.junctions.begin(), net.junctions.end(),
                     [](const Junction& a, const Junction& b) { return std::tie(a.i, a.j) < std::tie(b.i, b.j); });
    for (std::size_t k = 1; k < net.junctions.size(); ++k) {
        const auto &a = net.junctions[k - 1], &b = net.junctions[k];
        if (a.i == b.i && a.j == b.j)
            throw Error("wires " + std::to_string(a.i) + " and " + std::to_string(a.j) + " are joined twice");
    }
}

void validate(const Network& net) {
    if (!(net.lx > 0) || !(net.ly > 0)) throw Error("domain size lx, ly must be > 0");
    if (net.wires.empty()) throw Error("the network has no wires");
    const int n = static_cast<int>(net.wires.size());
    for (int k = 0; k < n; ++k) {
        const auto& w = net.wires[k];
        for (double v : {w.xa, w.ya, w.xb, w.yb, w.xc, w.yc, w.length, w.angle})
            if (!std::isfinite(v)) throw Error("wire " + std::to_string(k) + " has a non-finite coordinate");
        if (!(w.length > 0)) throw Error("wire " + std::to_string(k) + " has zero length");
    }
    for (std::size_t k = 0; k < net.junctions.size(); ++k) {
        const auto& J = net.junctions[k];
        if (J.i < 0 || J.j >= n || J.i >= J.j)
            throw Error("junction " + std::to_string(k) + " (" + std::to_string(J.i) + ", " + std::to_string(J.j) +
                        ") is not a pair of wires i < j in 0.." + std::to_string(n - 1));
        if (k > 0) {
            const auto& P = net.junctions[k - 1];
            if (std::tie(P.i, P.j) >= std::tie(J.i, J.j))
                throw Error("junctions are not in strictly increasing (i, j) order at junction " + std::to_string(k));
        }
    }
    std::set<std::string> names;
    for (const auto& e : net.electrodes) {
        if (e.name.empty()) throw Error("an electrode has no name");
        for (char c : e.name)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
                throw Error("electrode name '" + e.name + "' may hold only letters, digits and '_'");
        if (!names.insert(e.name).second) throw Error("two electrodes are named '" + e.name + "'");
        if (e.wires.empty()) throw Error("electrode '" + e.name + "' has no wires");
        for (int w : e.wires)
            if (w < 0 || w >= n)
                throw Error("electrode '" + e.name + "' names wire " + std::to_string(w) + ", but the wires are 0.." +
                            std::to_string(n - 1));
        if (!e.bar && e.wires.size() != 1)
            throw Error("electrode '" + e.name + "' is a wire contact and must hold exactly one wire");
        if (e.bar && !(e.link_conductance > 0))
            throw Error("electrode '" + e.name + "' needs a link conductance > 0");
    }
}

const Electrode* find_electrode(const Network& net, const std::string& name) {
    for (const auto& e : net.electrodes)
        if (e.name == name) return &e;
    return nullptr;
}

std::string summary(const Network& net) {
    std::ostringstream os;
    os << net.wires.size() << " wires, " << net.junctions.size() << " junctions";
    if (net.provenance.wires_generated > 0 && net.provenance.kind == "random")
        os << " (of " << net.provenance.wires_generated << " generated)";
    if (!net.electrodes.empty()) {
        os << ", electrodes";
        for (const auto& e : net.electrodes) {
            os << " " << e.name << "=";
            if (e.bar) {
                os << "bar(" << e.wires.size() << " wires)";
            } else {
                os << "wire " << e.wires.front();
            }
        }
    }
    if (net.hop_distance) os << ", hop distance n = " << *net.hop_distance;
    return os.str();
}

}  // namespace nwn::net

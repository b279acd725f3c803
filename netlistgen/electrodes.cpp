#include "netlistgen/electrodes.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.h"
#include "netlistgen/graph.h"
#include "netlistgen/text_parse.h"

namespace nwn::net {

namespace {

Electrode contact(const std::string& name, int wire) { return Electrode{name, {wire}, false, 0.1, {}}; }

// Pairs (a < b) scored by `score`; the best score wins, ties to the smallest a then smallest b.
template <class Score>
std::pair<int, int> best_pair(const std::vector<int>& candidates, Score score) {
    double best = -1;
    std::pair<int, int> out{-1, -1};
    for (std::size_t x = 0; x < candidates.size(); ++x)
        for (std::size_t y = x + 1; y < candidates.size(); ++y) {
            const int a = std::min(candidates[x], candidates[y]), b = std::max(candidates[x], candidates[y]);
            const double s = score(a, b);
            if (s > best || (s == best && std::make_pair(a, b) < out)) {
                best = s;
                out = {a, b};
            }
        }
    return out;
}

// Wire centres on the convex hull (Andrew's monotone chain): a farthest pair of points always has both
// ends among the hull's vertices, which makes `farthest` O(N log N) instead of O(N²).
std::vector<int> hull_vertices(const Network& net) {
    std::vector<int> idx(net.wires.size());
    for (std::size_t k = 0; k < idx.size(); ++k) idx[k] = static_cast<int>(k);
    auto pt = [&](int k) { return std::make_pair(net.wires[k].xc, net.wires[k].yc); };
    std::sort(idx.begin(), idx.end(), [&](int a, int b) { return pt(a) < pt(b); });
    auto cross = [&](int o, int a, int b) {
        const auto &O = net.wires[o], &A = net.wires[a], &B = net.wires[b];
        return (A.xc - O.xc) * (B.yc - O.yc) - (A.yc - O.yc) * (B.xc - O.xc);
    };
    std::vector<int> h(2 * idx.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < idx.size(); ++i) {
        while (k >= 2 && cross(h[k - 2], h[k - 1], idx[i]) < 0) --k;  // keep collinear points: ties stay visible
        h[k++] = idx[i];
    }
    for (std::size_t i = idx.size() - 1, t = k + 1; i-- > 0;) {
        while (k >= t && cross(h[k - 2], h[k - 1], idx[i]) < 0) --k;
        h[k++] = idx[i];
    }
    h.resize(k);
    // Wires sharing a centre with a hull vertex tie with it: include them.
    std::vector<int> out;
    for (int v : h)
        for (std::size_t w = 0; w < net.wires.size(); ++w)
            if (pt(static_cast<int>(w)) == pt(v)) out.push_back(static_cast<int>(w));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<Electrode> farthest(const Network& net) {
    if (net.wires.size() < 2) throw Error("farthest electrodes need at least two wires");
    const auto [a, b] = best_pair(hull_vertices(net), [&](int i, int j) {
        const double dx = net.wires[i].xc - net.wires[j].xc, dy = net.wires[i].yc - net.wires[j].yc;
        return std::sqrt(dx * dx + dy * dy);
    });
    return {contact("src", b), contact("drn", a)};
}

std::vector<Electrode> topo_farthest(const Network& net) {
    if (net.wires.size() < 2) throw Error("topo-farthest electrodes need at least two wires");
    // One breadth-first search per wire, O(N) memory; scanning (a, b > a) in order and keeping only
    // strictly longer paths leaves the first maximum, NWNsim's column-major pick.
    const auto adj = adjacency(net);
    int best = -1, a = -1, b = -1;
    for (int i = 0; i < static_cast<int>(net.wires.size()); ++i) {
        const auto hops = hops_from(adj, {i});
        for (int j = i + 1; j < static_cast<int>(hops.size()); ++j)
            if (hops[j] > best) {
                best = hops[j];
                a = i;
                b = j;
            }
    }
    return {contact("src", b), contact("drn", a)};
}

int wire_id(const Network& net, const std::string& text) {
    const long long id = parse_integer(text, "wire id");
    if (id < 0 || id >= static_cast<long long>(net.wires.size()))
        throw Error("unknown wire id " + text + ": the wires are 0.." + std::to_string(net.wires.size() - 1));
    return static_cast<int>(id);
}

std::vector<Electrode> explicit_wires(const Network& net, const std::string& arg) {
    const auto ids = split(arg, ',');
    if (ids.size() != 2) throw Error("wires:I,J takes two wire ids (got '" + arg + "')");
    const int i = wire_id(net, ids[0]), j = wire_id(net, ids[1]);
    if (i == j) throw Error("source and drain are the same wire " + ids[0]);
    return {contact("src", i), contact("drn", j)};
}

std::vector<Electrode> bars(const Network& net, const std::string& arg) {
    const auto parts = split(arg, ':');
    if (parts.empty() || parts.size() > 2) throw Error("bars:FRACTION[:XFRACTION] (got 'bars:" + arg + "')");
    const double f = parse_number(parts[0], "bar fraction");
    const double xf = parts.size() > 1 ? parse_number(parts[1], "bar x fraction") : 1.0;
    if (!(f > 0 && f < 0.5)) throw Error("the bar fraction must be in (0, 0.5) (got " + parts[0] + ")");
    if (!(xf > 0 && xf <= 1)) throw Error("the bar x fraction must be in (0, 1]");
    Electrode src{"src", {}, true, 0.1, {net.lx * (1 - xf), net.ly * (1 - f), net.lx, net.ly}};
    Electrode drn{"drn", {}, true, 0.1, {0, 0, net.lx * xf, net.ly * f}};
    for (std::size_t k = 0; k < net.wires.size(); ++k) {
        const auto& w = net.wires[k];
        if (w.yc >= net.ly * (1 - f) && w.xc >= net.lx * (1 - xf)) src.wires.push_back(static_cast<int>(k));
        if (w.yc <= net.ly * f && w.xc <= net.lx * xf) drn.wires.push_back(static_cast<int>(k));
    }
    for (const auto* e : {&src, &drn})
        if (e->wires.empty())
            throw Error("bar electrode '" + e->name + "' holds no wire centre (fraction " + parts[0] +
                        "): use a larger fraction");
    return {src, drn};
}

std::vector<Electrode> edges(const Network& net, const std::string& arg) {
    const long long n = parse_integer(arg, "electrode count");
    if (n < 2) throw Error("edges:N needs N >= 2");
    if (n > static_cast<long long>(net.wires.size()))
        throw Error("edges:" + arg + " asks for more electrodes than there are wires");
    const double perimeter = 2 * (net.lx + net.ly);
    std::vector<bool> taken(net.wires.size(), false);
    std::vector<Electrode> out;
    for (long long e = 0; e < n; ++e) {
        double s = (e + 0.5) * perimeter / n, px, py;
        if (s < net.lx) { px = s; py = 0; }
        else if ((s -= net.lx) < net.ly) { px = net.lx; py = s; }
        else if ((s -= net.ly) < net.lx) { px = net.lx - s; py = net.ly; }
        else { s -= net.lx; px = 0; py = net.ly - s; }
        int best = -1;
        double best_d = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < net.wires.size(); ++k) {
            if (taken[k]) continue;
            const double d = distance_to_wire(net.wires[k], px, py);
            if (d < best_d) { best_d = d; best = static_cast<int>(k); }
        }
        taken[best] = true;
        out.push_back(contact("c" + std::to_string(e), best));
    }
    return out;
}

}  // namespace

std::string electrode_node(const Electrode& e) {
    return e.bar ? "e" + e.name : "w" + std::to_string(e.wires.front());
}

int hop_distance(const Network& net, const Electrode& a, const Electrode& b) {
    const auto dist = hops_from(adjacency(net), a.wires);
    int best = -1;
    for (int w : b.wires)
        if (dist[w] >= 0 && (best < 0 || dist[w] < best)) best = dist[w];
    return best;
}

void choose_electrodes(Network& net, const std::string& spec) {
    const auto colon = spec.find(':');
    const std::string rule = spec.substr(0, colon), arg = colon == std::string::npos ? "" : spec.substr(colon + 1);
    std::vector<Electrode> chosen;
    if (rule == "farthest" && arg.empty()) chosen = farthest(net);
    else if (rule == "topo-farthest" && arg.empty()) chosen = topo_farthest(net);
    else if (rule == "wires") chosen = explicit_wires(net, arg);
    else if (rule == "bars") chosen = bars(net, arg);
    else if (rule == "edges") chosen = edges(net, arg);
    else
        throw Error("unknown electrode rule '" + spec +
                    "': use farthest, topo-farthest, wires:I,J, bars:FRACTION[:XFRACTION] or edges:N");

    // Every electrode must reach the first one; wires of a bar may also lie in other components.
    const auto label = component_labels(net);
    for (const auto& e : chosen) {
        const bool joined = std::any_of(e.wires.begin(), e.wires.end(), [&](int w) {
            return std::any_of(chosen.front().wires.begin(), chosen.front().wires.end(),
                               [&](int v) { return label[v] == label[w]; });
        });
        if (!joined)
            throw Error("electrodes '" + chosen.front().name + "' and '" + e.name +
                        "' are in different components (no junction path joins wire " +
                        std::to_string(chosen.front().wires.front()) + " and wire " + std::to_string(e.wires.front()) +
                        "): no current can flow between them");
    }
    net.electrodes = std::move(chosen);
    net.electrode_rule = spec;
    net.hop_distance = hop_distance(net, net.electrodes[0], net.electrodes[1]);
}

}  // namespace nwn::net

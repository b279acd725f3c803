#include "runner/experiments/demo/demo_activation_analysis.h"

#include <algorithm>
#include <cmath>
#include <deque>

#include "common/error.h"

namespace nwn::exp {

namespace {

// Breadth-first search from every source wire over "on" junctions; the path to the first drain wire
// reached is a shortest one in hops.
ConductingPath search(const net::Network& net, const std::vector<std::vector<std::pair<int, int>>>& adj,
                      const std::vector<char>& on) {
    const auto& src = net.electrodes[0].wires;
    const auto& drn = net.electrodes[1].wires;
    std::vector<int> via(net.wires.size(), -2);  // junction we arrived by; -1 at a source wire
    std::deque<int> queue;
    for (int w : src) via[w] = -1, queue.push_back(w);
    std::vector<char> is_drain(net.wires.size(), 0);
    for (int w : drn) is_drain[w] = 1;
    while (!queue.empty()) {
        const int w = queue.front();
        queue.pop_front();
        if (is_drain[w]) {
            ConductingPath p;
            p.found = true;
            for (int x = w; via[x] >= 0;) {
                p.wires.push_back(x);
                p.junctions.push_back(via[x]);
                const auto& J = net.junctions[via[x]];
                x = J.i == x ? J.j : J.i;
                if (via[x] < 0) p.wires.push_back(x);
            }
            if (p.wires.empty()) p.wires.push_back(w);  // a wire on both electrodes: no junction needed
            std::reverse(p.wires.begin(), p.wires.end());
            std::reverse(p.junctions.begin(), p.junctions.end());
            return p;
        }
        for (auto [k, other] : adj[w])
            if (on[k] && via[other] == -2) via[other] = k, queue.push_back(other);
    }
    return {};
}

}  // namespace

double first_crossing(const std::vector<double>& t, const std::vector<double>& g, double factor) {
    for (std::size_t k = 0; k < g.size() && k < t.size(); ++k)
        if (g[k] > factor * g.front()) return t[k];
    return NAN;
}

ConductingPath first_conducting_path(const net::Network& net, const std::vector<std::vector<double>>& lambda, double lcrit) {
    if (net.electrodes.size() < 2) throw Error("the network needs a source and a drain electrode");
    if (lambda.size() != net.junctions.size())
        throw Error("states of " + std::to_string(lambda.size()) + " junctions for a network of " +
                    std::to_string(net.junctions.size()));
    std::vector<std::vector<std::pair<int, int>>> adj(net.wires.size());
    for (std::size_t k = 0; k < net.junctions.size(); ++k) {
        adj[net.junctions[k].i].push_back({static_cast<int>(k), net.junctions[k].j});
        adj[net.junctions[k].j].push_back({static_cast<int>(k), net.junctions[k].i});
    }
    const std::size_t samples = lambda.empty() ? 0 : lambda[0].size();
    std::vector<char> on(net.junctions.size(), 0);
    for (std::size_t s = 0; s < samples; ++s) {
        bool changed = s == 0;
        for (std::size_t k = 0; k < lambda.size(); ++k) {
            const char now = std::fabs(lambda[k][s]) >= lcrit;
            changed |= now != on[k];
            on[k] = now;
        }
        if (!changed) continue;  // the same junctions as before: no path then, none now
        auto p = search(net, adj, on);
        if (p.found) {
            p.sample = s;
            return p;
        }
    }
    return {};
}

}  // namespace nwn::exp

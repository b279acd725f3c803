#include "netlistgen/network/graph.h"

#include <algorithm>
#include <numeric>

namespace nwn::net {

std::vector<std::vector<int>> adjacency(const Network& net) {
    std::vector<std::vector<int>> adj(net.wires.size());
    for (const auto& J : net.junctions) {
        adj[J.i].push_back(J.j);
        adj[J.j].push_back(J.i);
    }
    for (auto& a : adj) std::sort(a.begin(), a.end());
    return adj;
}

std::vector<int> component_labels(const Network& net) {
    const int n = static_cast<int>(net.wires.size());
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](int x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    for (const auto& J : net.junctions) {
        int a = find(J.i), b = find(J.j);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);  // root = smallest id of the component
    }
    std::vector<int> label(n, -1), root_label(n, -1);
    int next = 0;
    for (int w = 0; w < n; ++w) {
        int r = find(w);
        if (root_label[r] < 0) root_label[r] = next++;
        label[w] = root_label[r];
    }
    return label;
}

std::vector<int> keep_largest_component(Network& net) {
    const auto label = component_labels(net);
    const int ncomp = label.empty() ? 0 : *std::max_element(label.begin(), label.end()) + 1;
    std::vector<int> size(ncomp, 0);
    for (int l : label) ++size[l];
    // max_element returns the first maximum: the component whose smallest wire id is smallest.
    const int keep = static_cast<int>(std::max_element(size.begin(), size.end()) - size.begin());
    std::vector<int> new_id(net.wires.size(), -1), kept;
    std::vector<Wire> wires;
    for (std::size_t w = 0; w < net.wires.size(); ++w) {
        if (label[w] != keep) continue;
        new_id[w] = static_cast<int>(kept.size());
        kept.push_back(static_cast<int>(w));
        wires.push_back(net.wires[w]);
    }
    std::vector<Junction> junctions;
    for (const auto& J : net.junctions)
        if (new_id[J.i] >= 0) junctions.push_back({new_id[J.i], new_id[J.j], J.x, J.y});
    net.wires = std::move(wires);
    net.junctions = std::move(junctions);
    net.electrodes.clear();
    net.hop_distance.reset();
    return kept;
}

std::vector<int> hops_from(const std::vector<std::vector<int>>& adj, const std::vector<int>& sources) {
    std::vector<int> dist(adj.size(), -1), queue;
    queue.reserve(adj.size());
    for (int s : sources) {
        if (dist[s] < 0) {
            dist[s] = 0;
            queue.push_back(s);
        }
    }
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const int u = queue[head];
        for (int v : adj[u]) {
            if (dist[v] < 0) {
                dist[v] = dist[u] + 1;
                queue.push_back(v);
            }
        }
    }
    return dist;
}

}  // namespace nwn::net

#include "netlistgen/network/nwnsim_mat.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "common/error.h"
#include "netlistgen/network/junction_finder.h"
#include "netlistgen/network/mat_file.h"
#include "netlistgen/network/network_json.h"

namespace nwn::net {

namespace {

void read_wires(MatFile& r, Network& net) {
    const auto xa = r.vector("xa");
    const std::size_t n = xa.size();
    if (n == 0) throw Error(r.path() + ": the network has no wires");
    const auto ya = r.vector("ya", n), xb = r.vector("xb", n), yb = r.vector("yb", n);
    const auto xc = r.vector("xc", n), yc = r.vector("yc", n);
    std::vector<double> theta;
    if (r.has("theta")) {
        theta = r.vector("theta");
        if (theta.size() != n) theta.clear();  // NWNsim leaves it at the pre-LCC length (§9.5): derive it
    }
    if (r.has("number_of_wires") && r.scalar("number_of_wires") != static_cast<double>(n))
        throw Error(r.path() + ": number_of_wires says " + std::to_string(r.scalar("number_of_wires")) + " but xa has " +
                    std::to_string(n) + " wires");
    for (std::size_t k = 0; k < n; ++k) {
        Wire w = wire_from_endpoints(xa[k], ya[k], xb[k], yb[k]);
        w.xc = xc[k];
        w.yc = yc[k];
        if (!theta.empty()) w.angle = theta[k];
        net.wires.push_back(w);
    }
}

void read_junctions(MatFile& r, Network& net) {
    const std::size_t n = net.wires.size();
    const MatArray edges = r.numeric("edge_list");
    if (edges.cols != 2 && !(edges.rows == 0 || edges.cols == 0))
        throw Error(r.path() + ": edge_list must be E×2 (is " + std::to_string(edges.rows) + "x" + std::to_string(edges.cols) + ")");
    const std::size_t e = edges.values.empty() ? 0 : edges.rows;
    const auto xi = r.vector("xi", e), yi = r.vector("yi", e);
    if (r.has("number_of_junctions") && r.scalar("number_of_junctions") != static_cast<double>(e))
        throw Error(r.path() + ": number_of_junctions disagrees with edge_list (" + std::to_string(e) + " rows)");
    for (std::size_t k = 0; k < e; ++k) {
        const double a = edges.values[k], b = edges.values[k + e];  // column-major
        if (a != std::floor(a) || b != std::floor(b) || a < 0 || b < 0 || a >= n || b >= n || a == b)
            throw Error(r.path() + ": edge_list row " + std::to_string(k + 1) + " (" + std::to_string(a) + ", " +
                        std::to_string(b) + ") is not a pair of 0-based wire ids below " + std::to_string(n));
        net.junctions.push_back({static_cast<int>(std::min(a, b)), static_cast<int>(std::max(a, b)), xi[k], yi[k]});
    }
    try {
        normalise_junctions(net);
    } catch (const Error& err) {
        throw Error(r.path() + ": edge_list: " + err.what());
    }

    const MatArray adj = r.numeric("adj_matrix");
    if (adj.rows != n || adj.cols != n)
        throw Error(r.path() + ": adj_matrix is " + std::to_string(adj.rows) + "x" + std::to_string(adj.cols) +
                    ", expected " + std::to_string(n) + "x" + std::to_string(n));
    std::set<std::pair<int, int>> from_adj;
    for (std::size_t c = 0; c < n; ++c)
        for (std::size_t row = 0; row < n; ++row) {
            const double v = adj.values[row + c * n];
            if (v != adj.values[c + row * n]) throw Error(r.path() + ": adj_matrix is not symmetric");
            if (v != 0 && v != 1) throw Error(r.path() + ": adj_matrix holds values other than 0 and 1");
            if (v != 0 && row == c) throw Error(r.path() + ": adj_matrix has a nonzero diagonal");
            if (v != 0 && row < c) from_adj.insert({static_cast<int>(row), static_cast<int>(c)});
        }
    std::set<std::pair<int, int>> from_list;
    for (const auto& J : net.junctions) from_list.insert({J.i, J.j});
    if (from_adj != from_list)
        throw Error(r.path() + ": edge_list (" + std::to_string(from_list.size()) + " pairs) and adj_matrix (" +
                    std::to_string(from_adj.size()) + " pairs) disagree");
}

void check_geometry(const std::string& path, const Network& net, double tol) {
    for (std::size_t k = 0; k < net.wires.size(); ++k) {
        const auto& w = net.wires[k];
        if (std::abs(w.xc - (w.xa + w.xb) / 2) > tol || std::abs(w.yc - (w.ya + w.yb) / 2) > tol)
            throw Error(path + ": wire " + std::to_string(k) + ": centre (xc, yc) is not the midpoint of its end points");
    }
    for (std::size_t k = 0; k < net.junctions.size(); ++k) {
        const auto& J = net.junctions[k];
        const double d = std::max(distance_to_wire(net.wires[J.i], J.x, J.y), distance_to_wire(net.wires[J.j], J.x, J.y));
        if (d > tol)
            throw Error(path + ": junction " + std::to_string(k) + " (wires " + std::to_string(J.i) + ", " +
                        std::to_string(J.j) + "): (xi, yi) lies " + std::to_string(d) +
                        " off its wires; xi/yi or edge_list are mislabelled (try --recompute-junctions)");
    }
}

// The rules of nwn's network file (network_json.cpp: finite numbers, wires within a domain size of the
// domain, lengths > 0), applied by reading back the file nwn would write for `net`.
void check_as_network_file(const Network& net, const std::string& path) {
    (void)network_from_json(network_to_json(net), path);
}

}  // namespace

Network import_nwnsim_mat(const std::filesystem::path& path, const MatImportOptions& options) {
    MatFile r(path);
    std::vector<const char*> required = {"length_x", "length_y", "xa", "ya", "xb", "yb", "xc", "yc"};
    if (!options.recompute_junctions) required.insert(required.end(), {"edge_list", "xi", "yi", "adj_matrix"});
    for (const char* name : required)
        if (!r.has(name))
            throw Error(r.path() + ": missing variable '" + name + "': not an NWNsim network file (it needs " +
                        "length_x length_y xa ya xb yb xc yc edge_list xi yi adj_matrix)");
    Network net;
    net.lx = r.scalar("length_x");
    net.ly = r.scalar("length_y");
    if (!(net.lx > 0) || !(net.ly > 0)) throw Error(r.path() + ": length_x and length_y must be > 0");
    read_wires(r, net);
    check_as_network_file(net, r.path());  // the junction search and checks need sane wires
    const double tol = options.tolerance * std::max(net.lx, net.ly);
    if (options.recompute_junctions) {
        net.junctions = find_junctions(net.wires);
    } else {
        read_junctions(r, net);
    }
    check_geometry(r.path(), net, tol);
    try {
        validate(net);
    } catch (const Error& e) {
        throw Error(r.path() + ": " + e.what());
    }
    auto& p = net.provenance;
    p.kind = "nwnsim-mat";
    p.source = std::filesystem::absolute(path).lexically_normal().string();
    p.wires_generated = static_cast<long long>(net.wires.size());
    if (r.has("this_seed")) {
        const double seed = r.scalar("this_seed");
        if (!(seed >= 0 && seed <= 4294967295.0 && seed == std::floor(seed)))
            throw Error(r.path() + ": this_seed " + std::to_string(seed) + " is not a seed (an integer in [0, 2^32))");
        p.seed = static_cast<std::uint32_t>(seed);
    }
    if (r.has("avg_length")) p.length_mean = r.scalar("avg_length");
    if (r.has("dispersion")) p.length_sd = r.scalar("dispersion");
    p.largest_component = false;
    check_as_network_file(net, r.path());  // what import-mat writes must read back (netlist, run, draw)
    return net;
}

}  // namespace nwn::net

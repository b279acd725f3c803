#include "runner/engine/nodal_system.h"

#include <Eigen/OrderingMethods>
#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>

#include <array>
#include <numeric>
#include <string>

#include "common/error.h"
#include "netlistgen/netlist/netlist_writer.h"

namespace nwn::engine {

std::vector<ElectrodeHold> holds_of(const std::vector<net::ElectrodeRole>& roles) {
    std::vector<ElectrodeHold> o;
    for (const auto& r : roles)
        o.push_back({r.role == net::Role::Drive || r.role == net::Role::Ground, r.role == net::Role::Load ? 1 / r.load_ohms : 0.0});
    return o;
}

namespace {

// An edge of the conductance graph: a junction of the system (index >= 0) or a bar link (-1).
struct Edge {
    int u, v;  // nodes
    int junction;
    double g_fixed;
};

}  // namespace

struct NodalSystem::Impl {
    std::vector<std::size_t> junctions;
    std::vector<int> wires;
    std::vector<Edge> edges;
    std::vector<int> owner;  // per node: the electrode that fixes it, or -1
    std::vector<int> row;    // per node: row of the reduced system, or -1 where fixed
    std::vector<int> electrode_node;
    std::vector<int> boundary;  // edges with one end fixed, ascending: the only ones feeding the rhs
    std::vector<double> load_g;  // per electrode: conductance to ground of a free electrode's node (loads)
    std::vector<int> load_slot;  // per electrode: position of its node's diagonal entry, -1 if none stamped
    std::vector<bool> fixed;     // per electrode

    // The reduced system is factorised as Eigen's SimplicialLDLT with AMD ordering would factorise it, but
    // permuted once instead of at every step: `ap` holds the upper triangle of P·A·Pᵀ (P from AMD on A's
    // pattern, as Eigen computes it), stamped directly, and the solver takes it in natural order. The
    // factorisation sees the same matrix in the same storage, so results are bit for bit those of the
    // reordering solver, without its per-step permutation (13 % of a native run).
    Eigen::SparseMatrix<double> ap;
    Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> perm, perm_inv;  // P, P⁻¹
    // Per edge: positions in ap.valuePtr() of its (uu, vv, uv) entries (the stored triangle holds one of
    // the two off-diagonal entries), -1 where a node is fixed.
    std::vector<std::array<int, 3>> slot;
    Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>, Eigen::Upper, Eigen::NaturalOrdering<int>> solver;

    std::vector<double> g;  // per edge, as last stamped
    Eigen::VectorXd rhs, x, rhs_p, x_p;
    std::vector<double> node_v;
};

NodalSystem::NodalSystem(const net::Network& net, const NodalOptions& options, const std::vector<ElectrodeHold>& holds)
    : impl_(std::make_unique<Impl>()) {
    Impl& s = *impl_;
    if (options.electrode_components_only) {
        s.junctions = net::active_junctions(net);
        s.wires = net::active_wires(net);
    } else {
        s.junctions.resize(net.junctions.size());
        std::iota(s.junctions.begin(), s.junctions.end(), std::size_t{0});
        s.wires.resize(net.wires.size());
        std::iota(s.wires.begin(), s.wires.end(), 0);
    }
    std::vector<int> node_of(net.wires.size(), -1);
    for (std::size_t m = 0; m < s.wires.size(); ++m) node_of[s.wires[m]] = static_cast<int>(m);

    if (!holds.empty() && holds.size() != net.electrodes.size())
        throw Error("nodal system: " + std::to_string(holds.size()) + " electrode holds for " +
                    std::to_string(net.electrodes.size()) + " electrodes");
    s.fixed.assign(net.electrodes.size(), true);
    s.load_g.assign(net.electrodes.size(), 0.0);
    for (std::size_t e = 0; e < holds.size(); ++e) {
        s.fixed[e] = holds[e].fixed;
        s.load_g[e] = holds[e].fixed ? 0.0 : holds[e].g_ground;
    }
    int n_nodes = static_cast<int>(s.wires.size());
    s.owner.assign(n_nodes, -1);
    for (std::size_t e = 0; e < net.electrodes.size(); ++e) {
        const auto& el = net.electrodes[e];
        if (el.bar) {
            s.electrode_node.push_back(n_nodes++);
            s.owner.push_back(s.fixed[e] ? static_cast<int>(e) : -1);
            for (int w : el.wires) s.edges.push_back({s.electrode_node.back(), node_of[w], -1, el.link_conductance});
        } else {
            s.electrode_node.push_back(node_of[el.wires.front()]);
            if (!s.fixed[e]) continue;  // a floating contact leaves its wire an ordinary node
            for (int w : el.wires) {
                if (s.owner[node_of[w]] >= 0 && !options.later_contact_wins)
                    throw Error("native engine: wire " + std::to_string(w) + " belongs to two electrodes");
                s.owner[node_of[w]] = static_cast<int>(e);
            }
        }
    }
    // Bar links first, then junctions: the stamping order, which the results depend on bit for bit.
    for (std::size_t m = 0; m < s.junctions.size(); ++m) {
        const auto& J = net.junctions[s.junctions[m]];
        s.edges.push_back({node_of[J.i], node_of[J.j], static_cast<int>(m), 0.0});
    }

    int n_free = 0;
    s.row.assign(n_nodes, -1);
    for (int u = 0; u < n_nodes; ++u)
        if (s.owner[u] < 0) s.row[u] = n_free++;
    for (std::size_t k = 0; k < s.edges.size(); ++k)
        if ((s.row[s.edges[k].u] < 0) != (s.row[s.edges[k].v] < 0)) s.boundary.push_back(static_cast<int>(k));

    // The pattern only: every value is restamped before each factorisation.
    std::vector<Eigen::Triplet<double>> trip;
    for (const auto& e : s.edges) {
        const int ru = s.row[e.u], rv = s.row[e.v];
        if (ru >= 0) trip.emplace_back(ru, ru, 1.0);
        if (rv >= 0) trip.emplace_back(rv, rv, 1.0);
        if (ru >= 0 && rv >= 0) trip.emplace_back(ru, rv, 1.0), trip.emplace_back(rv, ru, 1.0);
    }
    for (std::size_t e = 0; e < s.load_g.size(); ++e)
        if (s.load_g[e] > 0) trip.emplace_back(s.row[s.electrode_node[e]], s.row[s.electrode_node[e]], 0.0);
    Eigen::SparseMatrix<double> a(n_free, n_free);
    a.setFromTriplets(trip.begin(), trip.end());
    a.makeCompressed();
    // P as SimplicialCholeskyBase::ordering computes it (AMD on the full pattern gives P⁻¹), and where each
    // entry of A's lower triangle lands in ap: A's values are their own positions for one permutation.
    {
        Eigen::SparseMatrix<double> c = a.selfadjointView<Eigen::Lower>();
        Eigen::AMDOrdering<int> amd;
        amd(c, s.perm_inv);
    }
    if (s.perm_inv.size() == 0) s.perm_inv.setIdentity(n_free);
    s.perm = s.perm_inv.inverse();
    for (int p = 0; p < a.nonZeros(); ++p) a.valuePtr()[p] = p;
    s.ap.resize(n_free, n_free);
    s.ap.selfadjointView<Eigen::Upper>() = a.selfadjointView<Eigen::Lower>().twistedBy(s.perm);
    std::vector<int> to_ap(a.nonZeros(), -1);
    for (int q = 0; q < s.ap.nonZeros(); ++q) to_ap[static_cast<int>(s.ap.valuePtr()[q])] = q;
    auto pos = [&](int r, int c) {
        if (r < 0 || c < 0) return -1;
        if (r < c) std::swap(r, c);  // the lower triangle's entry
        for (int p = a.outerIndexPtr()[c]; p < a.outerIndexPtr()[c + 1]; ++p)
            if (a.innerIndexPtr()[p] == r) return to_ap[p];
        return -1;
    };
    for (const auto& e : s.edges)
        s.slot.push_back({pos(s.row[e.u], s.row[e.u]), pos(s.row[e.v], s.row[e.v]), pos(s.row[e.u], s.row[e.v])});
    s.load_slot.assign(s.load_g.size(), -1);
    for (std::size_t e = 0; e < s.load_g.size(); ++e)
        if (s.load_g[e] > 0) s.load_slot[e] = pos(s.row[s.electrode_node[e]], s.row[s.electrode_node[e]]);
    if (n_free > 0) s.solver.analyzePattern(s.ap);

    s.g.assign(s.edges.size(), 0.0);
    s.rhs.resize(n_free);
    s.node_v.assign(n_nodes, 0.0);
}

NodalSystem::~NodalSystem() = default;
NodalSystem::NodalSystem(NodalSystem&&) noexcept = default;
NodalSystem& NodalSystem::operator=(NodalSystem&&) noexcept = default;

const std::vector<std::size_t>& NodalSystem::junctions() const { return impl_->junctions; }
const std::vector<int>& NodalSystem::wires() const { return impl_->wires; }
int NodalSystem::electrode_node(std::size_t electrode) const { return impl_->electrode_node.at(electrode); }
const std::vector<double>& NodalSystem::node_voltages() const { return impl_->node_v; }

bool NodalSystem::refactor(const std::vector<double>& g) {
    Impl& s = *impl_;
    if (g.size() != s.junctions.size()) throw Error("nodal system: conductances of the wrong size");
    double* val = s.ap.valuePtr();
    std::fill(val, val + s.ap.nonZeros(), 0.0);
    for (std::size_t k = 0; k < s.edges.size(); ++k) {
        const auto& e = s.edges[k];
        const double gk = e.junction >= 0 ? g[e.junction] : e.g_fixed;
        s.g[k] = gk;
        const auto& p = s.slot[k];
        if (p[0] >= 0) val[p[0]] += gk;
        if (p[1] >= 0) val[p[1]] += gk;
        if (p[2] >= 0) val[p[2]] -= gk;
    }
    for (std::size_t e = 0; e < s.load_slot.size(); ++e)
        if (s.load_slot[e] >= 0) val[s.load_slot[e]] += s.load_g[e];
    if (s.ap.rows() == 0) return true;
    s.solver.factorize(s.ap);
    return s.solver.info() == Eigen::Success;
}

void NodalSystem::solve(const std::vector<double>& electrode_v) {
    Impl& s = *impl_;
    s.rhs.setZero();
    for (int k : s.boundary) {
        const auto& e = s.edges[k];
        if (s.row[e.u] >= 0) s.rhs[s.row[e.u]] += s.g[k] * electrode_v[s.owner[e.v]];
        else s.rhs[s.row[e.v]] += s.g[k] * electrode_v[s.owner[e.u]];
    }
    if (s.ap.rows() > 0) {
        s.rhs_p = s.perm * s.rhs;
        s.x_p = s.solver.solve(s.rhs_p);
        s.x = s.perm_inv * s.x_p;
    }
    for (std::size_t u = 0; u < s.node_v.size(); ++u)
        s.node_v[u] = s.row[u] >= 0 ? s.x[s.row[u]] : electrode_v[s.owner[u]];
}

void NodalSystem::junction_voltages(std::vector<double>& out) const {
    const Impl& s = *impl_;
    out.resize(s.junctions.size());
    for (const auto& e : s.edges)
        if (e.junction >= 0) out[e.junction] = s.node_v[e.u] - s.node_v[e.v];
}

void NodalSystem::electrode_currents(std::vector<double>& out) const {
    const Impl& s = *impl_;
    out.assign(s.electrode_node.size(), 0.0);
    for (std::size_t k = 0; k < s.edges.size(); ++k) {
        const auto& e = s.edges[k];
        const double i_uv = s.g[k] * (s.node_v[e.u] - s.node_v[e.v]);
        if (s.owner[e.v] >= 0) out[s.owner[e.v]] += i_uv;
        if (s.owner[e.u] >= 0) out[s.owner[e.u]] -= i_uv;
    }
    for (std::size_t e = 0; e < out.size(); ++e)
        if (!s.fixed[e]) out[e] = s.load_g[e] * s.node_v[s.electrode_node[e]];
}

double NodalSystem::current_into(int node) const {
    const Impl& s = *impl_;
    double i = 0;
    for (std::size_t k = 0; k < s.edges.size(); ++k) {
        const auto& e = s.edges[k];
        if (e.v == node) i += s.g[k] * (s.node_v[e.u] - s.node_v[e.v]);
        if (e.u == node) i += s.g[k] * (s.node_v[e.v] - s.node_v[e.u]);
    }
    return i;
}

}  // namespace nwn::engine

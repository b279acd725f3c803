#include "runner/engine/native_engine.h"

#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>

#include <array>
#include <cmath>
#include <string>

#include "common/error.h"
#include "netlistgen/junction_params.h"

namespace nwn::engine {

namespace {

// An edge of the conductance graph: a junction (index >= 0) or a passive bar link (-1).
struct Edge {
    int u, v;  // node ids
    int junction;
    double g_fixed;
};

}  // namespace

struct NativeEngine::Impl {
    const net::Network& net;
    std::vector<NativeDrive> drives;
    NativeOptions opt;

    int n_nodes = 0;
    std::vector<Edge> edges;
    std::vector<int> fixed_electrode;  // per node: electrode index or -1
    std::vector<int> free_index;       // per node: row in the reduced system or -1
    int n_free = 0;
    std::vector<int> electrode_stimulus;  // per electrode: index into drives or -1 (held at 0 V)

    Eigen::SparseMatrix<double> a;
    // Per edge: positions in a.valuePtr() of (uu, vv, uv, vu) entries, -1 where a node is fixed.
    std::vector<std::array<int, 4>> slot;
    Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> solver;

    std::vector<double> lambda, g, node_v, jv, ev, ei;

    Impl(const net::Network& n, std::vector<NativeDrive> d, NativeOptions o)
        : net(n), drives(std::move(d)), opt(std::move(o)) {
        const int nw = static_cast<int>(net.wires.size());
        const int ne = static_cast<int>(net.electrodes.size());
        const size_t nj = net.junctions.size();
        if (!(opt.dt > 0) || !(opt.tstop > 0)) throw Error("native engine: dt and tstop must be > 0");
        if (opt.params.size() != 1 && opt.params.size() != nj)
            throw Error("native engine: need one parameter set or one per junction");
        if (!opt.lambda0.empty() && opt.lambda0.size() != nj)
            throw Error("native engine: initial state has " + std::to_string(opt.lambda0.size()) + " values for " +
                        std::to_string(nj) + " junctions");
        net::check_initial_states(opt.lambda0, opt.params);
        if (ne < 2) throw Error("native engine: the network needs at least two electrodes");

        // Nodes: wires, then one per bar electrode. Electrode nodes are fixed (voltage imposed).
        n_nodes = nw;
        fixed_electrode.assign(nw, -1);
        electrode_stimulus.assign(ne, -1);
        for (int e = 0; e < ne; ++e) {
            const auto& el = net.electrodes[e];
            if (el.bar) {
                int node = n_nodes++;
                fixed_electrode.push_back(e);
                for (int w : el.wires) edges.push_back({node, w, -1, el.link_conductance});
            } else {
                for (int w : el.wires) {
                    if (fixed_electrode[w] >= 0)
                        throw Error("native engine: wire " + std::to_string(w) + " belongs to two electrodes");
                    fixed_electrode[w] = e;
                }
            }
        }
        for (size_t d = 0; d < drives.size(); ++d) {
            int found = -1;
            for (int e = 0; e < ne; ++e)
                if (net.electrodes[e].name == drives[d].electrode) found = e;
            if (found < 0) throw Error("native engine: no electrode named '" + drives[d].electrode + "'");
            electrode_stimulus[found] = static_cast<int>(d);
        }
        for (size_t k = 0; k < nj; ++k)
            edges.push_back({net.junctions[k].i, net.junctions[k].j, static_cast<int>(k), 0.0});

        free_index.assign(n_nodes, -1);
        for (int u = 0; u < n_nodes; ++u)
            if (fixed_electrode[u] < 0) free_index[u] = n_free++;

        // Sparsity pattern of the reduced Laplacian, analysed once.
        std::vector<Eigen::Triplet<double>> trip;
        for (const auto& e : edges) {
            int fu = free_index[e.u], fv = free_index[e.v];
            if (fu >= 0) trip.emplace_back(fu, fu, 1.0);
            if (fv >= 0) trip.emplace_back(fv, fv, 1.0);
            if (fu >= 0 && fv >= 0) {
                trip.emplace_back(fu, fv, -1.0);
                trip.emplace_back(fv, fu, -1.0);
            }
        }
        a.resize(n_free, n_free);
        a.setFromTriplets(trip.begin(), trip.end());
        a.makeCompressed();
        auto pos = [&](int r, int c) -> int {
            if (r < 0 || c < 0) return -1;
            for (int p = a.outerIndexPtr()[c]; p < a.outerIndexPtr()[c + 1]; ++p)
                if (a.innerIndexPtr()[p] == r) return p;
            return -1;
        };
        for (const auto& e : edges) {
            int fu = free_index[e.u], fv = free_index[e.v];
            slot.push_back({pos(fu, fu), pos(fv, fv), pos(fu, fv), pos(fv, fu)});
        }
        if (n_free > 0) solver.analyzePattern(a);

        lambda = opt.lambda0.empty() ? std::vector<double>(nj, 0.0) : opt.lambda0;
        g.assign(edges.size(), 0.0);
        node_v.assign(n_nodes, 0.0);
        jv.assign(nj, 0.0);
        ev.assign(ne, 0.0);
        ei.assign(ne, 0.0);
    }

    const nwn_junction_params& params_of(int k) const { return opt.params.size() == 1 ? opt.params[0] : opt.params[k]; }

    void solve(double t) {
        for (size_t e = 0; e < ev.size(); ++e)
            ev[e] = electrode_stimulus[e] >= 0 ? drives[electrode_stimulus[e]].stimulus.value(t) : 0.0;
        std::fill(a.valuePtr(), a.valuePtr() + a.nonZeros(), 0.0);
        Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n_free);
        for (size_t k = 0; k < edges.size(); ++k) {
            const auto& e = edges[k];
            double gk = e.junction >= 0 ? g[k] : e.g_fixed;
            const auto& s = slot[k];
            double* val = a.valuePtr();
            if (s[0] >= 0) val[s[0]] += gk;
            if (s[1] >= 0) val[s[1]] += gk;
            if (s[2] >= 0) val[s[2]] -= gk;
            if (s[3] >= 0) val[s[3]] -= gk;
            int fu = free_index[e.u], fv = free_index[e.v];
            if (fu >= 0 && fv < 0) rhs[fu] += gk * ev[fixed_electrode[e.v]];
            if (fv >= 0 && fu < 0) rhs[fv] += gk * ev[fixed_electrode[e.u]];
        }
        Eigen::VectorXd x;
        if (n_free > 0) {
            solver.factorize(a);
            if (solver.info() != Eigen::Success)
                throw Error("native engine: singular conductance matrix at t = " + std::to_string(t) +
                            " (a part of the network is not connected to any electrode)");
            x = solver.solve(rhs);
        }
        for (int u = 0; u < n_nodes; ++u) node_v[u] = free_index[u] >= 0 ? x[free_index[u]] : ev[fixed_electrode[u]];
        std::fill(ei.begin(), ei.end(), 0.0);
        for (size_t k = 0; k < edges.size(); ++k) {
            const auto& e = edges[k];
            double gk = e.junction >= 0 ? g[k] : e.g_fixed;
            double i_uv = gk * (node_v[e.u] - node_v[e.v]);  // from u to v
            if (fixed_electrode[e.v] >= 0) ei[fixed_electrode[e.v]] += i_uv;
            if (fixed_electrode[e.u] >= 0) ei[fixed_electrode[e.u]] -= i_uv;
            if (e.junction >= 0) jv[e.junction] = node_v[e.u] - node_v[e.v];
        }
    }

    long run(const NativeRecorder& rec) {
        const long n = std::lround(opt.tstop / opt.dt);
        const size_t nj = net.junctions.size();
        const size_t first_junction_edge = edges.size() - nj;
        for (long step = 1; step <= n; ++step) {
            const double t = step * opt.dt;
            for (size_t k = 0; k < nj; ++k) {
                auto p = nwn_params_exact(params_of(static_cast<int>(k)));
                double d;
                g[first_junction_edge + k] = nwn_conductance(&p, lambda[k], &d);
            }
            solve(t);
            for (size_t k = 0; k < nj; ++k) {
                const auto& p = params_of(static_cast<int>(k));
                lambda[k] = nwn_euler_update(&p, lambda[k], jv[k], opt.dt, opt.nwnsim_compat ? 1 : 0);
            }
            NativeStep s{step, t, &ev, &ei, &node_v, &jv, &lambda};
            if (rec && !rec(s)) return step;
        }
        return n;
    }
};

NativeEngine::NativeEngine(const net::Network& net, std::vector<NativeDrive> drives, NativeOptions options)
    : impl_(std::make_unique<Impl>(net, std::move(drives), std::move(options))) {}
NativeEngine::~NativeEngine() = default;
long NativeEngine::run(const NativeRecorder& recorder) { return impl_->run(recorder); }
const std::vector<double>& NativeEngine::lambda() const { return impl_->lambda; }

}  // namespace nwn::engine

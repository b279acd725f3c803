#include "runner/experiments/native_lyapunov.h"

#include <chrono>
#include <cmath>

#include "common/error.h"
#include "netlistgen/netlist_writer.h"
#include "runner/experiments/interrupt.h"
#include "runner/experiments/lyapunov_engines.h"
#include "runner/experiments/two_copy_deck.h"

namespace nwn::exp {

NativeCopies::NativeCopies(const net::Network& net, const net::Stimulus& stimulus, const std::string& drive,
                           const nwn_junction_params& params, double dt, bool nwnsim_compat)
    : stimulus_(stimulus), params_(params), exact_(nwn_params_exact(params)), dt_(dt), compat_(nwnsim_compat ? 1 : 0) {
    if (!(dt > 0)) throw Error("native Lyapunov: the step must be > 0");
    if (net.electrodes.size() < 2) throw Error("the network needs two electrodes (give --contacts I,J)");
    junctions_ = net::active_junctions(net);

    // Nodes: the wires of the simulated components, then one per bar electrode.
    wires_ = simulated_wires(net);
    std::vector<int> node_of(net.wires.size(), -1);
    for (std::size_t m = 0; m < wires_.size(); ++m) node_of[wires_[m]] = static_cast<int>(m);
    int n_nodes = static_cast<int>(wires_.size());
    fixed_.assign(n_nodes, 0);
    bool driven_found = false;
    for (std::size_t e = 0; e < net.electrodes.size(); ++e) {
        const auto& el = net.electrodes[e];
        const bool driven = drive.empty() ? e == 0 : el.name == drive;
        driven_found |= driven;
        int node;
        if (el.bar) {
            node = n_nodes++;
            fixed_.push_back(0);
            for (int w : el.wires) edges_.push_back({node, node_of[w], -1, el.link_conductance});
        } else {
            node = node_of[el.wires.front()];
        }
        fixed_[node] = driven ? 1 : 2;
        if (!driven && sense_node_ < 0) sense_node_ = node;
    }
    if (!driven_found) throw Error("no electrode named '" + drive + "' to drive");
    for (std::size_t m = 0; m < junctions_.size(); ++m) {
        const auto& J = net.junctions[junctions_[m]];
        edges_.push_back({node_of[J.i], node_of[J.j], static_cast<int>(m), 0.0});
    }

    int n_free = 0;
    row_.assign(n_nodes, -1);
    for (int u = 0; u < n_nodes; ++u)
        if (!fixed_[u]) row_[u] = n_free++;
    std::vector<Eigen::Triplet<double>> trip;
    for (const auto& e : edges_) {
        const int ru = row_[e.u], rv = row_[e.v];
        if (ru >= 0) trip.emplace_back(ru, ru, 1.0);
        if (rv >= 0) trip.emplace_back(rv, rv, 1.0);
        if (ru >= 0 && rv >= 0) trip.emplace_back(ru, rv, 1.0), trip.emplace_back(rv, ru, 1.0);
    }
    a_.resize(n_free, n_free);
    a_.setFromTriplets(trip.begin(), trip.end());
    a_.makeCompressed();
    auto pos = [&](int r, int c) {
        if (r < 0 || c < 0) return -1;
        for (int p = a_.outerIndexPtr()[c]; p < a_.outerIndexPtr()[c + 1]; ++p)
            if (a_.innerIndexPtr()[p] == r) return p;
        return -1;
    };
    for (const auto& e : edges_) slot_.push_back({pos(row_[e.u], row_[e.u]), pos(row_[e.v], row_[e.v]),
                                                  pos(row_[e.u], row_[e.v]), pos(row_[e.v], row_[e.u])});
    if (n_free > 0) solver_.analyzePattern(a_);
    g_.assign(edges_.size(), 0.0);
    node_v_.assign(n_nodes, 0.0);
    jv_.assign(junctions_.size(), 0.0);
    wire_v_.assign(wires_.size(), 0.0);
}

void NativeCopies::solve(const State& lambda, double drive) {
    double* val = a_.valuePtr();
    std::fill(val, val + a_.nonZeros(), 0.0);
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(a_.rows());
    auto fixed_v = [&](int node) { return fixed_[node] == 1 ? drive : 0.0; };
    for (std::size_t k = 0; k < edges_.size(); ++k) {
        const auto& e = edges_[k];
        double d;
        const double g = e.state >= 0 ? nwn_conductance(&exact_, lambda[e.state], &d) : e.g_fixed;
        g_[k] = g;
        const auto& s = slot_[k];
        if (s[0] >= 0) val[s[0]] += g;
        if (s[1] >= 0) val[s[1]] += g;
        if (s[2] >= 0) val[s[2]] -= g;
        if (s[3] >= 0) val[s[3]] -= g;
        if (row_[e.u] >= 0 && row_[e.v] < 0) rhs[row_[e.u]] += g * fixed_v(e.v);
        if (row_[e.v] >= 0 && row_[e.u] < 0) rhs[row_[e.v]] += g * fixed_v(e.u);
    }
    Eigen::VectorXd x;
    if (a_.rows() > 0) {
        solver_.factorize(a_);
        if (solver_.info() != Eigen::Success) throw Error("native Lyapunov: singular conductance matrix");
        x = solver_.solve(rhs);
    }
    for (std::size_t u = 0; u < node_v_.size(); ++u) node_v_[u] = row_[u] >= 0 ? x[row_[u]] : fixed_v(static_cast<int>(u));
    for (std::size_t k = 0; k < edges_.size(); ++k)
        if (edges_[k].state >= 0) jv_[edges_[k].state] = node_v_[edges_[k].u] - node_v_[edges_[k].v];
}

void NativeCopies::step(std::vector<State>& copies, double t) {
    const double drive = stimulus_.value(t);
    for (std::size_t c = 0; c < copies.size(); ++c) {
        State& lambda = copies[c];
        if (lambda.size() != junctions_.size()) throw Error("native Lyapunov: state of the wrong size");
        solve(lambda, drive);
        if (c == 0) {
            drive_v_ = drive;
            current_ = 0;
            for (std::size_t k = 0; k < edges_.size(); ++k) {
                const auto& e = edges_[k];
                if (e.v == sense_node_) current_ += g_[k] * (node_v_[e.u] - node_v_[e.v]);
                if (e.u == sense_node_) current_ += g_[k] * (node_v_[e.v] - node_v_[e.u]);
            }
            for (std::size_t w = 0; w < wires_.size(); ++w) wire_v_[w] = node_v_[w];
        }
        for (std::size_t m = 0; m < lambda.size(); ++m)
            lambda[m] = nwn_euler_update(&params_, lambda[m], jv_[m], dt_, compat_);
    }
}

namespace {

class NativeSegmentEngine : public SegmentEngine {
public:
    explicit NativeSegmentEngine(const EngineSetup& s)
        : copies_(s.network, s.stimulus, "", s.params, s.choice.dt, s.choice.nwnsim_compat) {}

    void advance(std::vector<State>& copies, double t0, double duration, const RefObserver& observer,
                 bool with_wires) override {
        const auto start = std::chrono::steady_clock::now();
        const double dt = copies_.dt();
        // Steps on the global grid k·dt: a run covers the steps whose times fall in (t0, t0 + duration],
        // rounded, so a drive period that is no whole number of steps (0.85 Hz at 5e-4 s) costs at most
        // half a step per segment instead of drifting.
        const long k0 = std::lround(t0 / dt), n = std::lround((t0 + duration) / dt) - k0;
        if (n < 1) throw Error("native engine: " + std::to_string(duration) + " s is shorter than a step");
        for (long k = 1; k <= n; ++k) {
            // Times as whole multiples of dt, so long runs do not accumulate rounding drift.
            const double t = (k0 + k) * dt;
            copies_.step(copies, t);
            if (observer)
                observer({t, copies_.drive_voltage(), copies_.current(), with_wires ? &copies_.wire_voltages() : nullptr});
            if ((k & 1023) == 0 && interrupted()) throw Error("interrupted");
        }
        steps_ += n;
        wall_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }

    const std::vector<int>& wires() const override { return copies_.wires(); }

    nlohmann::json stats() const override {
        return {{"steps", steps_}, {"wall_s", wall_}, {"us_per_step", steps_ ? 1e6 * wall_ / steps_ : 0.0}};
    }

private:
    NativeCopies copies_;
    long steps_ = 0;
    double wall_ = 0;
};

}  // namespace

std::unique_ptr<SegmentEngine> make_spice_engine(const EngineSetup& setup);  // lyapunov_spice.cpp

std::unique_ptr<SegmentEngine> make_segment_engine(const EngineSetup& setup, const std::string& engine) {
    const std::string& name = engine.empty() ? setup.choice.engine : engine;
    if (name == "libngspice") return make_spice_engine(setup);
    if (name == "native") return std::make_unique<NativeSegmentEngine>(setup);
    throw Error("unknown engine '" + name + "' (libngspice or native)");
}

}  // namespace nwn::exp

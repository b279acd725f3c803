// The linear system of NWNsim's scheme (docs/model.md §3.1), shared by the native engine and the native
// Lyapunov copies: nodal analysis of the wire network with the electrode voltages imposed. Nodes are the
// wires, then one per bar electrode (tied to each of its wires by a passive link); a contact fixes its
// wire's node. The sparsity pattern and the symbolic factorisation are made once, so a step costs a
// restamp, a numeric factorisation and a solve.
#pragma once
#include <cstddef>
#include <memory>
#include <vector>

#include "netlistgen/network/electrode_roles.h"
#include "netlistgen/network/network.h"

namespace nwn::engine {

struct NodalOptions {
    // Only the components holding an electrode get nodes, as in the SPICE decks; otherwise every wire
    // and junction does, and a floating component makes the matrix singular.
    bool electrode_components_only = false;
    // A wire held by two contacts is fixed by the later one; otherwise that is an error.
    bool later_contact_wins = false;
};

// Per network electrode: whether solve() fixes its node (driven, grounded), or the network sets it
// (floating), with g_ground siemens to ground (a load).
struct ElectrodeHold {
    bool fixed = true;
    double g_ground = 0;
};

// The holds of electrodes with these roles: drive and ground fixed, float free, load free with 1/R.
std::vector<ElectrodeHold> holds_of(const std::vector<net::ElectrodeRole>& roles);

class NodalSystem {
public:
    // holds: one per electrode, or empty for every electrode fixed.
    explicit NodalSystem(const net::Network& net, const NodalOptions& options = {},
                         const std::vector<ElectrodeHold>& holds = {});
    ~NodalSystem();
    NodalSystem(NodalSystem&&) noexcept;
    NodalSystem& operator=(NodalSystem&&) noexcept;

    const std::vector<std::size_t>& junctions() const;  // network junction of each system junction
    const std::vector<int>& wires() const;              // network wire of nodes 0, 1, ...; bar nodes follow
    int electrode_node(std::size_t electrode) const;    // a bar's node, or a contact's (first) wire node

    // Stamps the conductances (per junctions()) and factorises; false if the matrix is singular.
    bool refactor(const std::vector<double>& g);
    // Node voltages for the electrode voltages (per network electrode; free electrodes' entries unused),
    // with the last refactor()'s g.
    void solve(const std::vector<double>& electrode_v);

    const std::vector<double>& node_voltages() const;
    void junction_voltages(std::vector<double>& out) const;   // v(i) − v(j) per junctions()
    // From the network into each electrode: through its source (fixed), its load (g_ground·v), 0 (floating).
    void electrode_currents(std::vector<double>& out) const;
    double current_into(int node) const;                      // from the rest of the network

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nwn::engine

// Decks that run several copies of one network side by side, driven by one shared source, for the
// Lyapunov segments (reference + perturbed copies) and for single-copy runs that continue a drive from an
// arbitrary phase. Sharing the source makes every copy see the same accepted time points, so their λ
// can be compared point by point.
//
// The network is written once as `.subckt nwn <electrode nodes>` (netlist_writer.h); copy c is
//   x<c> drive <other electrodes of copy c> nwn     with   v<name>_c<c> <name>_c<c> 0 DC 0
// so i(v<name>_c<c>) is copy c's current into electrode <name>, v(x<c>.l<k>) is λ of junction k in
// copy c and v(x<c>.w<i>) the voltage of wire i. The drive is the stimulus with its time origin moved
// to t0: the segment's SPICE time 0 is drive time t0, so a restart continues the drive's phase.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "devicemodel/hochstetter/hochstetter.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "netlistgen/network/network.h"
#include "netlistgen/network/stimulus.h"

namespace nwn::exp {

// The source value of `s` shifted in time: value(t) of the result is s.value(t0 + t) for t in
// [0, duration]. Piecewise-linear kinds become a PWL through their corners, sines a SIN with the
// phase advanced, dc stays dc.
std::string shifted_source(const net::Stimulus& s, double t0, double duration);

struct CopyDeckOptions {
    net::Flavour flavour = net::Flavour::Codemodel;
    nwn_junction_params params = nwn_params_ac();
    std::string drive;                      // driven electrode; empty = the first
    std::filesystem::path subckt_library;   // subckt flavour
    double tmax = 1e-3;                     // maximum time step (s)
    std::vector<std::string> extra_options; // ".options" items after the project's defaults (they win)
    int ngspice_major = 39;
};

class CopyDeck {
public:
    CopyDeck(const net::Network& net, const net::Stimulus& stimulus, CopyDeckOptions options);

    // The deck for states.size() copies, copy c starting from states[c] (λ of the active junctions,
    // in junctions() order), run from drive time t0 for `duration` seconds.
    std::vector<std::string> lines(double t0, double duration, const std::vector<std::vector<double>>& states) const;

    // Junctions that are simulated (components holding an electrode), ascending: the state vector.
    const std::vector<std::size_t>& junctions() const { return junctions_; }
    // Wires of those components, ascending.
    const std::vector<int>& wires() const { return wires_; }
    const net::Stimulus& stimulus() const { return stimulus_; }

    static std::string lambda_vector(std::size_t copy, std::size_t junction);  // "v(x<c>.l<k>)"
    std::string wire_vector(std::size_t copy, int wire) const;                 // "v(x<c>.w<i>)"
    std::string current_vector(std::size_t copy) const;  // current into copy's first grounded electrode

private:
    std::string port_node(const net::Electrode& e, std::size_t copy) const;
    const net::Network& net_;
    net::Stimulus stimulus_;
    CopyDeckOptions opt_;
    std::string driven_;
    std::string sense_;  // the grounded electrode whose current is reported
    std::vector<std::size_t> junctions_;
    std::vector<int> wires_;
    std::vector<std::string> subckt_;  // lines of the .subckt (and its .model / .include)
};

}  // namespace nwn::exp

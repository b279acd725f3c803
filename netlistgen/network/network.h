// The nanowire network data model shared by the generator, the importers, the netlist writer and the
// picture. Wire ids are 0-based and dense; junction k joins wires i < j and junctions are kept in
// lexicographic (i, j) order, which is NWNsim's EdgeList order (docs/model.md §2.2).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nwn::net {

struct Wire {
    double xa = 0, ya = 0, xb = 0, yb = 0;  // end points
    double xc = 0, yc = 0;                  // centre
    double length = 0;
    double angle = 0;  // radians, of the direction a -> b
};

// NWNsim's construction: (xa, ya) = c - (L/2)(cos θ, sin θ), (xb, yb) = c + (L/2)(cos θ, sin θ).
Wire wire_from_centre(double xc, double yc, double length, double angle);
// Centre, length and angle derived from the end points (angle in (-π, π]).
Wire wire_from_endpoints(double xa, double ya, double xb, double yb);

// Shortest distance from (x, y) to the wire's segment.
double distance_to_wire(const Wire& w, double x, double y);

struct Junction {
    int i = 0, j = 0;  // wire ids, i < j
    double x = 0, y = 0;
};

// An electrode is either a contact on wires (one wire for a two-probe contact: its node is the wire's
// node) or a bar: a node of its own tied to each of its wires by a passive link (NWNsim's
// addRectElectrode, 0.1 S).
struct Electrode {
    std::string name;
    std::vector<int> wires;  // ascending
    bool bar = false;
    double link_conductance = 0.1;  // S, bars only
    // Bars: the rectangle that selected the wires (x0, y0, x1, y1), for pictures; empty otherwise.
    std::vector<double> region{};
};

// How the network was made, kept in the JSON file for provenance.
struct Provenance {
    std::string kind;  // "random", "nwnsim-mat", or "manual"
    std::string rng;   // name of the random stream (random networks)
    std::uint32_t seed = 0;
    long long wires_generated = 0;  // before the largest component was taken
    double length_mean = 0, length_sd = 0;
    bool largest_component = true;
    std::string source;  // imported file
};

struct Network {
    double lx = 0, ly = 0;  // domain [0, lx] x [0, ly]; wires are not clipped to it (as in NWNsim)
    std::vector<Wire> wires;
    std::vector<Junction> junctions;
    std::vector<Electrode> electrodes;
    std::string electrode_rule;            // the spec that chose the electrodes
    std::optional<int> hop_distance;       // n between the first two electrodes (V* = V/(n·vset))
    Provenance provenance;
};

// Sorts junctions lexicographically by (i, j) (stable) and checks ids; throws nwn::Error when a wire id
// is out of range, i >= j, or a pair repeats.
void normalise_junctions(Network& net);

// Structural checks of a network read from a file: sizes, ids, junction order, electrodes.
void validate(const Network& net);

const Electrode* find_electrode(const Network& net, const std::string& name);

// One line for humans: "100 wires, 261 junctions, electrodes src=[72] drn=[29], n = 9".
std::string summary(const Network& net);

}  // namespace nwn::net

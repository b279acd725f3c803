// Import of NWNsim network files (.mat, MAT v5/v7.3 via matio; variables in docs/model.md §2.3).
// Required: xa ya xb yb xc yc (per wire), edge_list (E×2, 0-based i<j), xi yi (per junction),
// adj_matrix (N×N), length_x length_y. Optional: theta, this_seed, avg_length, dispersion,
// number_of_wires, number_of_junctions. The file is cross-checked before it is accepted:
//   - every per-wire array has N entries, counts agree with number_of_wires/number_of_junctions;
//   - edge_list equals the upper triangle of adj_matrix (symmetric 0/1, zero diagonal);
//   - each (xi, yi) lies on both of its wires, within 1e-9 of the domain size (float64 round-off of
//     an intersection is ~1e-13 of the coordinates, so a mislabelled junction, off by a wire length,
//     cannot pass), and each centre is the midpoint of its end points to the same tolerance.
// Junctions keep NWNsim's order: lexicographic (i, j), MATLAB's EdgeList order (§2.2).
// With recompute_junctions, edge_list/xi/yi/adj_matrix are ignored and the junctions are found again
// from the wire geometry (for files whose labels are permuted, §9.5).
#pragma once
#include <filesystem>

#include "netlistgen/network/network.h"

namespace nwn::net {

struct MatImportOptions {
    bool recompute_junctions = false;
    double tolerance = 1e-9;  // relative to max(length_x, length_y)
};

Network import_nwnsim_mat(const std::filesystem::path& path, const MatImportOptions& options = {});

}  // namespace nwn::net

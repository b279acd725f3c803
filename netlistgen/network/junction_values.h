// Per-junction values from a CSV file (initial λ for .ic, or λ / conductance / current for pictures).
// The file has a header row and one row per junction. The value column is the first of `columns`
// present (e.g. "lambda", then NWNsim's "lambda_final"). Rows are in junction order, unless a column
// "junction" (0-based) or NWNsim's "edge_matlab_1based" (1-based) says which junction each row is;
// either way every junction must appear exactly once.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace nwn::net {

std::vector<double> read_junction_values(const std::filesystem::path& path, const std::vector<std::string>& columns,
                                         std::size_t junctions);

}  // namespace nwn::net

// Shared by the cosim tests: the examples copied into a scratch directory (with the portable
// subcircuit library pointed at this build), runs of them, and small signal helpers.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "runner/io/timeseries_csv.h"

namespace nwn::test {

// examples/cosim_* copied into `dir`, the relative ../build/share/nwnspice/ include rewritten to
// this build's; returns dir.
std::filesystem::path copy_examples(const std::filesystem::path& dir);

// `nwn run DECK --out OUT -q` (REQUIREs success) and its timeseries.csv.
io::TimeSeries run_deck(const std::filesystem::path& deck, const std::filesystem::path& out);

// Index ranges [begin, end) of the samples where `drive` is beyond `level` (below it when level < 0).
struct Window {
    std::size_t begin, end;
};
std::vector<Window> pulses(const std::vector<double>& drive, double level);

double max_in(const std::vector<double>& x, const Window& w);

// Linear interpolation of (t, x) at time q (held outside the range).
double interpolate(const std::vector<double>& t, const std::vector<double>& x, double q);

}  // namespace nwn::test

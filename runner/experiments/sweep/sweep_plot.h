// The plot of a sweep: one column of sweep.csv against the first parameter, one curve per
// combination of the other parameters. Writes sweep_plot.dat (numbers gnuplot can read: SPICE values
// such as 10k are converted) and sweep.gp, and renders sweep.svg when gnuplot is installed.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace nwn::exp {

struct SweepPlotInput {
    std::vector<std::string> param_names;
    std::vector<std::vector<std::string>> param_values;  // per row
    std::vector<std::string> y;                          // per row, the plotted cell ("" = none)
    std::string y_name;
    std::string title;
};

// Returns the rendered picture, or an empty path (with *note saying why) when gnuplot is missing
// or failed; the .gp script is written either way.
std::filesystem::path write_sweep_plot(const std::filesystem::path& dir, const SweepPlotInput& in, std::string* note);

}  // namespace nwn::exp

// Figures through gnuplot: each figure is a script NAME.gp in the plot directory that draws NAME.png
// (pngcairo, or libgd's png where cairo is missing) and NAME.svg from CSV data next to it, so a user can
// edit and re-run it (`gnuplot NAME.gp`). Images appear atomically (drawn under a temporary name, then
// renamed). A missing or failing gnuplot is reported, never thrown: plots are extras.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace nwn::exp {

struct GnuplotFigure {
    std::string name;  // file stem
    std::string body;  // gnuplot commands after the terminal and output are set: labels, `plot ...`
};

// Writes the scripts and runs gnuplot once per figure; returns warnings (empty when all went well).
std::vector<std::string> render_figures(const std::filesystem::path& dir, const std::vector<GnuplotFigure>& figures);

// A number as gnuplot reads it (shortest round-trip form; NaN for non-finite values).
std::string gp_number(double x);
// A gnuplot string literal (double quotes, escaped).
std::string gp_string(const std::string& s);

}  // namespace nwn::exp

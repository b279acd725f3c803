// The network conductance of one run over time, with its events: the figure that shows activation.
#pragma once
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace nwn::exp {

// G(t) on a log axis, and the cumulative number of events (counted per sample of the grid t0 + i·dt)
// on a second axis. Writes conductance.{csv,gp,png,svg} and conductance_events.csv into `dir`; returns warnings.
std::vector<std::string> plot_conductance(const std::filesystem::path& dir, std::span<const double> t,
                                          std::span<const double> G, const std::vector<int>& events, double t0,
                                          double dt, const std::string& title);

}  // namespace nwn::exp

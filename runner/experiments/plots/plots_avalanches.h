// The avalanche figures (gnuplot, PNG and SVG): size and lifetime distributions with their power-law
// fits, ⟨S⟩(T) with the fitted and the predicted exponent, the inter-event-interval distribution and the
// shape collapse.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "runner/analysis/criticality.h"
#include "runner/experiments/avalanches/avalanche_analysis.h"

namespace nwn::exp {

// Writes the data (CSV), scripts and images into `dir`; returns warnings (see render_figures).
std::vector<std::string> plot_avalanches(const std::filesystem::path& dir, const EventTrains& trains,
                                         const analysis::CriticalityResult& r);

}  // namespace nwn::exp

// `nwn report DIR...`: the report page for any nwn output directory, told apart by the file that
// describes it: report.json (nwn demo: rendered again), ensemble.json, phase_diagram.json,
// lyapunov.json / nlt.json, sweep.csv, avalanches.json, run.json. Figures that the directory already
// has (its plots/, sweep.svg, phase_diagram.png, ...) are shown where they are; missing ones (a run's
// G(t), a Lyapunov trace) are drawn with gnuplot into report-figures/ next to the page.
#pragma once
#include <filesystem>
#include <vector>

#include "runner/experiments/demo/report_page.h"

namespace nwn::exp {

// Throws nwn::Error for a directory that is none of these.
report::Page report_for_directories(const std::vector<std::filesystem::path>& dirs, const std::filesystem::path& page_file);

}  // namespace nwn::exp

// Input checks shared by the analysis entry points; each throws nwn::Error naming what is wrong.
#pragma once
#include <cstddef>
#include <span>
#include <string>

#include "runner/analysis/series.h"

namespace nwn::analysis {

// Throws unless every value is finite; `what` names the quantity in the message.
void require_finite(std::span<const double> x, const std::string& what);
// Throws unless the set holds at least one series, every series is non-empty and every value finite.
void require_valid(const SeriesSet& s, const std::string& what);
void require_valid(const EventSet& s, const std::string& what);
// Throws "<what>: found <found>, need at least <needed>" when found < needed.
void require_count(std::size_t found, std::size_t needed, const std::string& what);

}  // namespace nwn::analysis

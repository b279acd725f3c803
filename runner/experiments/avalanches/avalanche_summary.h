// A short human summary of an avalanche analysis, honest about fits that the data cannot support (one
// short run gives tens of avalanches; NWNsim pooled 1000 networks for its exponents).
#pragma once
#include <string>

#include "runner/analysis/criticality.h"

namespace nwn::exp {

// Why a fit should not be trusted ("" when nothing stands out): too few avalanches in the support, a
// support shorter than a decade, a p-value that rejects the power law, no support that reached pcrit.
std::string fit_caveat(const analysis::PowerLawFit& f);

// Lines "events: ...", "avalanches: ...", "tau: ...", "alpha: ...", "crackling: ..." and, when
// needed, a caveat line; each starts with `indent`.
std::string avalanche_summary(const analysis::CriticalityResult& r, const std::string& indent = "  ");

}  // namespace nwn::exp

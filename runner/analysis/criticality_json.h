// JSON form of a criticality result, for the run directory (written by the experiments layer).
#pragma once
#include <nlohmann/json.hpp>

#include "runner/analysis/criticality.h"

namespace nwn::analysis {

// Keys: events, mean_iei {samples, seconds}, bin {samples, seconds}, avalanches {count, size,
// lifetime, start_time}, branching_ratio, tau and alpha {value, sigma, xmin, xmax, p, ks, n_in, ...},
// crackling {predicted, fitted, shape_collapse} each {value, sigma}, plus likelihood_ratios,
// mean_size and iei_histogram. NaN becomes null.
nlohmann::json to_json(const CriticalityResult& r);
nlohmann::json to_json(const PowerLawFit& f);
nlohmann::json to_json(const ValueSigma& v);

}  // namespace nwn::analysis

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

// Reading them back (the report, the demo): j[key] when it is a number, else NaN (null, absent, not an object).
double number_or_nan(const nlohmann::json& j, const char* key);
// A fit as to_json(PowerLawFit) wrote it, with the fields a reliability verdict (fit_caveat) needs.
PowerLawFit power_law_fit_from_json(const nlohmann::json& j);

}  // namespace nwn::analysis

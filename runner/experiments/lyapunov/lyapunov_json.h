// JSON pieces shared by the lyapunov, nlt and phase-diagram outputs.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "devicemodel/hochstetter/hochstetter.h"
#include "runner/experiments/lyapunov/lyapunov_engines.h"

namespace nwn::exp {

nlohmann::json num_or_null(double x);  // NaN and ±inf become null
nlohmann::json params_json(const nwn_junction_params& p);
// The settings of the engines that ran (SPICE: flavour, tmax, options; native: dt, reset rule).
nlohmann::json engine_choice_json(const EngineChoice& c, engine::Engine main, std::optional<engine::Engine> other = {});

}  // namespace nwn::exp

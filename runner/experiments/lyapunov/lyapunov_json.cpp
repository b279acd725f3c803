#include "runner/experiments/lyapunov/lyapunov_json.h"

#include <cmath>

#include "netlistgen/network/junction_params.h"

namespace nwn::exp {

nlohmann::json num_or_null(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

nlohmann::json params_json(const nwn_junction_params& p) {
    nlohmann::json j;
    for (const auto& name : net::junction_param_names()) j[name] = net::param_value(p, name);
    return j;
}

nlohmann::json engine_choice_json(const EngineChoice& c, engine::Engine main, std::optional<engine::Engine> other) {
    using engine::Engine;
    nlohmann::json j;
    if (main == Engine::Libngspice || other == Engine::Libngspice) {
        j["flavour"] = net::flavour_name(c.flavour);
        j["tmax"] = c.tmax;
        j["spice_options"] = c.spice_options;
    }
    if (main == Engine::Native || other == Engine::Native) {
        j["dt"] = c.dt;
        j["nwnsim_compat"] = c.nwnsim_compat;
    }
    return j;
}

}  // namespace nwn::exp

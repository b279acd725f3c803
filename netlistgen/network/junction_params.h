// Junction parameters for netlists and engines: presets, NAME=VALUE overrides and seeded device-to-device
// spread, all by the names of the chosen model's parameter table (devicemodel/models.h).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "devicemodel/models.h"

namespace nwn::net {

using device::JunctionModel;
using device::JunctionParams;

// The model's preset "dc" or "ac"; throws nwn::Error for another name.
JunctionParams preset_params(const JunctionModel& model, const std::string& preset);
// Applies "name=value" overrides in order; throws nwn::Error for unknown names (naming the model's
// parameters), bad numbers, or parameters that the model's check rejects (naming the parameter).
void apply_overrides(JunctionParams& p, const std::vector<std::string>& assignments);
void check_params(const JunctionParams& p, const std::string& where);
// Throws unless every initial state is finite and within the model's state bounds for its junction's
// parameters (`params`: one set for all junctions or one per junction). Every engine calls it, so --ic
// means the same for all.
void check_initial_states(const std::vector<double>& x0, const std::vector<JunctionParams>& params);

// The same for code written for the default (hochstetter) model only.
const std::vector<std::string>& junction_param_names();  // its table, in order
double param_value(const nwn_junction_params& p, const std::string& name);  // throws for an unknown name
double& param_ref(nwn_junction_params& p, const std::string& name);
nwn_junction_params preset_params(const std::string& preset);
void apply_overrides(nwn_junction_params& p, const std::vector<std::string>& assignments);

// Device-to-device spread: each listed parameter of junction k is p·exp(σ·z) (lognormal, median p) or
// p·(1 + σ·clip(z, −3, 3)) (normal, σ < 1/3 so it stays positive), with z standard normal from the
// numpy legacy stream seeded by `seed`, drawn junction by junction and, within a junction, in table order.
struct Spread {
    enum class Dist { Lognormal, Normal };
    std::vector<std::pair<std::string, double>> sigma;  // relative σ per parameter, table order
    Dist dist = Dist::Lognormal;
    std::uint32_t seed = 1;
    bool empty() const { return sigma.empty(); }
};

// Parses "gon=0.1,vset=0.05" against `model`'s table; only physical parameters (not the model's settings:
// switches, smoothing widths, the held state, cstate) may spread.
Spread parse_spread(const std::string& spec, const std::string& dist, std::uint32_t seed,
                    const JunctionModel& model = device::default_junction_model());
std::vector<JunctionParams> spread_params(const JunctionParams& base, const Spread& spread, std::size_t junctions);

}  // namespace nwn::net

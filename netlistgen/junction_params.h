// Junction parameters for netlists: presets, NAME=VALUE overrides and seeded device-to-device spread,
// all by the names of devicemodel/junction.h's NWN_JUNCTION_PARAM_TABLE.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "devicemodel/junction.h"

namespace nwn::net {

// Names of the parameter table, in table order.
const std::vector<std::string>& junction_param_names();
double& param_ref(nwn_junction_params& p, const std::string& name);  // throws for an unknown name
double param_value(const nwn_junction_params& p, const std::string& name);

nwn_junction_params preset_params(const std::string& preset);  // "dc" or "ac"
// Applies "name=value" overrides in order; throws nwn::Error for unknown names, bad numbers, or
// parameters that nwn_params_check rejects.
void apply_overrides(nwn_junction_params& p, const std::vector<std::string>& assignments);
void check_params(const nwn_junction_params& p, const std::string& where);
// Throws unless every initial state is finite and within ±lmax of its junction's parameters (`params`:
// one set for all junctions or one per junction). Every engine calls it, so --ic means the same for all.
void check_initial_states(const std::vector<double>& lambda0, const std::vector<nwn_junction_params>& params);

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

// Parses "gon=0.1,vset=0.05"; only the physical parameters (not binary, the smoothing widths or lambda0)
// may spread.
Spread parse_spread(const std::string& spec, const std::string& dist, std::uint32_t seed);
std::vector<nwn_junction_params> spread_params(const nwn_junction_params& base, const Spread& spread,
                                               std::size_t junctions);

}  // namespace nwn::net

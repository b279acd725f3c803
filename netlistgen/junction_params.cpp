#include "netlistgen/junction_params.h"

#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "common/format.h"
#include "netlistgen/numpy_random.h"
#include "netlistgen/text_parse.h"

namespace nwn::net {

namespace {

std::string known_names() {
    std::string s;
    for (const auto& n : junction_param_names()) s += (s.empty() ? "" : ", ") + n;
    return s;
}

bool spreadable(const std::string& name) {
    static const std::vector<std::string> no = {"binary", "vsmooth", "lsmooth", "lzero", "lambda0", "cstate"};
    return std::find(no.begin(), no.end(), name) == no.end();
}

}  // namespace

const std::vector<std::string>& junction_param_names() {
    static const std::vector<std::string> names = {
#define NWN_PARAM_NAME(name, dc, ac, unit, desc) #name,
        NWN_JUNCTION_PARAM_TABLE(NWN_PARAM_NAME)
#undef NWN_PARAM_NAME
    };
    return names;
}

double& param_ref(nwn_junction_params& p, const std::string& name) {
#define NWN_PARAM_REF(field, dc, ac, unit, desc) \
    if (name == #field) return p.field;
    NWN_JUNCTION_PARAM_TABLE(NWN_PARAM_REF)
#undef NWN_PARAM_REF
    throw Error("unknown junction parameter '" + name + "' (known: " + known_names() + ")");
}

double param_value(const nwn_junction_params& p, const std::string& name) {
    auto copy = p;
    return param_ref(copy, name);
}

nwn_junction_params preset_params(const std::string& preset) {
    if (preset == "dc") return nwn_params_dc();
    if (preset == "ac") return nwn_params_ac();
    throw Error("unknown parameter preset '" + preset + "' (use dc or ac)");
}

void check_params(const nwn_junction_params& p, const std::string& where) {
    if (const char* bad = nwn_params_check(&p)) throw Error(where + ": " + bad);
}

void check_initial_states(const std::vector<double>& lambda0, const std::vector<nwn_junction_params>& params) {
    if (lambda0.empty()) return;
    if (params.size() != 1 && params.size() != lambda0.size())
        throw Error("initial states: " + std::to_string(lambda0.size()) + " values for " +
                    std::to_string(params.size()) + " parameter sets");
    for (std::size_t k = 0; k < lambda0.size(); ++k) {
        const double lmax = params[params.size() == 1 ? 0 : k].lmax;
        if (!(std::abs(lambda0[k]) <= lmax))
            throw Error("initial state of junction " + std::to_string(k) + " (" + fmt("%g", lambda0[k]) +
                        " V·s) is outside [-lmax, lmax] = [" + fmt("%g", -lmax) + ", " + fmt("%g", lmax) + "]");
    }
}

void apply_overrides(nwn_junction_params& p, const std::vector<std::string>& assignments) {
    for (const auto& a : assignments) {
        const auto eq = a.find('=');
        if (eq == std::string::npos) throw Error("--param '" + a + "': expected NAME=VALUE");
        const std::string name = trim(a.substr(0, eq));
        param_ref(p, name) = parse_number(a.substr(eq + 1), "--param " + name);
    }
    check_params(p, "junction parameters");
}

Spread parse_spread(const std::string& spec, const std::string& dist, std::uint32_t seed) {
    Spread s;
    s.seed = seed;
    if (dist == "lognormal") s.dist = Spread::Dist::Lognormal;
    else if (dist == "normal") s.dist = Spread::Dist::Normal;
    else throw Error("unknown spread distribution '" + dist + "' (use lognormal or normal)");
    std::vector<std::pair<std::string, double>> given;
    for (const auto& item : split(spec, ',')) {
        const auto eq = item.find('=');
        if (eq == std::string::npos) throw Error("--spread '" + spec + "': expected NAME=SIGMA[,NAME=SIGMA…]");
        const std::string name = trim(item.substr(0, eq));
        nwn_junction_params probe = nwn_params_dc();
        param_ref(probe, name);  // throws for an unknown name
        if (!spreadable(name)) throw Error("--spread: parameter '" + name + "' cannot spread");
        const double sigma = parse_number(item.substr(eq + 1), "--spread " + name);
        if (!(sigma >= 0)) throw Error("--spread " + name + ": σ must be >= 0");
        if (s.dist == Spread::Dist::Normal && !(sigma < 1.0 / 3))
            throw Error("--spread " + name + ": a normal spread needs σ < 1/3 to keep the parameter positive");
        given.push_back({name, sigma});
    }
    for (const auto& name : junction_param_names())
        for (const auto& g : given)
            if (g.first == name) s.sigma.push_back(g);
    return s;
}

std::vector<nwn_junction_params> spread_params(const nwn_junction_params& base, const Spread& spread,
                                               std::size_t junctions) {
    std::vector<nwn_junction_params> out(junctions, base);
    NumpyLegacyRandom rng(spread.seed);
    for (std::size_t k = 0; k < junctions; ++k) {
        for (const auto& [name, sigma] : spread.sigma) {
            const double z = rng.standard_normal();
            double& v = param_ref(out[k], name);
            v *= spread.dist == Spread::Dist::Lognormal ? std::exp(sigma * z) : 1 + sigma * std::clamp(z, -3.0, 3.0);
        }
        check_params(out[k], "junction " + std::to_string(k) + " after --spread");
    }
    return out;
}

}  // namespace nwn::net

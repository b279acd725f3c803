#include "netlistgen/network/junction_params.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "common/error.h"
#include "common/format.h"
#include "netlistgen/network/numpy_random.h"
#include "common/text_parse.h"

namespace nwn::net {

namespace {

bool spreadable(const JunctionModel& model, const std::string& name) {
    return std::find(model.settings.begin(), model.settings.end(), name) == model.settings.end();
}

const JunctionModel& hochstetter() { return device::junction_model("hochstetter"); }

}  // namespace

JunctionParams preset_params(const JunctionModel& model, const std::string& preset) { return JunctionParams(model, preset); }

void check_params(const JunctionParams& p, const std::string& where) {
    int which = -1;
    if (const char* bad = p.model().check(p.data(), &which)) throw Error(where + ": " + bad);
}

void check_initial_states(const std::vector<double>& x0, const std::vector<JunctionParams>& params) {
    if (x0.empty()) return;
    if (params.size() != 1 && params.size() != x0.size())
        throw Error("initial states: " + std::to_string(x0.size()) + " values for " + std::to_string(params.size()) +
                    " parameter sets");
    for (std::size_t k = 0; k < x0.size(); ++k) {
        const JunctionParams& p = params[params.size() == 1 ? 0 : k];
        double lo, hi;
        p.model().state_bounds(p.data(), &lo, &hi);
        if (!(x0[k] >= lo && x0[k] <= hi))
            throw Error("initial state of junction " + std::to_string(k) + " (" + fmt("%g", x0[k]) + p.model().state_unit +
                        ") is outside " + p.model().state_range + " = [" + fmt("%g", lo) + ", " + fmt("%g", hi) + "]");
    }
}

void apply_overrides(JunctionParams& p, const std::vector<std::string>& assignments) {
    for (const auto& a : assignments) {
        const auto eq = a.find('=');
        if (eq == std::string::npos) throw Error("--param '" + a + "': expected NAME=VALUE");
        const std::string name = trim(a.substr(0, eq));
        p[name] = parse_number(a.substr(eq + 1), "--param " + name);
    }
    check_params(p, "junction parameters");
}

const std::vector<std::string>& junction_param_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto& p : hochstetter().params) n.push_back(p.name);
        return n;
    }();
    return names;
}

double& param_ref(nwn_junction_params& p, const std::string& name) {
#define NWN_PARAM_REF(field, dc, ac, unit, desc) \
    if (name == #field) return p.field;
    NWN_JUNCTION_PARAM_TABLE(NWN_PARAM_REF)
#undef NWN_PARAM_REF
    hochstetter().index(name);  // throws, naming the table
    throw std::logic_error("param_ref: " + name);
}

double param_value(const nwn_junction_params& p, const std::string& name) { return JunctionParams(p)[name]; }

nwn_junction_params preset_params(const std::string& preset) {
    return JunctionParams(hochstetter(), preset).hochstetter("preset_params");
}

void apply_overrides(nwn_junction_params& p, const std::vector<std::string>& assignments) {
    JunctionParams g(p);
    apply_overrides(g, assignments);
    p = g.hochstetter("apply_overrides");
}

Spread parse_spread(const std::string& spec, const std::string& dist, std::uint32_t seed, const JunctionModel& model) {
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
        model.index(name);  // throws for an unknown name
        if (!spreadable(model, name)) throw Error("--spread: parameter '" + name + "' cannot spread");
        const double sigma = parse_number(item.substr(eq + 1), "--spread " + name);
        if (!(sigma >= 0)) throw Error("--spread " + name + ": σ must be >= 0");
        if (s.dist == Spread::Dist::Normal && !(sigma < 1.0 / 3))
            throw Error("--spread " + name + ": a normal spread needs σ < 1/3 to keep the parameter positive");
        given.push_back({name, sigma});
    }
    for (const auto& p : model.params)
        for (const auto& g : given)
            if (g.first == p.name) s.sigma.push_back(g);
    return s;
}

std::vector<JunctionParams> spread_params(const JunctionParams& base, const Spread& spread, std::size_t junctions) {
    std::vector<JunctionParams> out(junctions, base);
    NumpyLegacyRandom rng(spread.seed);
    for (std::size_t k = 0; k < junctions; ++k) {
        for (const auto& [name, sigma] : spread.sigma) {
            const double z = rng.standard_normal();
            double& v = out[k][name];
            v *= spread.dist == Spread::Dist::Lognormal ? std::exp(sigma * z) : 1 + sigma * std::clamp(z, -3.0, 3.0);
        }
        check_params(out[k], "junction " + std::to_string(k) + " after --spread");
    }
    return out;
}

}  // namespace nwn::net

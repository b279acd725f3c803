#include "runner/experiments/reservoir/reservoir_spread.h"

#include <cmath>

#include "common/atomic_file.h"
#include "common/error.h"

namespace nwn::exp {

using json = nlohmann::json;

namespace {

json spread(const std::vector<double>& v, const std::string& key) {
    double mean = 0, var = 0;
    for (double x : v) mean += x / static_cast<double>(v.size());
    for (double x : v) var += (x - mean) * (x - mean) / static_cast<double>(v.size() - 1);
    return {{key, mean}, {key + "_sd", std::sqrt(var)}, {key + "_values", v}};
}

}  // namespace

json run_reservoir_spread(const ReservoirSpec& spec, const std::vector<ReservoirMember>& members) {
    if (members.size() < 2) throw Error("reservoir: a spread needs at least two networks");
    const std::string key = reservoir_score_key(spec.task);
    std::vector<double> network, raw, esn;
    json runs = json::array();
    for (std::size_t k = 0; k < members.size(); ++k) {
        ReservoirSpec s = spec;
        s.network = members[k].network;
        s.network_source = members[k].source;
        s.echo_state_seed = spec.echo_state_seed.value_or(spec.seed) + k;
        s.out = spec.out / ("net" + std::to_string(k));
        const json d = run_reservoir(s);
        network.push_back(d["network_score"][key].get<double>());
        raw.push_back(d["baselines"]["raw_input"][key].get<double>());
        esn.push_back(d["baselines"]["echo_state"][key].get<double>());
        runs.push_back({{"network", s.network_source}, {"dir", s.out.filename().string()}, {"score", network.back()}});
    }
    json doc = {{"format", "nwnspice-reservoir-spread"}, {"version", 1}, {"status", "completed"}, {"task", spec.task},
                {"command", spec.command_line}, {"score_key", key}, {"networks", runs},
                {"network_score", spread(network, key)},
                {"baselines", {{"raw_input", spread(raw, key)}, {"echo_state", spread(esn, key)}}}};
    write_file_atomic(spec.out / "reservoir.json", doc.dump(2) + "\n");
    return doc;
}

}  // namespace nwn::exp

// nwn reservoir on several networks (e.g. `nwn generate` with different seeds): the task's score with its
// spread over the networks, beside the baselines computed the same way (the echo-state network drawn with a
// different seed for each network, so its spread is over its random weights).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "netlistgen/network/network.h"
#include "runner/experiments/reservoir/reservoir.h"

namespace nwn::exp {

struct ReservoirMember {
    net::Network network;
    std::string source;
};

// Runs the task on each network into DIR/net<k> (the same input for all; the echo-state network's seed + k) and writes DIR/reservoir.json: for the network and each baseline, the score's mean
// (under the usual key, so readers of a single run's file read the mean), its sample standard deviation
// (<key>_sd) and every network's value (<key>_values). Returns that document.
nlohmann::json run_reservoir_spread(const ReservoirSpec& spec, const std::vector<ReservoirMember>& members);

}  // namespace nwn::exp

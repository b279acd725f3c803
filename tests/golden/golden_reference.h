// NWNsim's DC 1.8 V run on its 100-wire network (docs/model.md §7.1), read from NWN_REFERENCE_DIR.
#pragma once
#include <filesystem>
#include <optional>
#include <vector>

#include "netlistgen/network/network.h"

namespace nwn::test {

struct GoldenDc {
    net::Network network;             // nw100_seed042.mat with contacts 72 -> 29
    std::vector<double> t, v, i, g;   // tl_T10_DC1.8V_timeseries.csv (10 000 steps)
    std::vector<double> final_lambda; // tl_T10_DC1.8V_finalStates.csv (261 junctions)
};

// nullopt (with a SKIPPED line) when the reference data is absent.
std::optional<GoldenDc> load_golden_dc();

}  // namespace nwn::test

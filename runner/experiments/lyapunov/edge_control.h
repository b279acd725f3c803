// nwn edge-control: a drive that holds the network at the edge of chaos. While the network runs (native,
// NWNsim's scheme) a running two-copy estimate of the maximal Lyapunov exponent (running_lyapunov.h) is
// averaged over a window of drive periods, and after each window the drive amplitude moves against the
// error: ln A ← ln A − gain·clip(λ̂ − target). The exponent grows with the amplitude across the edge (ordered
// below, chaotic above; docs/reservoir.md shows the measured grid), so this integral law settles where
// λ ≈ target. Perturbations (a step in the amplitude at a given time) test that it comes back.
//
// DIR/edge_control.csv: per window its end time, the amplitude it ran at, λ̂ of the window and the mean of
// the last `settle_windows`; DIR/edge_control.json: settings, the settled amplitude and exponent, the settling
// time after the last perturbation; DIR/attractor.csv: the reference state at the end (nwn nlt --ic).
// With nlt, the NLT task then runs at the settled amplitude from there (DIR/nlt.json).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/progress.h"
#include "netlistgen/network/electrode_roles.h"
#include "netlistgen/network/network.h"
#include "netlistgen/network/stimulus.h"

namespace nwn::exp {

struct AmplitudeStep {
    double time;    // s; applied at the first window boundary at or after it
    double factor;  // the amplitude is multiplied by it
};

struct EdgeControlSpec {
    net::Network network;
    std::string network_source;
    net::Stimulus stimulus = net::Stimulus::parse("triangle:1:1");  // periodic: sine, triangle or square
    net::RoleRequest roles;               // empty: the first electrode driven, the others grounded
    std::string preset = "ac";
    std::vector<std::string> params;
    double dt = 5e-4;
    bool nwnsim_compat = true;
    std::vector<double> lambda0;
    double eps = 1e-7;                    // V·s
    std::uint64_t seed = 1;
    double target = 0;                    // 1/s
    double gain = 0.05;                   // change of ln A per 1/s of error, per window
    double clip = 2;                      // |λ̂ − target| larger than this counts as this much (1/s)
    double window_periods = 4;            // drive periods per estimate
    double transient = 10;                // s before control starts (reference only)
    double duration = 300;                // s under control
    double amplitude_min = 0.05, amplitude_max = 10;  // V, |A| kept within
    std::size_t settle_windows = 10;      // windows averaged for the settled exponent
    double tolerance = 0.5;               // 1/s: settled when the running mean stays within target ± tolerance
    std::vector<AmplitudeStep> steps;
    bool nlt = false;                     // score the NLT task at the settled point
    double nlt_duration = 80;
    double nlt_dt = 1e-3;                 // the NLT's native step (NWNsim's NLT runs, and nwn nlt's default)
    bool quiet = false;
    ProgressFn progress;
    std::filesystem::path out;
    std::string command_line;
};

// "T:FACTOR" (comma lists allowed by the caller); throws nwn::Error naming the item.
AmplitudeStep parse_amplitude_step(const std::string& item);

// Throws nwn::Error for bad input; returns edge_control.json's content (status completed).
nlohmann::json run_edge_control(const EdgeControlSpec& spec);

}  // namespace nwn::exp

// The avalanche analysis of issue 5 as the experiments layer runs it: event trains from a recording
// (network-conductance events) or from junction states, the criticality pipeline of runner/analysis,
// and the outputs of a result directory: avalanches.json, avalanches.csv and plots.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/analysis/criticality.h"
#include "runner/experiments/avalanches/recording_input.h"

namespace nwn::exp {

// Event trains, one series per recording segment / run (nothing spans a join), with the time base
// needed to say when an avalanche happened.
struct EventTrains {
    analysis::EventSet events;
    double dt = 0;                    // s per sample
    std::vector<double> t0;           // time of each series' first sample, in its own recording (s)
    std::vector<std::size_t> source;  // the recording series / ensemble member each series came from
};

// NWNsim's threshold-peak events on G (per series), optionally after the event-interval cut (§4.2).
EventTrains conductance_event_trains(const Recording& rec, const analysis::ConductanceThresholds& th, bool condition);

// The criticality pipeline on the trains; avalanche start times are reported in their own series' time.
analysis::CriticalityResult analyse_event_trains(const EventTrains& trains, const analysis::CriticalityOptions& opt);

// Mean avalanche profiles s(t, T), t = 1..T, per lifetime T (bins), for the shape-collapse plot.
struct MeanProfile {
    std::size_t lifetime = 0, count = 0;
    std::vector<double> mean;
};
std::vector<MeanProfile> mean_profiles(const EventTrains& trains, const analysis::CriticalityResult& r,
                                       const std::vector<std::size_t>& lifetimes);

// Writes DIR/avalanches.json (the result plus `input` and `options`), DIR/avalanches.csv (size,
// lifetime, start, series) and, when `plots`, DIR/plots/ (gnuplot data, scripts, PNG and SVG). Plot
// problems never lose the JSON and CSV: they come back as warnings.
std::vector<std::string> write_avalanche_outputs(const std::filesystem::path& dir, const EventTrains& trains,
                                                 const analysis::CriticalityResult& r, const nlohmann::json& input,
                                                 const nlohmann::json& options, bool plots);

// The options as they go into avalanches.json.
nlohmann::json options_json(const analysis::CriticalityOptions& o, const std::string& events);

}  // namespace nwn::exp

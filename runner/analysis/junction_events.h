// Events from per-junction traces of one simulation (docs/model.md §4.1). traces[j][i] is junction j
// at sample i; all traces have the same length. The result is one event-count train for that
// simulation; put several simulations into an EventSet (one series each) so nothing spans a join.
#pragma once
#include <functional>
#include <span>
#include <vector>

namespace nwn::analysis {

using JunctionTraces = std::vector<std::vector<double>>;

// The "on" level of the ensemble events: a junction is on while G > 1.1·Goff.
inline double on_level(double goff) { return 1.1 * goff; }

// events[i] = number of junctions whose on-state (G > level) differs between samples i-1 and i;
// events[0] = 0 (there is no earlier sample to compare with).
std::vector<int> level_crossing_events(const JunctionTraces& G, double level);
// The same from filament states λ, with G = g_of_lambda(λ) (e.g. the §1.2 conductance).
std::vector<int> level_crossing_events(const JunctionTraces& lambda, const std::function<double(double)>& g_of_lambda,
                                       double level);

// The same count one sample at a time, for a run that never stores its traces (nwn run --save-events):
// push(G) returns events[i] for the next sample, G holding one conductance per junction.
class LevelCrossingCounter {
public:
    explicit LevelCrossingCounter(double level);
    int push(std::span<const double> G);

private:
    double level_;
    std::vector<char> on_;
    bool first_ = true;
};

// dG/G spikes ("dGGSpike"): per junction r[i] = |G[i+1] - G[i]|/G[i]/dt (r = 0 at the last sample),
// one event at the peak of every excursion of r above thresh (threshold_crossing_peaks), summed over
// junctions. NWNsim's default thresh is 1e-3 (per second).
std::vector<int> dg_spike_events(const JunctionTraces& G, double dt, double thresh = 1e-3);

}  // namespace nwn::analysis

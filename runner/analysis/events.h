// Event detection on one time series and on series sets (docs/model.md §4.1, §4.2).
// Detection always runs per series: an excursion cannot continue across a join.
#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "runner/analysis/series.h"

namespace nwn::analysis {

// MATLAB's gradient(): (x[i+1] - x[i-1])/2 inside, one-sided differences at the ends, per sample.
// A single sample has gradient 0.
std::vector<double> gradient(std::span<const double> x);

// One peak per excursion above th: an excursion is a maximal run of samples with x > th (NaN counts
// as not above); the peak is its first maximum. A run still open at the end of x is dropped (its peak
// may lie beyond the data); a run starting at sample 0 counts. Returns the peak indices, ascending.
// th = +inf disables detection. Unlike NWNsim there is no "at least 3 crossings" rule (§9.14).
std::vector<std::size_t> threshold_crossing_peaks(std::span<const double> x, double th);

// Network-conductance events ("thresholdPeak"): dG = |gradient(G)| (NaN -> 0); an event at the peak
// of every excursion of dG above thresh and of every excursion of dG/G above rel_thresh; the union
// as a 0/1 train. Either threshold may be +inf to switch that criterion off.
struct ConductanceThresholds {
    double thresh = 5e-8;      // S per sample
    double rel_thresh = 0.05;  // dimensionless, per sample
};
std::vector<int> conductance_events(std::span<const double> G, const ConductanceThresholds& th);
EventSet conductance_events(const SeriesSet& G, const ConductanceThresholds& th);

// Event-interval conditioning (§4.2): the closed index range [first, last] from the first to the
// last sample with |gradient(G)| > thresh or |gradient(G)/G| > ratio; nullopt if there is none.
std::optional<std::pair<std::size_t, std::size_t>> event_interval(std::span<const double> G,
                                                                  const ConductanceThresholds& th);

// A set cut to its event intervals. Series without any qualifying sample are left out; `source`
// and `first` map each kept series back to the input (series index, first kept sample).
struct ConditionedSet {
    SeriesSet series;
    std::vector<std::size_t> source;
    std::vector<std::size_t> first;
};
ConditionedSet condition_event_interval(const SeriesSet& G, const ConductanceThresholds& th);

}  // namespace nwn::analysis

// Inter-event intervals, binning and avalanches (docs/model.md §4.3, §4.4). All of it is per series:
// no interval, bin or avalanche spans a join.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "runner/analysis/series.h"

namespace nwn::analysis {

// Gaps (in samples, > 0) between consecutive samples holding >= 1 event, within each series;
// series after series, in order.
std::vector<std::size_t> inter_event_intervals(const EventSet& ev);
// Mean of the intervals in samples; throws nwn::Error if there are none (fewer than 2 event samples).
double mean_iei(std::span<const std::size_t> iei);

// Bin width: a fixed number of samples, or round(k·⟨IEI⟩) samples.
struct BinSpec {
    double iei_multiple = 1.0;  // used when samples == 0
    std::size_t samples = 0;
    static BinSpec iei(double k) { return {k, 0}; }
    static BinSpec fixed(std::size_t n) { return {0.0, n}; }
};
// Throws nwn::Error if the width would be 0 samples or the spec is not positive.
std::size_t bin_size(const BinSpec& spec, double mean_iei_samples);

// Event counts summed over bins of bin_size samples, series by series; each series holds
// floor(len/bin_size) bins (its remainder is dropped). Bin k of series s starts at joined sample
// sample_offset[s] + k·bin_size.
struct BinnedSet {
    SeriesSetT<std::int64_t> bins;
    std::size_t bin_size = 0;
    std::vector<std::size_t> sample_offset;
};
BinnedSet bin_events(const EventSet& ev, std::size_t bin_size);

// A maximal run of non-empty bins with an empty bin on both sides inside one series (runs touching
// a series start or end are discarded, as their extent is unknown).
struct Avalanche {
    std::int64_t size = 0;      // events in the run
    std::size_t lifetime = 0;   // bins in the run
    std::size_t series = 0;
    std::size_t first_bin = 0;  // index of its first (non-empty) bin within the series
    std::size_t start_sample = 0;  // joined sample index where that bin starts
    double branching = 0.0;     // events(bin 2)/events(bin 1); 0 when lifetime is 1
};
std::vector<Avalanche> find_avalanches(const BinnedSet& b);

// Bin contents of each avalanche (t = 1..T), for shape collapse.
std::vector<std::vector<double>> avalanche_profiles(const BinnedSet& b, const std::vector<Avalanche>& av);

// Mean of the per-avalanche branching values; NaN when there are no avalanches.
double branching_ratio(const std::vector<Avalanche>& av);

// ⟨S⟩(T): mean size for each lifetime present, ascending in T.
struct MeanSizeByLifetime {
    std::vector<std::size_t> lifetime;
    std::vector<std::size_t> count;
    std::vector<double> mean_size;
};
MeanSizeByLifetime mean_size_by_lifetime(const std::vector<Avalanche>& av);

std::vector<std::int64_t> sizes(const std::vector<Avalanche>& av);
std::vector<std::int64_t> lifetimes(const std::vector<Avalanche>& av);

}  // namespace nwn::analysis

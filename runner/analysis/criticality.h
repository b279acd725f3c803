// The whole avalanche-criticality pipeline (docs/model.md §4): events -> IEI -> bins -> avalanches ->
// power-law fits of sizes (τ) and lifetimes (α) -> crackling-noise relation. Pure computation; the
// experiments layer writes the result (criticality_json.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "runner/analysis/avalanches.h"
#include "runner/analysis/crackling.h"
#include "runner/analysis/events.h"
#include "runner/analysis/histogram.h"
#include "runner/analysis/likelihood_ratio.h"
#include "runner/analysis/powerlaw.h"
#include "runner/analysis/series.h"
#include "runner/analysis/shape_collapse.h"

namespace nwn::analysis {

struct CriticalityOptions {
    double thresh = 5e-8;     // event thresholds on |dG| (S per sample) and |dG|/G (conductance input only)
    double rel_thresh = 0.05;
    bool condition = false;   // first cut each series to its event interval (§4.2), same thresholds
    BinSpec bin = BinSpec::iei(1.0);
    std::size_t resamples = 500;       // power-law p-values and bootstrap σ
    std::size_t shape_bootstraps = 20;
    std::uint64_t seed = 1;
    unsigned threads = 0;              // 0: all hardware threads; results do not depend on it
    bool compare_alternatives = true;  // likelihood ratios against exponential, lognormal, truncated PL
    PowerLawOptions fit;         // further fit settings (resamples, seed, threads are taken from above)
    ShapeCollapseOptions shape;  // further settings (bootstraps, seed, threads, max_lifetime: from above / α fit)
};

struct CriticalityResult {
    std::size_t events = 0;         // events counted (a sample may hold several)
    std::size_t event_samples = 0;  // samples holding at least one event
    std::vector<std::size_t> iei;   // inter-event intervals, samples
    double mean_iei_samples = 0, mean_iei_seconds = 0;
    Histogram iei_histogram;        // in seconds
    std::size_t bin_samples = 0;
    double bin_seconds = 0;
    std::vector<Avalanche> avalanches;
    std::vector<double> avalanche_start_time;  // s, first sample of the first bin, in the input's time base
    double branching_ratio = 0;
    PowerLawFit tau, alpha;  // sizes, lifetimes (in bins)
    std::vector<LikelihoodRatio> tau_compare, alpha_compare;
    MeanSizeByLifetime mean_size;
    struct Crackling {
        ValueSigma predicted;       // (α-1)/(τ-1)
        ValueSigma fitted;          // slope of ⟨S⟩(T) over the α support
        ValueSigma shape_collapse;  // 1 + γ*; NaN when shape.valid is false
        SlopeFit fit;
        ShapeCollapseResult shape;
    } crackling;
};

// From network conductance: G[s][i] is series s at sample i, dt the sample spacing in seconds.
CriticalityResult analyse_conductance(const SeriesSet& G, double dt, const CriticalityOptions& opt = {});
// From event trains already detected (e.g. junction level crossings of an ensemble, one series each).
CriticalityResult analyse_events(const EventSet& events, double dt, const CriticalityOptions& opt = {});

}  // namespace nwn::analysis

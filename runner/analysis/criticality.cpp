#include "runner/analysis/criticality.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "common/error.h"
#include "runner/analysis/random.h"
#include "runner/analysis/validate.h"

namespace nwn::analysis {

namespace {

void check_dt(double dt) {
    if (!(dt > 0) || !std::isfinite(dt)) throw Error("criticality: dt must be positive and finite");
}

// to_input maps a sample index of the analysed (possibly cut) set to the caller's joined time base.
CriticalityResult analyse(const EventSet& ev, double dt, const CriticalityOptions& o,
                          const std::function<std::size_t(std::size_t)>& to_input) {
    CriticalityResult r;
    for (int c : ev.joined()) {
        r.events += static_cast<std::size_t>(c);
        r.event_samples += c > 0;
    }
    r.iei = inter_event_intervals(ev);
    if (r.iei.empty())
        throw Error("criticality: found " + std::to_string(r.events) + " events in " +
                    std::to_string(r.event_samples) +
                    " samples; need at least 2 event samples within one series to measure inter-event intervals");
    r.mean_iei_samples = mean_iei(r.iei);
    r.mean_iei_seconds = r.mean_iei_samples * dt;
    r.iei_histogram = log_histogram(r.iei, dt);
    r.bin_samples = bin_size(o.bin, r.mean_iei_samples);
    r.bin_seconds = static_cast<double>(r.bin_samples) * dt;

    const BinnedSet bins = bin_events(ev, r.bin_samples);
    r.avalanches = find_avalanches(bins);
    for (const auto& a : r.avalanches) r.avalanche_start_time.push_back(static_cast<double>(to_input(a.start_sample)) * dt);
    r.branching_ratio = branching_ratio(r.avalanches);
    r.mean_size = mean_size_by_lifetime(r.avalanches);

    PowerLawOptions fit = o.fit;
    fit.resamples = o.resamples;
    fit.threads = o.threads;
    require_count(r.avalanches.size(), fit.min_n,
                  "criticality: avalanches (bin " + std::to_string(r.bin_samples) + " samples) for the power-law fits");
    const auto S = sizes(r.avalanches), T = lifetimes(r.avalanches);
    fit.seed = derive_seed(o.seed, 1);
    r.tau = search_power_law(S, fit);
    fit.seed = derive_seed(o.seed, 2);
    r.alpha = search_power_law(T, fit);
    if (o.compare_alternatives) {
        r.tau_compare = compare_power_law(S, r.tau);
        r.alpha_compare = compare_power_law(T, r.alpha);
    }

    auto& c = r.crackling;
    c.predicted = predicted_crackling(r.tau, r.alpha);
    c.fit = mean_size_exponent(r.mean_size, r.alpha.xmin, r.alpha.xmax);
    c.fitted = c.fit.slope;
    ShapeCollapseOptions shape = o.shape;
    shape.bootstraps = o.shape_bootstraps;
    shape.seed = derive_seed(o.seed, 3);
    shape.threads = o.threads;
    shape.max_lifetime = static_cast<std::size_t>(r.alpha.xmax);
    c.shape = shape_collapse(avalanche_profiles(bins, r.avalanches), shape);
    c.shape_collapse = c.shape.exponent;
    return r;
}

}  // namespace

CriticalityResult analyse_events(const EventSet& events, double dt, const CriticalityOptions& o) {
    check_dt(dt);
    require_valid(events, "criticality: events");
    return analyse(events, dt, o, [](std::size_t i) { return i; });
}

CriticalityResult analyse_conductance(const SeriesSet& G, double dt, const CriticalityOptions& o) {
    check_dt(dt);
    require_valid(G, "criticality: conductance");
    const ConductanceThresholds th{o.thresh, o.rel_thresh};
    if (!o.condition) return analyse(conductance_events(G, th), dt, o, [](std::size_t i) { return i; });
    const ConditionedSet cut = condition_event_interval(G, th);
    if (cut.series.empty())
        throw Error("criticality: conditioning left no data (no sample of any series has |dG| > " +
                    std::to_string(o.thresh) + " or |dG|/G > " + std::to_string(o.rel_thresh) + ")");
    const auto& offs = cut.series.offsets();
    auto to_input = [&](std::size_t i) {
        const auto s = static_cast<std::size_t>(std::upper_bound(offs.begin(), offs.end(), i) - offs.begin()) - 1;
        return G.offset(cut.source[s]) + cut.first[s] + (i - offs[s]);
    };
    return analyse(conductance_events(cut.series, th), dt, o, to_input);
}

}  // namespace nwn::analysis

#include "runner/analysis/criticality_json.h"

namespace nwn::analysis {

using nlohmann::json;

json to_json(const ValueSigma& v) { return {{"value", v.value}, {"sigma", v.sigma}}; }

json to_json(const PowerLawFit& f) {
    return {{"value", f.value},         {"sigma", f.sigma},
            {"xmin", f.xmin},           {"xmax", f.xmax},
            {"p", f.p},                 {"ks", f.ks},
            {"n_in", f.n_in},           {"sigma_fisher", f.sigma_fisher},
            {"sigma_boot", f.sigma_boot}, {"pcrit_reached", f.pcrit_reached},
            {"candidates_tried", f.candidates_tried}};
}

namespace {
json to_json(const std::vector<LikelihoodRatio>& v) {
    json j = json::object();
    for (const auto& r : v)
        j[name(r.alternative)] = {{"params", r.params}, {"R", r.R},  {"normalized", r.normalized},
                                  {"p", r.p},           {"p_nested", r.p_nested}};
    return j;
}
}  // namespace

json to_json(const CriticalityResult& r) {
    json av = {{"count", r.avalanches.size()}};
    std::vector<std::int64_t> size, life;
    for (const auto& a : r.avalanches) size.push_back(a.size), life.push_back(static_cast<std::int64_t>(a.lifetime));
    av["size"] = size;
    av["lifetime"] = life;
    av["start_time"] = r.avalanche_start_time;
    const auto& c = r.crackling;
    return {
        {"events", r.events},
        {"event_samples", r.event_samples},
        {"mean_iei", {{"samples", r.mean_iei_samples}, {"seconds", r.mean_iei_seconds}}},
        {"bin", {{"samples", r.bin_samples}, {"seconds", r.bin_seconds}}},
        {"avalanches", av},
        {"branching_ratio", r.branching_ratio},
        {"tau", to_json(r.tau)},
        {"alpha", to_json(r.alpha)},
        {"likelihood_ratios", {{"tau", to_json(r.tau_compare)}, {"alpha", to_json(r.alpha_compare)}}},
        {"crackling",
         {{"predicted", to_json(c.predicted)},
          {"fitted", to_json(c.fitted)},
          {"shape_collapse", to_json(c.shape_collapse)},
          {"shape_collapse_valid", c.shape.valid},
          {"shape_collapse_durations", c.shape.durations}}},
        {"mean_size", {{"lifetime", r.mean_size.lifetime}, {"count", r.mean_size.count}, {"mean_size", r.mean_size.mean_size}}},
        {"iei_histogram",
         {{"lower", r.iei_histogram.lower},
          {"upper", r.iei_histogram.upper},
          {"center", r.iei_histogram.center},
          {"count", r.iei_histogram.count},
          {"density", r.iei_histogram.density}}},
    };
}

}  // namespace nwn::analysis

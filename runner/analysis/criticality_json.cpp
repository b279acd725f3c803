#include "runner/analysis/criticality_json.h"

#include <cmath>

namespace nwn::analysis {

using nlohmann::json;

namespace {
// JSON has no NaN or infinity; "not available" is null, which readers see as such.
json num(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }
json nums(const std::vector<double>& v) {
    json a = json::array();
    for (double x : v) a.push_back(num(x));
    return a;
}
}  // namespace

json to_json(const ValueSigma& v) { return {{"value", num(v.value)}, {"sigma", num(v.sigma)}}; }

json to_json(const PowerLawFit& f) {
    return {{"value", num(f.value)},
            {"sigma", num(f.sigma)},
            {"xmin", f.xmin},
            {"xmax", f.xmax},
            {"p", num(f.p)},
            {"ks", num(f.ks)},
            {"n_in", f.n_in},
            {"sigma_fisher", num(f.sigma_fisher)},
            {"sigma_boot", num(f.sigma_boot)},
            {"pcrit_reached", f.pcrit_reached},
            {"candidates_tried", f.candidates_tried}};
}

namespace {
json to_json(const std::vector<LikelihoodRatio>& v) {
    json j = json::object();
    for (const auto& r : v)
        j[name(r.alternative)] = {{"params", nums(r.params)}, {"R", num(r.R)}, {"normalized", num(r.normalized)},
                                  {"p", num(r.p)},            {"p_nested", num(r.p_nested)}};
    return j;
}
}  // namespace

json to_json(const CriticalityResult& r) {
    json av = {{"count", r.avalanches.size()}};
    std::vector<std::int64_t> size, life;
    for (const auto& a : r.avalanches) size.push_back(a.size), life.push_back(static_cast<std::int64_t>(a.lifetime));
    av["size"] = size;
    av["lifetime"] = life;
    av["start_time"] = nums(r.avalanche_start_time);
    const auto& c = r.crackling;
    return {
        {"events", r.events},
        {"event_samples", r.event_samples},
        {"mean_iei", {{"samples", num(r.mean_iei_samples)}, {"seconds", num(r.mean_iei_seconds)}}},
        {"bin", {{"samples", r.bin_samples}, {"seconds", r.bin_seconds}}},
        {"avalanches", av},
        {"branching_ratio", num(r.branching_ratio)},
        {"tau", to_json(r.tau)},
        {"alpha", to_json(r.alpha)},
        {"likelihood_ratios", {{"tau", to_json(r.tau_compare)}, {"alpha", to_json(r.alpha_compare)}}},
        {"crackling",
         {{"predicted", to_json(c.predicted)},
          {"fitted", to_json(c.fitted)},
          {"shape_collapse", to_json(c.shape_collapse)},
          {"shape_collapse_valid", c.shape.valid},
          {"shape_collapse_durations", c.shape.durations}}},
        {"mean_size", {{"lifetime", r.mean_size.lifetime}, {"count", r.mean_size.count}, {"mean_size", nums(r.mean_size.mean_size)}}},
        {"iei_histogram",
         {{"lower", r.iei_histogram.lower},
          {"upper", r.iei_histogram.upper},
          {"center", r.iei_histogram.center},
          {"count", r.iei_histogram.count},
          {"density", nums(r.iei_histogram.density)}}},
    };
}

double number_or_nan(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>() : NAN;
}

PowerLawFit power_law_fit_from_json(const json& j) {
    PowerLawFit f;
    f.value = number_or_nan(j, "value");
    f.sigma = number_or_nan(j, "sigma");
    f.p = number_or_nan(j, "p");
    f.ks = number_or_nan(j, "ks");
    f.xmin = j.value("xmin", 0);
    f.xmax = j.value("xmax", 0);
    f.n_in = j.value("n_in", std::size_t{0});
    f.pcrit_reached = j.value("pcrit_reached", true);
    return f;
}

}  // namespace nwn::analysis

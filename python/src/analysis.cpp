// nwnspice's analyses on arrays (runner/analysis): events, avalanches, power-law fits, crackling, shape
// collapse, the criticality pipeline, Lyapunov statistics and the NLT readout. Results come back as the
// project's JSON forms (criticality_json.h) turned into dicts, so Python sees the keys run directories hold.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "common/error.h"
#include "runner/analysis/avalanches.h"
#include "runner/analysis/crackling.h"
#include "runner/analysis/criticality.h"
#include "runner/analysis/criticality_json.h"
#include "runner/analysis/events.h"
#include "runner/analysis/lyapunov_math.h"
#include "runner/analysis/nlt_readout.h"
#include "runner/analysis/powerlaw.h"
#include "runner/analysis/shape_collapse.h"

namespace nwn::python {

namespace {

using namespace nwn::analysis;
using Doubles = py::array_t<double, py::array::c_style | py::array::forcecast>;
using Ints = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

template <class T>
std::vector<T> to_vector(const py::array_t<T, py::array::c_style | py::array::forcecast>& a) {
    if (a.ndim() != 1) throw Error("expected a one-dimensional array (got " + std::to_string(a.ndim()) + " dimensions)");
    return std::vector<T>(a.data(), a.data() + a.size());
}

template <class T>
py::array_t<T> to_array(const std::vector<T>& v) {
    return py::array_t<T>(static_cast<py::ssize_t>(v.size()), v.data());
}

// One series (an array) or several recorded separately (a list of arrays): nothing spans a join.
template <class T>
SeriesSetT<T> series_set(const py::object& x) {
    SeriesSetT<T> set;
    if (py::isinstance<py::list>(x) || py::isinstance<py::tuple>(x)) {
        for (const auto& item : x) set.add(to_vector<T>(py::cast<py::array_t<T, py::array::c_style | py::array::forcecast>>(item)));
    } else {
        set.add(to_vector<T>(py::cast<py::array_t<T, py::array::c_style | py::array::forcecast>>(x)));
    }
    return set;
}

PowerLawOptions fit_options(std::size_t resamples, double pcrit, std::uint64_t seed, unsigned threads, double tau_min,
                            double tau_max, std::size_t min_n) {
    PowerLawOptions o;
    o.resamples = resamples;
    o.pcrit = pcrit;
    o.seed = seed;
    o.threads = threads;
    o.tau_min = tau_min;
    o.tau_max = tau_max;
    o.min_n = min_n;
    return o;
}

py::object powerlaw_fit(const Ints& x, std::optional<std::int64_t> xmin, std::optional<std::int64_t> xmax,
                        std::size_t resamples, double pcrit, std::uint64_t seed, unsigned threads, double tau_min,
                        double tau_max, std::size_t min_n) {
    const auto data = to_vector(x);
    const auto o = fit_options(resamples, pcrit, seed, threads, tau_min, tau_max, min_n);
    if (xmin.has_value() != xmax.has_value()) throw Error("powerlaw_fit: give both xmin and xmax, or neither (support search)");
    const auto fit = without_gil([&] { return xmin ? fit_power_law(data, *xmin, *xmax, o) : search_power_law(data, o); });
    return to_python(to_json(fit));
}

py::dict avalanches(const py::object& events, std::optional<double> iei_multiple, std::optional<std::size_t> bin_samples,
                    double dt) {
    const auto ev = series_set<int>(events);
    if (iei_multiple && bin_samples) throw Error("avalanches: give iei_multiple or bin_samples, not both");
    const auto iei = inter_event_intervals(ev);
    const BinSpec spec = bin_samples ? BinSpec::fixed(*bin_samples) : BinSpec::iei(iei_multiple.value_or(1.0));
    const std::size_t width = bin_size(spec, bin_samples ? 1.0 : mean_iei(iei));
    const auto binned = bin_events(ev, width);
    const auto av = find_avalanches(binned);
    std::vector<double> start;
    for (const auto& a : av) start.push_back(static_cast<double>(a.start_sample) * dt);
    py::list profiles;
    for (const auto& p : avalanche_profiles(binned, av)) profiles.append(to_array(p));
    py::dict d;
    d["bin_samples"] = width;
    d["sizes"] = to_array(sizes(av));
    d["lifetimes"] = to_array(lifetimes(av));
    d["start_time"] = to_array(start);
    d["branching_ratio"] = branching_ratio(av);
    d["profiles"] = profiles;
    d["iei"] = to_array(iei);
    return d;
}

// From conductance series G, or from event trains already detected (events, e.g. a run's junction crossings).
py::object criticality(const py::object& G, const py::object& events, double dt, double thresh, double rel_thresh, bool condition,
                       double iei_multiple, std::size_t resamples, std::size_t shape_bootstraps, std::uint64_t seed,
                       unsigned threads, bool compare_alternatives) {
    if (G.is_none() == events.is_none()) throw Error("criticality: give G or events, one of them");
    CriticalityOptions o;
    o.thresh = thresh;
    o.rel_thresh = rel_thresh;
    o.condition = condition;
    o.bin = BinSpec::iei(iei_multiple);
    o.resamples = resamples;
    o.shape_bootstraps = shape_bootstraps;
    o.seed = seed;
    o.threads = threads;
    o.compare_alternatives = compare_alternatives;
    if (!events.is_none()) {
        const auto ev = series_set<int>(events);
        return to_python(to_json(without_gil([&] { return analyse_events(ev, dt, o); })));
    }
    const auto set = series_set<double>(G);
    return to_python(to_json(without_gil([&] { return analyse_conductance(set, dt, o); })));
}

py::dict crackling(const py::dict& tau, const py::dict& alpha, const Ints& sizes_, const Ints& lifetimes_) {
    const auto to_fit = [](const py::dict& d) {
        return power_law_fit_from_json(nlohmann::json::parse(py::str(py::module_::import("json").attr("dumps")(d)).cast<std::string>()));
    };
    const auto t = to_fit(tau), a = to_fit(alpha);
    const auto s = to_vector(sizes_), l = to_vector(lifetimes_);
    if (s.size() != l.size()) throw Error("crackling: sizes and lifetimes differ in length");
    std::vector<Avalanche> av(s.size());
    for (std::size_t k = 0; k < s.size(); ++k) {
        av[k].size = s[k];
        av[k].lifetime = static_cast<std::size_t>(l[k]);
    }
    const auto fit = mean_size_exponent(mean_size_by_lifetime(av), a.xmin, a.xmax);
    py::dict d;
    d["predicted"] = to_python(to_json(predicted_crackling(t, a)));
    d["fitted"] = to_python(to_json(fit.slope));
    d["points"] = fit.points;
    return d;
}

py::dict shape_collapse_py(const py::list& profiles, std::size_t min_lifetime, std::optional<std::size_t> max_lifetime,
                           std::size_t min_count, std::size_t bootstraps, std::uint64_t seed, unsigned threads) {
    std::vector<std::vector<double>> p;
    for (const auto& item : profiles) p.push_back(to_vector<double>(py::cast<Doubles>(item)));
    ShapeCollapseOptions o;
    o.min_lifetime = min_lifetime;
    if (max_lifetime) o.max_lifetime = *max_lifetime;
    o.min_count = min_count;
    o.bootstraps = bootstraps;
    o.seed = seed;
    o.threads = threads;
    const auto r = without_gil([&] { return shape_collapse(p, o); });
    py::dict d;
    d["exponent"] = to_python(to_json(r.exponent));
    d["gamma"] = r.gamma;
    d["error"] = r.error;
    d["valid"] = r.valid;
    d["at_grid_edge"] = r.at_grid_edge;
    d["durations"] = r.durations;
    d["bootstraps_used"] = r.bootstraps_used;
    return d;
}

py::dict lyapunov_stats(const Doubles& rates, std::size_t skip, std::size_t block) {
    const auto s = exponent_stats(to_vector(rates), skip, block);
    py::dict d;
    d["mean"] = s.mean;
    d["sigma"] = s.sigma;
    d["used"] = s.used;
    d["batches"] = s.batches;
    d["running"] = to_array(s.running);
    return d;
}

double period_ratio(const Doubles& t, const Doubles& v, const Doubles& i, double period, double v_floor) {
    const auto tv = to_vector(t), vv = to_vector(v), iv = to_vector(i);
    if (tv.size() != vv.size() || tv.size() != iv.size()) throw Error("period_ratio: t, V and I differ in length");
    if (tv.empty()) throw Error("period_ratio: no samples");
    PeriodRatio r(period, tv.front(), v_floor);
    for (std::size_t k = 0; k < tv.size(); ++k) r.add(tv[k], vv[k], iv[k]);
    return r.mean();
}

py::list nlt_scores(const Doubles& features, const std::vector<std::string>& names, const std::vector<std::vector<double>>& targets,
                    double ridge, bool bias, std::size_t washout, double train_fraction) {
    if (features.ndim() != 2) throw Error("nlt: features must be a samples x features array");
    Features f;
    f.rows = static_cast<std::size_t>(features.shape(0));
    f.cols = static_cast<std::size_t>(features.shape(1));
    f.data.assign(features.data(), features.data() + features.size());
    ReadoutOptions o;
    o.ridge = ridge;
    o.bias = bias;
    o.washout = washout;
    o.train_fraction = train_fraction;
    py::list out;
    for (const auto& s : score_tasks(f, names, targets, o)) {
        py::dict d;
        d["task"] = s.task;
        d["accuracy"] = s.accuracy;
        d["rnmse"] = s.rnmse;
        d["train_accuracy"] = s.train_accuracy;
        d["rank"] = s.rank;
        d["weights"] = to_array(s.weights);
        out.append(d);
    }
    return out;
}

}  // namespace

void bind_analysis(py::module_& m) {
    m.def("gradient", [](const Doubles& x) { return to_array(gradient(to_vector(x))); }, py::arg("x"));
    m.def(
        "conductance_events",
        [](const Doubles& G, double thresh, double rel_thresh) {
            return to_array(conductance_events(to_vector(G), ConductanceThresholds{thresh, rel_thresh}));
        },
        py::arg("G"), py::arg("thresh") = 5e-8, py::arg("rel_thresh") = 0.05);
    m.def("avalanches", &avalanches, py::arg("events"), py::arg("iei_multiple") = py::none(),
          py::arg("bin_samples") = py::none(), py::arg("dt") = 1.0);
    m.def("powerlaw_fit", &powerlaw_fit, py::arg("x"), py::arg("xmin") = py::none(), py::arg("xmax") = py::none(),
          py::arg("resamples") = 500, py::arg("pcrit") = 0.5, py::arg("seed") = 1, py::arg("threads") = 0,
          py::arg("tau_min") = 1.0, py::arg("tau_max") = 6.0, py::arg("min_n") = 10);
    m.def("criticality", &criticality, py::arg("G"), py::arg("events"), py::arg("dt"), py::arg("thresh") = 5e-8,
          py::arg("rel_thresh") = 0.05, py::arg("condition") = false, py::arg("iei_multiple") = 1.0,
          py::arg("resamples") = 500, py::arg("shape_bootstraps") = 20, py::arg("seed") = 1, py::arg("threads") = 0,
          py::arg("compare_alternatives") = true);
    m.def("crackling", &crackling, py::arg("tau"), py::arg("alpha"), py::arg("sizes"), py::arg("lifetimes"));
    m.def("shape_collapse", &shape_collapse_py, py::arg("profiles"), py::arg("min_lifetime") = 5,
          py::arg("max_lifetime") = py::none(), py::arg("min_count") = 50, py::arg("bootstraps") = 20,
          py::arg("seed") = 1, py::arg("threads") = 0);
    m.def("lyapunov_stats", &lyapunov_stats, py::arg("rates"), py::arg("skip") = 0, py::arg("block") = 1);
    m.def("period_ratio", &period_ratio, py::arg("t"), py::arg("V"), py::arg("I"), py::arg("period"),
          py::arg("v_floor") = 0.0);
    m.def("nlt_scores", &nlt_scores, py::arg("features"), py::arg("names"), py::arg("targets"), py::arg("ridge") = 0.0,
          py::arg("bias") = false, py::arg("washout") = 0, py::arg("train_fraction") = 1.0);
}

}  // namespace nwn::python

// The whole pipeline on planted avalanches: a critical branching process (τ = 3/2, α = 2, ⟨S⟩ ~ T²,
// so every crackling estimate of 1/(σνz) is 2), from event trains and from conductance steps.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include "common/error.h"
#include "runner/analysis/criticality.h"
#include "runner/analysis/criticality_json.h"
#include "synthetic.h"

using namespace nwn::analysis;

namespace {

struct Planted {
    std::vector<std::vector<int>> gens;  // generation sizes of each avalanche, in order
    std::vector<std::vector<int>> trains;  // per series: per-bin event counts (bins of 1 sample)
};

// Avalanches of a critical Galton–Watson process laid out bin by bin in `series` series, separated by
// 1-3 empty bins, with 2 empty bins at each series start and end.
Planted plant(std::size_t count, std::size_t series, std::size_t max_generations, int max_width, std::uint64_t seed) {
    std::mt19937_64 g(seed);
    Planted p;
    while (p.gens.size() < count) {
        auto a = nwn::test::critical_branching(g, max_generations, max_width);
        if (!a.empty()) p.gens.push_back(std::move(a));
    }
    p.trains.resize(series);
    for (auto& t : p.trains) t = {0, 0};
    for (std::size_t i = 0; i < count; ++i) {
        auto& t = p.trains[i * series / count];
        if (t.size() > 2) t.insert(t.end(), 1 + g() % 3, 0);
        t.insert(t.end(), p.gens[i].begin(), p.gens[i].end());
    }
    for (auto& t : p.trains) t.insert(t.end(), {0, 0});
    return p;
}

// Each bin becomes `width` samples; its n events sit at offsets 1, 5, 9, ... (4 apart, so the |dG|
// excursions of neighbouring steps never merge).
std::vector<int> spread(const std::vector<int>& bins, std::size_t width) {
    std::vector<int> s(bins.size() * width, 0);
    for (std::size_t k = 0; k < bins.size(); ++k)
        for (int j = 0; j < bins[k]; ++j) s[k * width + 1 + 4 * static_cast<std::size_t>(j)] = 1;
    return s;
}

// A conductance that steps up by dG at every event sample: the step at i gives |gradient| = dG/2 at
// i-1 and i, so the detector puts the event at i-1.
std::vector<double> conductance(const std::vector<int>& ev, double g0, double dG) {
    std::vector<double> G(ev.size());
    double level = g0;
    for (std::size_t i = 0; i < ev.size(); ++i) G[i] = level += dG * ev[i];
    return G;
}

CriticalityOptions quick() {
    CriticalityOptions o;
    o.resamples = 50;
    o.shape_bootstraps = 8;
    o.threads = 2;
    o.seed = 99;
    return o;
}

}  // namespace

TEST_CASE("criticality from event trains: planted critical branching avalanches") {
    const auto p = plant(6000, 3, 200, 1 << 30, 4);
    const EventSet ev(p.trains);
    auto o = quick();
    o.bin = BinSpec::fixed(1);
    const auto r = analyse_events(ev, 1e-3, o);

    // Segmentation finds exactly the planted avalanches, none across the two joins.
    REQUIRE(r.avalanches.size() == p.gens.size());
    std::size_t events = 0;
    for (std::size_t i = 0; i < p.gens.size(); ++i) {
        std::int64_t s = 0;
        for (int n : p.gens[i]) s += n;
        events += static_cast<std::size_t>(s);
        CHECK(r.avalanches[i].size == s);
        CHECK(r.avalanches[i].lifetime == p.gens[i].size());
    }
    CHECK(r.events == events);
    CHECK(r.bin_samples == 1);
    CHECK(r.bin_seconds == Approx(1e-3));
    CHECK(r.mean_iei_seconds == Approx(r.mean_iei_samples * 1e-3));
    CHECK(r.avalanche_start_time[0] == Approx(2e-3));  // first avalanche starts after two empty bins

    INFO("tau " << r.tau.value << " ± " << r.tau.sigma << " [" << r.tau.xmin << ", " << r.tau.xmax << "] p " << r.tau.p
                << "; alpha " << r.alpha.value << " ± " << r.alpha.sigma << " [" << r.alpha.xmin << ", "
                << r.alpha.xmax << "] p " << r.alpha.p << "; branching " << r.branching_ratio << "; crackling "
                << r.crackling.predicted.value << " ± " << r.crackling.predicted.sigma << ", "
                << r.crackling.fitted.value << " ± " << r.crackling.fitted.sigma << ", "
                << r.crackling.shape_collapse.value << " ± " << r.crackling.shape_collapse.sigma);
    // Mean-field values are τ = 3/2, α = 2, ⟨S⟩ ~ T², 1/(σνz) = 2. Sizes follow the Borel law, a power
    // law to < 1 % from S = 10 on, so τ is sharp; lifetimes and ⟨S⟩(T) approach their limits slowly
    // (corrections in 1/T at the T = 3..200 fitted here), which pulls α and the slope below 2.
    CHECK(r.tau.value == Approx(1.5).margin(0.05));
    CHECK(r.alpha.value > 1.65);
    CHECK(r.alpha.value < 2.05);
    // Poisson(1) offspring: E[n2/n1] = E[n2] = 1 over all avalanches (0 for T = 1).
    CHECK(r.branching_ratio == Approx(1.0).margin(0.05));
    const auto& c = r.crackling;
    CHECK(c.predicted.value > 1.4);
    CHECK(c.predicted.value < 2.1);
    CHECK(c.fitted.value > 1.75);
    CHECK(c.fitted.value < 2.05);
    REQUIRE(c.shape.valid);
    CHECK(c.shape_collapse.value > 1.5);
    CHECK(c.shape_collapse.value < 2.1);
    CHECK(c.shape_collapse.sigma > 0);
    // The three estimates of one exponent agree within their spread.
    CHECK(std::fabs(c.predicted.value - c.fitted.value) < 0.4);
    CHECK(std::fabs(c.shape_collapse.value - c.fitted.value) < 0.4);
    CHECK(r.tau_compare.size() == 3);
    CHECK(r.tau_compare[0].R > 0);  // the power law beats the exponential

    // Same numbers with another thread count.
    o.threads = 1;
    CHECK(to_json(analyse_events(ev, 1e-3, o)).dump() == to_json(r).dump());
}

TEST_CASE("criticality from conductance: steps are detected exactly, conditioning maps times back") {
    const auto p = plant(400, 2, 60, 16, 77);
    const std::size_t width = 64;
    SeriesSet G;
    std::vector<std::vector<int>> detected;  // what the detector must find: each step one sample earlier
    for (const auto& bins : p.trains) {
        auto ev = spread(bins, width);
        G.add(conductance(ev, 1e-6, 2e-7));
        std::rotate(ev.begin(), ev.begin() + 1, ev.end());
        detected.push_back(ev);
    }
    auto o = quick();
    o.bin = BinSpec::fixed(width);
    o.compare_alternatives = false;
    CHECK(conductance_events(G, {o.thresh, o.rel_thresh}).joined() == EventSet(detected).joined());
    const auto r = analyse_conductance(G, 1e-3, o);
    const auto e = analyse_events(EventSet(detected), 1e-3, o);
    CHECK(r.events == e.events);
    CHECK(r.avalanches.size() == p.gens.size());
    CHECK(to_json(r).dump() == to_json(e).dump());

    // Conditioning cuts each series to its first..last event, so bins start elsewhere; every avalanche's
    // start time must still point into the input at a bin holding an event after an empty bin.
    o.condition = true;
    const auto c = analyse_conductance(G, 1e-3, o);
    const auto all = EventSet(detected).joined();
    REQUIRE(c.avalanches.size() > 300);
    for (double t : c.avalanche_start_time) {
        const auto s = static_cast<std::size_t>(std::llround(t / 1e-3));
        int in_bin = 0, before = 0;
        for (std::size_t i = s; i < s + width; ++i) in_bin += all[i];
        for (std::size_t i = s - width; i < s; ++i) before += all[i];
        CHECK(in_bin > 0);
        CHECK(before == 0);
    }
}

TEST_CASE("criticality JSON has the documented keys, NaN as null") {
    const auto p = plant(300, 1, 100, 1 << 30, 5);
    auto o = quick();
    o.bin = BinSpec::fixed(1);
    o.shape.min_count = 100000;  // force a degenerate shape collapse
    const auto j = to_json(analyse_events(EventSet(p.trains), 0.01, o));
    for (const char* k : {"events", "mean_iei", "bin", "avalanches", "branching_ratio", "tau", "alpha", "crackling"})
        CHECK(j.contains(k));
    for (const char* fit : {"tau", "alpha"})
        for (const char* k : {"value", "sigma", "xmin", "xmax", "p"}) CHECK(j[fit].contains(k));
    for (const char* k : {"predicted", "fitted", "shape_collapse"}) {
        CHECK(j["crackling"][k].contains("value"));
        CHECK(j["crackling"][k].contains("sigma"));
    }
    CHECK(j["crackling"]["shape_collapse"]["value"].is_null());
    CHECK(j["crackling"]["shape_collapse_valid"] == false);
    CHECK(j["avalanches"]["count"] == 300);
    CHECK(j["avalanches"]["size"].size() == 300);
    CHECK(j["bin"]["seconds"] == 0.01);
}

TEST_CASE("criticality rejects bad input with clear messages") {
    const auto o = quick();
    CHECK_THROWS_WITH(analyse_conductance(SeriesSet{}, 1e-3, o), Catch::Contains("no series"));
    CHECK_THROWS_WITH(analyse_conductance(SeriesSet(std::vector<std::vector<double>>{{1, 2}, {}}), 1e-3, o),
                      Catch::Contains("series 1 is empty"));
    CHECK_THROWS_WITH(analyse_conductance(SeriesSet(std::vector<std::vector<double>>{{1, NAN, 2}}), 1e-3, o),
                      Catch::Contains("sample 1 is not finite"));
    CHECK_THROWS_WITH(analyse_conductance(SeriesSet(std::vector<std::vector<double>>{{1, INFINITY}}), 1e-3, o),
                      Catch::Contains("not finite"));
    CHECK_THROWS_WITH(analyse_conductance(SeriesSet(std::vector<std::vector<double>>{{1, 2}}), 0.0, o),
                      Catch::Contains("dt"));
    // One step per series: an event each, but no interval within a series.
    const SeriesSet one(std::vector<std::vector<double>>{{1, 1, 1, 2, 2, 2}, {1, 1, 1, 2, 2, 2}});
    CHECK_THROWS_WITH(analyse_conductance(one, 1e-3, o), Catch::Contains("found 2 events"));
    auto cond = o;
    cond.condition = true;
    CHECK_THROWS_WITH(analyse_conductance(SeriesSet(std::vector<std::vector<double>>{{1, 1, 1}}), 1e-3, cond),
                      Catch::Contains("conditioning left no data"));
    // Three avalanches are too few for a fit.
    const EventSet few(std::vector<std::vector<int>>{{0, 1, 0, 2, 1, 0, 1, 0}});
    auto fixed = o;
    fixed.bin = BinSpec::fixed(1);
    CHECK_THROWS_WITH(analyse_events(few, 1e-3, fixed), Catch::Contains("avalanches") &&
                                                            Catch::Contains("found 3, need at least 10"));
    CHECK_THROWS_WITH(analyse_events(EventSet(std::vector<std::vector<int>>{{0, -1, 2}}), 1e-3, fixed),
                      Catch::Contains("negative"));
}

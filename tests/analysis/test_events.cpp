// Event detection against hand-computed answers (docs/model.md §4.1, §4.2).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "common/error.h"
#include "runner/analysis/events.h"
#include "runner/analysis/junction_events.h"

using namespace nwn::analysis;
using V = std::vector<double>;
using I = std::vector<std::size_t>;

TEST_CASE("gradient is MATLAB's: central inside, one-sided at the ends") {
    CHECK(gradient(V{1, 2, 4, 7}) == V{1, 1.5, 2.5, 3});
    CHECK(gradient(V{5}) == V{0});
    CHECK(gradient(V{}).empty());
}

TEST_CASE("threshold_crossing_peaks: one event per closed excursion, at its first maximum") {
    // Excursions above 1.5: samples 1-2 (peak 3 at 2), 5-6 (tie 5,5: first at 5), 8 (open at the end: dropped).
    CHECK(threshold_crossing_peaks(V{0, 2, 3, 1, 0, 5, 5, 0, 4}, 1.5) == I{2, 5});
    // A single excursion is an event: no "at least 3 crossings" rule (§9.14).
    CHECK(threshold_crossing_peaks(V{0, 2, 0}, 1) == I{1});
    // An excursion from sample 0 counts; NaN counts as below the threshold.
    CHECK(threshold_crossing_peaks(V{3, 0, 2, NAN, 4, 0}, 1) == I{0, 2, 4});
    // Equal to the threshold is not above it; +inf switches detection off.
    CHECK(threshold_crossing_peaks(V{0, 1, 0}, 1).empty());
    CHECK(threshold_crossing_peaks(V{0, 9, 0}, std::numeric_limits<double>::infinity()).empty());
    CHECK_THROWS_AS(threshold_crossing_peaks(V{0, 1}, NAN), nwn::Error);
}

TEST_CASE("conductance events: union of |dG| and |dG|/G excursion peaks") {
    // |gradient| = [0 0 .5 .5 0 5 5 .25 .25 0 0]; above 1: samples 5-6 -> event at 5.
    // |dG|/G = [0 0 .05 .045 0 .4545 5 .25 .167 0 0]; above 0.1: samples 5-8 -> event at 6 (peak 5).
    const V G{10, 10, 10, 11, 11, 11, 1, 1, 1.5, 1.5, 1.5};
    CHECK(conductance_events(G, {1.0, 0.1}) == std::vector<int>{0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0});
    const double off = std::numeric_limits<double>::infinity();
    CHECK(conductance_events(G, {1.0, off}) == std::vector<int>{0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0});
    CHECK(conductance_events(G, {off, 0.1}) == std::vector<int>{0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0});
}

TEST_CASE("conductance events are detected per series: a jump at a join is no event") {
    const SeriesSet set(std::vector<V>{{1, 1, 1, 1, 5}, {5, 5, 5, 5, 5}});
    // On the joined vector |gradient| = [0 0 0 2 2 0 ...]: a closed excursion at 3-4 -> event at 3,
    // i.e. an "event" made of the last samples of series 0 and the first of series 1.
    const auto joined = conductance_events(set.joined(), {1.0, 10.0});
    CHECK(joined[3] == 1);
    // Per series: series 0's excursion (samples 3-4) is still open at its end, series 1 is flat.
    const EventSet ev = conductance_events(set, {1.0, 10.0});
    REQUIRE(ev.size() == 2);
    CHECK(ev.offsets() == std::vector<std::size_t>{0, 5, 10});
    for (int e : ev.joined()) CHECK(e == 0);
}

TEST_CASE("event-interval conditioning keeps first..last active sample of each series") {
    // |gradient| = [0 0 .5 .5 0 0 0 .5 .5 0]: active samples 2..8.
    const V G{1, 1, 1, 2, 2, 2, 2, 2, 3, 3};
    const auto r = event_interval(G, {0.4, 10.0});
    REQUIRE(r);
    CHECK(r->first == 2);
    CHECK(r->second == 8);
    CHECK_FALSE(event_interval(V{2, 2, 2}, {0.4, 10.0}));
    // Ratio criterion alone: |dG|/G is .5 at 2, .25 at 3 and 7, .17 at 8: only sample 2 exceeds .3.
    const auto rr = event_interval(G, {std::numeric_limits<double>::infinity(), 0.3});
    REQUIRE(rr);
    CHECK(rr->first == 2);
    CHECK(rr->second == 2);

    const SeriesSet set(std::vector<V>{{2, 2, 2}, G});
    const auto c = condition_event_interval(set, {0.4, 10.0});
    REQUIRE(c.series.size() == 1);  // the flat series has no event interval and is left out
    CHECK(c.source == I{1});
    CHECK(c.first == I{2});
    CHECK(std::vector<double>(c.series[0].begin(), c.series[0].end()) == V{1, 2, 2, 2, 2, 2, 3});
}

TEST_CASE("junction level crossings count on/off changes in either direction") {
    const JunctionTraces G{{0, 2, 2, 0}, {0, 0, 2, 2}, {2, 2, 2, 2}};
    CHECK(level_crossing_events(G, 1.0) == std::vector<int>{0, 1, 1, 1});
    // The same through a λ -> G map (here G = 2λ), at the 1.1·Goff level with Goff = 1/1.1.
    const JunctionTraces lambda{{0, 1, 1, 0}, {0, 0, 1, 1}, {1, 1, 1, 1}};
    CHECK(level_crossing_events(lambda, [](double l) { return 2 * l; }, on_level(1.0 / 1.1)) ==
          std::vector<int>{0, 1, 1, 1});
    CHECK_THROWS_AS(level_crossing_events(JunctionTraces{{0, 1}, {0}}, 1.0), nwn::Error);
    CHECK_THROWS_AS(level_crossing_events(JunctionTraces{}, 1.0), nwn::Error);
    // One sample at a time (nwn run --save-events): the same counts, and a sample of another width refused.
    LevelCrossingCounter counter(1.0);
    std::vector<int> streamed;
    for (std::size_t i = 0; i < 4; ++i) streamed.push_back(counter.push(std::vector<double>{G[0][i], G[1][i], G[2][i]}));
    CHECK(streamed == std::vector<int>{0, 1, 1, 1});
    CHECK_THROWS_AS(counter.push(std::vector<double>{0, 0}), nwn::Error);
}

TEST_CASE("dG/G spikes: peaks of |ΔG|/G/dt above the threshold, summed over junctions") {
    // r = |G[i+1]-G[i]|/G[i]/dt with dt = .5: junction 0 [0 2 0 0 0], junction 1 [0 0 0 .5 0].
    const JunctionTraces G{{1, 1, 2, 2, 2}, {4, 4, 4, 4, 5}};
    CHECK(dg_spike_events(G, 0.5, 1e-3) == std::vector<int>{0, 1, 0, 1, 0});
    CHECK(dg_spike_events(G, 0.5, 1.0) == std::vector<int>{0, 1, 0, 0, 0});
    CHECK_THROWS_AS(dg_spike_events(G, 0.0), nwn::Error);
    CHECK_THROWS_AS(dg_spike_events(JunctionTraces{{1, NAN}}, 1.0), nwn::Error);
}

// IEI, binning and avalanche segmentation against hand-computed answers (docs/model.md §4.3, §4.4).
#include <catch2/catch.hpp>

#include <cmath>

#include "common/error.h"
#include "runner/analysis/avalanches.h"

using namespace nwn::analysis;
using I = std::vector<std::size_t>;

TEST_CASE("inter-event intervals never span a join") {
    // Series 0: events at 1, 4, 5 -> 3, 1. Series 1: events at 0, 3 -> 3. The pair (5, 0) straddles the join.
    const EventSet ev(std::vector<std::vector<int>>{{0, 1, 0, 0, 1, 2}, {1, 0, 0, 1}});
    const auto iei = inter_event_intervals(ev);
    CHECK(iei == I{3, 1, 3});
    CHECK(mean_iei(iei) == Approx(7.0 / 3.0));
    CHECK_THROWS_AS(mean_iei(inter_event_intervals(EventSet(std::vector<std::vector<int>>{{0, 1}, {1, 0}}))),
                    nwn::Error);
}

TEST_CASE("bin size: round(k·<IEI>) or fixed") {
    CHECK(bin_size(BinSpec::iei(1.0), 7.0 / 3.0) == 2);
    CHECK(bin_size(BinSpec::iei(2.0), 7.0 / 3.0) == 5);  // round(4.67)
    CHECK(bin_size(BinSpec::fixed(160), 7.0 / 3.0) == 160);
    CHECK_THROWS_AS(bin_size(BinSpec::iei(0.1), 7.0 / 3.0), nwn::Error);  // rounds to 0
    CHECK_THROWS_AS(bin_size(BinSpec::iei(-1.0), 7.0 / 3.0), nwn::Error);
}

TEST_CASE("binning is per series and drops each remainder") {
    const EventSet ev(std::vector<std::vector<int>>{{1, 0, 2, 0, 0, 3, 1}, {4, 4, 4}});
    const auto b = bin_events(ev, 2);
    REQUIRE(b.bins.size() == 2);
    CHECK(std::vector<std::int64_t>(b.bins[0].begin(), b.bins[0].end()) == std::vector<std::int64_t>{1, 2, 3});
    CHECK(std::vector<std::int64_t>(b.bins[1].begin(), b.bins[1].end()) == std::vector<std::int64_t>{8});
    CHECK(b.sample_offset == I{0, 7});
}

TEST_CASE("avalanches: runs bounded by empty bins inside one series") {
    // Bin size 1, so bins = events. Series 0 (9 bins): [2 | 0 1 3 0 0 4 0 | 5]; series 1: [3 | 0 1 0 0 | 2 2 1].
    // Runs touching a series start or end (2; 5; 3; 2 2 1) are discarded. Joined, "5 | 3" would be one run
    // bounded by empty bins - an avalanche across the join - and must not appear.
    const EventSet ev(std::vector<std::vector<int>>{{2, 0, 1, 3, 0, 0, 4, 0, 5}, {3, 0, 1, 0, 0, 2, 2, 1}});
    const auto av = find_avalanches(bin_events(ev, 1));
    REQUIRE(av.size() == 3);
    CHECK(av[0].size == 4);
    CHECK(av[0].lifetime == 2);
    CHECK(av[0].series == 0);
    CHECK(av[0].first_bin == 2);
    CHECK(av[0].start_sample == 2);
    CHECK(av[0].branching == 3.0);  // 3/1
    CHECK(av[1].size == 4);
    CHECK(av[1].lifetime == 1);
    CHECK(av[1].start_sample == 6);
    CHECK(av[1].branching == 0.0);  // T = 1
    CHECK(av[2].size == 1);
    CHECK(av[2].lifetime == 1);
    CHECK(av[2].series == 1);
    CHECK(av[2].first_bin == 2);
    CHECK(av[2].start_sample == 11);  // series 1 starts at joined sample 9
    CHECK(branching_ratio(av) == Approx(1.0));  // (3 + 0 + 0)/3

    const auto m = mean_size_by_lifetime(av);
    CHECK(m.lifetime == I{1, 2});
    CHECK(m.count == I{2, 1});
    CHECK(m.mean_size == std::vector<double>{2.5, 4.0});
    CHECK(avalanche_profiles(bin_events(ev, 1), av) == std::vector<std::vector<double>>{{1, 3}, {4}, {1}});
    CHECK(sizes(av) == std::vector<std::int64_t>{4, 4, 1});
    CHECK(lifetimes(av) == std::vector<std::int64_t>{2, 1, 1});
}

TEST_CASE("avalanche start samples with wider bins") {
    // Bins of 2: [0 0|1 0|0 0|0 2|1 1|0 0|1] -> [0 1 0 2 2 0], last sample dropped.
    const EventSet ev(std::vector<std::vector<int>>{{0, 0, 1, 0, 0, 0, 0, 2, 1, 1, 0, 0, 1}});
    const auto b = bin_events(ev, 2);
    const auto av = find_avalanches(b);
    REQUIRE(av.size() == 2);
    CHECK(av[0].size == 1);
    CHECK(av[0].start_sample == 2);
    CHECK(av[1].size == 4);
    CHECK(av[1].lifetime == 2);
    CHECK(av[1].start_sample == 6);
    CHECK(av[1].branching == 1.0);
    CHECK(std::isnan(branching_ratio({})));
}

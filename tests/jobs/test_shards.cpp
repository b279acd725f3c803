// --shard K/N: parsing with clear errors, and shares that partition the points.
#include <catch2/catch.hpp>

#include <vector>

#include "common/error.h"
#include "runner/jobs/job.h"
#include "runner/jobs/shards.h"

using nwn::jobs::parse_shard;

TEST_CASE("a shard K/N parses, and the N shares cover every point exactly once", "[jobs]") {
    const auto s = parse_shard("2/3");
    CHECK(s.index == 2);
    CHECK(s.count == 3);
    CHECK(s.label() == "2/3");
    CHECK(parse_shard("1/1").whole());
    for (unsigned n : {1u, 2u, 3u, 7u}) {
        std::vector<int> owners(50, 0);
        for (unsigned k = 1; k <= n; ++k)
            for (std::size_t p = 0; p < owners.size(); ++p) owners[p] += parse_shard(std::to_string(k) + "/" + std::to_string(n)).has(p);
        for (int o : owners) CHECK(o == 1);
    }
}

TEST_CASE("a bad --shard is refused naming the option", "[jobs]") {
    for (const char* bad : {"", "3", "0/2", "3/2", "1/0", "a/b", "1/2/3", "-1/2", "1 /2", "1/99999999999"}) {
        INFO(bad);
        CHECK_THROWS_WITH(parse_shard(bad), Catch::Contains("--shard"));
    }
}

TEST_CASE("jobs start largest cost first, ties in their given order", "[jobs]") {
    std::vector<nwn::jobs::Job> jobs(5);
    const double cost[] = {1, 4, 0, 4, 2};
    for (std::size_t k = 0; k < jobs.size(); ++k) jobs[k].cost = cost[k];
    CHECK(nwn::jobs::start_order(jobs) == std::vector<std::size_t>{1, 3, 4, 0, 2});
}

// Uniform time bases for event detection: resampling onto a grid (recording_input_grid.h).
#include <catch2/catch.hpp>

#include <vector>

#include "common/error.h"
#include "runner/analysis/recording_input_grid.h"

using namespace nwn;

TEST_CASE("resampling onto a uniform grid interpolates linearly and keeps uniform data as it is") {
    const std::vector<double> t{0.0, 0.4e-3, 1.0e-3, 1.1e-3, 2.5e-3, 3.0e-3};
    std::vector<double> x;
    for (double v : t) x.push_back(2 + 5 * v);
    const auto u = analysis::to_uniform(t, x, 1e-3, 0, "test", "hint");
    CHECK(u.resampled);
    REQUIRE(u.x.size() == 4);
    for (std::size_t k = 0; k < 4; ++k) CHECK(u.x[k] == Approx(2 + 5e-3 * static_cast<double>(k)).epsilon(1e-14));

    std::vector<double> grid;
    for (int i = 0; i < 5; ++i) grid.push_back(i * 0.01);
    const auto same = analysis::to_uniform(grid, std::vector<double>{1, 2, 3, 4, 5}, 0, 0, "test", "hint");
    CHECK_FALSE(same.resampled);
    CHECK(same.dt == Approx(0.01));
    CHECK_THROWS_WITH(analysis::to_uniform(t, x, 0, 0, "rec", "give --dt"), Catch::Contains("not uniform") && Catch::Contains("give --dt"));
    const auto fallback = analysis::to_uniform(t, x, 0, 1e-3, "rec", "hint");  // a run's tmax
    CHECK(fallback.resampled);
    CHECK_THROWS_WITH(analysis::to_uniform(std::vector<double>{0, 1, 1}, std::vector<double>{1, 1, 1}, 0, 0, "rec", ""),
                      Catch::Contains("does not increase"));
}

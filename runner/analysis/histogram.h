// Logarithmically binned histograms of positive integer data (inter-event intervals), for plotting
// heavy-tailed distributions: equal-width bins would leave the tail as scattered single counts.
#pragma once
#include <cstddef>
#include <span>
#include <vector>

namespace nwn::analysis {

// Bin k holds integers in [edge_k, edge_{k+1}); edges are the distinct values floor(10^(j/per_decade)),
// j = 0, 1, ... (so small values get one bin each). All quantities are multiplied by `scale` (e.g. dt
// to report seconds); density = count / (N · width), a probability density per unit of scale.
struct Histogram {
    std::vector<double> lower, upper, center, count, density;  // center: geometric mean of the bin's integers
};
Histogram log_histogram(std::span<const std::size_t> x, double scale = 1.0, std::size_t per_decade = 10);

}  // namespace nwn::analysis

// Seeded synthetic data for the analysis tests, drawn with plain inverse-CDF tables (independent of
// the library's own sampler, which is tested separately).
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace nwn::test {

// n draws from p(k) ∝ weight(k) on xmin..xmax.
template <class W>
std::vector<std::int64_t> sample_discrete(std::size_t n, std::int64_t xmin, std::int64_t xmax, W weight,
                                          std::uint64_t seed) {
    std::vector<double> cdf;
    double acc = 0;
    for (std::int64_t k = xmin; k <= xmax; ++k) cdf.push_back(acc += weight(static_cast<double>(k)));
    std::mt19937_64 g(seed);
    std::uniform_real_distribution<double> u(0.0, acc);
    std::vector<std::int64_t> x(n);
    for (auto& v : x) {
        const auto i = std::upper_bound(cdf.begin(), cdf.end(), u(g)) - cdf.begin();
        v = xmin + std::min<std::int64_t>(i, xmax - xmin);
    }
    return x;
}

inline std::vector<std::int64_t> sample_power_law(std::size_t n, double tau, std::int64_t xmin, std::int64_t xmax,
                                                  std::uint64_t seed) {
    return sample_discrete(n, xmin, xmax, [tau](double k) { return std::pow(k, -tau); }, seed);
}

inline std::vector<std::int64_t> sample_exponential(std::size_t n, double lambda, std::int64_t xmin,
                                                    std::int64_t xmax, std::uint64_t seed) {
    return sample_discrete(n, xmin, xmax, [lambda](double k) { return std::exp(-lambda * k); }, seed);
}

// Exact log-likelihood of a power law on [xmin, xmax] by term-by-term summation (long double).
inline double exact_power_law_loglik(const std::vector<std::int64_t>& x, double tau, std::int64_t xmin,
                                     std::int64_t xmax) {
    long double z = 0;
    for (std::int64_t k = xmin; k <= xmax; ++k) z += std::pow(static_cast<long double>(k), -tau);
    long double ll = 0;
    for (auto v : x) ll += -tau * std::log(static_cast<long double>(v));
    return static_cast<double>(ll - static_cast<long double>(x.size()) * std::log(z));
}

// Generation sizes of one avalanche of a critical Galton–Watson process (Poisson(1) offspring), started
// by one event. Returns empty (the caller discards it) when it lasts more than max_generations or a
// generation exceeds max_width; a cut on lifetime leaves P(T) and ⟨S⟩(T) unchanged below the cut.
inline std::vector<int> critical_branching(std::mt19937_64& g, std::size_t max_generations, int max_width) {
    std::poisson_distribution<int> offspring(1.0);
    std::vector<int> gen{1};
    for (;;) {
        int next = 0;
        for (int i = 0; i < gen.back(); ++i) next += offspring(g);
        if (next == 0) return gen;
        if (gen.size() == max_generations || next > max_width) return {};
        gen.push_back(next);
    }
}

}  // namespace nwn::test

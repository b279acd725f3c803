// Seeding and uniform draws that do not depend on the standard library's distribution code, so a
// seed gives the same numbers with any compiler, and one derived seed per resample makes results
// independent of how the resamples are shared among threads.
#pragma once
#include <cstdint>
#include <random>

namespace nwn::analysis {

inline std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// A well-mixed seed for the stream identified by (seed, a, b, c).
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0) {
    std::uint64_t h = splitmix64(seed ^ 0x6a09e667f3bcc909ULL);
    h = splitmix64(h ^ a);
    h = splitmix64(h ^ b);
    return splitmix64(h ^ c);
}

// Uniform in the open interval (0, 1).
inline double uniform01(std::mt19937_64& g) { return (static_cast<double>(g() >> 11) + 0.5) * 0x1.0p-53; }

// Uniform integer in [0, n) (n > 0), by rejection so there is no modulo bias.
inline std::uint64_t uniform_index(std::mt19937_64& g, std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t r;
    do r = g();
    while (r >= limit);
    return r % n;
}

}  // namespace nwn::analysis

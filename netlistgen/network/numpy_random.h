// numpy's legacy RandomState stream (np.random.seed / rand / randn / gamma), reimplemented so that a
// seed gives NWNsim's networks (docs/model.md §2.1) on every platform. MT19937 is fully specified (we use
// std::mt19937, whose output the C++ standard fixes); the distributions are numpy's own algorithms,
// not std:: distributions (which differ between standard libraries):
//   uniform: (a>>5, b>>6) of two 32-bit words -> 53-bit double in [0, 1);
//   normal:  Marsaglia's polar method, caching the second deviate (legacy_gauss);
//   gamma:   Marsaglia–Tsang for shape > 1 with that normal, numpy's rejection for shape < 1.
// Bit-for-bit agreement with numpy also needs the same libm log/sqrt/pow, which holds on glibc.
#pragma once
#include <cstdint>
#include <random>

namespace nwn::net {

class NumpyLegacyRandom {
public:
    explicit NumpyLegacyRandom(std::uint32_t seed) : mt_(seed) {}

    double uniform();                 // random_sample()
    double standard_normal();         // randn()
    double standard_exponential();    // legacy: -log(1 - U)
    double standard_gamma(double shape);
    double gamma(double shape, double scale) { return scale * standard_gamma(shape); }

private:
    std::mt19937 mt_;
    bool has_gauss_ = false;
    double gauss_ = 0.0;
};

}  // namespace nwn::net

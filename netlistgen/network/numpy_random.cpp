#include "netlistgen/network/numpy_random.h"

#include <cmath>

namespace nwn::net {

double NumpyLegacyRandom::uniform() {
    const std::uint32_t a = static_cast<std::uint32_t>(mt_()) >> 5;
    const std::uint32_t b = static_cast<std::uint32_t>(mt_()) >> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
}

double NumpyLegacyRandom::standard_normal() {
    if (has_gauss_) {
        has_gauss_ = false;
        return gauss_;
    }
    double x1, x2, r2;
    do {
        x1 = 2.0 * uniform() - 1.0;
        x2 = 2.0 * uniform() - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    const double f = std::sqrt(-2.0 * std::log(r2) / r2);
    gauss_ = f * x1;
    has_gauss_ = true;
    return f * x2;
}

double NumpyLegacyRandom::standard_exponential() { return -std::log(1.0 - uniform()); }

double NumpyLegacyRandom::standard_gamma(double shape) {
    if (shape == 1.0) return standard_exponential();
    if (shape == 0.0) return 0.0;
    if (shape < 1.0) {
        for (;;) {
            const double U = uniform();
            const double V = standard_exponential();
            if (U <= 1.0 - shape) {
                const double X = std::pow(U, 1.0 / shape);
                if (X <= V) return X;
            } else {
                const double Y = -std::log((1 - U) / shape);
                const double X = std::pow(1.0 - shape + shape * Y, 1.0 / shape);
                if (X <= V + Y) return X;
            }
        }
    }
    const double b = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9 * b);
    for (;;) {
        double X, V;
        do {
            X = standard_normal();
            V = 1.0 + c * X;
        } while (V <= 0.0);
        V = V * V * V;
        const double U = uniform();
        if (U < 1.0 - 0.0331 * (X * X) * (X * X)) return b * V;
        if (std::log(U) < 0.5 * X * X + b * (1.0 - V + std::log(V))) return b * V;
    }
}

}  // namespace nwn::net

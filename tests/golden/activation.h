// Activation times of a DC run: first time the network conductance exceeds a multiple of its initial value.
#pragma once
#include <cmath>
#include <vector>

namespace nwn::test {

inline double first_crossing(const std::vector<double>& t, const std::vector<double>& g, double factor) {
    for (std::size_t k = 0; k < g.size(); ++k)
        if (g[k] > factor * g.front()) return t[k];
    return NAN;
}

}  // namespace nwn::test

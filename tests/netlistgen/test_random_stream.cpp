// numpy's legacy stream, checked against values numpy prints (np.random.seed(s); np.random.rand() /
// np.random.randn()); the gamma path is checked end to end by NWNsim's seed-0 networks (test_generator).
#include <catch2/catch.hpp>

#include "netlistgen/network/numpy_random.h"

using nwn::net::NumpyLegacyRandom;

TEST_CASE("numpy legacy uniform and normal streams match numpy") {
    NumpyLegacyRandom a(0);
    CHECK(a.uniform() == 0.5488135039273248);
    CHECK(a.uniform() == 0.7151893663724195);
    NumpyLegacyRandom b(42);
    CHECK(b.uniform() == 0.3745401188473625);
    NumpyLegacyRandom c(0);
    CHECK(c.standard_normal() == Approx(1.764052345967664).epsilon(1e-15));
    CHECK(c.standard_normal() == Approx(0.4001572083672233).epsilon(1e-15));
}

TEST_CASE("gamma draws have the requested mean and variance") {
    NumpyLegacyRandom r(7);
    for (double shape : {0.5, 1.0, 100.0}) {
        const int n = 200000;
        double s = 0, s2 = 0;
        for (int k = 0; k < n; ++k) {
            const double x = r.gamma(shape, 2.0);
            s += x;
            s2 += x * x;
        }
        const double mean = s / n, var = s2 / n - mean * mean;
        CHECK(mean == Approx(2 * shape).epsilon(0.02));
        CHECK(var == Approx(4 * shape).epsilon(0.03));
    }
}

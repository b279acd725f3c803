// junction.h against docs/model.md §1.2's table, its own derivatives, and the properties of NWNsim's rules.
#include <catch2/catch.hpp>

#include <cmath>

#include "devicemodel/hochstetter/hochstetter.h"

namespace {

double g_of(const nwn_junction_params& p, double l) {
    double d;
    return nwn_conductance(&p, l, &d);
}
double f_of(const nwn_junction_params& p, double v, double l) {
    double a, b;
    return nwn_rate(&p, v, l, &a, &b);
}

}  // namespace

TEST_CASE("G(lambda) matches MODEL.md table 1.2 with the hard rules", "[physics]") {
    const auto p = nwn_params_exact(nwn_params_dc());
    struct Row { double l, s, rt, g; };
    // docs/model.md §1.2, computed there from NWNsim's code formula.
    const Row rows[] = {{0, 5, 4.568028e20, 7.770000e-8},      {0.004, 3, 4.273565e14, 7.770000234e-8},
                        {0.006, 2, 3.557577e11, 7.770281e-8},  {0.008, 1, 2.221158e8, 8.220189e-8},
                        {0.009, 0.5, 3.924434e6, 3.316809e-7}, {0.0095, 0.25, 3.688594e5, 2.697356e-6},
                        {0.01, 0, 0, 7.777770e-5},             {0.012, 0, 0, 7.777770e-5}};
    for (const auto& r : rows) {
        double ds, dr;
        double s = nwn_gap(&p, r.l, &ds);
        CHECK(s == Approx(r.s).margin(1e-12));
        double rt = nwn_tunnel_resistance(&p, s, &dr);
        // The table prints 7 significant digits: 1e-6 relative is its resolution.
        CHECK(rt == Approx(r.rt).epsilon(1e-6).margin(1e-9));
        CHECK(g_of(p, r.l) == Approx(r.g).epsilon(1e-6));
        CHECK(g_of(p, -r.l) == Approx(g_of(p, r.l)).epsilon(1e-12));
    }
    // Landmarks quoted in docs/model.md §1.2 (5 significant digits there).
    CHECK(g_of(p, 0.0081414) == Approx(1.1 * p.goff).epsilon(1e-4));
    CHECK(g_of(p, 0.0099270) == Approx(p.gon / 2).epsilon(2e-4));
}

TEST_CASE("smoothing changes nothing outside its bands", "[physics]") {
    const auto ps = nwn_params_dc();
    const auto pe = nwn_params_exact(ps);
    for (double l : {0.0, 0.002, -0.004, 0.0081414, 0.0095, -0.0099, 0.0101, 0.0149}) {
        CHECK(g_of(ps, l) == Approx(g_of(pe, l)).epsilon(1e-12));
        for (double v : {-0.2, -0.05, -0.0098, -0.007, -0.004, -0.0002, 0.0003, 0.003, 0.0052, 0.0099, 0.012, 0.3}) {
            if (std::fabs(l) < ps.lzero) continue;  // sign(lambda) band
            CHECK(f_of(ps, v, l) == Approx(f_of(pe, v, l)).margin(1e-15));
        }
    }
}

TEST_CASE("partial derivatives agree with central differences", "[physics]") {
    const auto p = nwn_params_dc();
    nwn_junction_params bin = p;
    bin.binary = 1;
    for (const nwn_junction_params* pp : {static_cast<const nwn_junction_params*>(&p), static_cast<const nwn_junction_params*>(&bin)}) {
        for (double l : {-0.0149995, -0.0121, -0.01, -0.009993, -0.0095, -3e-6, 0.0, 4e-6, 0.0042, 0.009, 0.01, 0.010004,
                         0.014995, 0.0150002}) {
            for (double v : {-0.1, -0.01, -0.00995, -0.005, -0.00503, -2e-5, 0.0, 3e-5, 0.00498, 0.0051, 0.00996,
                             0.01004, 0.2}) {
                auto e = nwn_junction_evaluate(pp, v, l);
                const double hv = 1e-9, hl = 1e-10;
                auto ev1 = nwn_junction_evaluate(pp, v + hv, l), ev0 = nwn_junction_evaluate(pp, v - hv, l);
                auto el1 = nwn_junction_evaluate(pp, v, l + hl), el0 = nwn_junction_evaluate(pp, v, l - hl);
                // Central differences of C1 piecewise polynomials: error O(h) at band edges.
                CHECK(e.di_dv == Approx((ev1.i - ev0.i) / (2 * hv)).epsilon(1e-5).margin(1e-12));
                CHECK(e.di_dl == Approx((el1.i - el0.i) / (2 * hl)).epsilon(1e-4).margin(1e-9));
                CHECK(e.df_dv == Approx((ev1.f - ev0.f) / (2 * hv)).epsilon(1e-4).margin(1e-4));
                CHECK(e.df_dl == Approx((el1.f - el0.f) / (2 * hl)).epsilon(1e-4).margin(1e-2));
            }
        }
    }
}

TEST_CASE("rate: thresholds, polarity symmetry, reset towards zero, clamp", "[physics]") {
    const auto p = nwn_params_dc();
    // No growth for |V| < vset - vsmooth; exactly (|V| - vset) sign V above.
    for (double v : {0.0, 0.003, 0.0069, 0.0098}) {
        CHECK(f_of(p, v, 0.0) == 0.0);
        CHECK(f_of(p, v, 0.005) <= 0.0);
    }
    CHECK(f_of(p, 0.05, 0.005) == Approx(0.04));
    CHECK(f_of(p, -0.05, -0.005) == Approx(-0.04));
    // Reset: boost (vreset - |V|) towards zero, from either sign.
    CHECK(f_of(p, 0.002, 0.004) == Approx(-10 * 0.003));
    CHECK(f_of(p, -0.002, -0.004) == Approx(10 * 0.003));
    CHECK(f_of(p, 0.0, 0.0) == 0.0);
    // Odd symmetry f(-V, -l) = -f(V, l).
    for (double v : {-0.03, -0.004, 0.0, 0.0031, 0.011})
        for (double l : {-0.012, -0.003, 0.0, 2e-6, 0.0149})
            CHECK(f_of(p, -v, -l) == Approx(-f_of(p, v, l)).margin(1e-15));
    // Clamp: no outward motion at the bound, inward motion free.
    CHECK(f_of(p, 0.5, p.lmax) == 0.0);
    CHECK(f_of(p, -0.5, p.lmax) == Approx(-0.49));
    CHECK(f_of(p, 0.5, p.lmax + 1e-4) < -0.5);  // beyond the bound it is pulled back
}

TEST_CASE("NWNsim discrete update, compat and symmetric", "[physics]") {
    const auto p = nwn_params_dc();
    const double dt = 1e-3;
    CHECK(nwn_euler_update(&p, 0.0, 0.05, dt, 1) == Approx(0.04 * dt));
    CHECK(nwn_euler_update(&p, 0.0, 0.0095, dt, 1) == 0.0);       // between thresholds: no change
    CHECK(nwn_euler_update(&p, 0.0149, 1.0, dt, 1) == p.lmax);    // clamp
    // Reset larger than |lambda|: zero for positive lambda in both modes...
    CHECK(nwn_euler_update(&p, 1e-5, 0.0, dt, 1) == 0.0);
    CHECK(nwn_euler_update(&p, 1e-5, 0.0, dt, 0) == 0.0);
    // ...but NWNsim's signed test lets negative lambda cross zero (docs/model.md §9.2), ours does not.
    CHECK(nwn_euler_update(&p, -1e-5, 0.0, dt, 1) == Approx(-1e-5 + 0.05 * dt));
    CHECK(nwn_euler_update(&p, -1e-5, 0.0, dt, 0) == 0.0);
}

TEST_CASE("impossible parameters are named", "[physics]") {
    auto p = nwn_params_dc();
    CHECK(nwn_params_check(&p) == nullptr);
    p.vreset = 0.02;
    REQUIRE(nwn_params_check(&p) != nullptr);
    CHECK(std::string(nwn_params_check(&p)).find("vreset") != std::string::npos);
    p = nwn_params_dc();
    p.goff = -1;
    CHECK(std::string(nwn_params_check(&p)).find("goff") != std::string::npos);
}

// miranda.h (Milano et al. 2022) against the solution of its own rate equation, an RK4 reference, the Turin
// code's step expression, its derivatives; and the registry's parameter checks for it.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "devicemodel/miranda/miranda.h"
#include "devicemodel/models.h"
#include "netlistgen/network/junction_params.h"

namespace {

// Fourth-order Runge-Kutta of dg/dt = rate(V(t), g) from t0 to t1 in n steps.
double rk4(const nwn_miranda_params& p, const std::function<double(double)>& volts, double g, double t0, double t1, int n) {
    const double h = (t1 - t0) / n;
    auto f = [&](double t, double x) {
        double dv, dg;
        return nwn_miranda_rate(&p, volts(t), x, &dv, &dg);
    };
    for (int k = 0; k < n; ++k) {
        const double t = t0 + k * h;
        const double k1 = f(t, g), k2 = f(t + h / 2, g + h / 2 * k1), k3 = f(t + h / 2, g + h / 2 * k2), k4 = f(t + h, g + h * k3);
        g += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    return g;
}

}  // namespace

TEST_CASE("miranda: the native step is the exact solution of the rate equation at a fixed voltage", "[miranda]") {
    const auto p = nwn_miranda_params_dc();
    for (double v : {0.0, 0.3, -0.45, 0.6}) {
        INFO("V = " << v);
        double kp, kd, dkp, dkd;
        nwn_miranda_rates(&p, v, &kp, &kd, &dkp, &dkd);
        const double g_inf = kp / (kp + kd), tau = 1 / (kp + kd);
        // Steps of any length compose: 1000 steps of dt land where one step of 1000 dt does, and on the
        // closed form g(t) = g_inf + (g0 - g_inf) exp(-t/tau).
        const double dt = 0.02 * tau, g0 = 0.2;
        double g = g0;
        for (int k = 0; k < 1000; ++k) g = nwn_miranda_step(&p, g, v, dt, 0);
        const double exact = g_inf + (g0 - g_inf) * std::exp(-1000 * dt / tau);
        CHECK(std::abs(g - exact) < 1e-12);
        CHECK(std::abs(nwn_miranda_step(&p, g0, v, 1000 * dt, 0) - exact) < 1e-14);
        // RK4 of the rate equation over the same 20 tau in 20 000 steps of 1e-3 tau: its global error is
        // ~(h/tau)^4/120 per unit time, 1e-14 here, so the two agree to round-off of the sum.
        CHECK(std::abs(rk4(p, [v](double) { return v; }, g0, 0, 1000 * dt, 20000) - exact) < 1e-12);
    }
}

TEST_CASE("miranda: the native steps under a varying drive converge to RK4 at first order in dt", "[miranda]") {
    // The native rule holds V over each step at its value at the step's start (what the Turin code does):
    // a first-order scheme in dt when V moves. Under 0.6 V sin(2 pi 5 t) for 0.2 s (g rises from 0 to 0.53
    // with the published rates), the error against RK4 (1.7e-3 at dt = 1e-4 s) halves with dt.
    const auto p = nwn_miranda_params_dc();
    auto volts = [](double t) { return 0.6 * std::sin(2 * M_PI * 5 * t); };
    const double tstop = 0.2, ref = rk4(p, volts, 0.0, 0, tstop, 200000);
    auto native = [&](int n) {
        const double dt = tstop / n;
        double g = 0;
        for (int k = 0; k < n; ++k) g = nwn_miranda_step(&p, g, volts(k * dt), dt, 0);
        return g;
    };
    const double e1 = std::abs(native(2000) - ref), e2 = std::abs(native(4000) - ref);
    INFO("g(0.2 s) = " << ref << ", error at dt = 1e-4: " << e1 << ", at 5e-5: " << e2);
    CHECK(ref > 0.01);
    CHECK(e1 < 3e-3);
    CHECK(e2 / e1 == Approx(0.5).margin(0.05));
}

TEST_CASE("miranda: --nwnsim-compat is the Turin code's step expression, which is not the exact step", "[miranda]") {
    const auto p = nwn_miranda_params_dc();
    double kp, kd, dkp, dkd;
    const double v = 0.5, g = 0.3, dt = 1e-3;
    nwn_miranda_rates(&p, v, &kp, &kd, &dkp, &dkd);
    // Fig_5/functions.py line 293, operator for operator.
    const double turin = (kp / (kp + kd)) * (1 - (1 - (1 + (kd / kp) * g)) * std::exp(-(kp + kd) * dt));
    CHECK(nwn_miranda_step(&p, g, v, dt, 1) == turin);
    CHECK(std::abs(nwn_miranda_step(&p, g, v, dt, 0) - turin) > 0.1);
    // From g = 0 it jumps to g_inf in one step however short; the exact step barely moves.
    CHECK(nwn_miranda_step(&p, 0.0, v, 1e-9, 1) == Approx(kp / (kp + kd)).epsilon(1e-6));
    CHECK(nwn_miranda_step(&p, 0.0, v, 1e-9, 0) < 1e-6);
}

TEST_CASE("miranda: conductance, rate derivatives and the held exponent", "[miranda]") {
    const auto p = nwn_miranda_params_dc();
    double d;
    CHECK(nwn_miranda_conductance(&p, 0, &d) == p.ymin);
    CHECK(nwn_miranda_conductance(&p, 1, &d) == Approx(p.ymax).epsilon(1e-15));
    CHECK(d == p.ymax - p.ymin);
    for (double v : {-0.7, -0.2, 0.1, 0.55}) {
        for (double g : {0.0, 0.4, 1.0}) {
            double dv, dg, a, b;
            const double f = nwn_miranda_rate(&p, v, g, &dv, &dg);
            const double h = 1e-7;
            const double fv = (nwn_miranda_rate(&p, v + h, g, &a, &b) - nwn_miranda_rate(&p, v - h, g, &a, &b)) / (2 * h);
            const double fg = (nwn_miranda_rate(&p, v, g + h, &a, &b) - nwn_miranda_rate(&p, v, g - h, &a, &b)) / (2 * h);
            INFO("V = " << v << ", g = " << g << ", f = " << f);
            CHECK(dv == Approx(fv).epsilon(1e-6).margin(1e-9));
            CHECK(dg == Approx(fg).epsilon(1e-6));
        }
    }
    // Far beyond any drive the rates are held, never inf or NaN: the native step stays in [0, 1].
    const double g = nwn_miranda_step(&p, 0.5, 100.0, 1e-3, 0);
    CHECK(std::isfinite(g));
    CHECK(g == Approx(1.0));
}

TEST_CASE("miranda: the registry's parameter table, presets and errors name the parameter", "[miranda]") {
    const auto& m = nwn::device::junction_model("miranda");
    CHECK(m.device == "nwnmiranda");
    CHECK(m.param_names() == "kp0, kd0, etap, etad, ymin, ymax, g0, cstate");
    nwn::device::JunctionParams p(m);
    CHECK(p["kp0"] == 2.555173332603108574e-06);  // the Turin group's fit, as published
    CHECK(p["ymax"] == 2.723493729125820492e-03);
    // Each override on a fresh copy of the preset: a refused one leaves its value behind.
    auto apply_overrides = [&p](std::vector<std::string> a) {
        auto q = p;
        nwn::net::apply_overrides(q, a);
    };
    CHECK_THROWS_WITH(apply_overrides({"vset=0.1"}),
                      Catch::Contains("unknown junction parameter 'vset' of model miranda (known: kp0, kd0"));
    CHECK_THROWS_WITH(apply_overrides({"ymax=1e-4"}), Catch::Contains("ymax must be >= ymin"));
    CHECK_THROWS_WITH(apply_overrides({"kd0=-1"}), Catch::Contains("kd0 must be > 0"));
    CHECK_THROWS_WITH(apply_overrides({"kp0=0"}), Catch::Contains("kp0 must be > 0"));
    CHECK_THROWS_WITH(apply_overrides({"etap=-2"}), Catch::Contains("etap must be >= 0"));
    CHECK_THROWS_WITH(apply_overrides({"g0=1.5"}), Catch::Contains("g0 must be in [0, 1]"));
    int which = -1;
    auto bad = nwn_miranda_params_dc();
    bad.ymin = 1;
    CHECK(std::string(nwn_miranda_params_check(&bad, &which)) == "ymax must be >= ymin");
    CHECK(m.params[static_cast<std::size_t>(which)].name == "ymax");
    CHECK_THROWS_WITH(nwn::net::check_initial_states({0.5, 1.2}, {p}),
                      Catch::Contains("initial state of junction 1 (1.2) is outside [0, 1]"));
    CHECK_THROWS_WITH(nwn::device::junction_model("tunnel"), Catch::Contains("unknown junction model 'tunnel' (known: hochstetter, miranda)"));
}

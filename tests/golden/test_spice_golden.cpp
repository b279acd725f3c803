// The SPICE engines reproduce NWNsim's DC 1.8 V run (docs/model.md §7.1) as a continuous-time solution.
#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>

#include "activation.h"
#include "golden_reference.h"
#include "runner/experiments/run/network_run.h"
#include "runner/io/timeseries_csv.h"
#include "support/reference.h"
#include "nwn_config.h"

using namespace nwn;

namespace {

void check_spice_run(exp::Engine engine, const std::string& flavour) {
    auto ref = test::load_golden_dc();
    if (!ref) return;
    exp::NetworkRunSpec s;
    s.network = ref->network;
    s.engine = engine;
    s.flavour = net::parse_flavour(flavour);
    s.stimulus = net::Stimulus::dc(1.8);
    s.tstop = 10;
    s.tmax = 1e-3;
    s.save_lambda = true;
    s.out = test::scratch_dir("golden/" + flavour + "-" + engine::engine_name(engine));
    auto r = exp::run_network(s);
    INFO(r.message);
    REQUIRE(r.ok());
    auto ts = io::read_timeseries_csv(s.out / "timeseries.csv");
    const auto &t = ts.column("t"), &g = ts.column("G");
    auto lam = io::read_timeseries_csv(s.out / "lambda.csv");
    int on = 0;
    for (std::size_t c = 1; c < lam.names.size(); ++c) on += std::fabs(lam.columns[c].back()) >= 0.01 ? 1 : 0;
    const double t10 = test::first_crossing(t, g, 10), t100 = test::first_crossing(t, g, 100);
    WARN(flavour << " (" << engine::engine_name(engine) << "): G(0) = " << g.front() << " (NWNsim " << ref->g.front() << "), G(10 s) = " << g.back()
                 << " (NWNsim " << ref->g.back() << "), junctions on at 10 s = " << on << ", t(10 G0) = " << t10
                 << " s, t(100 G0) = " << t100 << " s, " << r.points << " points, " << r.wall_s << " s");
    // Tolerances from the issue: the continuous-time solution differs from NWNsim's 1 ms Euler only
    // through the activation transient; before and long after it both sit on the same fixed points.
    CHECK(g.front() == Approx(ref->g.front()).epsilon(0.005));
    CHECK(g.back() == Approx(ref->g.back()).epsilon(0.01));
    CHECK(std::abs(on - 190) <= 3);
    // NWNsim's Euler refined to dt = 1e-5 s converges to 50.6 ms and 52.2 ms (docs/model.md / issue 4).
    CHECK(std::fabs(t10 - 0.0506) <= 0.0015);
    CHECK(std::fabs(t100 - 0.0522) <= 0.0015);
}

}  // namespace

TEST_CASE("libngspice with the code model reproduces NWNsim's DC 1.8 V run", "[golden][spice]") {
    check_spice_run(exp::Engine::Libngspice, "codemodel");
}

TEST_CASE("the ngspice CLI with the portable subcircuit reproduces NWNsim's DC 1.8 V run", "[golden][spice]") {
    check_spice_run(exp::Engine::NgspiceCli, "subckt");
}

// The OSDI device in the build's ngspice 46 (KLU): each TEST_CASE runs as its own process under CTest,
// which matters here since only one libngspice can be loaded per process.
bool have_osdi_ngspice() {
    if (!std::string(NWN_NGSPICE46_LIB).empty()) return true;
    test::skip("ngspice46", "this build has no OSDI-enabled ngspice (cmake -DNGSPICE46=...)");
    return false;
}

TEST_CASE("libngspice 46 with the OSDI device reproduces NWNsim's DC 1.8 V run", "[golden][spice][osdi]") {
    if (have_osdi_ngspice()) check_spice_run(exp::Engine::Libngspice, "osdi");
}

TEST_CASE("the ngspice 46 CLI with the OSDI device reproduces NWNsim's DC 1.8 V run", "[golden][spice][osdi]") {
    if (have_osdi_ngspice()) check_spice_run(exp::Engine::NgspiceCli, "osdi");
}

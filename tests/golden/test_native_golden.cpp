// The native engine reproduces NWNsim's stored DC 1.8 V run (docs/model.md §7.1) step for step.
#include <catch2/catch.hpp>

#include <cmath>

#include "golden_reference.h"
#include "runner/engine/native_engine.h"

using namespace nwn;

namespace {

struct NativeResult {
    std::vector<double> g, i;
    std::vector<double> final_lambda;
};

NativeResult run_native(const net::Network& network, bool compat, double dt, double tstop) {
    engine::NativeOptions opt;
    opt.dt = dt;
    opt.tstop = tstop;
    opt.nwnsim_compat = compat;
    opt.params = {nwn_params_dc()};
    engine::NativeEngine eng(network, {{network.electrodes[0].name, net::Stimulus::dc(1.8)}}, opt);
    NativeResult r;
    std::size_t drain = 0;  // the second electrode's current, as NWNsim records it
    eng.run(
        [&](const engine::Point& p) {
            r.i.push_back(p[drain]);
            r.g.push_back(std::fabs(p[drain] / 1.8));
        },
        [&](const engine::VectorLayout& l) { drain = l.index("i(v" + network.electrodes[1].name + ")"); });
    r.final_lambda = eng.lambda();
    return r;
}

}  // namespace

TEST_CASE("native engine with --nwnsim-compat reproduces NWNsim's DC 1.8 V run", "[golden]") {
    auto ref = test::load_golden_dc();
    if (!ref) return;
    REQUIRE(ref->network.junctions.size() == 261);
    auto r = run_native(ref->network, true, 1e-3, 10.0);
    REQUIRE(r.g.size() == ref->g.size());
    double worst_g = 0, worst_l = 0;
    for (size_t k = 0; k < r.g.size(); ++k) worst_g = std::max(worst_g, std::fabs(r.g[k] / ref->g[k] - 1));
    for (size_t k = 0; k < r.final_lambda.size(); ++k)
        worst_l = std::max(worst_l, std::fabs(r.final_lambda[k] - ref->final_lambda[k]));
    WARN("native vs NWNsim: max |dG/G| = " << worst_g << ", max |dlambda_final| = " << worst_l);
    // Same discrete scheme in double precision: only round-off differs (different linear solver).
    CHECK(worst_g < 1e-9);
    CHECK(worst_l < 1e-12);
    CHECK(r.i.front() == Approx(7.3479866e-8).epsilon(1e-7));
}

TEST_CASE("the symmetric reset rule changes the DC 1.8 V run only slightly", "[golden]") {
    auto ref = test::load_golden_dc();
    if (!ref) return;
    auto r = run_native(ref->network, false, 1e-3, 10.0);
    // NWNsim's asymmetric rule only lets negative states cross 0 for a single step; the final conductance
    // of the activated network hardly depends on it.
    CHECK(r.g.back() == Approx(ref->g.back()).epsilon(0.01));
}

// The co-simulation examples run as a user runs them (nwn run) and do what their READMEs say.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "cosim_support.h"
#include "support/reference.h"

using namespace nwn::test;
namespace fs = std::filesystem;

TEST_CASE("CMOS pulse generator and TIA: the readout rises pulse by pulse", "[cosim][examples]") {
    const auto dir = copy_examples(scratch_dir("cosim/potentiation"));
    const auto ts = run_deck(dir / "cosim_potentiation.cir", dir / "run");
    const auto& out = ts.column("v(out)");
    const auto& sense = ts.column("i(vsense)");
    const double rf = 10e3;
    // The astable swings between 0 and vss = -1.5 V: a pulse is where its output is below -0.75 V.
    const auto w = pulses(ts.column("v(pulse)"), -0.75);
    REQUIRE(w.size() >= 15);
    std::vector<double> peak;
    for (const auto& p : w) peak.push_back(max_in(out, p));
    int rises = 0;
    for (std::size_t k = 1; k < peak.size(); ++k) {
        INFO("pulse " << k << ": " << peak[k - 1] << " V -> " << peak[k] << " V");
        CHECK(peak[k] >= peak[k - 1] * (1 - 5e-3));  // never loses more than noise between pulses
        if (peak[k] > 1.05 * peak[k - 1]) ++rises;
    }
    CHECK(peak.front() < 1e-3);           // an unformed network passes ~20 nA
    CHECK(peak.back() > 100 * peak.front());
    CHECK(rises >= 5);                    // potentiation in steps, not one jump
    // The CMOS TIA reads the network current: v(out) = -rf * i(vsense) mid-pulse (at the edges its
    // output lags by rf*cf = 1 us and the comparison would measure the amplifier's slew, not its gain).
    for (const auto& p : w) {
        const std::size_t k = (p.begin + p.end) / 2;
        if (std::abs(sense[k]) < 1e-6) continue;
        CHECK(out[k] == Approx(-rf * sense[k]).epsilon(0.01));
    }
}

TEST_CASE("A saturated series MOSFET caps the set current, the uncompliant copy exceeds it", "[cosim][examples]") {
    const auto dir = copy_examples(scratch_dir("cosim/compliance"));
    const auto ts = run_deck(dir / "cosim_compliance.cir", dir / "run");
    // Level-1 saturation current of Mcomp (kp 120u, W/L 1, vto 0.5, lambda 0.02, no body effect: source
    // and bulk at 0 V) at the largest possible Vds (the 2 V drive): the exact ceiling of this device.
    const double vg = 0.8, vds_max = 2.0;
    const double icomp = 0.5 * 120e-6 * 1.0 * (vg - 0.5) * (vg - 0.5) * (1 + 0.02 * vds_max);
    const auto& ic = ts.column("i(vcomp)");
    const auto& ifree = ts.column("i(vfree)");
    const double ic_max = *std::max_element(ic.begin(), ic.end());
    const double ifree_max = *std::max_element(ifree.begin(), ifree.end());
    INFO("compliance " << icomp << " A, compliant peak " << ic_max << " A, uncompliant peak " << ifree_max << " A");
    CHECK(ic_max <= icomp * 1.01);   // 1 %: solver tolerances (reltol 1e-4) and gmin, nothing physical
    CHECK(ic_max >= 0.95 * icomp / (1 + 0.02 * vds_max));  // the transistor, not the network, limits
    CHECK(ifree_max > 3 * icomp);
}

TEST_CASE("Two driven and two read-out electrodes: both readouts potentiate, the split depends on the driver",
          "[cosim][examples]") {
    const auto dir = copy_examples(scratch_dir("cosim/multielectrode"));
    const auto ts = run_deck(dir / "cosim_multielectrode.cir", dir / "run");
    const auto& o1 = ts.column("v(out1)");
    const auto& o3 = ts.column("v(out3)");
    const auto by_c0 = pulses(ts.column("v(d0)"), -0.5);
    const auto by_c2 = pulses(ts.column("v(d2)"), -0.5);
    REQUIRE(by_c0.size() >= 15);
    REQUIRE(by_c2.size() >= 15);
    for (const auto* w : {&by_c0, &by_c2})
        for (const auto* o : {&o1, &o3}) {
            const double first = max_in(*o, w->front()), last = max_in(*o, w->back());
            INFO("readout " << first << " V -> " << last << " V");
            CHECK(first < 1e-3);
            CHECK(last > 100 * first);
        }
    const double split_c0 = max_in(o1, by_c0.back()) / max_in(o3, by_c0.back());
    const double split_c2 = max_in(o1, by_c2.back()) / max_in(o3, by_c2.back());
    INFO("out1/out3 with c0 driving " << split_c0 << ", with c2 driving " << split_c2);
    CHECK(std::abs(std::log(split_c0 / split_c2)) > std::log(1.5));
}

TEST_CASE("The code-model and portable-subcircuit flavours of one network agree within 1 %", "[cosim][examples]") {
    const auto dir = copy_examples(scratch_dir("cosim/flavours"));
    const auto cm = run_deck(dir / "cosim_flavours_cm.cir", dir / "cm");
    const auto sc = run_deck(dir / "cosim_flavours_sc.cir", dir / "sc");
    const auto& t = cm.column("t");
    const auto& i = cm.column("i(vsense)");
    const double peak = std::abs(*std::max_element(i.begin(), i.end(), [](double a, double b) { return std::abs(a) < std::abs(b); }));
    REQUIRE(peak > 1e-5);  // the network switched on (~1e-8 A before)
    double worst = 0, worst_rel = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
        const double d = std::abs(interpolate(sc.column("t"), sc.column("i(vsense)"), t[k]) - i[k]);
        worst = std::max(worst, d);
        if (std::abs(i[k]) >= 0.01 * peak) worst_rel = std::max(worst_rel, d / std::abs(i[k]));
    }
    INFO("max |dI| = " << worst / peak << " of the peak; pointwise " << worst_rel << " where |I| >= 1 % of the peak");
    CHECK(worst <= 0.01 * peak);
    // Pointwise, on the switching edge (the current rises ~2000x within ~5 ms), the two integrations differ
    // by a shift of a few us: 1.0 % with lambda held to 1e-12 V*s/s (cstate = 1 F), 2.3 % at the default
    // state tolerance abstol/cstate = 1e-4 V*s/s (docs/junction.md, "State tolerances").
    CHECK(worst_rel <= 0.03);
}

TEST_CASE("The multi-electrode example through nwn run options: the same readout split without a hand-written deck",
          "[cosim][examples][multi]") {
    const auto dir = copy_examples(scratch_dir("cosim/multielectrode_roles"));
    const auto deck = run_deck(dir / "cosim_multielectrode.cir", dir / "deck");
    // The deck's drives and readouts as roles: c0 and c2 pulsed to -1 V for 4 ms every 10 ms, half a period
    // apart; c1 and c3 at 0 V where the deck has its TIAs' virtual grounds. Same device (the code model).
    std::string out;
    REQUIRE(run_command(nwn_binary().string() + " run " + (dir / "cosim_net4.json").string() +
                            " --drive c0=pulse:0:-1:0.004:0.01 --drive c2=pulse:0:-1:0.004:0.01:0.005 --ground c1,c3"
                            " --flavour codemodel --tstop 0.2 --tmax 1e-3 --quiet --out " + (dir / "roles").string(),
                        &out) == 0);
    const auto ts = nwn::io::read_timeseries_csv(dir / "roles/timeseries.csv", {{}, true});  // G is NaN where V = 0
    // Readout currents, from the network into c1 and c3: the deck's sense sources (i(vsense) flows from the
    // network into the TIA), ours minus I_c1/I_c3 (from the electrode into the network).
    std::vector<double> i1 = ts.column("I_c1"), i3 = ts.column("I_c3"), d1 = deck.column("i(vsense1)"),
                        d3 = deck.column("i(vsense3)");
    for (auto* v : {&d1, &d3})
        for (auto& x : *v) x = -x;
    auto last = [](const std::vector<double>& drive) { return pulses(drive, -0.5).back(); };
    const auto w0 = last(deck.column("v(d0)")), w2 = last(deck.column("v(d2)"));
    const auto r0 = last(ts.column("V_c0")), r2 = last(ts.column("V_c2"));
    const double split_deck_c0 = max_in(d1, w0) / max_in(d3, w0), split_deck_c2 = max_in(d1, w2) / max_in(d3, w2);
    const double split_c0 = max_in(i1, r0) / max_in(i3, r0), split_c2 = max_in(i1, r2) / max_in(i3, r2);
    INFO("readout c1/c3 with c0 driving: deck " << split_deck_c0 << ", roles " << split_c0 << "; with c2: deck "
                                               << split_deck_c2 << ", roles " << split_c2 << "; peak c1 with c0: deck "
                                               << max_in(d1, w0) << " A, roles " << max_in(i1, r0) << " A");
    // The TIAs hold their inputs within a few mV of 0 V, and the deck's edges take 10 us against our 10 ns:
    // the splits and the peaks agree to a few per cent, while the split differs by more than 1.5x between
    // the drivers.
    CHECK(split_c0 == Approx(split_deck_c0).epsilon(0.05));
    CHECK(split_c2 == Approx(split_deck_c2).epsilon(0.05));
    CHECK(max_in(i1, r0) == Approx(max_in(d1, w0)).epsilon(0.05));
    CHECK(std::abs(std::log(split_c0 / split_c2)) > std::log(1.5));
}

// nwn reservoir's readout circuits and feature sets through the binary: a CMOS TIA per readout in the SPICE
// deck against the grounded readout, every wire's voltage as features (checked against a nodal solve), and
// bad option values.
#include <catch2/catch.hpp>

#include <algorithm>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "netlistgen/network/junction_params.h"
#include "netlistgen/network/network_json.h"
#include "runner/io/timeseries_csv.h"
#include "support/reference.h"
#include "support/skip.h"
#include "nwn_config.h"

using namespace nwn::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json reservoir_json(const fs::path& dir) { return json::parse(nwn::read_file(dir / "reservoir.json")); }

// The row of a run's timeseries.csv at time t (the reservoir resamples at whole steps).
std::size_t row_at(const nwn::io::TimeSeries& ts, double t) {
    const auto& c = ts.column("t");
    for (std::size_t r = 0; r < c.size(); ++r)
        if (std::abs(c[r] - t) < 1e-9 * t) return r;
    FAIL("no row at t = " << t);
    return 0;
}

// 100 wires under a 3 x 3 pad array: enough for a reservoir (NRMSE 0.85 against the raw input's 0.865), small enough
// for SPICE with four op-amps (~5 s a run).
std::string small_mea(const fs::path& dir) {
    const auto net = (dir / "mea.json").string();
    std::string out;
    REQUIRE(run_command(nwn_binary().string() + " generate --wires 100 --lx 28 --ly 28 --seed 3 --electrodes grid:3x3 -o " + net, &out) == 0);
    return net;
}

// p0_0 shares a wire with p1_0 (a 20 Ohm bridge between the pads), so it is no readout here: see the TIA test.
const std::string kRoles = " --inputs p1_1 --readouts p0_2,p1_2,p2_0,p2_2 --probes p0_1,p2_1";
constexpr std::size_t kSteps = 300;
const std::string kNarma = " --steps 300 --step-time 0.01 --tmax 1e-3 --amplitude 0.4 --offset 0.4 --quiet";
const char* kReadouts[] = {"p0_2", "p1_2", "p2_0", "p2_2"};

}  // namespace

TEST_CASE("nwn reservoir --readout-circuit tia: the CMOS TIAs' outputs are -rf I of the grounded run, the score the native one's",
          "[run][reservoir][tia]") {
    auto dir = scratch_dir("run/reservoir_tia");
    const std::string nwn = nwn_binary().string();
    const auto net = small_mea(dir);
    std::string out;
    auto run = [&](const std::string& args, const std::string& name) {
        const int rc = run_command(nwn + " reservoir narma10 " + net + kRoles + kNarma + args + " --out " + (dir / name).string(), &out);
        INFO(args << ": " << out);
        REQUIRE(rc == 0);
        return reservoir_json(dir / name);
    };
    const auto native = run(" --engine native", "native");
    // Natively the TIA is ideal: the grounded readout's currents times rf, so the standardised readout and its score
    // are the grounded run's up to rounding.
    const auto ideal = run(" --engine native --readout-circuit tia:4.7k", "ideal");
    CHECK(ideal["feature_names"][0] == "Vtia_p0_2");
    CHECK(ideal["network_score"]["nrmse"].get<double>() == Approx(native["network_score"]["nrmse"].get<double>()).epsilon(1e-9));

    const bool osdi = !std::string(NWN_NGSPICE46_LIB).empty();
    const std::string flavour = osdi ? "osdi" : "codemodel";
    const auto grounded = run(" --engine libngspice --flavour " + flavour, "grounded");
    const auto tia = run(" --engine libngspice --flavour " + flavour + " --readout-circuit tia", "tia");
    CHECK(tia["readout_circuit"]["kind"] == "tia");
    CHECK(tia["readout_circuit"]["rf"] == 1e3);  // the default
    const auto deck = nwn::read_file(dir / "tia/run/deck.cir");
    CHECK(deck.find("Xtia_p2_2 pin_p2_2 tia_p2_2 tia_vdd tia_vss cmos_tia rf=1000 rb=12000") != std::string::npos);
    CHECK(deck.find(".model nch nmos (level=1") != std::string::npos);

    // The deck's wiring: across rf, out = v(pad) - rf * (current from the network into the pad) = V_<pad> + rf * I_<pad>
    // (I_ is the current into the network), sampled at the end of a step where cf carries no current; 1e-3 of the
    // output range is ngspice's reltol (1e-4) with margin.
    const auto a = nwn::io::read_timeseries_csv(dir / "grounded/run/timeseries.csv");
    const auto b = nwn::io::read_timeseries_csv(dir / "tia/run/timeseries.csv");
    const double vg = tia["readout_circuit"]["virtual_ground_max_abs"].get<double>();
    // No readout shares a wire with another held pad: through such a 20 Ohm bridge the virtual ground's offset (tens of
    // uV) drives microamperes that the grounded run has not (with p0_0 as a readout: 1.3 uA, its whole signal's 6 %).
    CHECK(tia["readout_circuit"]["bridges"].empty());
    for (const char* e : kReadouts) {
        const std::string pad = e;
        double range = 0, sq = 0;
        std::vector<double> dev;
        for (double i : a.column("I_" + pad)) range = std::max(range, 1e3 * std::abs(i));
        REQUIRE(range > 0.01);  // over 10 mV at the outputs: a real signal, far above ngspice's 1 uV vntol
        for (std::size_t k = 1; k <= kSteps; ++k) {
            const double t = 0.01 * static_cast<double>(k);
            const std::size_t ra = row_at(a, t), rb = row_at(b, t);
            const double out = b.column("Vtia_" + pad)[rb];
            CHECK(out == Approx(b.column("V_" + pad)[rb] + 1e3 * b.column("I_" + pad)[rb]).margin(1e-3 * range));
            dev.push_back(std::abs(out - 1e3 * a.column("I_" + pad)[ra]) / range);
            sq += dev.back() * dev.back() / static_cast<double>(kSteps);
        }
        std::sort(dev.begin(), dev.end());
        const double median = dev[dev.size() / 2], worst = dev.back();
        // Against the grounded run. The op-amps' finite gain (about 250 at these bias currents) leaves a virtual ground
        // off 0 V by out/250, 0.4 % of the output: the typical sample within 1 % (measured medians 0.04-0.2 %). Those
        // millivolts (vg below, measured 0.8 mV) are also ~10 % of the junctions' 10 mV set threshold, so a junction
        // by a readout that crosses it switches a little earlier or later within a step, and near-threshold junctions
        // grow at other rates: single samples at a switching event differ more, and the states drift apart over
        // the run (measured RMS 0.06-0.35 %, worst 3.2 % of a pad's range, at the first switching), so 3 % and 10 %.
        INFO(pad << ": range " << range << " V, deviation median " << median << ", RMS " << std::sqrt(sq) << ", worst " << worst
                 << " of the range; virtual grounds within " << vg << " V");
        CHECK(median < 0.01);
        CHECK(std::sqrt(sq) < 0.03);
        CHECK(worst < 0.1);
    }
    CHECK(vg < 5e-3);
    // Scores (NARMA-10 NRMSE on 60 test samples): the SPICE runs solve the native scheme's equations to ngspice's
    // tolerances (grounded: measured 6e-4 from native's 0.807), and the TIA's features deviate as above (measured
    // 1.8e-3 for its outputs and its meters). Few test samples make the score sensitive to such deviations (on a
    // 150-wire network with 200 samples, 45 tested, a TIA run measured 0.04 off), so 0.02.
    const double n0 = native["network_score"]["nrmse"].get<double>(), t0 = tia["network_score"]["nrmse"].get<double>();
    const double m0 = tia["readout_circuit"]["meter_score"]["nrmse"].get<double>();
    INFO("native " << n0 << ", SPICE grounded " << grounded["network_score"]["nrmse"].get<double>() << ", SPICE TIA " << t0
                   << ", its meters " << m0);
    CHECK(std::abs(t0 - n0) < 0.02);
    CHECK(std::abs(m0 - n0) < 0.02);
    CHECK(t0 < tia["baselines"]["raw_input"]["nrmse"].get<double>());  // the network adds to the raw input (0.865)
}

TEST_CASE("nwn reservoir --features wires|both: wire voltages labelled not measurable, the native ones a nodal solve's",
          "[run][reservoir]") {
    auto dir = scratch_dir("run/reservoir_wires");
    const std::string nwn = nwn_binary().string();
    const auto net_file = small_mea(dir);
    std::string out;
    // One native step per sample: the first sample's voltages are solved with every state at its initial 0.
    const std::string args = " reservoir narma10 " + net_file + kRoles +
                             " --steps 60 --washout 10 --step-time 1e-3 --tmax 1e-3 --amplitude 0.4 --offset 0.4 --quiet";
    REQUIRE(run_command(nwn + args + " --features both --out " + (dir / "both").string(), &out) == 0);
    REQUIRE(run_command(nwn + args + " --features wires --out " + (dir / "wires").string(), &out) == 0);
    const auto both = reservoir_json(dir / "both"), wires = reservoir_json(dir / "wires");
    CHECK(both["wire_features"]["measurable_on_chip"] == false);
    CHECK(both["features"] == "both");

    const auto net = nwn::net::read_network(net_file);
    // Wires of components with an electrode, but the single-wire electrodes a source holds (a 3 x 3 grid's pads are
    // bars: none is held).
    std::vector<bool> live(net.wires.size(), false);
    for (const auto& e : net.electrodes) {
        REQUIRE(e.bar);
        for (int w : e.wires) live[static_cast<std::size_t>(w)] = true;
    }
    for (bool grown = true; grown;) {  // flood the components holding an electrode wire
        grown = false;
        for (const auto& j : net.junctions)
            if (live[static_cast<std::size_t>(j.i)] != live[static_cast<std::size_t>(j.j)]) {
                live[static_cast<std::size_t>(j.i)] = live[static_cast<std::size_t>(j.j)] = true;
                grown = true;
            }
    }
    std::vector<int> active;
    for (std::size_t w = 0; w < live.size(); ++w)
        if (live[w]) active.push_back(static_cast<int>(w));
    REQUIRE(active.size() > 20);
    CHECK(wires["wire_features"]["count"] == active.size());
    CHECK(wires["feature_names"].size() == active.size());
    CHECK(both["feature_names"].size() == active.size() + 6);  // 4 readouts and 2 probes first
    CHECK(both["feature_names"][6] == "Vwire_" + std::to_string(active[0]));

    // The nodal solve at the first step: every junction at G(0) of the native rule, each bar's links, p1_1 at the
    // drive's first value, the readouts and the pads given no role at 0 V, the probes' bar nodes free.
    const auto params = nwn::net::preset_params(nwn::device::default_junction_model(), "dc");
    std::vector<double> g(net.junctions.size()), x(net.junctions.size(), 0.0);
    params.model().native({params}, false)->conductances(x, g);
    const std::size_t nw = net.wires.size(), n = nw + net.electrodes.size();
    Eigen::MatrixXd A = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
    auto stamp = [&](std::size_t p, std::size_t q, double G) {
        const auto P = static_cast<Eigen::Index>(p), Q = static_cast<Eigen::Index>(q);
        A(P, P) += G, A(Q, Q) += G, A(P, Q) -= G, A(Q, P) -= G;
    };
    for (std::size_t k = 0; k < net.junctions.size(); ++k)
        stamp(static_cast<std::size_t>(net.junctions[k].i), static_cast<std::size_t>(net.junctions[k].j), g[k]);
    for (std::size_t e = 0; e < net.electrodes.size(); ++e)
        for (int w : net.electrodes[e].wires) stamp(nw + e, static_cast<std::size_t>(w), net.electrodes[e].link_conductance);
    const auto drive = nwn::io::read_timeseries_csv(dir / "wires/drive.csv");
    for (std::size_t e = 0; e < net.electrodes.size(); ++e) {
        const auto& name = net.electrodes[e].name;
        if (name == "p0_1" || name == "p2_1") continue;  // the probes float; electrodes given no role are grounded
        const auto P = static_cast<Eigen::Index>(nw + e);  // a fixed node: its row says V = value
        A.row(P).setZero();
        A(P, P) = 1;
        rhs(P) = name == "p1_1" ? drive.column("p1_1")[0] : 0.0;
    }
    for (std::size_t w = 0; w < nw; ++w)  // wires of floating components: pinned to 0, as they are not compared
        if (!live[w]) {
            A.row(static_cast<Eigen::Index>(w)).setZero();
            A(static_cast<Eigen::Index>(w), static_cast<Eigen::Index>(w)) = 1;
        }
    const Eigen::VectorXd v = A.partialPivLu().solve(rhs);
    const auto ts = nwn::io::read_timeseries_csv(dir / "wires/run/timeseries.csv");
    const std::size_t r = row_at(ts, 1e-3);
    double vmax = 0;
    for (int w : active) {
        // Both are double-precision LU solves of the same equations; 1e-9 V is far below the 0.1 V scale.
        CHECK(ts.column("Vwire_" + std::to_string(w))[r] == Approx(v(w)).margin(1e-9));
        vmax = std::max(vmax, std::abs(v(w)));
    }
    CHECK(vmax > 0.05);  // the comparison is of real voltages, not zeros
}

TEST_CASE("nwn reservoir: bad readout circuits and feature sets are refused with the option named", "[run][reservoir]") {
    auto dir = scratch_dir("run/reservoir_circuit_errors");
    const std::string nwn = nwn_binary().string();
    const auto net = small_mea(dir);
    std::string out;
    auto refused = [&](const std::string& args, const std::string& message) {
        const int rc = run_command(nwn + " reservoir narma10 " + net + args + " --out " + (dir / "bad").string(), &out);
        INFO(args << " -> " << rc << ": " << out);
        CHECK(rc != 0);
        CHECK(out.find(message) != std::string::npos);
    };
    refused(kRoles + " --readout-circuit opamp", "--readout-circuit must be ground, tia or tia:RF (got 'opamp')");
    refused(kRoles + " --readout-circuit tia:-5k", "--readout-circuit 'tia:-5k': expected tia or tia:RF");
    refused(kRoles + " --readout-circuit tia:ten", "--readout-circuit 'tia:ten'");
    refused(kRoles + " --features currents", "--features must be electrodes, wires or both (got 'currents')");
    refused(kRoles + " --readout-circuit tia --features wires", "the readouts are no features");
    refused(" --inputs p1_1 --probes p0_1 --readout-circuit tia", "--readout-circuit tia needs --readouts");
}

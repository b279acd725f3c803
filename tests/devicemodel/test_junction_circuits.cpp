// One junction behind a series resistor in ngspice, as the code model, the OSDI device (in the build's
// ngspice 46) and the portable subcircuit, against a tight RK4 integration of junction.h
// (junction_reference.h).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <tuple>
#include <vector>

#include "devicemodel/hochstetter/hochstetter.h"
#include "junction_reference.h"
#include "spice_cli.h"
#include "support/reference.h"

using namespace nwn::test;

namespace {

// The solver settings nwn's decks use: trapezoidal (ngspice's default) at reltol 1e-4 with a 1 ms
// maximum step. Gear-2 at the same settings gave 2 % G errors on the steep part of the triangle; trap 0.5 %.
constexpr const char* kSolverOptions = ".options method=trap reltol=1e-4";

constexpr double kR = 10e3;  // series resistor (ohm), about Ron: the junction sees a large share of V

// How the deck runs: the code model in libngspice (nwn's default engine) or in the ngspice CLI, the
// OSDI device in ngspice 46's CLI, the portable subcircuit in the ngspice CLI.
enum class Flavour { codemodel_lib, codemodel, osdi46, osdi46_lib, subckt };

const char* flavour_name(Flavour f) {
    switch (f) {
        case Flavour::codemodel_lib: return "codemodel (libngspice)";
        case Flavour::codemodel: return "codemodel (ngspice CLI)";
        case Flavour::osdi46: return "osdi (ngspice 46 CLI)";
        case Flavour::osdi46_lib: return "osdi (libngspice 46)";
        case Flavour::subckt: return "subckt (ngspice CLI)";
    }
    return "?";
}

// False (the test case skipped, support/skip.h) for the OSDI flavours when the build has no ngspice 46.
bool available(Flavour f) {
    return (f != Flavour::osdi46 && f != Flavour::osdi46_lib) || have_ngspice46("the OSDI device");
}

std::string junction_lines(Flavour f, const std::string& params) {
    // The OSDI device carries the state charge itself: no capacitor on l.
    if (f == Flavour::osdi46 || f == Flavour::osdi46_lib)
        return "N1 a 0 l jm\n.model jm nwnjunction" + (params.empty() ? "" : " (" + params + ")") + "\n";
    if (f != Flavour::subckt)
        return "A1 %gd(a 0) %g(l) jm\nC1 l 0 1\n.model jm nwnjunction" + (params.empty() ? "" : " (" + params + ")") + "\n";
    return ".include " + (build_dir() / "share/nwnspice/nwnjunction.lib").string() + "\nX1 a 0 l nwnjunction " +
           params + "\n";
}

struct Run {
    SpiceColumns out;
    JunctionTrace ref;
};

Run simulate(Flavour f, const std::string& name, const Pwl& src, double tstop, double lambda0 = 0,
             const std::string& params = "") {
    std::ostringstream deck;
    deck << "* " << name << "\nV1 in 0 " << src.spice() << "\nR1 in a " << kR << "\n"
         << junction_lines(f, params) << ".ic v(l)=" << lambda0 << "\n"
         << kSolverOptions << "\n.tran 1m " << tstop << " 0 1m uic\n";
    auto dir = scratch_dir(std::string("devicemodel/") +
                           (f == Flavour::subckt ? "sub_" : f == Flavour::osdi46 ? "osdi_" : "cm_") + name);
    if (f == Flavour::osdi46_lib) dir = scratch_dir("devicemodel/osdi_lib_" + name);
    const std::vector<std::string> vecs{"v(in)", "v(a)", "v(l)"};
    Run r{f == Flavour::codemodel_lib ? run_libngspice(deck.str(), vecs)
          : f == Flavour::osdi46      ? run_ngspice46_osdi(dir, deck.str(), vecs)
          : f == Flavour::osdi46_lib  ? run_libngspice46_osdi(deck.str(), vecs)
                                      : run_ngspice(dir, deck.str(), vecs, f == Flavour::codemodel),
          {}};
    auto p = nwn_params_dc();
    if (!params.empty()) {  // only "boost=<x>" is used below
        REQUIRE(params.rfind("boost=", 0) == 0);
        p.boost = std::stod(params.substr(6));
    }
    r.ref = integrate_junction(p, src, kR, lambda0, tstop, 1e-6);
    return r;
}

struct Errors {
    double lambda = 0, g = 0, lmax = 0, lmin = 0;
};

Errors compare(const Run& r) {
    const auto p = nwn_params_dc();
    Errors e;
    e.lmin = 1e9;
    const auto &t = r.out.t, &vin = r.out.v.at("v(in)"), &va = r.out.v.at("v(a)"), &vl = r.out.v.at("v(l)");
    for (size_t k = 0; k < t.size(); ++k) {
        double lref = r.ref.lambda_at(t[k]);
        e.lambda = std::max(e.lambda, std::fabs(vl[k] - lref));
        e.lmax = std::max(e.lmax, vl[k]);
        e.lmin = std::min(e.lmin, vl[k]);
        double dg;
        double gref = nwn_conductance(&p, lref, &dg);
        if (gref >= 2 * p.goff && std::fabs(va[k]) >= 1e-3) {  // I/V is ill-conditioned at tiny V
            double g = (vin[k] - va[k]) / (kR * va[k]);
            e.g = std::max(e.g, std::fabs(g / gref - 1));
        }
    }
    return e;
}

// DC steps: above vset (growth), between the thresholds (hold), below vreset (decay to 0), then the
// same with the opposite polarity. 1 ms edges.
Pwl dc_steps() {
    return {{{0, 0}, {1e-3, 0.05}, {0.35, 0.05}, {0.351, 0.0095}, {0.6, 0.0095}, {0.601, 0.001}, {1.2, 0.001},
             {1.201, -0.05}, {1.55, -0.05}, {1.551, -0.001}, {2.4, -0.001}}};
}

// A +-0.1 V triangle, 2 s period, two periods.
Pwl triangle() {
    return {{{0, 0}, {0.5, 0.1}, {1.5, -0.1}, {2.5, 0.1}, {3.5, -0.1}, {4.0, 0}}};
}

// What a run that must fail reports (its exception's text), or "" when it did not fail.
std::string failure(const std::function<void()>& run) {
    try {
        run();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

}  // namespace

static void check_dc_steps(Flavour f) {
    {
        auto r = simulate(f, "dc_steps", dc_steps(), 2.4);
        auto e = compare(r);
        WARN(flavour_name(f) << " DC steps: max |dlambda| = " << e.lambda
                                                                  << " V*s, max |dG/G| = " << e.g);
        CHECK(e.lambda < 1e-4);
        CHECK(e.g < 0.01);
        const auto &t = r.out.t, &vl = r.out.v.at("v(l)");
        auto at = [&](double x) { return vl[std::lower_bound(t.begin(), t.end(), x) - t.begin()]; };
        CHECK(at(0.34) > nwn_params_dc().lcrit);             // grew above vset, switched on
        CHECK(std::fabs(at(0.59) - at(0.36)) < 1e-9);         // between vreset and vset: held
        CHECK(std::fabs(at(1.19)) < 1e-12);                   // decayed to exactly 0 ...
        double lmin_decay = 1;
        for (size_t k = 0; k < t.size(); ++k)
            if (t[k] > 0.6 && t[k] < 1.2) lmin_decay = std::min(lmin_decay, vl[k]);
        CHECK(lmin_decay > -1e-12);                           // ... without crossing it
        CHECK(at(1.54) < -nwn_params_dc().lcrit);             // opposite polarity grows negative
        CHECK(std::fabs(at(2.39)) < 1e-12);
    }
}

static void check_triangle(Flavour f) {
    {
        auto r = simulate(f, "triangle", triangle(), 4.0, 0, "boost=1");
        auto e = compare(r);
        WARN(flavour_name(f) << " triangle: max |dlambda| = " << e.lambda
                                                                  << " V*s, max |dG/G| = " << e.g);
        CHECK(e.lambda < 1e-4);
        CHECK(e.g < 0.01);
        const auto p = nwn_params_dc();
        // Gear may overshoot the corner at the bound; the restoring term keeps it within the clamp band.
        CHECK(e.lmax <= p.lmax + 2 * p.lsmooth);
        CHECK(e.lmin >= -p.lmax - 2 * p.lsmooth);
        // Hysteresis: at V = +0.05 V the current differs between the rising (t=0.25) and falling (t=0.75) sweep.
        const auto &t = r.out.t, &vin = r.out.v.at("v(in)"), &va = r.out.v.at("v(a)");
        auto current = [&](double x) {
            size_t k = std::lower_bound(t.begin(), t.end(), x) - t.begin();
            return (vin[k] - va[k]) / kR;
        };
        CHECK(current(0.75) > 2 * current(0.25));
        // Symmetry: the second half-period mirrors the first (0.5-1.5 s falls from +0.1 to -0.1).
        auto neg = simulate(f, "triangle_neg", Pwl{{{0, 0}, {0.5, -0.1}, {1.5, 0.1}, {2.5, -0.1}, {3.5, 0.1}, {4.0, 0}}},
                            4.0, 0, "boost=1");
        const auto& vl = r.out.v.at("v(l)");
        const auto &tn = neg.out.t, &vln = neg.out.v.at("v(l)");
        double asym = 0;
        for (double x = 0.05; x < 4.0; x += 0.05) {
            auto a = vl[std::lower_bound(t.begin(), t.end(), x) - t.begin()];
            auto b = vln[std::lower_bound(tn.begin(), tn.end(), x) - tn.begin()];
            asym = std::max(asym, std::fabs(a + b));
        }
        CHECK(asym < 1e-4);
    }
}

// One test case per flavour and drive: a flavour this build cannot run (no ngspice 46) is reported
// skipped on its own, and never hides the result of another.
#define NWN_FLAVOUR_CASES(f, name, tags)                                                                    \
    TEST_CASE("DC steps: " name " matches the reference integration", tags) {                             \
        if (available(f)) check_dc_steps(f);                                                              \
    }                                                                                                     \
    TEST_CASE("triangle drive: " name ": hysteresis, clamp, polarity symmetry", tags) {                   \
        if (available(f)) check_triangle(f);                                                              \
    }

NWN_FLAVOUR_CASES(Flavour::codemodel_lib, "the code model in libngspice", "[circuit]")
NWN_FLAVOUR_CASES(Flavour::codemodel, "the code model in the ngspice CLI", "[circuit]")
NWN_FLAVOUR_CASES(Flavour::subckt, "the portable subcircuit in the ngspice CLI", "[circuit]")
NWN_FLAVOUR_CASES(Flavour::osdi46, "the OSDI device in the ngspice 46 CLI", "[circuit][osdi]")
// In-process ngspice 46: CTest runs each test case as its own process, and a process holds one libngspice.
NWN_FLAVOUR_CASES(Flavour::osdi46_lib, "the OSDI device in libngspice 46", "[circuit][osdi]")

TEST_CASE(".ic sets lambda, and .op and .ac use the conductance of that lambda", "[circuit]") {
    const double l0 = 0.0095;  // mid-tunnelling: G = 2.697e-6 S, sensitive to the state
    const auto p = nwn_params_dc();
    double dg;
    const double g0 = nwn_conductance(&p, l0, &dg);
    auto dir = scratch_dir("devicemodel/ic_op_ac");
    // Transient with uic: the state starts at .ic, at a voltage between the thresholds it stays.
    auto tr = run_ngspice(dir, "* ic\nV1 a 0 DC 0.007\nA1 %gd(a 0) %g(l) jm\nC1 l 0 1\n.model jm nwnjunction\n"
                          ".ic v(l)=0.0095\n.tran 1m 0.1 0 1m uic\n", {"v(l)", "i(v1)"}, true);
    CHECK(tr.v.at("v(l)").front() == Approx(l0));
    CHECK(tr.v.at("v(l)").back() == Approx(l0).epsilon(1e-6));
    CHECK(-tr.v.at("i(v1)").back() / 0.007 == Approx(g0).epsilon(1e-6));
    // Transient operating point (no uic): .ic pins the state node.
    auto op = run_ngspice(dir, "* tranop\nV1 a 0 DC 0.007\nA1 %gd(a 0) %g(l) jm\nC1 l 0 1\n.model jm nwnjunction\n"
                          ".ic v(l)=0.0095\n.tran 1m 2m\n", {"v(l)", "i(v1)"}, true);
    CHECK(op.v.at("v(l)").front() == Approx(l0).epsilon(1e-8));
    CHECK(-op.v.at("i(v1)").front() / 0.007 == Approx(g0).epsilon(1e-6));
    // .op holds lambda0 of the model card.
    auto dc = run_ngspice(dir, "* op\nV1 a 0 DC 0.007\nA1 %gd(a 0) %g(l) jm\nC1 l 0 1\n"
                          ".model jm nwnjunction (lambda0=0.0095)\n.op\n", {"v(l)", "i(v1)"}, true);
    CHECK(dc.v.at("v(l)").front() == Approx(l0).epsilon(1e-12));
    CHECK(-dc.v.at("i(v1)").front() / 0.007 == Approx(g0).epsilon(1e-6));
    // .ac: the small-signal admittance is G(lambda0), real.
    auto ac = run_ngspice(dir, "* ac\nV1 a 0 DC 0.007 AC 1\nA1 %gd(a 0) %g(l) jm\nC1 l 0 1\n"
                          ".model jm nwnjunction (lambda0=0.0095)\n.ac dec 1 1k 10k\n",
                          {"mag(i(v1))", "ph(i(v1))"}, true);
    CHECK(ac.v.at("mag(i(v1))").front() == Approx(g0).epsilon(1e-6));
}

TEST_CASE("a deck using nwnjunction without the code model loaded fails clearly", "[circuit]") {
    auto dir = scratch_dir("devicemodel/no_cm");
    REQUIRE_THROWS_WITH(run_ngspice(dir, "* no cm\nV1 a 0 DC 0.1\nA1 %gd(a 0) %g(l) jm\nC1 l 0 1\n"
                                    ".model jm nwnjunction\n.tran 1m 10m uic\n", {"v(l)"}, false),
                        Catch::Contains("unable to find definition of model jm"));
}

TEST_CASE("impossible model parameters are reported by the code model", "[circuit]") {
    auto dir = scratch_dir("devicemodel/bad_params");
    const std::string log = failure([&] {
        run_ngspice(dir, "* bad\nV1 a 0 DC 0.1\nA1 %gd(a 0) %g(l) jm\nC1 l 0 1\n.model jm nwnjunction (vreset=0.5)\n"
                    ".tran 1m 10m uic\n", {"v(l)"}, true);
    });
    CHECK(log.find("vreset must be <= vset") != std::string::npos);
}

TEST_CASE("OSDI device: .ic, transient operating point, .op and .ac as the code model", "[circuit][osdi]") {
    if (!have_ngspice46("the OSDI device's operating points")) return;
    const double l0 = 0.0095;
    const auto p = nwn_params_dc();
    double dg;
    const double g0 = nwn_conductance(&p, l0, &dg);
    auto dir = scratch_dir("devicemodel/osdi_ic_op_ac");
    auto tr = run_ngspice46_osdi(dir, "* ic\nV1 a 0 DC 0.007\nN1 a 0 l jm\n.model jm nwnjunction\n"
                                 ".ic v(l)=0.0095\n.tran 1m 0.1 0 1m uic\n", {"v(l)", "i(v1)"});
    // With uic node a starts at 0 V, so the first Newton iterate of the first step resets lambda by
    // boost*vreset*dt = 5e-7 V*s; Newton's node test (vntol 1e-6 V on l) accepts that. After it the
    // state holds exactly.
    CHECK(std::fabs(tr.v.at("v(l)").front() - l0) < 1e-6);
    CHECK(tr.v.at("v(l)").back() == tr.v.at("v(l)").front());
    double dg1;
    CHECK(-tr.v.at("i(v1)").back() / 0.007 == Approx(nwn_conductance(&p, tr.v.at("v(l)").back(), &dg1)).epsilon(1e-6));
    auto op = run_ngspice46_osdi(dir, "* tranop\nV1 a 0 DC 0.007\nN1 a 0 l jm\n.model jm nwnjunction\n"
                                 ".ic v(l)=0.0095\n.tran 1m 2m\n", {"v(l)", "i(v1)"});
    CHECK(op.v.at("v(l)").front() == Approx(l0).epsilon(1e-8));
    CHECK(-op.v.at("i(v1)").front() / 0.007 == Approx(g0).epsilon(1e-6));
    // lambda0 is the FIRST parameter of the card: ngspice 46 once dropped it without the space before "(".
    auto dc = run_ngspice46_osdi(dir, "* op\nV1 a 0 DC 0.007\nN1 a 0 l jm\n.model jm nwnjunction (lambda0=0.0095)\n.op\n",
                                 {"v(l)", "i(v1)"});
    CHECK(dc.v.at("v(l)").front() == Approx(l0).epsilon(1e-12));
    CHECK(-dc.v.at("i(v1)").front() / 0.007 == Approx(g0).epsilon(1e-6));
    auto ac = run_ngspice46_osdi(dir, "* ac\nV1 a 0 DC 0.007 AC 1\nN1 a 0 l jm\n.model jm nwnjunction (lambda0=0.0095)\n"
                                 ".ac dec 1 1k 10k\n", {"mag(i(v1))"});
    CHECK(ac.v.at("mag(i(v1))").front() == Approx(g0).epsilon(1e-6));
    // m junctions in parallel carry m times the current (an instance parameter: 46 needs $mfactor for it).
    auto m2 = run_ngspice46_osdi(dir, "* m\nV1 a 0 DC 0.007\nN1 a 0 l jm m=2\n.model jm nwnjunction (lambda0=0.0095)\n.op\n",
                                 {"i(v1)"});
    CHECK(-m2.v.at("i(v1)").front() / 0.007 == Approx(2 * g0).epsilon(1e-6));
}

TEST_CASE("OSDI device: impossible parameters and a missing state terminal are refused", "[circuit][osdi]") {
    if (!have_ngspice46("the OSDI device's parameter checks")) return;
    auto dir = scratch_dir("devicemodel/osdi_bad");
    std::string log = failure([&] {
        run_ngspice46_osdi(dir, "* bad\nV1 a 0 DC 0.1\nN1 a 0 l jm\n.model jm nwnjunction (vreset=0.5)\n.tran 1m 10m uic\n", {"v(l)"});
    });
    CHECK(log.find("vreset must be <= vset") != std::string::npos);
    log = failure([&] {
        run_ngspice46_osdi(dir, "* two terminals\nV1 a 0 DC 0.1\nN1 a 0 jm\n.model jm nwnjunction\n.tran 1m 10m uic\n", {"i(v1)"});
    });
    CHECK(log.find("three terminals are needed") != std::string::npos);
}

TEST_CASE("miranda: the code model and the OSDI device refuse impossible parameters, naming them", "[circuit][miranda]") {
    auto dir = scratch_dir("devicemodel/miranda_bad");
    std::string log = failure([&] {
        run_ngspice(dir, "* bad\nV1 a 0 DC 0.1\nA1 %gd(a 0) %g(l) jm\nC1 l 0 1\n.model jm nwnmiranda (ymax=1e-4)\n"
                    ".tran 1m 10m uic\n", {"v(l)"}, true);
    });
    CHECK(log.find("nwnmiranda: impossible model parameters: ymax must be >= ymin") != std::string::npos);
    if (!have_ngspice46("the miranda OSDI device's parameter checks")) return;
    log = failure([&] {
        run_ngspice46_osdi(dir, "* bad\nV1 a 0 DC 0.1\nN1 a 0 l jm\n.model jm nwnmiranda (kd0=-1)\n.tran 1m 10m uic\n", {"v(l)"});
    });
    CHECK(log.find("nwnmiranda: impossible model parameters: kd0 must be > 0") != std::string::npos);
    // ngspice's own report, from the table index the device hands it (no text parsing).
    CHECK(log.find("Parameter kd0 is out of bounds") != std::string::npos);
}

TEST_CASE("the simulated state overshoots lmax by a bounded amount that changes no current", "[circuit]") {
    // Issue #31's case: one junction behind 1 kOhm under a +-0.1 V triangle, ngspice's default tolerances
    // (reltol 1e-3), boost 1: lambda reached lmax + 2.2e-5 V*s, past lmax + 2*lsmooth (docs/validation.md, "The bound on
    // lambda"); a 1 V drive at nwn's reltol 1e-4 reaches lmax + 2.2e-5 too.
    const auto p = nwn_params_dc();
    auto dir = scratch_dir("devicemodel/overshoot");
    for (const auto& [amplitude, options, measured] :
         std::vector<std::tuple<double, std::string, double>>{{0.1, "", 2.2e-5}, {1.0, kSolverOptions, 2.2e-5}}) {
        INFO("A = " << amplitude << " " << options);
        const Pwl src{{{0, 0}, {0.5, amplitude}, {1.5, -amplitude}, {2.5, amplitude}, {3.5, -amplitude}, {4.0, 0}}};
        const auto r = run_ngspice(dir, "* overshoot\nV1 in 0 " + src.spice() + "\nR1 in a 1k\nA1 %gd(a 0) %g(l) jm\nC1 l 0 1\n"
                                        ".model jm nwnjunction (boost=1)\n.ic v(l)=0\n" + options + "\n.tran 1m 4 0 1m uic\n",
                                   {"v(l)"}, true);
        const auto& vl = r.v.at("v(l)");
        const double peak = *std::max_element(vl.begin(), vl.end()), low = *std::min_element(vl.begin(), vl.end());
        WARN("max |lambda| - lmax = " << std::max(peak, -low) - p.lmax);
        CHECK(std::max(peak, -low) - p.lmax < 1.25 * measured);  // the documented maximum, 25 % margin
        // Beyond lcrit + lsmooth (< lmax) the gap is closed: the overshoot's conductance is G(lmax).
        double d1, d2;
        CHECK(nwn_conductance(&p, peak, &d1) == nwn_conductance(&p, p.lmax, &d2));
        // ... and the clamp term pulls it back below lmax + lsmooth within 5 ms (trapezoidal ringing: the
        // issue's case dips to lmax + 3.5e-6 at 2 ms, rises to lmax + 1.4e-5 at 3 ms, then settles).
        const std::size_t k = static_cast<std::size_t>(std::max_element(vl.begin(), vl.end()) - vl.begin());
        const std::size_t j = static_cast<std::size_t>(std::lower_bound(r.t.begin(), r.t.end(), r.t[k] + 5e-3) - r.t.begin());
        REQUIRE(j < vl.size());
        CHECK(vl[j] <= p.lmax + p.lsmooth);
    }
}

// Multi-electrode runs through `nwn run`: electrode roles against an independent nodal solution, the
// engines against each other on a pad array, NWNsim's published run through four contacts, the outputs,
// and the refusals.
#include <catch2/catch.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "devicemodel/hochstetter/hochstetter.h"
#include "netlistgen/network/network_json.h"
#include "common/text_parse.h"
#include "runner/io/timeseries_csv.h"
#include "support/reference.h"
#include "nwn_config.h"

using namespace nwn::test;
namespace fs = std::filesystem;

namespace {

std::string nwn_cmd() { return nwn_binary().string(); }

nlohmann::json run_json(const fs::path& dir) { return nlohmann::json::parse(nwn::read_file(dir / "run.json")); }

bool have_ngspice46() {
    if (!std::string(NWN_NGSPICE46_LIB).empty()) return true;
    skip("ngspice46", "this build has no OSDI-enabled ngspice (cmake -DNGSPICE46=...)");
    return false;
}

// Node voltages and electrode currents of a resistor network, solved densely here and nowhere else:
// Dirichlet rows for the fixed electrodes, KCL elsewhere. Nodes are the wires (contacts only).
struct Nodal {
    std::vector<double> v;                 // per wire
    std::map<std::string, double> i_into;  // per electrode: current from it into the network
};

Nodal solve_nodal(const nwn::net::Network& net, const std::vector<double>& g,
                  const std::map<std::string, double>& fixed_v) {
    const auto n = static_cast<Eigen::Index>(net.wires.size());
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
    Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
    for (std::size_t k = 0; k < net.junctions.size(); ++k) {
        const auto i = net.junctions[k].i, j = net.junctions[k].j;
        a(i, i) += g[k];
        a(j, j) += g[k];
        a(i, j) -= g[k];
        a(j, i) -= g[k];
    }
    for (const auto& e : net.electrodes)
        if (const auto it = fixed_v.find(e.name); it != fixed_v.end()) {
            const int w = e.wires.front();
            a.row(w).setZero();
            a(w, w) = 1;
            b(w) = it->second;
        }
    const Eigen::VectorXd x = a.fullPivLu().solve(b);
    Nodal out;
    out.v.assign(x.data(), x.data() + n);
    for (const auto& e : net.electrodes) {
        const int w = e.wires.front();
        double i = 0;
        for (std::size_t k = 0; k < net.junctions.size(); ++k) {
            const auto& J = net.junctions[k];
            if (J.i == w) i += g[k] * (x(w) - x(J.j));
            if (J.j == w) i += g[k] * (x(w) - x(J.i));
        }
        out.i_into[e.name] = i;
    }
    return out;
}

double rel(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-300); }

}  // namespace

TEST_CASE("four electrodes in mixed roles match an independent nodal solution in every engine", "[run][multi]") {
    auto dir = scratch_dir("run/multi_nodal");
    const auto net_path = dir / "net.json";
    std::string out;
    REQUIRE(run_command(nwn_cmd() + " generate --wires 80 --lx 25 --ly 25 --seed 3 --electrodes wires:0,20,40,60 -o " +
                            net_path.string(), &out) == 0);
    const auto net = nwn::net::read_network(net_path);
    REQUIRE(net.electrodes.size() == 4);
    // Frozen junctions (a resistor network): vreset = 0 switches the reset off and vset = 1000 V the set,
    // so every λ keeps its spread initial value and each engine solves one linear network.
    std::string ic = "lambda\n";
    std::vector<double> g;
    auto p = nwn_params_dc();
    p.vset = 1000;
    p.vreset = 0;
    const auto exact = nwn_params_exact(p);
    for (std::size_t k = 0; k < net.junctions.size(); ++k) {
        const double lam = 0.015 * static_cast<double>((k * 37) % 100) / 100;
        ic += nwn::format_number(lam) + "\n";
        double d;
        g.push_back(nwn_conductance(&exact, lam, &d));
    }
    nwn::write_file_atomic(dir / "ic.csv", ic);
    const auto ref = solve_nodal(net, g, {{"w0", 0.3}, {"w20", -0.2}, {"w40", 0.0}});
    const std::string roles = " --drive w0=dc:0.3 --drive w20=dc:-0.2 --ground w40 --float w60 --param vset=1000 "
                              "--param vreset=0 --ic " + (dir / "ic.csv").string() + " --tstop 0.01 --tmax 1e-3 --quiet";
    std::vector<std::pair<std::string, std::string>> runs = {{"native", " --engine native"},
                                                             {"libngspice", " --engine libngspice --flavour codemodel"},
                                                             {"cli", " --engine ngspice-cli --flavour codemodel"}};
    if (!std::string(NWN_NGSPICE46_LIB).empty()) runs.push_back({"osdi", " --engine libngspice --flavour osdi"});
    for (const auto& [name, engine] : runs) {
        INFO(name);
        REQUIRE(run_command(nwn_cmd() + " run " + net_path.string() + roles + engine + " --out " + (dir / name).string(),
                            &out) == 0);
        const auto ts = nwn::io::read_timeseries_csv(dir / name / "timeseries.csv");
        REQUIRE(ts.names == std::vector<std::string>{"t", "V", "I", "G", "V_w0", "V_w20", "V_w40", "V_w60", "I_w0", "I_w20",
                                                     "I_w40", "I_w60"});
        const std::size_t last = ts.rows() - 1;
        // Native: the solve itself, to rounding. SPICE: Newton on a linear circuit lands on the same solution
        // (its convergence test bounds the last update, here far below the 1e-9 asked).
        CHECK(rel(ts.column("V_w60")[last], ref.v[60]) < 1e-9);
        for (const char* e : {"w0", "w20", "w40"}) {
            INFO(e);
            CHECK(rel(ts.column(std::string("I_") + e)[last], ref.i_into.at(e)) < 1e-9);
        }
        CHECK(ts.column("I_w60")[last] == 0);
        CHECK(ts.column("V_w0")[last] == Approx(0.3).epsilon(1e-12));
        // V is the first driven electrode's, I the current into the first other non-floating one.
        CHECK(ts.column("V")[last] == ts.column("V_w0")[last]);
        CHECK(ts.column("I")[last] == Approx(ref.i_into.at("w20") * -1).epsilon(1e-9));
        const auto j = run_json(dir / name);
        REQUIRE(j["electrodes"]["roles"].size() == 4);
        CHECK(j["electrodes"]["roles"][1] == nlohmann::json{{"name", "w20"}, {"role", "drive"}, {"node", "w20"}, {"stimulus", "dc:-0.2"}});
        CHECK(j["electrodes"]["roles"][3]["role"] == "float");
        CHECK(j["electrodes"]["driven"] == "w0");
        CHECK(j["electrodes"]["drain"] == "w20");
    }

    // A load: w40 through 1 MΩ to ground instead of a hard ground. Its node is then an unknown with a
    // conductance 1e-6 S to ground; I = V/R.
    REQUIRE(run_command(nwn_cmd() + " run " + net_path.string() + " --drive w0=dc:0.3 --drive w20=dc:-0.2 --load w40=1meg "
                            "--float w60 --param vset=1000 --param vreset=0 --ic " + (dir / "ic.csv").string() +
                            " --tstop 0.01 --engine native --quiet --out " + (dir / "load").string(), &out) == 0);
    const auto ts = nwn::io::read_timeseries_csv(dir / "load/timeseries.csv");
    const double v40 = ts.column("V_w40").back(), i40 = ts.column("I_w40").back();
    CHECK(v40 != 0);
    CHECK(i40 == Approx(-v40 / 1e6).epsilon(1e-12));
    double sum = 0;
    for (const char* e : {"I_w0", "I_w20", "I_w40", "I_w60"}) sum += ts.column(e).back();
    CHECK(std::abs(sum) <= 1e-9 * std::abs(ts.column("I_w0").back()));  // the LDLT solve's residual, far below
}

TEST_CASE("a 4 x 4 pad array with three drives, two floating and the rest grounded: native, OSDI and the CLI agree",
          "[run][multi][osdi]") {
    // The OSDI device in ngspice 46 through both SPICE engines: with the code model in ngspice 39.3 the
    // currents agree as well (4.7e-5) but sum to zero only within 2.3e-9 of the largest (Sparse 1.3's
    // converged solution), above the 1e-9 asked here; the code model is checked on the frozen network above.
    if (!have_ngspice46()) return;
    auto dir = scratch_dir("run/multi_pads");
    const auto net_path = dir / "net.json";
    std::string out;
    REQUIRE(run_command(nwn_cmd() + " generate --wires 1000 --lx 100 --ly 100 --seed 2821 --electrodes grid:4x4 -o " +
                            net_path.string(), &out) == 0);
    // Native explicit Euler at 1e-5 s against SPICE at tmax 1e-5 s over 20 ms, on the 1e-3 s grid: the
    // junctions between the driven pads switch (the current rises ~1000x), and the engines differ by 4.7e-5
    // at most.
    const std::string roles = " --drive p0_0=dc:0.6 --drive p1_2=sine:0.5:100 --drive p3_1=triangle:0.4:50 "
                              "--float p2_2,p0_3 --tstop 0.02 --tmax 1e-5 --resample 1e-3 --quiet";
    const std::vector<std::pair<std::string, std::string>> runs = {{"native", " --engine native"},
                                                                   {"cli", " --engine ngspice-cli --flavour osdi"},
                                                                   {"osdi", " --engine libngspice --flavour osdi"}};
    std::map<std::string, nwn::io::TimeSeries> ts;
    for (const auto& [name, engine] : runs) {
        REQUIRE(run_command(nwn_cmd() + " run " + net_path.string() + roles + engine + " --out " + (dir / name).string(),
                            &out) == 0);
        ts[name] = nwn::io::read_timeseries_csv(dir / name / "timeseries.csv");
    }
    const auto net = nwn::net::read_network(net_path);
    // Kirchhoff's floor in double precision: each pad link (0.1 S, NWNsim's) carries 0.1 S times a difference of
    // two node voltages of up to 0.6 V, each known to half an ulp, so a sum over the links cannot be exact
    // below links * 0.1 S * 0.6 V * 2^-52 (2.2e-15 A here; the native solve's sums reach 2.8e-16 A, 1.7e-9 of
    // the largest current in the first milliseconds, when it is only 1.6e-7 A).
    std::size_t links = 0;
    for (const auto& e : net.electrodes) links += e.wires.size();
    const double floor = static_cast<double>(links) * 0.1 * 0.6 * std::ldexp(1.0, -52);
    const auto& a = ts.at("native");
    for (const auto& [name, b] : ts) {
        REQUIRE(b.rows() == a.rows());
        double worst = 0, imax = 0;
        for (std::size_t r = 0; r < a.rows(); ++r) {
            double sum = 0, largest = 0;
            for (const auto& e : net.electrodes) {
                const double ia = a.column("I_" + e.name)[r], ib = b.column("I_" + e.name)[r];
                sum += ib;
                largest = std::max(largest, std::abs(ib));
                imax = std::max(imax, std::abs(ib));
                if (std::abs(ib) > 1e-9) worst = std::max(worst, rel(ia, ib));
            }
            INFO(name << " row " << r);
            CHECK(std::abs(sum) <= 1e-9 * largest + floor);  // Kirchhoff: what enters leaves
        }
        INFO(name << ": worst relative difference to native " << worst << ", largest |I| " << imax);
        CHECK(imax > 1e-7);
        CHECK(worst < 1e-3);
    }
}

TEST_CASE("NWNsim's 100-wire network through four contacts: two floating contacts leave the published run as it was",
          "[run][multi][golden]") {
    const auto refdir = reference_dir("NWNsim's 100-wire network");
    if (!refdir) return;
    auto dir = scratch_dir("run/multi_nwnsim");
    std::string out;
    const auto network = *refdir / "nwnsim" / "nw100_seed042.mat";
    REQUIRE(run_command(nwn_cmd() + " import-mat " + network.string() + " -o " + (dir / "nw100.json").string(), &out) == 0);
    const std::string common = " --engine native --nwnsim-compat --tstop 2 --quiet";
    REQUIRE(run_command(nwn_cmd() + " run " + (dir / "nw100.json").string() + common +
                            " --contacts 72,29 --stimulus dc:1.8 --out " + (dir / "two").string(), &out) == 0);
    REQUIRE(run_command(nwn_cmd() + " run " + (dir / "nw100.json").string() + common +
                            " --contacts 72,29,10,50 --drive w72=dc:1.8 --ground w29 --float w10,w50 --out " +
                            (dir / "four").string(), &out) == 0);
    const auto two = nwn::io::read_timeseries_csv(dir / "two/timeseries.csv");
    const auto four = nwn::io::read_timeseries_csv(dir / "four/timeseries.csv");
    REQUIRE(two.rows() == four.rows());
    // A floating contact is an ordinary node: the same matrix, the same numbers, bit for bit.
    CHECK(four.column("I") == two.column("I"));
    for (std::size_t r = 0; r < two.rows(); ++r) REQUIRE(four.column("I_w29")[r] == -two.column("I")[r]);

    // Multi-source, multi-drain (NWNsim's numOfElectrodes > 2): every contact fixed, currents balance.
    REQUIRE(run_command(nwn_cmd() + " run " + (dir / "nw100.json").string() + common +
                            " --contacts 72,29,10,50 --drive w72=dc:1.8 --drive w29=dc:0 --drive w10=sine:1:0.5 "
                            "--drive w50=dc:-0.5 --out " + (dir / "msmd").string(), &out) == 0);
    const auto m = nwn::io::read_timeseries_csv(dir / "msmd/timeseries.csv");
    for (std::size_t r = 0; r < m.rows(); ++r) {
        double sum = 0, largest = 0;
        for (const char* e : {"I_w72", "I_w29", "I_w10", "I_w50"}) {
            sum += m.column(e)[r];
            largest = std::max(largest, std::abs(m.column(e)[r]));
        }
        REQUIRE(std::abs(sum) <= 1e-9 * largest);
    }
    CHECK(m.column("V_w10")[249] == Approx(std::sin(2 * M_PI * 0.5 * 0.25)).epsilon(1e-12));
}

TEST_CASE("multi-electrode options: bad input is refused before anything runs", "[run][multi]") {
    auto dir = scratch_dir("run/multi_errors");
    std::string out;
    const auto net = (dir / "net.json").string();
    REQUIRE(run_command(nwn_cmd() + " generate --wires 80 --lx 25 --ly 25 --seed 3 --electrodes wires:0,20,40 -o " + net, &out) == 0);
    // rc 1: bad input (nwn::Error); rc 2: a bad command line.
    auto refused = [&](const std::string& args, const std::string& message, int expected_rc = 1) {
        const auto o = dir / "out";
        fs::remove_all(o);
        const int rc = run_command(nwn_cmd() + " run " + net + " --engine native --tstop 0.01 --quiet " + args +
                                       " --out " + o.string(), &out);
        INFO(args << " -> rc " << rc << ": " << out);
        CHECK(rc == expected_rc);
        CHECK(out.find(message) != std::string::npos);
        CHECK(!fs::exists(o / "timeseries.csv"));
    };
    refused("--drive w7=dc:1", "no electrode named 'w7'");
    refused("--drive w0=dc:1 --ground w0", "electrode 'w0' already has a role");
    refused("--float w0,w20,w40", "every electrode floats");
    refused("--drive w0=dc:1 --stimulus dc:2", "not both", 2);
    refused("--drive-table " + (dir / "missing.csv").string(), "missing.csv");
    refused("--load w20=0", "must be > 0");
}

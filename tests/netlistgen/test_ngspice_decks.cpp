// Every kind of emitted netlist runs in ngspice 39 (`ngspice -b`), and the two junction flavours give the
// same electrode current on NWNsim's 100-wire network.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "common/atomic_file.h"
#include "fixtures.h"
#include "runner/io/raw_reader.h"
#include "common/text_parse.h"
#include "support/reference.h"

namespace fs = std::filesystem;
using nwn::test::run_nwn;

namespace {

fs::path subckt_library() { return nwn::test::build_dir() / "share" / "nwnspice" / "nwnjunction.lib"; }

bool simulator_ready(const std::string& why) {
    std::string out;
    if (nwn::test::run_command("ngspice --version", &out) != 0) {
        nwn::test::skip("ngspice", "ngspice not found; cannot check " + why);
        return false;
    }
    for (const auto& p : {nwn::test::codemodel_path(), subckt_library()})
        REQUIRE(fs::exists(p));  // products of every build, never skipped
    return true;
}

// Runs `ngspice -b -r <deck>.raw <deck>` in the deck's directory; returns the raw file.
fs::path run_ngspice(const fs::path& deck) {
    const fs::path raw = fs::path(deck).replace_extension(".raw");
    std::string out;
    const int rc = nwn::test::run_command("cd " + deck.parent_path().string() + " && timeout 600 ngspice -b -r " +
                                              raw.filename().string() + " " + deck.filename().string(), &out);
    INFO(deck.filename().string() << ":\n" << out);
    REQUIRE(rc == 0);
    const std::string lower = nwn::lower(out);
    CHECK(lower.find("error") == std::string::npos);
    CHECK(lower.find("no. of data rows") != std::string::npos);
    return raw;
}

nwn::io::RawVector vector(const fs::path& raw, const std::string& name) {
    nwn::io::RawFile f(raw);
    return f.read_vector(f.plot("tran"), name);
}

double at(const nwn::io::RawVector& t, const nwn::io::RawVector& v, double x) {
    const auto k = static_cast<std::size_t>(std::lower_bound(t.real.begin(), t.real.end(), x) - t.real.begin());
    if (k == 0) return v.real.front();
    if (k >= t.size()) return v.real.back();
    const double f = (x - t.real[k - 1]) / (t.real[k] - t.real[k - 1]);
    return v.real[k - 1] + f * (v.real[k] - v.real[k - 1]);
}

void netlist(const std::string& args) {
    std::string out;
    INFO("nwn netlist " << args << "\n" << out);
    REQUIRE(run_nwn("netlist " + args, &out) == 0);
}

}  // namespace

TEST_CASE("the 100-wire network at 1.8 V: codemodel and subckt flavours agree within 1 %") {
    const auto ref = nwn::test::nwnsim_reference("the flavours on NWNsim's network");
    if (!ref || !simulator_ready("the two flavours in ngspice")) return;
    const auto dir = nwn::test::scratch_dir("netlistgen_flavours");
    std::string out;
    REQUIRE(run_nwn("import-mat " + (*ref / "nw100_seed042.mat").string() + " -o " + (dir / "nw100.json").string(), &out) == 0);
    // 55 ms spans the activation (the current jumps ~20x around 52 ms); the subckt flavour needs ~1 min.
    for (const char* f : {"codemodel", "subckt"})
        netlist((dir / "nw100.json").string() + " --flavour " + f + " --stimulus dc:1.8 --tstop 0.055 --tmax 1e-3 -o " +
                (dir / (std::string(f) + ".cir")).string());
    const auto a = run_ngspice(dir / "codemodel.cir"), b = run_ngspice(dir / "subckt.cir");
    const auto ta = vector(a, "time"), ia = vector(a, "i(vdrn)"), tb = vector(b, "time"), ib = vector(b, "i(vdrn)");
    // NWNsim's first-step current on this network (docs/model.md §7.1): all junctions off.
    CHECK(at(ta, ia, 1e-3) == Approx(7.3479866e-8).epsilon(1e-6));
    CHECK(at(ta, ia, 0.055) > 50 * at(ta, ia, 1e-3));  // activated
    double worst = 0, worst_t = 0;
    for (int k = 1; k <= 55; ++k) {
        const double t = k * 1e-3, x = at(ta, ia, t), y = at(tb, ib, t);
        const double rel = std::abs(x - y) / std::abs(y);
        if (rel > worst) {
            worst = rel;
            worst_t = t;
        }
    }
    INFO("largest relative difference " << worst << " at t = " << worst_t);
    CHECK(worst < 0.01);
    CHECK(std::abs(ia.real.back() - ib.real.back()) / std::abs(ib.real.back()) < 0.01);
}

TEST_CASE("decks in both flavours run: electrodes, stimuli, initial states, spread, saves") {
    const auto ref = nwn::test::nwnsim_reference("decks of NWNsim's network");
    if (!ref || !simulator_ready("decks in ngspice")) return;
    const auto dir = nwn::test::scratch_dir("netlistgen_decks");
    std::string out;
    // Every feature on a small network (39 wires, 84 junctions): the subckt flavour costs ~10 ms a step.
    const std::string small = (dir / "small.json").string();
    REQUIRE(run_nwn("generate --wires 40 --lx 20 --seed 1 -o " + small, &out) == 0);
    nwn::test::write_text(dir / "v.csv", "t,V\n0,0\n0.0002,0.5\n0.0004,-0.3\n");
    struct Deck {
        std::string name, args, vector;
    };
    const std::vector<Deck> decks = {
        {"bars", "--electrodes bars:0.1 --stimulus sine:0.5:2000 --save-lambda --save-wires", "v(l7)"},
        {"edges", "--electrodes edges:4 --stimulus triangle:0.5:2000 --spread gon=0.1,vset=0.05", "i(vc3)"},
        {"square", "--stimulus square:0.4:2000 --preset ac --param boost=2", "i(vsrc)"},
        {"pulse", "--stimulus pulse:0:0.5:0.0001:0.0002 --drive drn", "i(vsrc)"},
        {"pwl", "--stimulus pwl:" + (dir / "v.csv").string() + " --save-wires", "v(w13)"},
    };
    for (const char* flavour : {"codemodel", "subckt"})
        for (const auto& d : decks) {
            const fs::path deck = dir / (d.name + "_" + flavour + ".cir");
            netlist(small + " --flavour " + flavour + " --tstop 0.0005 --tmax 1e-4 " + d.args + " -o " + deck.string());
            const auto raw = run_ngspice(deck);
            CHECK(vector(raw, d.vector).size() > 10);
        }

    const std::string net = (dir / "nw100.json").string();
    REQUIRE(run_nwn("import-mat " + (*ref / "nw100_seed042.mat").string() + " -o " + net, &out) == 0);
    // λ from NWNsim's final states: the first current is NWNsim's final one (same λ, same G(λ)).
    for (const char* flavour : {"codemodel", "subckt"}) {
        const fs::path deck = dir / (std::string("ic_") + flavour + ".cir");
        netlist(net + " --flavour " + flavour + " --stimulus dc:1.8 --tstop 0.001 --tmax 1e-4 --ic " +
                (*ref / "tl_T10_DC1.8V_finalStates.csv").string() + " -o " + deck.string());
        const auto raw = run_ngspice(deck);
        CHECK(vector(raw, "i(vdrn)").real.front() == Approx(7.349458e-5).epsilon(1e-5));
    }
}

TEST_CASE("subcircuit forms instantiate in a host deck - an upper-case code model path loads via .spiceinit") {
    const auto ref = nwn::test::nwnsim_reference("subcircuits of NWNsim's network");
    if (!ref || !simulator_ready("subcircuits in ngspice")) return;
    const auto dir = nwn::test::scratch_dir("netlistgen_subckt_form");
    const std::string net = (dir / "nw100.json").string();
    std::string out;
    REQUIRE(run_nwn("import-mat " + (*ref / "nw100_seed042.mat").string() + " --electrodes bars:0.05 -o " + net, &out) == 0);
    std::vector<double> first;
    for (const char* flavour : {"codemodel", "subckt"}) {
        const fs::path sub = dir / (std::string("sub_") + flavour + ".lib");
        netlist(net + " --flavour " + flavour + " --form subckt --name nw100 -o " + sub.string());
        std::string host = std::string("host deck for the ") + flavour + " subcircuit\n";
        if (std::string(flavour) == "codemodel")
            host += ".control\npre_codemodel " + nwn::test::codemodel_path().string() + "\n.endc\n";
        host += ".include " + sub.string() + "\nXnet top 0 nw100\nVin in 0 DC 2\nRs in top 1k\n"
                ".ic v(xnet.l0)=0.015\n.tran 1e-4 0.002 0 1e-4 uic\n.end\n";
        nwn::test::write_text(dir / (std::string("host_") + flavour + ".cir"), host);
        const auto raw = run_ngspice(dir / (std::string("host_") + flavour + ".cir"));
        first.push_back(vector(raw, "i(vin)").real.back());
    }
    CHECK(first[0] == Approx(first[1]).epsilon(0.01));

    // ngspice 39 lower-cases pre_codemodel paths: nwn writes a .spiceinit for such a path instead.
    const fs::path upper = dir / "Upper";
    fs::create_directories(upper / "Run");
    fs::copy_file(nwn::test::codemodel_path(), upper / "NwnSpice.cm");
    netlist(net + " --cm " + (upper / "NwnSpice.cm").string() + " --tstop 0.001 -o " + (upper / "Run" / "d.cir").string());
    CHECK(nwn::read_file(upper / "Run" / ".spiceinit").find("codemodel '" + (upper / "NwnSpice.cm").string() + "'") != std::string::npos);
    run_ngspice(upper / "Run" / "d.cir");
}

// The text of decks and subcircuits: device lines, node names, model cards, options, .ic, .save.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "fixtures.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/junction_params.h"
#include "common/atomic_file.h"
#include "netlistgen/netlist/cmos_periphery.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "netlistgen/netlist/solver_options.h"
#include "support/reference.h"

using namespace nwn::net;

namespace {

// Chain 0-1-2-3 (junctions (0,1), (1,2), (2,3)) plus a separate pair 4-5 (junction (4,5)).
Network network() {
    auto n = nwn::test::segments_network(
        {{0, 1, 3, 1}, {2, 0, 2, 3}, {1, 2, 5, 2}, {4, 0, 4, 3}, {7, 7, 9, 9}, {7, 9, 9, 7}});
    choose_electrodes(n, "wires:3,0");
    return n;
}

NetlistOptions options(Flavour f, Form form = Form::Deck) {
    NetlistOptions o;
    o.flavour = f;
    o.form = form;
    o.codemodel = "/opt/nwn/lib/nwnspice.cm";
    o.subckt_library = "/opt/nwn/share/nwnspice/nwnjunction.lib";
    o.stimulus = Stimulus::parse("dc:1.8");
    o.tstop = 0.05;
    o.tmax = 1e-4;
    return o;
}

std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (l.rfind(prefix, 0) == 0) out.push_back(l);
    return out;
}

}  // namespace

TEST_CASE("codemodel deck: A and C per junction, one model card, sources, options, tran, ic, save") {
    const auto n = network();
    const auto deck = write_netlist(n, options(Flavour::Codemodel));
    CHECK(deck.rfind("nwnspice network: ", 0) == 0);
    CHECK(lines_starting(deck, "A") == std::vector<std::string>{"A0 %gd(w0 w1) %g(l0) nwnj", "A1 %gd(w1 w2) %g(l1) nwnj",
                                                                 "A2 %gd(w2 w3) %g(l2) nwnj"});
    CHECK(lines_starting(deck, "C") == std::vector<std::string>{"C0 l0 0 1e-08", "C1 l1 0 1e-08", "C2 l2 0 1e-08"});
    CHECK(deck.find("junctions in components without an electrode are left out") != std::string::npos);
    CHECK(deck.find("\n.control\npre_codemodel /opt/nwn/lib/nwnspice.cm\n.endc\n") != std::string::npos);
    const auto model = lines_starting(deck, ".model");
    REQUIRE(model.size() == 1);
    CHECK(model[0].rfind(".model nwnj nwnjunction (vset=0.01 vreset=0.005 ", 0) == 0);
    CHECK(model[0].find("()") == std::string::npos);
    CHECK(lines_starting(deck, "V") == std::vector<std::string>{"Vsrc w3 0 DC 1.8", "Vdrn w0 0 DC 0"});
    CHECK(lines_starting(deck, ".options") == std::vector<std::string>{".options reltol=1e-4 trtol=1"});
    CHECK(deck.find(".options klu") == std::string::npos);
    CHECK(lines_starting(deck, ".tran") == std::vector<std::string>{".tran 1e-04 0.05 0 1e-04 uic"});
    CHECK(lines_starting(deck, ".ic") == std::vector<std::string>{".ic v(l0)=0 v(l1)=0 v(l2)=0"});
    CHECK(lines_starting(deck, ".save") == std::vector<std::string>{".save i(vsrc) i(vdrn)"});
    CHECK(deck.substr(deck.size() - 5) == ".end\n");
    for (unsigned char c : deck) CHECK(c < 128);  // ASCII only: ngspice mangles other bytes
}

TEST_CASE("subckt flavour: X instances with only changed parameters, .include, no capacitors") {
    auto n = network();
    auto o = options(Flavour::Subckt);
    o.params["boost"] = 2;
    o.save_lambda = o.save_wires = true;
    o.lambda0 = {0.015, -0.01, 0, 0.003};
    const auto deck = write_netlist(n, o);
    CHECK(lines_starting(deck, ".include") == std::vector<std::string>{".include /opt/nwn/share/nwnspice/nwnjunction.lib"});
    CHECK(lines_starting(deck, "X") == std::vector<std::string>{"X0 w0 w1 l0 nwnjunction boost=2", "X1 w1 w2 l1 nwnjunction boost=2",
                                                                 "X2 w2 w3 l2 nwnjunction boost=2"});
    CHECK(lines_starting(deck, "C").empty());
    CHECK(lines_starting(deck, ".model").empty());
    CHECK(lines_starting(deck, ".ic") == std::vector<std::string>{".ic v(l0)=0.015 v(l1)=-0.01 v(l2)=0"});
    CHECK(lines_starting(deck, ".save") ==
          std::vector<std::string>{".save i(vsrc) i(vdrn) v(w0) v(w1) v(w2) v(w3) v(l0) v(l1)", ".save v(l2)"});
}

TEST_CASE("subcircuit form: ports are electrode nodes, no sources or analyses") {
    // A chain from the bottom (wires 0, 1) up a long vertical wire 3 to wire 4 at the top.
    auto n = nwn::test::segments_network({{0, 1, 3, 1}, {2, 0, 2, 3}, {1, 2, 5, 2}, {4, 1.5, 4, 9.5}, {3, 9, 5, 9}});
    choose_electrodes(n, "bars:0.15");
    CHECK(n.electrodes[0].wires == std::vector<int>{4});
    CHECK(n.electrodes[1].wires == std::vector<int>{0, 1});
    for (Flavour f : {Flavour::Codemodel, Flavour::Subckt}) {
        auto o = options(f, Form::Subckt);
        o.subckt_name = "mynet";
        const auto text = write_netlist(n, o);
        CHECK(lines_starting(text, ".subckt") == std::vector<std::string>{".subckt mynet esrc edrn"});
        CHECK(lines_starting(text, ".ends") == std::vector<std::string>{".ends mynet"});
        CHECK(lines_starting(text, "V").empty());
        CHECK(lines_starting(text, ".tran").empty());
        CHECK(lines_starting(text, ".control").empty());
        CHECK_FALSE(lines_starting(text, "Rsrc_").empty());
        const auto links = lines_starting(text, "Rdrn_");
        REQUIRE_FALSE(links.empty());
        CHECK(std::regex_match(links[0], std::regex("Rdrn_[0-9]+ edrn w[0-9]+ 10")));
        if (f == Flavour::Codemodel)
            CHECK(text.find(".subckt mynet esrc edrn\n.model nwnj nwnjunction (") != std::string::npos);
    }
    auto single = network();
    const auto text = write_netlist(single, options(Flavour::Codemodel, Form::Subckt));
    CHECK(lines_starting(text, ".subckt") == std::vector<std::string>{".subckt nwn w3 w0"});
}

TEST_CASE("device spread: per-junction model cards or instance parameters, seeded") {
    auto n = network();
    const auto spread = parse_spread("gon=0.2,vset=0.05", "lognormal", 3);
    auto o = options(Flavour::Codemodel);
    o.per_junction = spread_params(o.params, spread, n.junctions.size());
    const auto deck = write_netlist(n, o);
    CHECK(lines_starting(deck, ".model nwnj").size() == 3);
    CHECK(lines_starting(deck, "A1 ") == std::vector<std::string>{"A1 %gd(w1 w2) %g(l1) nwnj1"});
    CHECK(o.per_junction[0]["gon"] != o.per_junction[1]["gon"]);
    CHECK(o.per_junction[0]["vreset"] == o.params["vreset"]);
    CHECK(spread_params(o.params, spread, 4)[2]["gon"] == o.per_junction[2]["gon"]);  // same seed, same draws
    auto s = options(Flavour::Subckt);
    s.per_junction = o.per_junction;
    const auto x = lines_starting(write_netlist(n, s), "X0 ");
    REQUIRE(x.size() == 1);
    CHECK(x[0].find(" vset=") != std::string::npos);
    CHECK(x[0].find(" gon=") != std::string::npos);
    CHECK(x[0].find(" boost=") == std::string::npos);

    // Spread sizes: lognormal median is the nominal value, relative sd close to σ.
    const auto many = spread_params(o.params, parse_spread("gon=0.1", "normal", 5), 20000);
    double s1 = 0, s2 = 0;
    for (const auto& p : many) {
        s1 += p["gon"] / o.params["gon"];
        s2 += (p["gon"] / o.params["gon"]) * (p["gon"] / o.params["gon"]);
    }
    CHECK(s1 / many.size() == Approx(1).epsilon(0.003));
    CHECK(std::sqrt(s2 / many.size() - (s1 / many.size()) * (s1 / many.size())) == Approx(0.1).epsilon(0.03));
    CHECK_THROWS_WITH(parse_spread("binary=0.1", "lognormal", 1), Catch::Contains("cannot spread"));
    CHECK_THROWS_WITH(parse_spread("gon=0.5", "normal", 1), Catch::Contains("1/3"));
    CHECK_THROWS_WITH(parse_spread("gonn=0.1", "lognormal", 1), Catch::Contains("unknown junction parameter 'gonn'"));
}

TEST_CASE("parameters: presets, overrides and checks by the table's names") {
    auto p = preset_params("ac");
    CHECK(p.goff == 1e-8);
    CHECK(p.vreset == 0.01);
    apply_overrides(p, {"boost=2", "vset = 0.02"});
    CHECK(p.boost == 2);
    CHECK(p.vset == 0.02);
    CHECK_THROWS_WITH(apply_overrides(p, {"vset=-1"}), Catch::Contains("vset must be > 0"));
    CHECK_THROWS_WITH(apply_overrides(p, {"nope=1"}), Catch::Contains("unknown junction parameter"));
    CHECK_THROWS_WITH(preset_params("fast"), Catch::Contains("dc or ac"));
    CHECK(junction_param_names().front() == "vset");
}

TEST_CASE("solver options depend on the ngspice version - pre_codemodel needs a lower-case path") {
    const auto v39 = deck_solver_options(39), v44 = deck_solver_options(44);
    CHECK(v39.back() == ".options reltol=1e-4 trtol=1");
    for (const auto& l : v39) CHECK(l.find(".options klu") == std::string::npos);
    CHECK(v44.back() == ".options klu reltol=1e-4 trtol=1");
    CHECK(pre_codemodel_can_load("/usr/lib/ngspice/nwnspice.cm"));
    CHECK_FALSE(pre_codemodel_can_load("/home/Me/nwnspice.cm"));
    auto o = options(Flavour::Codemodel);
    o.codemodel = "/home/Me/nwnspice.cm";
    CHECK_THROWS_WITH(write_netlist(network(), o), Catch::Contains("lower-cases"));
    o.codemodel_load = CodemodelLoad::SpiceInit;
    CHECK(lines_starting(write_netlist(network(), o), ".control").empty());
    CHECK(spiceinit_text("/home/Me/nwnspice.cm").find("\ncodemodel '/home/Me/nwnspice.cm'\n") != std::string::npos);
    // Single quotes keep spaces in one word for ngspice's lexer; what it would still expand is refused.
    CHECK(device_load_command("/a b/é/nwnjunction.osdi") == "osdi '/a b/é/nwnjunction.osdi'");
    for (const char* bad : {"/a'b/x.cm", "/a\"b/x.cm", "/$HOME/x.cm", "/a*/x.cm", "/a{b}/x.cm", "/a\tb/x.cm"})
        CHECK_THROWS_WITH(device_load_command(bad), Catch::Contains("ngspice cannot load"));
}

TEST_CASE("writer errors: no electrodes, unknown driven electrode, initial states out of range") {
    auto n = network();
    auto o = options(Flavour::Codemodel);
    auto bare = n;
    bare.electrodes.clear();
    CHECK_THROWS_WITH(write_netlist(bare, o), Catch::Contains("no electrodes"));
    o.drive = "gate";
    CHECK_THROWS_WITH(write_netlist(n, o), Catch::Contains("no electrode named 'gate'"));
    o.drive = "drn";
    CHECK(lines_starting(write_netlist(n, o), "Vdrn") == std::vector<std::string>{"Vdrn w0 0 DC 1.8"});
    o.lambda0 = {0, 0, 0.5, 0};
    CHECK_THROWS_WITH(write_netlist(n, o), Catch::Contains("outside [-lmax, lmax]"));
    o.lambda0 = {0, 0};
    CHECK_THROWS_WITH(write_netlist(n, o), Catch::Contains("2 values for 4 junctions"));
}

TEST_CASE("periphery at grounded electrodes: the meter ends on pin_<name>, the circuit follows, library and supplies once") {
    const auto n = network();
    auto o = options(Flavour::Codemodel);
    RoleRequest r;
    r.drives = {"src=dc:0.5"};
    r.ground = {"drn"};
    o.roles = resolve_roles(n, r, o.stimulus);
    const std::string plain = write_netlist(n, o);
    o.periphery = tia_periphery({"drn"}, parse_tia("tia:4.7k", "--readout-circuit"));
    o.saves = {"v(" + tia_output_node("drn") + ")", "v(w0)"};  // v(w0) is drn's node, saved already
    const std::string deck = write_netlist(n, o);
    CHECK(lines_starting(deck, "Vdrn") == std::vector<std::string>{"Vdrn w0 pin_drn DC 0"});
    CHECK(lines_starting(deck, "Xtia_") == std::vector<std::string>{"Xtia_drn pin_drn tia_drn tia_vdd tia_vss cmos_tia rf=4700 rb=12000"});
    CHECK(lines_starting(deck, "Vtia_") == std::vector<std::string>{"Vtia_vdd tia_vdd 0 DC 1.5", "Vtia_vss tia_vss 0 DC -1.5"});
    CHECK(lines_starting(deck, ".subckt cmos_tia").size() == 1);
    CHECK(deck.find(cmos_periphery_library()) != std::string::npos);
    CHECK(lines_starting(deck, ".save") == std::vector<std::string>{".save i(vsrc) i(vdrn) v(w3) v(w0) v(tia_drn)"});
    // Without a periphery the deck is what it was.
    o.periphery = {};
    o.saves.clear();
    CHECK(write_netlist(n, o) == plain);

    o.periphery = tia_periphery({"src"}, {});
    CHECK_THROWS_WITH(write_netlist(n, o), Catch::Contains("electrode 'src' is not grounded"));
    o.periphery = tia_periphery({"gate"}, {});
    CHECK_THROWS_WITH(write_netlist(n, o), Catch::Contains("no electrode named 'gate'"));
    o.periphery = tia_periphery({"drn", "drn"}, {});
    CHECK_THROWS_WITH(write_netlist(n, o), Catch::Contains("'drn' given twice"));
    o.periphery = tia_periphery({"drn"}, {});
    o.roles.clear();
    CHECK_THROWS_WITH(write_netlist(n, o), Catch::Contains("needs electrode roles"));
}

TEST_CASE("the CMOS periphery: one text, which examples/cosim_cmos.lib is, and the TIA specs") {
    // The examples' library is a link to netlistgen/netlist/cmos_periphery.lib, the text compiled in.
    CHECK(nwn::read_file(nwn::test::source_dir() / "examples/cosim_cmos.lib") == cmos_periphery_library());
    CHECK(cmos_periphery_library().find(".subckt cmos_tia in out vdd vss") != std::string::npos);
    CHECK(parse_tia("tia", "--x").rf == 1e3);
    CHECK(parse_tia("tia:1meg", "--x").rf == 1e6);
    for (const char* bad : {"tia:", "tia:-1k", "tia:0", "tia:2G", "tia:ten", "tiara"})
        CHECK_THROWS_WITH(parse_tia(bad, "--readout-circuit"), Catch::Contains("--readout-circuit '" + std::string(bad) + "'"));
}

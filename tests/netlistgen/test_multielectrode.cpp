// Multi-electrode layouts (wires:I,J,K,..., grid:, pads:) and electrode roles: names, geometry, the deck
// each role writes, and every refusal the roles promise.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "fixtures.h"
#include "netlistgen/network/electrode_roles.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/generator.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "support/reference.h"

using namespace nwn::net;
namespace fs = std::filesystem;

namespace {

Network square100() { return generate_network(nwn::test::square_params(1000, 100, 2821)); }

// Independent of Liang–Barsky: a segment meets a closed box when an end point lies in it or it crosses
// one of the box's four sides (sampled finely enough for these sizes: 1e-4 of a 10 µm wire).
bool meets_by_sampling(const Wire& w, const std::vector<double>& r) {
    for (int k = 0; k <= 100000; ++k) {
        const double s = k / 100000.0, x = w.xa + s * (w.xb - w.xa), y = w.ya + s * (w.yb - w.ya);
        if (x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3]) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("wires:I,J,K,... gives one contact per wire named after its node, and src/drn for two") {
    auto n = square100();
    choose_electrodes(n, "wires:5,9,17,30");
    REQUIRE(n.electrodes.size() == 4);
    CHECK(n.electrodes[0].name == "w5");
    CHECK(n.electrodes[3].name == "w30");
    CHECK(electrode_node(n.electrodes[2]) == "w17");
    CHECK(n.hop_distance.has_value());
    CHECK_THROWS_WITH(choose_electrodes(n, "wires:5,9,5"), Catch::Contains("wire 5 is given twice"));
    CHECK_THROWS_WITH(choose_electrodes(n, "wires:5"), Catch::Contains("two or more wire ids"));

    choose_electrodes(n, "wires:5,9");
    CHECK(n.electrodes[0].name == "src");
    // A contact answers to w<id> too.
    CHECK(resolve_electrode(n, "w9") == &n.electrodes[1]);
    CHECK(resolve_electrode(n, "w8") == nullptr);
    CHECK_THROWS_WITH(electrode_named(n, "zz", "--ground"),
                      Catch::Equals("--ground: no electrode named 'zz' (the network has: src (w5) drn (w9))"));
}

TEST_CASE("grid:4x4 lays a centred pad array, names p<r>_<c>, and links every wire that meets a pad") {
    auto n = square100();
    choose_electrodes(n, "grid:4x4");
    REQUIRE(n.electrodes.size() == 16);
    // Defaults: pitch = 100/4 = 25 µm, pad = 6.25 µm; row 0 at the top.
    const auto& p00 = n.electrodes[0];
    CHECK(p00.name == "p0_0");
    CHECK(p00.bar);
    CHECK(p00.region[0] == Approx(12.5 - 3.125));
    CHECK(p00.region[3] == Approx(87.5 + 3.125));
    CHECK(n.electrodes[15].name == "p3_3");
    CHECK(n.electrodes[15].region[1] == Approx(12.5 - 3.125));
    for (const auto& e : n.electrodes) {
        CHECK(!e.wires.empty());
        for (std::size_t w = 0; w < n.wires.size(); ++w) {
            const bool linked = std::find(e.wires.begin(), e.wires.end(), static_cast<int>(w)) != e.wires.end();
            if (linked != meets_by_sampling(n.wires[w], e.region)) FAIL("pad " << e.name << ", wire " << w);
        }
    }
    choose_electrodes(n, "grid:2x3:10:30");
    REQUIRE(n.electrodes.size() == 6);
    CHECK(n.electrodes[1].name == "p0_1");
    CHECK((n.electrodes[1].region[0] + n.electrodes[1].region[2]) / 2 == Approx(50));
    CHECK(n.electrodes[1].region[2] - n.electrodes[1].region[0] == Approx(10));
    CHECK_THROWS_WITH(choose_electrodes(n, "grid:4x4:30:25"), Catch::Contains("overlap"));
    CHECK_THROWS_WITH(choose_electrodes(n, "grid:4"), Catch::Contains("grid:RxC"));
    CHECK_THROWS_WITH(choose_electrodes(n, "grid:1x1"), Catch::Contains("between 2 and 4096"));
    CHECK_THROWS_WITH(choose_electrodes(n, "grid:2x2:0.001:1"), Catch::Contains("contacts no wire"));
}

TEST_CASE("pads:FILE.csv reads a chip's layout and refuses bad pads, naming them") {
    auto n = square100();
    const auto dir = nwn::test::scratch_dir("netlistgen/pads");
    auto layout = [&](const std::string& name, const std::string& text) {
        nwn::test::write_text(dir / name, text);
        return "pads:" + (dir / name).string();
    };
    choose_electrodes(n, layout("ok.csv", "name,x,y,w,h\nin1,20,50,8,8\nin2,50,80,8,8\nout,80,50,8,30\n"));
    REQUIRE(n.electrodes.size() == 3);
    CHECK(n.electrodes[2].name == "out");
    CHECK(n.electrodes[2].region == std::vector<double>{76, 35, 84, 65});
    CHECK_THROWS_WITH(choose_electrodes(n, layout("ov.csv", "name,x,y,w,h\na,20,50,10,10\nb,25,50,10,10\n")),
                      Catch::Contains("pads 'a' and 'b' overlap"));
    CHECK_THROWS_WITH(choose_electrodes(n, layout("none.csv", "name,x,y,w,h\na,20,50,10,10\nb,500,500,1,1\n")),
                      Catch::Contains("pad 'b'") && Catch::Contains("contacts no wire"));
    CHECK_THROWS_WITH(choose_electrodes(n, layout("col.csv", "name,x,y,w\na,20,50,10\nb,50,50,10\n")),
                      Catch::Contains("no column 'h'"));
    CHECK_THROWS_WITH(choose_electrodes(n, layout("res.csv", "name,x,y,w,h\nw3,20,50,10,10\nb,50,50,10,10\n")),
                      Catch::Contains(":2:") && Catch::Contains("reserved"));
    CHECK_THROWS_WITH(choose_electrodes(n, layout("dup.csv", "name,x,y,w,h\nA,20,50,10,10\na,50,50,10,10\n")),
                      Catch::Contains("two pads are named"));
    CHECK_THROWS_WITH(choose_electrodes(n, layout("num.csv", "name,x,y,w,h\na,20,x,10,10\nb,50,50,10,10\n")),
                      Catch::Contains(":2:"));
}

TEST_CASE("roles: defaults, every option, and the deck each role writes") {
    auto n = square100();
    choose_electrodes(n, "wires:5,9,17,30");
    RoleRequest req;
    // No role option: the first electrode takes the stimulus, the rest are grounded (today's runs).
    auto roles = resolve_roles(n, req, Stimulus::dc(0.7));
    REQUIRE(roles.size() == 4);
    CHECK(roles[0].role == Role::Drive);
    CHECK(roles[0].stimulus->spec() == "dc:0.7");
    CHECK(roles[3].role == Role::Ground);

    req.drives = {"w9=sine:1:5"};
    req.floating = {"w17"};
    req.loads = {"w30=10k"};
    roles = resolve_roles(n, req, Stimulus::dc(0.7));
    CHECK(roles[0].role == Role::Ground);  // a drive was given: the stimulus drives nothing
    CHECK(roles[1].role == Role::Drive);
    CHECK(roles[2].role == Role::Float);
    CHECK(roles[3].role == Role::Load);
    CHECK(roles[3].load_ohms == 1e4);
    CHECK(primary_drive(roles) == 1u);
    CHECK(primary_drain(roles) == 0u);

    NetlistOptions o;
    o.roles = roles;
    o.codemodel_load = CodemodelLoad::None;
    const auto deck = write_netlist(n, o);
    CHECK_THAT(deck, Catch::Contains("Vw9 w9 0 SIN(0 1 5 0 0 0)\n"));
    CHECK_THAT(deck, Catch::Contains("Vw5 w5 0 DC 0\n"));
    CHECK_THAT(deck, !Catch::Contains("Vw17 "));
    CHECK_THAT(deck, Catch::Contains("Vw30 w30 ld_w30 DC 0\nRw30_load ld_w30 0 10000\n"));
    CHECK_THAT(deck, Catch::Contains(".save i(vw5) i(vw9) i(vw30) v(w5) v(w9) v(w17) v(w30)\n"));
    o.external_drives = true;
    CHECK_THAT(write_netlist(n, o), Catch::Contains("Vw9 w9 0 EXTERNAL\n"));
}

TEST_CASE("roles: bad input is refused before anything runs, naming the item") {
    auto n = square100();
    choose_electrodes(n, "wires:5,9,17,30");
    const auto dir = nwn::test::scratch_dir("netlistgen/roles");
    auto refusal = [&](RoleRequest r) {
        try {
            resolve_roles(n, r, Stimulus::dc(1));
        } catch (const nwn::Error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    auto table = [&](const std::string& name, const std::string& text) {
        nwn::test::write_text(dir / name, text);
        RoleRequest r;
        r.drive_table = dir / name;
        return r;
    };
    RoleRequest r;
    r.ground = {"w5,w99"};
    CHECK_THAT(refusal(r), Catch::StartsWith("--ground w5,w99: no electrode named 'w99'"));
    r = {};
    r.drives = {"w5=dc:1"};
    r.floating = {"w5"};
    CHECK(refusal(r) == "--float w5: electrode 'w5' already has a role (--drive w5=dc:1); give each electrode one role");
    r = {};
    r.floating = {"w5,w9", "w17,w30"};
    CHECK_THAT(refusal(r), Catch::StartsWith("every electrode floats"));
    r = {};
    r.drives = {"w5"};
    CHECK_THAT(refusal(r), Catch::Contains("expected NAME=STIMULUS"));
    r.drives = {"w5=wobble:1"};
    CHECK_THAT(refusal(r), Catch::Contains("unknown kind 'wobble'"));
    r = {};
    r.loads = {"w30=-5"};
    CHECK_THAT(refusal(r), Catch::Contains("must be > 0"));
    r.loads = {"w30=abc"};
    CHECK_THAT(refusal(r), Catch::Contains("not a resistance"));

    CHECK_THAT(refusal(table("a.csv", "time,w5\n0,1\n")), Catch::Contains("first column must be t"));
    CHECK_THAT(refusal(table("b.csv", "t,w5,w77\n0,1,2\n")), Catch::Contains("no electrode named 'w77'"));
    CHECK_THAT(refusal(table("c.csv", "t,w5\n0,1\n0.2,1\n0.1,1\n")), Catch::Contains("c.csv:4: times must increase"));
    CHECK_THAT(refusal(table("d.csv", "t,w5\n0,1\n0,2\n")), Catch::Contains("d.csv:3: times must increase"));
    CHECK_THAT(refusal(table("e.csv", "t,w5\n0,1\n1,nan\n")), Catch::Contains("e.csv:3:"));
    CHECK_THAT(refusal(table("f.csv", "t,w5\n0,1\n1\n")), Catch::Contains("f.csv:3:"));
    CHECK_THAT(refusal(table("g.csv", "t,w5,W5\n0,1,1\n")), Catch::Contains("appears twice"));
    CHECK_THAT(refusal(table("h.csv", "t,w5\n")), Catch::Contains("at least one row"));
    CHECK_THAT(refusal(table("i.csv", "t,w5,w9\n0,1,1,\n")), Catch::Contains("i.csv:2:"));

    // A good table: each column a PWL drive of its electrode, linear between rows.
    auto ok = table("ok.csv", "t,w9,w30\n0,0,1\n0.5,1,1\n1,0,-1\n");
    const auto roles = resolve_roles(n, ok, Stimulus::dc(1));
    CHECK(roles[1].role == Role::Drive);
    CHECK(roles[1].stimulus->value(0.25) == Approx(0.5));
    CHECK(roles[3].stimulus->value(0.75) == Approx(0));
    CHECK(roles[0].role == Role::Ground);
}

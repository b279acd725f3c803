// The native engine's points read like libngspice's of the same network's deck: every vector the deck
// saves resolves by the same name in the native layout, and the electrode currents have the same sign.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "engine/bridge_network.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "common/text_parse.h"
#include "runner/engine/native_engine.h"
#include "runner/engine/ngspice_session.h"
#include "support/reference.h"

using namespace nwn;
using namespace nwn::engine;

namespace {

struct Seen {
    std::vector<std::string> names;
    double i_drain = NAN, i_source = NAN;  // at the first point
};

// What a recorder written for a SPICE deck reads: the electrodes' currents by their deck names.
Recorder first_currents(Seen& seen) {
    return [&seen](const Point& p) {
        if (p.step != 0) return;
        seen.i_drain = p["i(vdrn)"];
        seen.i_source = p["i(vsrc)"];
    };
}

LayoutCallback names_into(Seen& seen) {
    return [&seen](const VectorLayout& l) { seen.names = l.names(); };
}

}  // namespace

TEST_CASE("native vectors carry the names and the current signs of the network's SPICE deck", "[engine][codemodel]") {
    const auto cm = test::codemodel_path();
    REQUIRE(std::filesystem::exists(cm));  // a product of every build (target nwnspice_cm), never skipped
    const net::Network n = test::bridge_network();
    const auto drive = net::Stimulus::dc(0.5);  // positive: current flows from src through the network to drn
    const double tstop = 0.01, dt = 1e-3;

    net::NetlistOptions no;
    no.codemodel_load = net::CodemodelLoad::None;
    no.stimulus = drive;
    no.drive = "src";
    no.tstop = tstop;
    no.tmax = dt;
    no.save_lambda = no.save_wires = true;
    Session s;
    s.load_codemodel(cm.string());
    s.load_circuit(nwn::split_lines(net::write_netlist(n, no)));
    Seen spice, native;
    s.set_layout_callback(names_into(spice));
    s.set_recorder(first_currents(spice));
    const auto spice_out = s.run();
    s.set_recorder({});
    s.set_layout_callback({});
    INFO(spice_out.message);
    REQUIRE(spice_out.ok());

    NativeOptions opt;
    opt.dt = dt;
    opt.tstop = tstop;
    opt.params = {no.params};
    NativeEngine eng(n, {{"src", drive}}, opt);
    REQUIRE(eng.run(first_currents(native), names_into(native)).ok());

    std::cout << "deck vectors:";
    for (const auto& name : spice.names) std::cout << " " << name;
    std::cout << "\nfirst point: i(vdrn) = " << spice.i_drain << " A (libngspice), " << native.i_drain
              << " A (native); i(vsrc) = " << spice.i_source << " A, " << native.i_source << " A" << std::endl;
    CHECK(spice.names.size() == 1 + 2 + 4 + 5);  // time, two electrode currents, four wires, five states
    for (const auto& name : spice.names) {
        INFO(name);
        CHECK(eng.layout().find(name) != VectorLayout::npos);
    }
    CHECK(spice.i_drain > 0);
    CHECK(native.i_drain > 0);
    CHECK(spice.i_source < 0);
    CHECK(native.i_source < 0);
    // Both start from lambda = 0, where the conductances hardly change over ngspice's first small step.
    CHECK(native.i_drain == Approx(spice.i_drain).epsilon(1e-3));
}

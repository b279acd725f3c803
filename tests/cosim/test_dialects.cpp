// The LTspice and Xyce texts of each junction model carry the same equations as its ngspice subcircuit and
// its header, whatever shape the generated subcircuit takes.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <random>
#include <sstream>

#include "common/atomic_file.h"
#include "devicemodel/hochstetter/hochstetter.h"
#include "devicemodel/miranda/miranda.h"
#include "devicemodel/models.h"
#include "netlistgen/netlist/dialect_spice.h"
#include "netlistgen/netlist/spice_expression.h"
#include "support/reference.h"

using namespace nwn::test;
using nwn::net::SpiceDialect;

namespace {

// A source of the library that defines a quantity, in file order: "Bx 0 n I = e" into a 1 ohm resistor
// (or "Bx n 0 V = e") makes v(n) = e; "Ex n 0 c d k", or "Gx 0 n c d k" into a 1 ohm resistor, makes
// v(n) = k (v(c) - v(d)); the junction's "Bj a b I" is its current (target empty).
struct Source {
    std::string target, expr;                // B
    std::string cp, cn;                      // E, G
    double gain = 0;
    bool param = false;                      // a .param: expr evaluates to a parameter
};

std::vector<Source> sources(const std::string& text) {
    std::vector<Source> out;
    std::istringstream is(text);
    for (std::string l; std::getline(is, l);) {
        if (l.rfind(".param ", 0) == 0) {  // a constant of the parameters: target the name, no nodes
            const auto eq = l.find('=');
            std::string e = l.substr(eq + 1);
            if (e.size() > 1 && e.front() == '{' && e.back() == '}') e = e.substr(1, e.size() - 2);
            out.push_back({l.substr(7, eq - 7), e, "", "", 0, true});
            continue;
        }
        if (l.empty() || (l[0] != 'B' && l[0] != 'E' && l[0] != 'G')) continue;
        std::istringstream ws(l);
        std::string name, n1, n2;
        ws >> name >> n1 >> n2;
        Source src;
        src.target = n1 == "a" ? "" : n1 == "0" ? n2 : n1;
        if (l[0] == 'E' || l[0] == 'G') {
            ws >> src.cp >> src.cn >> src.gain;
        } else {
            const auto eq = l.find('=');
            src.expr = l.substr(eq + 1);
            if (l[eq - 1] != ' ' && src.expr.front() == '{') src.expr = src.expr.substr(1, src.expr.size() - 2);  // Xyce
        }
        out.push_back(src);
    }
    return out;
}

std::map<std::string, double> default_params(const nwn::device::JunctionModel& model) {
    std::map<std::string, double> m;
    for (const auto& p : model.params) m[p.name] = p.dc;
    return m;
}

// Evaluates the library's sources in file order (later sources read earlier nodes and .params) at the
// nodes a, b, l, checking that the translated library's `tr` gives the same bits; returns the junction's
// current and the state's rate (Bl drives cstate*dx/dt).
std::pair<double, double> evaluate(const std::vector<Source>& base, const std::vector<Source>& tr,
                                   std::map<std::string, double> params, std::map<std::string, double> nodes) {
    double current = 0, rate = 0;
    for (std::size_t i = 0; i < base.size(); ++i) {
        const auto& b = base[i];
        if (b.param) {
            const double want = nwn::net::evaluate_expression(b.expr, params, {});
            CHECK(nwn::net::evaluate_expression(tr[i].expr, params, {}) == want);
            params[b.target] = want;
            continue;
        }
        if (!b.cp.empty()) {
            nodes[b.target] = b.gain * (nodes.at(b.cp) - nodes.at(b.cn));
            continue;
        }
        const double want = nwn::net::evaluate_expression(b.expr, params, nodes);
        CHECK(nwn::net::evaluate_expression(tr[i].expr, params, nodes) == want);  // same tree, same bits
        if (b.target == "l") rate = want / params.at("cstate");
        else if (b.target.empty()) current = want;
        else nodes[b.target] = want;
    }
    return {current, rate};
}

}  // namespace

TEST_CASE("LTspice and Xyce subcircuits evaluate to the ngspice subcircuit and to junction.h", "[cosim][dialects]") {
    const std::string ng = nwn::device::default_junction_model().subckt_library_text();
    const auto base = sources(ng);
    REQUIRE(base.size() >= 3);
    const auto params = default_params(nwn::device::default_junction_model());
    const nwn_junction_params jp = nwn_params_dc();
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> uv(-0.1, 0.1), ul(-0.016, 0.016), u(-1, 1);
    for (SpiceDialect d : {SpiceDialect::Ngspice, SpiceDialect::Ltspice, SpiceDialect::Xyce}) {
        const std::string text = nwn::net::translate_junction_library(ng, d);
        const auto tr = sources(text);
        REQUIRE(tr.size() == base.size());
        if (d != SpiceDialect::Ngspice) {
            CHECK(text.find('?') == std::string::npos);
            CHECK(text.find("{vset}") == std::string::npos);
        }
        if (d == SpiceDialect::Ltspice) CHECK(text.find("&&") == std::string::npos);
        if (d == SpiceDialect::Xyce) CHECK(text.find("PARAMS: vset=") != std::string::npos);
        for (int k = 0; k < 300; ++k) {
            // near the thresholds and bounds as often as anywhere else
            double v = uv(rng), lam = ul(rng);
            if (k % 3 == 1) v = (k % 2 ? 1 : -1) * (jp.vset + 1e-3 * u(rng));
            if (k % 3 == 2) lam = (k % 2 ? 1 : -1) * (k % 4 ? jp.lcrit : jp.lmax) + 1e-5 * u(rng);
            const auto [current, rate] = evaluate(base, tr, params, {{"a", v}, {"b", 0}, {"l", lam}});
            double d1, d2;
            CHECK(current == Approx(nwn_conductance(&jp, lam, &d1) * v).epsilon(1e-12).margin(1e-300));
            CHECK(rate == Approx(nwn_rate(&jp, v, lam, &d1, &d2)).epsilon(1e-9).margin(1e-12));
        }
    }
}

TEST_CASE("network subcircuits in the dialects", "[cosim][dialects]") {
    const auto ex = source_dir() / "examples";
    const std::string net = nwn::read_file(ex / "cosim_net_sc.lib");
    const auto xyce = nwn::net::translate_network_subckt(net, SpiceDialect::Xyce, "cosim_nwnjunction_xyce.lib");
    CHECK(xyce.find(".include cosim_nwnjunction_xyce.lib") != std::string::npos);
    CHECK(nwn::net::translate_network_subckt("X1 a b l nwnjunction boost=5\n", SpiceDialect::Xyce, "x") ==
          "* Xyce dialect, translated by nwnspice from the ngspice text (same equations; see "
          "netlistgen/netlist/dialect_spice.h). Not run in Xyce by nwnspice's tests.\n"
          "X1 a b l nwnjunction PARAMS: boost=5\n");
    CHECK_THROWS_WITH(nwn::net::parse_dialect("pspice"), Catch::Contains("ltspice or xyce"));
}

TEST_CASE("miranda: LTspice and Xyce subcircuits evaluate to the ngspice subcircuit and to miranda.h", "[cosim][dialects][miranda]") {
    const auto& model = nwn::device::junction_model("miranda");
    const std::string ng = model.subckt_library_text();
    const auto base = sources(ng);
    REQUIRE(base.size() >= 3);
    const auto params = default_params(model);
    const nwn_miranda_params mp = nwn_miranda_params_dc();
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> uv(-0.8, 0.8), ug(0, 1);
    for (SpiceDialect d : {SpiceDialect::Ngspice, SpiceDialect::Ltspice, SpiceDialect::Xyce}) {
        const auto tr = sources(nwn::net::translate_junction_library(ng, d));
        REQUIRE(tr.size() == base.size());
        for (int k = 0; k < 200; ++k) {
            const double v = k == 0 ? 0.0 : k == 1 ? 7.0 : uv(rng), g = ug(rng);  // 0 V and a held exponent too
            const auto [current, rate] = evaluate(base, tr, params, {{"a", v}, {"b", 0}, {"l", g}});
            double d1, d2;
            CHECK(current == Approx(nwn_miranda_conductance(&mp, g, &d1) * v).epsilon(1e-12).margin(1e-300));
            CHECK(rate == Approx(nwn_miranda_rate(&mp, v, g, &d1, &d2)).epsilon(1e-9).margin(1e-12));
        }
    }
}

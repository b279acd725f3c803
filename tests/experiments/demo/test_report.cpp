// The pieces of the report and of the demo's analyses: the page (escaping, sections, figures, its JSON
// form), the first conducting path and the event-for-event matching.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "runner/experiments/demo/demo_activation_analysis.h"
#include "runner/experiments/demo/demo_event_match.h"
#include "runner/experiments/demo/report_page.h"

using namespace nwn;
namespace rp = nwn::exp::report;

TEST_CASE("The page escapes text, keeps sections, figures and commands, and survives its JSON form") {
    rp::Page p;
    p.title = "A <demo> & more";
    p.intro = {"x < y"};
    rp::Section s;
    s.id = "sec1";
    s.title = "First";
    s.status = "skipped";
    s.wall_s = 12.34;
    s.engines = "native";
    s.paragraphs = {"\"quoted\""};
    s.tables.push_back({"cap", {"a", "b"}, {{"1", "2"}}});
    s.figures.push_back({"plots/a b.svg", "fig", {"plots/a.csv"}});
    s.commands = {"nwn run 'x y'"};
    p.sections = {s};
    const std::string html = rp::render_html(p);
    CHECK(html.find("<title>A &lt;demo&gt; &amp; more</title>") != std::string::npos);
    CHECK(html.find("<section id=\"sec1\" data-status=\"skipped\">") != std::string::npos);
    CHECK(html.find("<img src=\"plots/a%20b.svg\"") != std::string::npos);
    CHECK(html.find("&quot;quoted&quot;") != std::string::npos);
    CHECK(html.find("nwn run 'x y'") != std::string::npos);
    CHECK(html.find("12 s") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    const auto back = rp::page_from_json(rp::to_json(p));
    CHECK(rp::render_html(back) == html);
    CHECK_THROWS_WITH(rp::page_from_json(nlohmann::json{{"format", "other"}}), Catch::Contains("not an nwnspice report"));
}

TEST_CASE("Table numbers: n/a for non-finite values, value ± sigma") {
    CHECK(rp::num(NAN) == "n/a");
    CHECK(rp::num(1.23456, 3) == "1.23");
    CHECK(rp::num_pm(1.981, 0.0112) == "1.98 ± 0.01");
    CHECK(rp::num_pm(2, NAN) == "2.00");
    CHECK(rp::seconds(-1) == "n/a");
}

namespace {

// Wires 0..4; source wire 0, drain wire 4. Two routes: 0-1-4 (junctions 0, 2) and 0-2-3-4 (1, 3, 4).
net::Network two_routes() {
    net::Network n;
    n.lx = n.ly = 10;
    n.wires.resize(5);
    n.junctions = {{0, 1}, {0, 2}, {1, 4}, {2, 3}, {3, 4}};
    n.electrodes.resize(2);
    n.electrodes[0].name = "src", n.electrodes[0].wires = {0};
    n.electrodes[1].name = "drn", n.electrodes[1].wires = {4};
    return n;
}

}  // namespace

TEST_CASE("The first conducting path: the first sample where on-junctions join source and drain, shortest route") {
    const auto net = two_routes();
    // Samples 0..3. The long route is complete at sample 2, the short one at sample 3.
    std::vector<std::vector<double>> lam = {
        {0, 0, 0, 0.011},        // junction 0 (0-1)
        {0.011, 0.011, 0.011, 0.011},  // 1 (0-2)
        {0.02, 0.02, 0.02, 0.02},      // 2 (1-4), on but its route is cut at junction 0 until sample 3
        {0, 0.01, 0.015, 0.015},       // 3 (2-3): lcrit itself counts as on
        {0, 0, -0.012, -0.012},        // 4 (3-4): either polarity
    };
    auto p = exp::first_conducting_path(net, lam, 0.01);
    REQUIRE(p.found);
    CHECK(p.sample == 2);
    CHECK(p.junctions == std::vector<int>{1, 3, 4});
    CHECK(p.wires == std::vector<int>{0, 2, 3, 4});
    lam[4] = {0, 0, 0, 0};
    p = exp::first_conducting_path(net, lam, 0.01);
    REQUIRE(p.found);
    CHECK(p.sample == 3);
    CHECK(p.junctions == std::vector<int>{0, 2});
    for (auto& l : lam) l = {0, 0, 0, 0};
    CHECK_FALSE(exp::first_conducting_path(net, lam, 0.01).found);
    CHECK_THROWS(exp::first_conducting_path(net, {{0}}, 0.01));
}

TEST_CASE("Activation time: first sample above a multiple of the first value") {
    const std::vector<double> t{1, 2, 3, 4}, g{1, 5, 11, 200};
    CHECK(exp::first_crossing(t, g, 10) == 3);
    CHECK(exp::first_crossing(t, g, 100) == 4);
    CHECK(std::isnan(exp::first_crossing(t, g, 1000)));
}

TEST_CASE("Events are matched one to one within the window, nearest first") {
    const std::vector<double> a{0.010, 0.010, 0.050, 0.100}, b{0.012, 0.0095, 0.0101, 0.300};
    std::vector<double> bs = b;
    std::sort(bs.begin(), bs.end());
    const auto m = exp::match_events(a, bs, 5e-3);
    CHECK(m.a == 4);
    CHECK(m.b == 4);
    CHECK(m.matched == 2);  // both events at 10 ms; nothing near 50 ms or 100 ms
    CHECK(m.fraction() == Approx(0.5));
    CHECK(m.median_abs_dt == Approx(0.0005).margin(1e-12));
    // An offset of exactly the window on a 1 ms grid pairs whichever way the time stamps were summed.
    double acc = 0;
    for (int k = 0; k < 30; ++k) acc += 1e-3;  // 0.030000000000000013
    CHECK(exp::match_events({25 * 1e-3}, {acc}, 5e-3).matched == 1);
    CHECK(exp::match_events({acc}, {25 * 1e-3}, 5e-3).matched == 1);
    CHECK(exp::match_events({25 * 1e-3}, {0.0301}, 5e-3).matched == 0);
}

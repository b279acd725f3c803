#include "runner/experiments/demo/demo.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <thread>

#include "common/atomic_file.h"
#include "common/cancel.h"
#include "common/error.h"
#include "common/format.h"
#include "common/stop_signals.h"
#include "runner/experiments/demo/demo_context.h"
#include "nwn_config.h"

namespace fs = std::filesystem;

namespace nwn::exp {

namespace {

using Clock = std::chrono::steady_clock;

struct SectionDef {
    const char* id;
    const char* title;
    report::Section (*run)(DemoContext&);
};
const SectionDef kSections[] = {
    {"activation", "Activation: the first conducting path (paper Fig. 2)", demo_activation},
    {"avalanches", "Avalanches and criticality (paper Figs. 3-5)", demo_avalanches},
    {"chaos", "Edge of chaos: Lyapunov exponents and NLT accuracy (paper Figs. 6-8)", demo_chaos},
    {"cosim", "Co-simulation: a network between CMOS circuits", demo_cosim},
    {"reservoir", "Reservoir computing: a pad array on NARMA-10 and the digits", demo_reservoir},
};

// NWNsim's files: --reference, else $NWN_REFERENCE_DIR, else the build's default; DIR or DIR/nwnsim.
std::optional<fs::path> find_nwnsim(const DemoSpec& spec) {
    std::vector<fs::path> candidates;
    if (spec.reference) candidates.push_back(*spec.reference);
    else if (const char* env = std::getenv("NWN_REFERENCE_DIR"); env && *env) candidates.push_back(env);
    else candidates.push_back(NWN_REFERENCE_DIR_DEFAULT);
    for (const auto& c : candidates)
        for (const auto& d : {c, c / "nwnsim"})
            if (fs::exists(d / "nw100_seed042.mat") && fs::exists(d / "tl_T10_DC1.8V_timeseries.csv")) return d.lexically_normal();
    if (spec.reference) throw Error(spec.reference->string() + ": no NWNsim reference data there (nw100_seed042.mat)");
    return std::nullopt;
}

fs::path find_examples(const DemoSpec& spec) {
    if (spec.examples) return *spec.examples;
    const fs::path beside = spec.nwn_binary.parent_path() / ".." / "share" / "nwnspice" / "examples";
    if (fs::exists(beside / "cosim_potentiation.cir")) return beside;
    return fs::path(NWN_SOURCE_DIR) / "examples";
}

std::string now_text() {
    const std::time_t t = std::time(nullptr);
    char b[64];
    std::strftime(b, sizeof b, "%Y-%m-%d %H:%M %Z", std::localtime(&t));
    return b;
}

}  // namespace

const char* demo_mode_name(DemoMode m) {
    return m == DemoMode::Quick ? "quick" : m == DemoMode::Full ? "full" : "default";
}

std::vector<std::string> demo_section_names() {
    std::vector<std::string> n;
    for (const auto& s : kSections) n.push_back(s.id);
    return n;
}

DemoResult run_demo(const DemoSpec& spec) {
    if (spec.out.empty()) throw Error("--out is required");
    for (const auto& s : spec.sections) {
        bool known = false;
        for (const auto& d : kSections) known |= s == d.id;
        if (!known) throw Error("unknown demo section '" + s + "' (activation, avalanches, chaos, cosim, reservoir)");
    }
    if (spec.nwn_binary.empty() || !fs::exists(spec.nwn_binary)) throw Error("cannot find the nwn program to run the demo's parts");
    const auto start = Clock::now();
    DemoContext ctx{spec, demo_scale(spec.mode), spec.out, find_nwnsim(spec), find_examples(spec), 2, {}, {}};
    ctx.jobs = spec.jobs ? spec.jobs : std::max(1u, std::thread::hardware_concurrency());
    fs::create_directories(spec.out);
    install_stop_signal_handler();

    report::Page page;
    page.title = "nwnspice demo: Hochstetter et al. (Nat. Commun. 12, 4008, 2021) reproduced";
    page.intro = {
        "Silver nanowire networks are random networks of memristive junctions. Hochstetter et al. showed with their "
        "simulator NWNsim that such a network, driven at its activation threshold, switches in avalanches whose sizes and "
        "lifetimes follow power laws obeying the crackling relation (criticality), and that under periodic drive it sits at the "
        "edge of chaos, where it learns best. This page reproduces those results with nwnspice: the same junction in ngspice "
        "(libngspice) and NWNsim's own scheme (the native engine), side by side with the paper's and NWNsim's numbers.",
        std::string("Mode: ") + demo_mode_name(spec.mode) + " (nwn demo" +
            (spec.mode == DemoMode::Quick ? " --quick" : spec.mode == DemoMode::Full ? " --full" : "") + "), " +
            std::to_string(ctx.jobs) + " parallel jobs, " + now_text() + ". NWNsim reference data: " +
            (ctx.nwnsim ? ctx.nwnsim->string() : std::string("not found")) +
            ". Every figure links its CSV data and gnuplot script; each section ends with the nwn commands that reproduce it "
            "(run from the directory where nwn demo ran)."};
    report::Table overview{"Sections", {"section", "status", "wall time", "engines"}, {}};

    DemoResult res;
    nlohmann::json walls;
    bool all_ok = true;
    for (const auto& def : kSections) {
        const bool wanted = spec.sections.empty() || std::find(spec.sections.begin(), spec.sections.end(), def.id) != spec.sections.end();
        if (!wanted) continue;
        report::Section sec;
        if (cancel_requested()) {
            sec = skipped_section(def.id, def.title, "the demo was interrupted before this section.");
            sec.status = "interrupted";
        } else {
            fs::remove_all(spec.out / def.id);  // a fresh section: honest wall times, no mix of settings
            const auto t0 = Clock::now();
            try {
                sec = def.run(ctx);
            } catch (const std::exception& e) {
                sec = skipped_section(def.id, def.title, e.what());
                sec.status = "failed";
                ctx.summary.push_back(std::string(def.id) + ": failed: " + e.what());
            }
            if (cancel_requested() && sec.status == "ok") sec.status = "interrupted";
            sec.wall_s = std::chrono::duration<double>(Clock::now() - t0).count();
            walls[def.id] = sec.wall_s;
        }
        all_ok &= sec.status == "ok" || sec.status == "skipped";
        overview.rows.push_back({sec.title, sec.status, sec.wall_s >= 0 ? report::seconds(sec.wall_s) : "-", sec.engines});
        page.sections.push_back(std::move(sec));
    }
    const double total = std::chrono::duration<double>(Clock::now() - start).count();
    overview.rows.push_back({"total", all_ok ? "ok" : "see above", report::seconds(total), ""});
    report::Section head;
    head.id = "overview";
    head.title = "Overview";
    head.tables.push_back(overview);
    head.paragraphs.push_back("SPICE (libngspice) runs where it is the point: the activation of NWNsim's network and its golden "
                              "comparison, one avalanche-ensemble member re-run event for event, and the CMOS co-simulation. The "
                              "ensembles and the Lyapunov/NLT scan use the native engine (NWNsim's own discrete scheme), which is "
                              "10-40x faster and is itself checked against NWNsim to 1e-14.");
    head.commands.push_back(spec.command_line);
    page.sections.insert(page.sections.begin(), head);
    page.footer = "Written by " + spec.command_line + ". Wall times are those of this machine, shared with whatever else ran on it.";

    ctx.numbers["mode"] = demo_mode_name(spec.mode);
    ctx.numbers["wall_s"] = walls;
    ctx.numbers["wall_s"]["total"] = total;
    write_file_atomic(spec.out / "demo.json", ctx.numbers.dump(2) + "\n");
    write_file_atomic(spec.out / "report.json", report::to_json(page).dump(1) + "\n");
    res.report = spec.out / "index.html";
    report::write_html(res.report, page);

    std::string summary = std::string("nwn demo (") + demo_mode_name(spec.mode) + ", " + fmt("%.0f", total) + " s):\n";
    for (const auto& l : ctx.summary) summary += "  " + l + "\n";
    summary += "report: " + res.report.string() + "\n";
    write_file_atomic(spec.out / "summary.txt", summary);
    res.summary = summary;
    res.interrupted = cancel_requested();
    res.all_ok = all_ok;
    return res;
}

}  // namespace nwn::exp

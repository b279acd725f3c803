// Activation (paper Fig. 2): NWNsim's 100-wire network under DC through the code model in libngspice.
#include <cmath>

#include "common/atomic_file.h"
#include "common/format.h"
#include "netlistgen/network/junction_params.h"
#include "netlistgen/network/network_json.h"
#include "netlistgen/network/svg_picture.h"
#include "runner/experiments/demo/demo_activation_analysis.h"
#include "runner/experiments/demo/demo_context.h"
#include "runner/experiments/ensemble/ensemble_members.h"
#include "runner/experiments/plots/plots_gnuplot.h"
#include "runner/io/run_dir.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;

namespace nwn::exp {

namespace {

constexpr double kGoldenVstar = 20;  // NWNsim's stored run: 1.8 V = 20 · n · vset with n = 9
// The golden test's tolerances (tests/golden): the continuous-time solution differs from NWNsim's 1 ms
// Euler only through the activation transient, whose continuous-time limit is 50.6 / 52.2 ms.
constexpr double kTolG0 = 0.005, kTolGend = 0.01, kT10Limit = 0.0506, kT100Limit = 0.0522, kTolT = 0.0015;
constexpr int kTolOn = 3;

struct RunData {
    double vstar = 0, volts = 0;
    fs::path dir;
    std::vector<double> t, g;
    bool ok = false;
};

std::string vstar_label(double v) { return number_label(v); }

void write_two_columns(const fs::path& file, const std::string& a, const std::string& b, const std::vector<double>& x,
                       const std::vector<double>& y, std::size_t stride = 1) {
    auto ts = io::TimeSeries::with_columns({a, b});
    for (std::size_t k = 0; k < x.size(); k += stride) ts.add_row({x[k], y[k]});
    io::write_timeseries_csv(file, ts);
}

std::string verdict(bool ok) { return ok ? "matches" : "DIFFERS"; }

}  // namespace

fs::path ensure_nw100(DemoContext& ctx, report::Section& sec) {
    const fs::path dir = ctx.out / "activation", file = dir / "nw100.json";
    const std::vector<std::string> cmd{"import-mat", (*ctx.nwnsim / "nw100_seed042.mat").string(), "-o", file.string()};
    if (fs::exists(file)) {  // imported by an earlier section: its command still belongs to this one's recipe
        sec.commands.push_back(shell_line(cmd));
        return file;
    }
    fs::create_directories(dir);
    const auto st = run_children(ctx, sec, sec.id + ": import", {cmd}, {dir / "import.log"});
    if (st[0] == 0) return file;
    sec.status = "failed";
    sec.paragraphs.push_back("nwn import-mat failed; see " + (dir / "import.log").string());
    return {};
}

report::Section demo_activation(DemoContext& ctx) {
    report::Section sec;
    sec.id = "activation";
    sec.title = "Activation: the first conducting path (paper Fig. 2)";
    if (!ctx.nwnsim)
        return skipped_section(sec.id, sec.title,
                               "NWNsim's reference data (nw100_seed042.mat, tl_T10_DC1.8V_*.csv) was not found; set "
                               "NWN_REFERENCE_DIR or --reference to the directory that holds nwnsim/.");
    const fs::path dir = ctx.out / "activation", plots = dir / "plots";
    fs::create_directories(plots);
    fs::remove(dir / "nw100.json");  // imported afresh, so that its command is in this section
    const fs::path net_file = ensure_nw100(ctx, sec);
    if (net_file.empty()) return sec;
    const net::Network net = net::read_network(net_file);
    const int n = net.hop_distance.value_or(9);
    const auto dc = net::preset_params("dc");

    std::vector<RunData> runs;
    std::vector<std::vector<std::string>> cmds;
    std::vector<fs::path> logs;
    for (double v : ctx.scale.activation_vstar) {
        RunData r;
        r.vstar = v;
        r.volts = v * n * dc.vset;
        r.dir = dir / ("Vstar" + vstar_label(v));
        // The code model in ngspice 39.3, NWNsim's 1 ms as the maximum step; every accepted point is kept, so that
        // the activation times are resolved better than NWNsim's grid.
        cmds.push_back({"run", net_file.string(), "--flavour", "codemodel", "--stimulus", "dc:" + fmt("%.6g", r.volts),
                        "--tstop", fmt("%g", ctx.scale.activation_tstop), "--tmax", "1e-3",
                        "--save-lambda", "--quiet", "--out", r.dir.string()});
        logs.push_back(r.dir / "nwn.log");
        runs.push_back(r);
    }
    const auto st = run_children(ctx, sec, "activation: runs", cmds, logs);
    for (std::size_t k = 0; k < runs.size(); ++k) {
        if (st[k] != 0) continue;
        const auto ts = io::read_timeseries_csv(io::RunPaths{runs[k].dir}.timeseries(), {{"t", "G"}});
        runs[k].t = ts.columns[0];
        runs[k].g = ts.columns[1];
        runs[k].ok = !runs[k].t.empty();
    }
    sec.engines = "libngspice (ngspice 39.3) with the nwnjunction XSPICE code model, every run";

    // G(t) of every V*, with NWNsim's stored 1.8 V run.
    const auto golden = io::read_timeseries_csv(*ctx.nwnsim / "tl_T10_DC1.8V_timeseries.csv", {{"t_s", "G_S"}});
    const auto& gt = golden.columns[0];
    const auto& gg = golden.columns[1];
    write_two_columns(plots / "activation_G_nwnsim.csv", "t", "G", gt, gg);
    std::string body = "  set logscale xy\n  set format y \"%.0e\"\n  set grid\n  set xlabel \"t (s)\"\n"
                       "  set ylabel \"network conductance G (S)\"\n  set key bottom right\n"
                       "  set title \"NWNsim's 100-wire network, DC, libngspice + code model\"\n  plot ";
    bool first = true;
    report::Table per_v{"Per drive: activation times and the first conducting path (junctions with |lambda| >= lcrit "
                        "joining source and drain)",
                        {"V*", "V (V)", "G(first) (S)", "G(end) (S)", "t(G > 10 G0)", "t(G > 100 G0)",
                         "first conducting path at", "its hops n"},
                        {}};
    nlohmann::json jruns = nlohmann::json::array();
    const RunData* pictured = nullptr;
    ConductingPath picture_path;
    std::vector<double> picture_lambda;
    double picture_t = 0;
    for (const auto& r : runs) {
        if (!r.ok) {
            per_v.rows.push_back({number_label(r.vstar), fmt("%.4g", r.volts), "run failed: see " + (r.dir / "nwn.log").string()});
            continue;
        }
        const std::string csv = "activation_G_Vstar" + vstar_label(r.vstar) + ".csv";
        const std::size_t stride = std::max<std::size_t>(1, r.t.size() / 4000);
        write_two_columns(plots / csv, "t", "G", r.t, r.g, stride);
        body += std::string(first ? "" : ", ") + gp_string(csv) + " skip 1 using 1:2 with lines lw 2 title " +
                gp_string("V* = " + number_label(r.vstar));
        first = false;
        // Junction states on the sample grid: the first conducting path.
        const auto lam = io::read_timeseries_csv(io::RunPaths{r.dir}.lambda());
        std::vector<std::vector<double>> states(net.junctions.size());
        for (std::size_t c = 0; c < lam.names.size(); ++c)
            if (lam.names[c].size() > 1 && lam.names[c][0] == 'l') {
                const auto k = std::stoul(lam.names[c].substr(1));
                if (k < states.size()) states[k] = lam.columns[c];
            }
        for (auto& s : states)
            if (s.empty()) s.assign(lam.rows(), 0.0);  // junctions outside the electrodes' component
        const auto path = first_conducting_path(net, states, dc.lcrit);
        const double tp = path.found ? lam.columns[0][path.sample] : NAN;
        const double t10 = first_crossing(r.t, r.g, 10), t100 = first_crossing(r.t, r.g, 100);
        per_v.rows.push_back({number_label(r.vstar), fmt("%.4g", r.volts), report::num(r.g.front(), 4), report::num(r.g.back(), 4),
                              std::isfinite(t10) ? fmt("%.4g s", t10) : "not within the run",
                              std::isfinite(t100) ? fmt("%.4g s", t100) : "not within the run",
                              path.found ? fmt("%.4g s", tp) : "none within the run",
                              path.found ? std::to_string(path.junctions.size()) : "-"});
        jruns.push_back({{"vstar", r.vstar}, {"volts", r.volts}, {"g_first", r.g.front()}, {"g_last", r.g.back()},
                         {"t10", std::isfinite(t10) ? nlohmann::json(t10) : nlohmann::json()},
                         {"t100", std::isfinite(t100) ? nlohmann::json(t100) : nlohmann::json()},
                         {"path_t", path.found ? nlohmann::json(tp) : nlohmann::json()},
                         {"path_hops", path.found ? nlohmann::json(path.junctions.size()) : nlohmann::json()}});
        // The picture: the lowest drive whose path forms, as the paper shows the network near threshold.
        if (path.found && (!pictured || r.vstar < pictured->vstar)) {
            pictured = &r;
            picture_path = path;
            picture_t = tp;
            picture_lambda.assign(net.junctions.size(), 0.0);
            for (std::size_t k = 0; k < states.size(); ++k) picture_lambda[k] = states[k][path.sample];
        }
    }
    body += std::string(first ? "" : ", ") + "\"activation_G_nwnsim.csv\" skip 1 using 1:2 with lines dt 2 lw 2 lc rgb \"black\" "
            "title \"NWNsim, V* = 20 (stored run)\"\n";
    std::vector<GnuplotFigure> figs{{"activation_G", body}};

    // The golden comparison: our V* = 20 against NWNsim's stored run.
    report::Table gold{"Golden comparison: libngspice (code model) against NWNsim's stored DC 1.8 V run (docs/model.md §7.1)",
                       {"quantity", "nwnspice (libngspice)", "NWNsim (1 ms Euler)", "tolerance", "verdict"},
                       {}};
    bool golden_ok = false;
    for (const auto& r : runs) {
        if (!r.ok || r.vstar != kGoldenVstar) continue;
        const auto lam_final = io::read_timeseries_csv(*ctx.nwnsim / "tl_T10_DC1.8V_finalStates.csv", {{"lambda_final"}});
        int on_ref = 0;
        for (double l : lam_final.columns[0]) on_ref += std::fabs(l) >= dc.lcrit;
        const auto lam = io::read_timeseries_csv(io::RunPaths{r.dir}.lambda());
        int on = 0;
        for (std::size_t c = 1; c < lam.names.size(); ++c) on += std::fabs(lam.columns[c].back()) >= dc.lcrit;
        const double t10 = first_crossing(r.t, r.g, 10), t100 = first_crossing(r.t, r.g, 100);
        const double rt10 = first_crossing(gt, gg, 10), rt100 = first_crossing(gt, gg, 100);
        const bool ok0 = std::fabs(r.g.front() / gg.front() - 1) <= kTolG0, ok1 = std::fabs(r.g.back() / gg.back() - 1) <= kTolGend;
        const bool ok2 = std::abs(on - on_ref) <= kTolOn, ok3 = std::fabs(t10 - kT10Limit) <= kTolT,
                   ok4 = std::fabs(t100 - kT100Limit) <= kTolT;
        golden_ok = ok0 && ok1 && ok2 && ok3 && ok4;
        gold.rows = {
            {"G at the first point (S)", report::num(r.g.front(), 6), report::num(gg.front(), 6), "0.5 %", verdict(ok0)},
            {"G at 10 s (S)", report::num(r.g.back(), 6), report::num(gg.back(), 6), "1 %", verdict(ok1)},
            {"junctions with |lambda| >= lcrit at 10 s", std::to_string(on), std::to_string(on_ref), "± 3", verdict(ok2)},
            {"G > 10 G(0) at", fmt("%.2f ms", t10 * 1e3), fmt("%.1f ms", rt10 * 1e3),
             "1.5 ms of 50.6 ms (NWNsim's scheme at dt -> 0)", verdict(ok3)},
            {"G > 100 G(0) at", fmt("%.2f ms", t100 * 1e3), fmt("%.1f ms", rt100 * 1e3),
             "1.5 ms of 52.2 ms (NWNsim's scheme at dt -> 0)", verdict(ok4)}};
        ctx.numbers["activation"]["golden"] = {{"g_first", r.g.front()}, {"g_last", r.g.back()}, {"on", on}, {"t10", t10},
                                               {"t100", t100}, {"nwnsim_g_first", gg.front()}, {"nwnsim_g_last", gg.back()},
                                               {"nwnsim_on", on_ref}, {"nwnsim_t10", rt10}, {"nwnsim_t100", rt100},
                                               {"matches", golden_ok}};
        // The transition itself, on a linear time axis.
        const std::size_t upto = std::min<std::size_t>(r.t.size(), 200);
        write_two_columns(plots / "activation_golden_nwnspice.csv", "t", "G", std::vector<double>(r.t.begin(), r.t.begin() + upto),
                          std::vector<double>(r.g.begin(), r.g.begin() + upto));
        write_two_columns(plots / "activation_golden_nwnsim.csv", "t", "G", std::vector<double>(gt.begin(), gt.begin() + std::min<std::size_t>(gt.size(), 200)),
                          std::vector<double>(gg.begin(), gg.begin() + std::min<std::size_t>(gg.size(), 200)));
        figs.push_back({"activation_golden",
                        "  set logscale y\n  set format y \"%.0e\"\n  set grid\n  set xlabel \"t (s)\"\n  set ylabel \"G (S)\"\n"
                        "  set key bottom right\n  set title \"DC 1.8 V (V* = 20): the LCS -> HCS transition\"\n"
                        "  plot \"activation_golden_nwnspice.csv\" skip 1 using 1:2 with lines lw 2 title \"nwnspice, libngspice + code model\", "
                        "\"activation_golden_nwnsim.csv\" skip 1 using 1:2 with points pt 7 ps 0.5 lc rgb \"black\" title \"NWNsim (1 ms Euler)\"\n"});
    }
    const auto warnings = render_figures(plots, figs);
    ctx.numbers["activation"]["runs"] = jruns;
    ctx.numbers["activation"]["hop_distance"] = n;

    sec.paragraphs.push_back(
        "NWNsim's network (100 wires, 261 junctions; contacts 72 -> 29, n = " + std::to_string(n) +
        " hops between them) under a DC drive V = V* n vset, NWNsim's DC junction set, " +
        fmt("%g", ctx.scale.activation_tstop) + " s at a 1 ms maximum step. Below V* = 1 no junction on the way can reach "
        "its set threshold; above it a filament path grows junction by junction until the network switches from its "
        "low- to its high-conductance state (LCS -> HCS) in a few ms, as in the paper's Fig. 2.");
    sec.figures.push_back(report::gnuplot_figure(ctx.out, plots, "activation_G",
                                                 "G(t) for each V* (log-log), with NWNsim's stored 1.8 V run (dashed)."));
    if (pictured) {
        net::Highlight h{picture_path.wires, picture_path.junctions,
                         "first conducting path, n = " + std::to_string(picture_path.junctions.size()) + " hops"};
        write_file_atomic(dir / "first_path.svg", net::network_svg(net, net::JunctionColouring{"lambda", picture_lambda}, h));
        sec.figures.push_back({report::relative_to(ctx.out, dir / "first_path.svg"),
                               "The network at V* = " + number_label(pictured->vstar) + " when the first conducting path forms (t = " +
                                   fmt("%.4g", picture_t) + " s): junctions coloured by |lambda|, the path in magenta (" +
                                   std::to_string(picture_path.junctions.size()) + " junctions; the shortest source-drain route has n = " +
                                   std::to_string(n) + ").",
                               {report::relative_to(ctx.out, io::RunPaths{pictured->dir}.lambda())}});
    }
    sec.tables.push_back(per_v);
    if (!gold.rows.empty()) {
        sec.tables.push_back(gold);
        sec.figures.push_back(report::gnuplot_figure(ctx.out, plots, "activation_golden",
                                                     "The transition at 1.8 V: nwnspice (line) and NWNsim's stored run (dots)."));
        sec.paragraphs.push_back(
            golden_ok ? "The golden comparison passes: before and long after the transition both sit on the same fixed points; "
                        "the transition comes ~1.4 ms earlier than in NWNsim's 1 ms Euler steps, which is where NWNsim's own "
                        "scheme converges as its step is refined (docs/validation.md)."
                      : "The golden comparison does NOT pass every tolerance: see the table.");
    }
    for (const auto& w : warnings) sec.paragraphs.push_back("Plot warning: " + w);
    std::string line = "activation: " + std::to_string(runs.size()) + " drives in libngspice";
    if (!gold.rows.empty()) line += std::string("; golden 1.8 V run ") + (golden_ok ? "matches NWNsim" : "DIFFERS from NWNsim");
    if (pictured) line += "; first path at V* = " + number_label(pictured->vstar) + ": n = " + std::to_string(picture_path.junctions.size());
    ctx.summary.push_back(line);
    bool all = true;
    for (const auto& r : runs) all &= r.ok;
    if (!all || (gold.rows.empty() && !runs.empty())) sec.status = "failed";
    return sec;
}

}  // namespace nwn::exp

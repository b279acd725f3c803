// Edge of chaos (paper Figs. 6-8): the maximal Lyapunov exponent of NWNsim's network under a 1.25 V
// triangle at a few frequencies, and NLT accuracy against it, through nwn phase-diagram.
#include <cmath>
#include <map>

#include "common/format.h"
#include "runner/experiments/demo/demo_context.h"
#include "runner/experiments/ensemble/ensemble_members.h"
#include "runner/experiments/lyapunov/nlt_run.h"
#include "runner/experiments/lyapunov/phase_diagram.h"
#include "runner/experiments/plots/plots_gnuplot.h"
#include "runner/io/json_file.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace nwn::exp {

namespace {

constexpr double kAmplitude = 1.25;

// The paper's Fig. 7 caption and NWNsim's stored Lyapunov.mat (docs/model.md §5, §7.4), at A = 1.25 V.
struct PaperPoint {
    double lambda_caption, lambda_file, r;
};
const std::map<double, PaperPoint> kPaper = {{0.1, {-2.6, -2.66, 7.7e3}}, {0.5, {0.4, 1.42, 7.1e3}}, {0.85, {4.1, 4.04, 5.9e3}}};

std::string paper_cell(double f, bool file) {
    const auto it = kPaper.find(f);
    if (it == kPaper.end()) return "-";
    return fmt("%+.2f", file ? it->second.lambda_file : it->second.lambda_caption);
}

}  // namespace

report::Section demo_chaos(DemoContext& ctx) {
    report::Section sec;
    sec.id = "chaos";
    sec.title = "Edge of chaos: Lyapunov exponents and NLT accuracy (paper Figs. 6-8)";
    if (!ctx.nwnsim)
        return skipped_section(sec.id, sec.title, "NWNsim's network (nw100_seed042.mat) was not found; set NWN_REFERENCE_DIR or --reference.");
    const auto& sc = ctx.scale;
    const fs::path dir = ctx.out / "chaos";
    fs::create_directories(dir);
    const fs::path net = ensure_nw100(ctx, sec);
    if (net.empty()) return sec;
    std::string freqs;
    for (double f : sc.chaos_frequencies) freqs += (freqs.empty() ? "" : ",") + number_label(f);
    const fs::path pd = dir / "phase_diagram";
    ChildProgress prog{static_cast<double>(sc.chaos_frequencies.size()), [pd] { return count_files(pd / "points", "A", "nlt.json"); }};
    std::vector<std::vector<std::string>> cmds{
        {"phase-diagram", net.string(), "--contacts", "72,29", "--amplitudes", number_label(kAmplitude), "--frequencies", freqs,
         "--engine", "native", "--transient", number_label(sc.chaos_transient), "--nlt", "--nlt-duration", number_label(sc.nlt_duration),
         "--jobs", std::to_string(ctx.jobs), "--quiet", "--out", pd.string(), "--", "--periods", number_label(sc.chaos_periods),
         "--skip", "2"}};
    auto st = run_children(ctx, sec, "chaos: Lyapunov + NLT", cmds, {dir / "phase_diagram.log"}, &prog);
    sec.engines = "native engine (NWNsim's scheme, dt 5e-4 s for Lyapunov, 1e-3 s for NLT)";
    if (st[0] != 0 || !fs::exists(pd / "phase_diagram.csv")) {
        sec.status = st[0] == 130 ? "interrupted" : "failed";
        sec.paragraphs.push_back("nwn phase-diagram did not complete; see " + (dir / "phase_diagram.log").string());
        ctx.summary.push_back("chaos: nwn phase-diagram did not complete");
        return sec;
    }
    const auto rows = io::read_timeseries_csv(pd / "phase_diagram.csv",
                                              {{"frequency", "lambda_per_s", "sigma", "r", "accuracy_sine", "accuracy_square",
                                                "accuracy_phase", "accuracy_double"},
                                               true});
    report::Table t{"Maximal Lyapunov exponent (1/s) at A = 1.25 V and NLT accuracy (1 - RNMSE) per task",
                    {"f (Hz)", "lambda (this run)", "sign", "paper, Fig. 7 caption", "NWNsim, Lyapunov.mat", "r = Gmax/Gmin",
                     "sine", "square", "pi/2 shift", "2f"},
                    {}};
    json jp = json::array();
    bool neg = false, pos = false;
    std::string line = "chaos: lambda";
    for (std::size_t k = 0; k < rows.rows(); ++k) {
        const double f = rows.columns[0][k], l = rows.columns[1][k], s = rows.columns[2][k];
        const bool significant = std::isfinite(l) && std::fabs(l) > 2 * (std::isfinite(s) ? s : 0);
        neg |= significant && l < 0;
        pos |= significant && l > 0;
        t.rows.push_back({number_label(f), report::num_pm(l, s), !significant ? "~0" : l < 0 ? "ordered (-)" : "chaotic (+)",
                          paper_cell(f, false), paper_cell(f, true), report::num(rows.columns[3][k], 3), report::num(rows.columns[4][k], 3),
                          report::num(rows.columns[5][k], 3), report::num(rows.columns[6][k], 3), report::num(rows.columns[7][k], 3)});
        jp.push_back({{"frequency", f}, {"lambda", l}, {"sigma", s}, {"r", rows.columns[3][k]},
                      {"accuracy", {{"sine", rows.columns[4][k]}, {"square", rows.columns[5][k]}, {"phase", rows.columns[6][k]},
                                    {"double", rows.columns[7][k]}}}});
        line += " " + fmt("%+.2f", l) + " @" + number_label(f) + " Hz";
    }
    ctx.numbers["chaos"] = {{"amplitude", kAmplitude}, {"points", jp}, {"both_signs", neg && pos}};
    sec.tables.push_back(t);
    sec.paragraphs.push_back(
        "NWNsim's network, AC junction set (vreset = vset, goff = 1e-8 S), a triangle of 1.25 V at each frequency. Benettin's "
        "method: a reference and a copy 1e-7 V s away, renormalised every half period, after a " + number_label(sc.chaos_transient) +
        " s transient, averaged over " + number_label(sc.chaos_periods) + " drive periods (2 skipped); sigma is the batch-means error. "
        "NLT: 80 s (here " + number_label(sc.nlt_duration) + " s) from the attractor, a linear readout of all wire voltages fitted "
        "to four targets. Low frequencies let the network relax between sweeps (ordered, lambda < 0); high ones drive it around "
        "before it settles (chaotic, lambda > 0). The paper's values at 0.5 Hz disagree with each other (caption 0.4, stored file "
        "1.42; docs/model.md §9.9); finite-time estimates over 10-40 periods scatter by about ±0.4 1/s (docs/edge_of_chaos.md).");
    sec.paragraphs.push_back(neg && pos ? "Both signs appear: ordered at low and chaotic at high frequency, as in the paper."
                                        : "Both signs did NOT appear at these frequencies and this averaging length.");
    // Our own figure: lambda against f, with the paper's points.
    {
        auto ts = io::TimeSeries::with_columns({"f", "lambda", "sigma"});
        for (std::size_t k = 0; k < rows.rows(); ++k)
            if (std::isfinite(rows.columns[1][k]))
                ts.add_row({rows.columns[0][k], rows.columns[1][k], std::isfinite(rows.columns[2][k]) ? rows.columns[2][k] : 0.0});
        io::write_timeseries_csv(dir / "lyapunov_vs_f.csv", ts);
        auto ps = io::TimeSeries::with_columns({"f", "lambda_caption", "lambda_file"});
        for (const auto& [f, p] : kPaper) ps.add_row({f, p.lambda_caption, p.lambda_file});
        io::write_timeseries_csv(dir / "lyapunov_vs_f_paper.csv", ps);
        render_figures(dir, {{"lyapunov_vs_f",
                              "  set grid\n  set xlabel \"drive frequency f (Hz)\"\n  set ylabel \"maximal Lyapunov exponent (1/s)\"\n"
                              "  set key top left\n  set xzeroaxis lt -1\n  set title \"A = 1.25 V triangle, NWNsim's network\"\n"
                              "  plot \"lyapunov_vs_f.csv\" skip 1 using 1:2:3 with yerrorbars pt 7 ps 1.3 lw 2 title \"nwnspice (native)\", "
                              "\"lyapunov_vs_f_paper.csv\" skip 1 using 1:2 with points pt 4 ps 1.6 lw 2 title \"paper, Fig. 7 caption\", "
                              "\"lyapunov_vs_f_paper.csv\" skip 1 using 1:3 with points pt 6 ps 1.6 lw 2 title \"NWNsim, Lyapunov.mat\"\n"}});
        sec.figures.push_back(report::gnuplot_figure(ctx.out, dir, "lyapunov_vs_f", "The maximal Lyapunov exponent against the drive frequency."));
    }
    sec.figures.push_back(report::gnuplot_figure(ctx.out, pd, "nlt_vs_lambda",
                                                 "NLT accuracy of each task against the exponent (paper Fig. 8: the harder tasks peak near lambda = 0)."));

    // The same exponent in SPICE at the chaotic end.
    if (sc.chaos_spice && !sc.chaos_frequencies.empty()) {
        const double f = sc.chaos_frequencies.back();
        const fs::path sdir = dir / ("spice_f" + number_label(f));
        st = run_children(ctx, sec, "chaos: SPICE Lyapunov",
                          {{"lyapunov", net.string(), "--contacts", "72,29", "--stimulus", "triangle:1.25:" + number_label(f),
                            "--transient", "60", "--transient-engine", "native", "--quiet", "--out", sdir.string()}},
                          {sdir / "nwn.log"});
        const json lj = io::read_json_file_or_null(sdir / "lyapunov.json");
        if (st[0] == 0 && lj.is_object() && lj["lambda_per_s"].is_number()) {
            const double l = lj["lambda_per_s"].get<double>(), s = lj.value("sigma", NAN);
            sec.tables.push_back({"The chaotic point in SPICE (libngspice, two network copies in one deck, code model)",
                                  {"f (Hz)", "lambda, libngspice", "lambda, native (above)", "NWNsim, Lyapunov.mat"},
                                  {{number_label(f), report::num_pm(l, s), rows.rows() ? report::num_pm(rows.columns[1].back(), rows.columns[2].back()) : "n/a",
                                    paper_cell(f, true)}}});
            sec.engines += "; libngspice (code model) for the SPICE Lyapunov point";
            ctx.numbers["chaos"]["spice"] = {{"frequency", f}, {"lambda", l}, {"sigma", s}};
            line += "; SPICE " + fmt("%+.2f", l) + " @" + number_label(f) + " Hz";
        } else {
            sec.paragraphs.push_back("The SPICE Lyapunov run failed; see " + (sdir / "nwn.log").string());
        }
    }
    line += neg && pos ? " (both signs)" : " (NOT both signs)";
    ctx.summary.push_back(line);
    demo_edge(ctx, sec, net);
    return sec;
}

}  // namespace nwn::exp

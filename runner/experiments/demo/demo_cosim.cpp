// Co-simulation: the CMOS potentiation example (astable pulse generator -> 38-junction network -> CMOS
// transimpedance amplifier) run by nwn run in libngspice, with its per-pulse readout.
#include <algorithm>
#include <cmath>

#include "common/format.h"
#include "runner/experiments/demo/demo_context.h"
#include "runner/experiments/plots/plots_gnuplot.h"
#include "runner/io/run_dir.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;

namespace nwn::exp {

namespace {

constexpr const char* kDeck = "cosim_potentiation.cir";
const char* kFiles[] = {"cosim_potentiation.cir", "cosim_cmos.lib", "cosim_net_cm.lib"};
constexpr double kPulseLevel = -0.75;  // the astable swings between 0 and vss = -1.5 V

// Peak |v(out)| within each pulse (drive below the level).
std::vector<std::pair<double, double>> pulse_peaks(const std::vector<double>& t, const std::vector<double>& drive,
                                                   const std::vector<double>& out) {
    std::vector<std::pair<double, double>> peaks;
    bool in = false;
    for (std::size_t k = 0; k < drive.size(); ++k) {
        if (drive[k] < kPulseLevel) {
            if (!in) peaks.push_back({t[k], 0.0});
            in = true;
            peaks.back().second = std::max(peaks.back().second, std::fabs(out[k]));
        } else {
            in = false;
        }
    }
    return peaks;
}

}  // namespace

report::Section demo_cosim(DemoContext& ctx) {
    report::Section sec;
    sec.id = "cosim";
    sec.title = "Co-simulation: a network between CMOS circuits";
    const fs::path dir = ctx.out / "cosim";
    fs::create_directories(dir);
    for (const char* f : kFiles) {
        if (!fs::exists(ctx.examples / f))
            return skipped_section(sec.id, sec.title, "the example " + (ctx.examples / f).string() + " was not found (--examples DIR)");
        fs::copy_file(ctx.examples / f, dir / f, fs::copy_options::overwrite_existing);
    }
    const auto st = run_children(ctx, sec, "cosim", {{"run", (dir / kDeck).string(), "--quiet", "--out", (dir / "run").string()}},
                                 {dir / "nwn.log"});
    sec.engines = "libngspice (ngspice 39.3): the network's junctions as the nwnjunction code model, the CMOS circuits as "
                  "level-1 MOSFETs, one netlist";
    if (st[0] != 0) {
        sec.status = st[0] == 130 ? "interrupted" : "failed";
        sec.paragraphs.push_back("nwn run failed; see " + (dir / "nwn.log").string());
        ctx.summary.push_back("cosim: the example failed");
        return sec;
    }
    const auto ts = io::read_timeseries_csv(io::RunPaths{dir / "run"}.timeseries(), {{"t", "v(pulse)", "v(out)"}});
    const auto& t = ts.columns[0];
    const auto peaks = pulse_peaks(t, ts.columns[1], ts.columns[2]);
    auto p = io::TimeSeries::with_columns({"t", "v_pulse", "abs_v_out_mV"});
    const std::size_t stride = std::max<std::size_t>(1, t.size() / 6000);
    for (std::size_t k = 0; k < t.size(); k += stride) p.add_row({t[k], ts.columns[1][k], std::fabs(ts.columns[2][k]) * 1e3});
    io::write_timeseries_csv(dir / "cosim.csv", p);
    render_figures(dir, {{"cosim",
                          "  set grid\n  set xlabel \"t (s)\"\n  set ylabel \"TIA output |v(out)| (mV), log\"\n  set logscale y\n"
                          "  set y2label \"pulse generator v(pulse) (V)\"\n  set y2tics\n  set ytics nomirror\n  set y2range [-1.6:4]\n"
                          "  set key top left\n  set title \"CMOS astable -> nanowire network -> CMOS TIA (rf = 10 kOhm)\"\n"
                          "  set yrange [0.01:1000]\n"
                          "  plot \"cosim.csv\" skip 1 using 1:($3 > 0.01 ? $3 : 0.01) with lines lw 2 title \"TIA readout\", "
                          "\"cosim.csv\" skip 1 using 1:2 axes x1y2 with lines lc rgb \"#999999\" title \"drive pulses\"\n"}});
    report::Table tab{"TIA readout at the peak of each pulse (mV)", {"pulse", "t (s)", "|v(out)| peak (mV)"}, {}};
    nlohmann::json jp = nlohmann::json::array();
    for (std::size_t k = 0; k < peaks.size(); ++k) {
        tab.rows.push_back({std::to_string(k + 1), fmt("%.4f", peaks[k].first), fmt("%.3g", peaks[k].second * 1e3)});
        jp.push_back(peaks[k].second);
    }
    sec.paragraphs.push_back(
        "examples/cosim_potentiation.cir: a two-inverter RC astable gives -1.5 V pulses (~5.7 ms every ~11.3 ms) on a "
        "38-junction network (8 hops); its drain sits at the virtual ground of a two-stage CMOS op-amp TIA, so v(out) = "
        "-rf i(network). Each pulse grows the filaments on the conducting paths more than the pause dissolves them: the readout "
        "stays flat for a few pulses, then rises pulse by pulse (potentiation) until the network switches on. README: 0.20 mV "
        "for 6 pulses, then 0.23, 0.47, 0.58, 0.60, 0.72, 1.4, 20, 168 mV.");
    sec.tables.push_back(tab);
    sec.figures.push_back(report::gnuplot_figure(ctx.out, dir, "cosim", "The TIA readout (log scale) under the pulse train."));
    const double first = peaks.empty() ? NAN : peaks.front().second, last = peaks.empty() ? NAN : peaks.back().second;
    ctx.numbers["cosim"] = {{"pulses", peaks.size()}, {"peaks_V", jp}};
    ctx.summary.push_back("cosim: " + std::to_string(peaks.size()) + " pulses, TIA readout " + fmt("%.3g", first * 1e3) + " -> " +
                          fmt("%.3g", last * 1e3) + " mV");
    return sec;
}

}  // namespace nwn::exp

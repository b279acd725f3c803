// nwn avalanches: events, avalanches, power-law fits and crackling noise from a run, a raw file or any
// conductance recording.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>

#include "command.h"
#include "common/error.h"
#include "common/stop_signals.h"
#include "runner/experiments/avalanches/avalanche_analysis.h"
#include "runner/experiments/avalanches/avalanche_options.h"
#include "runner/experiments/avalanches/avalanche_summary.h"
#include "runner/experiments/avalanches/recording_input.h"
#include "runner/experiments/avalanches/recording_input_lambda.h"
#include "runner/io/run_dir.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

nwn::exp::EventTrains junction_trains(const fs::path& run_dir, const std::string& method, double dt, double spike,
                                      nlohmann::json& info) {
    if (!fs::is_directory(run_dir))
        throw nwn::Error("--events " + method + " reads the junction states of a run directory (nwn run --save-lambda)");
    const auto j = nwn::exp::junction_events_from_run(run_dir, nwn::exp::parse_junction_event_method(method), dt, spike);
    nwn::exp::EventTrains tr;
    tr.events.add(j.events);
    tr.dt = j.dt;
    tr.t0 = {j.t0};
    tr.source = {0};
    info = {{"kind", "run"}, {"source", fs::absolute(nwn::io::RunPaths{run_dir}.lambda()).string()}, {"junctions", j.junctions},
            {"series", 1},   {"samples", j.events.size()},                              {"dt", j.dt},
            {"resampled", j.resampled}};
    return tr;
}

int run_avalanches(const std::vector<std::string>& args) {
    std::string in, out, events = "conductance";
    nwn::exp::RecordingOptions rec;
    nwn::exp::AvalancheFlags flags;
    double voltage = 0, spike = 1e-3;
    bool quiet = false;
    po::options_description opts(
        "usage: nwn avalanches INPUT --out DIR [options]\n\n"
        "Avalanche statistics of a network-conductance recording (docs/model.md §4): events, inter-event\n"
        "intervals, bins, avalanches (size, lifetime), power-law fits of sizes (tau) and lifetimes (alpha)\n"
        "with bootstrap p-values and errors, and the crackling-noise relation three ways.\n\n"
        "INPUT is a run directory of nwn run (its timeseries.csv), a SPICE3 raw file (.raw) or a CSV\n"
        "recording (a header row, then one row per sample; lab data works as well as simulations). Events\n"
        "compare neighbouring samples, so the samples must be equally spaced: a non-uniform time base (SPICE\n"
        "time steps) is first resampled by linear interpolation onto a uniform grid of step --dt (default:\n"
        "the run's maximum step tmax from run.json; for other inputs --dt is required then). Several series\n"
        "(--series-column) are analysed with joins: no event, interval, bin or avalanche spans two series.\n\n"
        "Writes DIR/avalanches.json (events, mean_iei, bin, avalanches, branching_ratio, tau, alpha, crackling,\n"
        "likelihood_ratios, ...), DIR/avalanches.csv (size, lifetime, start, series) and DIR/plots/ (gnuplot\n"
        "PNG and SVG; when gnuplot is missing the data and scripts are still written). A summary goes to stderr.\n\n"
        "options");
    opts.add_options()("help,h", "show this help")
        ("input", po::value(&in)->required(), "run directory, raw file or CSV recording")
        ("out", po::value(&out)->required(), "result directory (created)")
        ("g-column", po::value(&rec.g_column), "CSV/run: conductance column (default G)")
        ("i-column", po::value(&rec.i_column), "CSV/run: current column; G = |I/V| with --v-column or --voltage")
        ("v-column", po::value(&rec.v_column), "CSV/run: voltage column")
        ("time-column", po::value(&rec.time_column), "CSV: time column in s (default t or time; without one give --dt)")
        ("series-column", po::value(&rec.series_column),
         "CSV: numeric column naming the series; each contiguous block of equal values is one series")
        ("g-vector", po::value(&rec.g_vector), "raw file: conductance vector (default G)")
        ("i-vector", po::value(&rec.i_vector), "raw file: current vector, e.g. i(vdrn)")
        ("v-vector", po::value(&rec.v_vector), "raw file: voltage vector, e.g. v(esrc)")
        ("voltage", po::value(&voltage), "constant bias (V) for G = |I|/V instead of a voltage column/vector")
        ("dt", po::value(&rec.dt)->default_value(0), "sample step (s): the resampling grid, or the step of data without time")
        ("events", po::value(&events)->default_value(events),
         "conductance (threshold peaks of |dG| and |dG|/G, NWNsim's experimental method), or for a run directory "
         "with lambda.csv: crossings (junctions crossing G = 1.1 Goff, NWNsim's ensemble events) or dgg-spike")
        ("spike-thresh", po::value(&spike)->default_value(spike), "dgg-spike: |dG|/G/dt threshold per junction (1/s)")
        ("quiet,q", po::bool_switch(&quiet), "no summary on stderr");
    nwn::exp::add_avalanche_options(opts, flags, true);
    po::variables_map vm;
    if (!nwn::cli::parse_input_command_line(args, opts, vm)) return nwn::cli::kExitOk;
    if (events != "conductance" && events != "crossings" && events != "dgg-spike")
        throw po::error("option '--events': '" + events + "' is not an event method (conductance, crossings or dgg-spike)");
    nwn::install_stop_signal_handler();  // the fits poll it: Ctrl-C stops them (exit 130)
    if (vm.count("voltage")) rec.voltage = voltage;
    const auto crit = flags.criticality();

    nlohmann::json info;
    nwn::exp::EventTrains trains;
    if (events == "conductance") {
        const auto recording = nwn::exp::read_recording(in, rec);
        info = recording.info;
        trains = nwn::exp::conductance_event_trains(recording, {crit.thresh, crit.rel_thresh}, crit.condition);
    } else {
        if (vm.count("condition") || !vm["thresh"].defaulted() || !vm["rel-thresh"].defaulted())
            throw po::error("--thresh, --rel-thresh and --condition apply to --events conductance");
        trains = junction_trains(in, events, rec.dt, spike, info);
    }
    const auto result = nwn::exp::analyse_event_trains(trains, crit);
    const auto warnings = nwn::exp::write_avalanche_outputs(out, trains, result, info,
                                                            nwn::exp::options_json(crit, events), !flags.no_plots);
    for (const auto& w : warnings) std::cerr << "nwn avalanches: warning: " << w << "\n";
    if (!quiet) std::cerr << "nwn avalanches: " << in << " -> " << out << "\n" << nwn::exp::avalanche_summary(result);
    return nwn::cli::kExitOk;
}

}  // namespace

NWN_COMMAND(avalanches, "Avalanche statistics and power-law fits of a run or a conductance recording", run_avalanches);

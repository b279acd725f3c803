// nwn nlt: the nonlinear-transformation learning task (docs/model.md §6) on a network.
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "common/stop_signals.h"
#include "progress_drawer.h"
#include "simulation_options.h"
#include "runner/experiments/lyapunov/nlt_run.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

int run_nlt_cmd(const std::vector<std::string>& args) {
    nwn::exp::NltSpec s;
    std::string out, stimulus;
    double washout_s = 0;
    std::string readout;
    po::options_description opts(
        "usage: nwn nlt NET.json --stimulus triangle:AMP:FREQ --contacts I,J --out DIR [options]\n\n"
        "Nonlinear-transformation task (NWNsim): drives the network, records every wire voltage on a uniform grid\n"
        "and fits a linear readout (least squares; QR with column pivoting as MATLAB's regress, optional ridge) to\n"
        "four targets of the drive's amplitude A and frequency f: sine, square, the triangle shifted by pi/2, and the\n"
        "triangle at 2f. Writes DIR/nlt.json with accuracy = 1 - RNMSE per task (on the test part when --train < 1).\n"
        "Continue a Lyapunov run's attractor with --ic DIR/attractor.csv --t0 <its t0>.\n\noptions");
    nwn::cli::SimulationArgs sa;
    opts.add_options()("help,h", "show this help")
        ("out", po::value(&out)->required(), "output directory (created)")
        ("stimulus", po::value(&stimulus)->required(), "drive: triangle:AMP:FREQ (NWNsim's ACsaw) or sine:AMP:FREQ")
        ("t0", po::value(&s.t0)->default_value(0), "drive time of the initial state (the drive continues from there)")
        ("transient", po::value(&s.transient)->default_value(0), "run this long before recording (s)")
        ("duration", po::value(&s.duration)->default_value(80), "recorded time (s; NWNsim 80)")
        ("sample", po::value(&s.sample_dt)->default_value(1e-3), "sampling step of features and targets (s)")
        ("ridge", po::value(&s.readout.ridge)->default_value(0), "ridge weight (0 = least squares)")
        ("bias", po::bool_switch(&s.readout.bias), "add a constant feature (NWNsim: none)")
        ("washout", po::value(&washout_s)->default_value(0), "recorded time left out of training and testing (s)")
        ("train", po::value(&s.readout.train_fraction)->default_value(1.0),
         "fraction (after the washout) that trains; the rest tests (1 = train and test on all, as NWNsim)")
        ("readout", po::value(&readout)->default_value("nwnsim"),
         "nwnsim (least squares as above) or ridge-cv (standardised features, ridge penalty by k-fold cross-validation,\n"
         "scored on the test part; --train < 1 is its split, default 0.7; as nwn reservoir)")
        ("folds", po::value(&s.cv.folds)->default_value(5), "ridge-cv: cross-validation folds")
        ("save-series", po::bool_switch(&s.save_series), "write DIR/nlt_series.csv (targets and predictions)")
        ("quiet,q", po::bool_switch(&s.quiet), "no progress bar or summary");
    // NWNsim's NLT runs used a 1 ms step.
    nwn::cli::add_simulation_options(opts, sa, s.sim, 1e-3);
    po::variables_map vm;
    if (!nwn::cli::parse_input_command_line(args, opts, vm)) return nwn::cli::kExitOk;
    if (!(washout_s >= 0) || !(s.sample_dt > 0)) throw po::error("--washout must be >= 0 and --sample > 0");
    s.command_line = "nwn nlt";
    for (const auto& a : args) s.command_line += " " + a;
    s.network = nwn::cli::load_simulation(sa, s.sim, s.lambda0, s.preset, s.params);
    s.network_source = fs::absolute(sa.input).string();
    s.stimulus = nwn::net::Stimulus::parse(stimulus);
    s.readout.washout = static_cast<std::size_t>(std::llround(washout_s / s.sample_dt));
    if (readout != "nwnsim" && readout != "ridge-cv") throw po::error("--readout must be nwnsim or ridge-cv");
    s.cross_validated = readout == "ridge-cv";
    s.cv.washout = s.readout.washout;
    s.cv.train_fraction = s.readout.train_fraction < 1 ? s.readout.train_fraction : 0.7;
    s.out = out;
    nwn::install_stop_signal_handler();
    nwn::cli::ProgressDrawer bar("nlt", s.quiet);
    s.progress = bar.callback();
    const auto r = nwn::exp::run_nlt(s);
    bar.finish();
    if (!s.quiet || !r.ok()) {
        std::cerr << "nwn nlt: " << r.status;
        for (const auto& t : r.tasks) std::cerr << ", " << t.task << " " << t.accuracy;
        std::cerr << " (" << r.wall_s << " s); results in " << out << "\n";
        if (!r.message.empty()) std::cerr << "nwn nlt: " << r.message << "\n";
    }
    if (r.status == "interrupted") return nwn::cli::kExitInterrupted;
    return r.ok() ? nwn::cli::kExitOk : nwn::cli::kExitFailure;
}

}  // namespace

NWN_COMMAND(nlt, "Nonlinear-transformation learning task: readout accuracy per target (NWNsim's NLT)", run_nlt_cmd);

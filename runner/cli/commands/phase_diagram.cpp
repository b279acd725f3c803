// nwn phase-diagram: Lyapunov exponent (and NLT accuracy) over a grid of drive amplitudes and frequencies.
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "simulation_options.h"
#include "distribution_options.h"
#include "engine_options.h"
#include "common/text_parse.h"
#include "runner/experiments/lyapunov/phase_diagram.h"

namespace po = boost::program_options;

namespace {

std::vector<double> number_list(const std::string& text, const std::string& what) {
    std::vector<double> v;
    for (const auto& f : nwn::split(text, ',')) v.push_back(nwn::parse_number(nwn::trim(f), what));
    return v;
}

int run_phase_diagram_cmd(const std::vector<std::string>& all_args) {
    // Everything after "--" goes to every `nwn lyapunov` child.
    std::vector<std::string> args = all_args, lyapunov_args;
    if (auto dash = std::find(args.begin(), args.end(), "--"); dash != args.end()) {
        lyapunov_args.assign(dash + 1, args.end());
        args.erase(dash, args.end());
    }
    nwn::exp::PhaseDiagramSpec s;
    std::string in, out, amps, freqs, contacts, electrodes;
    std::vector<std::string> nlt_args;
    std::string task;
    nwn::cli::EngineOptions eo;
    double nlt_duration = 80;
    bool no_plot = false;
    po::options_description opts(
        "usage: nwn phase-diagram NET.json --amplitudes A1,A2,... --frequencies F1,F2,... --contacts I,J --out DIR\n"
        "                         [--jobs N] [--transient S] [--nlt] [options] [-- nwn-lyapunov-options]\n\n"
        "Runs nwn lyapunov at every amplitude x frequency of a triangle (or sine) drive, N child processes at a time\n"
        "(and with --nlt, nwn nlt continuing each point's attractor), then writes DIR/phase_diagram.csv (lambda_per_s,\n"
        "sigma, r, NLT accuracies), a heat map DIR/phase_diagram.png and, with --nlt, DIR/nlt_vs_lambda.csv/.png.\n"
        "Rerunning the same command resumes: finished points are kept. Options after -- go to every nwn lyapunov,\n"
        "e.g. -- --periods 20 --tau 0.5 --transient-engine native.\n"
        "--task TASK scores a task instead: nlt (as --nlt) or one of nwn reservoir's tasks (memory-capacity, narma10,\n"
        "mackey-glass). A reservoir task's point is nwn reservoir TASK --amplitude A --step-time 1/f --lyapunov: the\n"
        "amplitude scales the task's input, the frequency is its sample rate, and the exponent is measured along that\n"
        "input (native two-copy estimate); give the electrodes with --task-arg (e.g. --task-arg=--inputs=p0_0).\n"
        "DIR/score_vs_lambda.csv/.png put the score against the exponent; options after -- go to every nwn reservoir.\n" +
        nwn::cli::distribution_help("points") + "\noptions");
    opts.add_options()("help,h", "show this help")
        ("input", po::value(&in)->required(), "network file (JSON)")
        ("out", po::value(&out)->required(), "output directory (created; reused to resume)")
        ("amplitudes", po::value(&amps)->required(), "comma-separated drive amplitudes (V)")
        ("frequencies", po::value(&freqs)->required(), "comma-separated drive frequencies (Hz)")
        ("wave", po::value(&s.wave)->default_value("triangle"), "triangle (NWNsim's ACsaw) or sine")
        ("jobs,j", po::value(&s.jobs)->default_value(2), "points run in parallel (child processes)")
        ("transient", po::value(&s.transient)->default_value(0), "reference-only run before each measurement (s)")
        ("contacts", po::value(&contacts), "two-wire contacts I,J (0-based): I driven, J at 0 V")
        ("electrodes", po::value(&electrodes), "choose electrodes as nwn generate does")
        ("nlt", po::bool_switch(&s.nlt), "also run the NLT task at every point (nwn nlt from the attractor)")
        ("nlt-duration", po::value(&nlt_duration)->default_value(80), "recorded time of the NLT runs (s)")
        ("nlt-arg", po::value(&nlt_args)->composing(), "extra argument for nwn nlt (repeatable, e.g. --nlt-arg=--ridge=1e-6)")
        ("task", po::value(&task), "score this task at every point: nlt, memory-capacity, narma10 or mackey-glass")
        ("task-arg", po::value(&s.task_args)->composing(),
         "argument for nwn reservoir (repeatable, e.g. --task-arg=--inputs=p1_1 --task-arg=--readouts=p0_0,p2_2)")
        ("color-range", po::value(&s.color_range)->default_value(15), "heat map colour scale: +-this (1/s)")
        ("min-r", po::value(&s.min_r)->default_value(10), "mark cells with r below this; NLT plot keeps r >= this")
        ("lambda-window", po::value(&s.lambda_window)->default_value(40), "NLT plot: exponents within +-this (1/s)")
        ("no-plot", po::bool_switch(&no_plot), "write the CSV only")
        ("quiet,q", po::bool_switch(&s.quiet), "no progress lines");
    nwn::cli::EngineOptionSet set;
    set.engine_default = "libngspice";
    set.engine_help = "libngspice or native (NWNsim's scheme)";
    set.flavour_help = nwn::cli::kFlavourHelp;
    set.preset_default = "ac";
    set.preset = true;
    set.param = true;
    eo.add_to(opts, set);
    nwn::cli::DistributionOptions dist;
    dist.add_to(opts, "points");
    po::variables_map vm;
    if (!nwn::cli::parse_input_command_line(args, opts, vm)) return nwn::cli::kExitOk;
    nwn::cli::electrode_spec(contacts, electrodes);  // refuses both before any point runs
    s.network = in;
    s.out = out;
    dist.apply(s.shard, s.merge);
    s.amplitudes = number_list(amps, "--amplitudes");
    s.frequencies = number_list(freqs, "--frequencies");
    s.plot = !no_plot;
    if (task == "nlt") s.nlt = true;
    else s.task = task;
    if (!s.task_args.empty() && s.task.empty()) throw po::error("--task-arg goes with a reservoir --task");
    if (!contacts.empty()) s.electrode_args = {"--contacts", contacts};
    if (!electrodes.empty()) s.electrode_args = {"--electrodes", electrodes};
    s.preset = eo.preset;
    // the engines and flavours nwn lyapunov and nwn nlt run
    s.engine = eo.engine_kind({nwn::engine::Engine::Libngspice, nwn::engine::Engine::Native});
    s.flavour = eo.resolved_flavour();  // resolved here: every point's children run the same device
    s.params = eo.params;
    s.lyapunov_args = lyapunov_args;
    s.nlt_args = {"--duration", nwn::format_number(nlt_duration)};
    s.nlt_args.insert(s.nlt_args.end(), nlt_args.begin(), nlt_args.end());
    const auto r = nwn::exp::run_phase_diagram(s);
    if (!s.quiet || r.failed || r.unfinished) {
        std::cerr << "nwn phase-diagram: " << r.points << " points (" << r.ran << " run, " << r.reused << " kept, " << r.failed
                  << " failed, " << r.unfinished << " unfinished); " << out << "/phase_diagram.csv\n";
        if (s.plot && !r.plotted) std::cerr << "nwn phase-diagram: no plot: " << r.plot_message << "\n";
    }
    if (r.interrupted) return nwn::cli::kExitInterrupted;
    return r.failed || r.unfinished ? nwn::cli::kExitFailure : nwn::cli::kExitOk;
}

}  // namespace

NWN_COMMAND(phase-diagram, "Lyapunov exponent and r (and NLT accuracy) over a drive amplitude x frequency grid", run_phase_diagram_cmd);

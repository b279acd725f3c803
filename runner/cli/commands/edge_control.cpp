// nwn edge-control: a drive whose amplitude a controller adapts to hold the network at λ ≈ 0.
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "progress_drawer.h"
#include "role_options.h"
#include "simulation_options.h"
#include "common/stop_signals.h"
#include "common/text_parse.h"
#include "runner/experiments/lyapunov/edge_control.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

int run_edge_control_cmd(const std::vector<std::string>& args) {
    nwn::exp::EdgeControlSpec s;
    std::string out, stimulus;
    std::vector<std::string> steps;
    po::options_description opts(
        "usage: nwn edge-control NET.json --stimulus triangle:AMP:FREQ --contacts I,J --out DIR [options]\n\n"
        "Holds a driven network at the edge of chaos (native engine, NWNsim's scheme). A reference and a copy eps\n"
        "away run side by side; every half period the separation's growth gives a Lyapunov rate, and after each\n"
        "window of --window periods the drive amplitude A moves against the window's mean: ln A -= gain * clip(lambda\n"
        "- target). --step T:FACTOR multiplies A at time T (a perturbation the controller must undo). Writes\n"
        "DIR/edge_control.csv (t, amplitude, lambda per window, running mean), DIR/edge_control.json (the settled\n"
        "amplitude and exponent, the settling time), DIR/attractor.csv, and with --nlt DIR/nlt.json (the NLT task at\n"
        "the settled amplitude, from the final state).\n\noptions");
    nwn::cli::SimulationArgs sa;
    nwn::engine::EngineChoice sim;
    opts.add_options()("help,h", "show this help")
        ("out", po::value(&out)->required(), "output directory (created)")
        ("stimulus", po::value(&stimulus)->required(), "periodic drive at its starting amplitude: triangle:AMP:FREQ, sine:AMP:FREQ")
        ("target", po::value(&s.target)->default_value(0), "the exponent to hold (1/s)")
        ("gain", po::value(&s.gain)->default_value(0.05), "change of ln(A) per 1/s of error and window")
        ("clip", po::value(&s.clip)->default_value(2), "errors beyond +-clip (1/s) count as +-clip")
        ("window", po::value(&s.window_periods)->default_value(4), "drive periods per estimate (whole half periods)")
        ("transient", po::value(&s.transient)->default_value(10), "uncontrolled run first (s; rounded up to whole periods)")
        ("duration", po::value(&s.duration)->default_value(300), "time under control (s)")
        ("amplitude-min", po::value(&s.amplitude_min)->default_value(0.05), "smallest amplitude (V)")
        ("amplitude-max", po::value(&s.amplitude_max)->default_value(10), "largest amplitude (V)")
        ("settle-windows", po::value(&s.settle_windows)->default_value(10), "windows averaged for the settled exponent")
        ("tolerance", po::value(&s.tolerance)->default_value(0.5), "settled: running mean within target +- tolerance (1/s)")
        ("step", po::value(&steps)->composing(), "T:FACTOR: multiply the amplitude at time T (repeatable, comma lists)")
        ("eps", po::value(&s.eps)->default_value(1e-7), "perturbation size (V*s)")
        ("seed", po::value(&s.seed)->default_value(1), "seed of the perturbation's direction")
        ("nlt", po::bool_switch(&s.nlt), "then score the NLT task at the settled amplitude (DIR/nlt.json)")
        ("nlt-duration", po::value(&s.nlt_duration)->default_value(80), "recorded time of the NLT task (s)")
        ("nlt-dt", po::value(&s.nlt_dt)->default_value(1e-3), "native step of the NLT task (s; nwn nlt's default)")
        ("quiet,q", po::bool_switch(&s.quiet), "no progress bar or summary");
    nwn::cli::add_simulation_options(opts, sa, sim, 5e-4, true);
    nwn::cli::add_role_options(opts, s.roles);
    po::variables_map vm;
    if (!nwn::cli::parse_input_command_line(args, opts, vm)) return nwn::cli::kExitOk;
    s.command_line = "nwn edge-control";
    for (const auto& a : args) s.command_line += " " + a;
    if (!s.roles.drives.empty() || !s.roles.drive_table.empty())
        throw po::error("edge-control scales --stimulus: use --ground, --float and --load for the other electrodes, not --drive");
    s.network = nwn::cli::load_simulation(sa, sim, s.lambda0, s.preset, s.params);
    s.network_source = fs::absolute(sa.input).string();
    s.dt = sim.dt;
    s.nwnsim_compat = sim.nwnsim_compat;
    s.stimulus = nwn::net::Stimulus::parse(stimulus);
    for (const auto& entry : steps)
        for (const auto& item : nwn::split(entry, ','))
            if (!nwn::trim(item).empty()) s.steps.push_back(nwn::exp::parse_amplitude_step(nwn::trim(item)));
    s.out = out;
    nwn::install_stop_signal_handler();
    nwn::cli::ProgressDrawer bar("edge-control", s.quiet);
    s.progress = bar.callback();
    const auto doc = nwn::exp::run_edge_control(s);
    bar.finish();
    if (!s.quiet) {
        const auto& st = doc["settled"];
        std::cerr << "nwn edge-control: amplitude " << st["amplitude"].get<double>() << " V, lambda " << st["lambda_per_s"].get<double>()
                  << " +- " << st["sigma"].get<double>() << " 1/s over the last " << st["windows"].get<std::size_t>() << " windows";
        if (st["settle_time_s"].is_number()) std::cerr << ", settled " << st["settle_time_s"].get<double>() << " s after the last step";
        else std::cerr << ", NOT settled within +-" << s.tolerance;
        if (doc.contains("nlt")) std::cerr << "; NLT " << doc["nlt"]["accuracy"].dump();
        std::cerr << "; results in " << out << "\n";
    }
    return doc["settled"]["within_tolerance"].get<bool>() ? nwn::cli::kExitOk : nwn::cli::kExitFailure;
}

}  // namespace

NWN_COMMAND(edge-control, "hold a driven network at the edge of chaos by adapting the drive amplitude", run_edge_control_cmd);

// nwn lyapunov: Lyapunov exponents of a periodically driven network (SPICE or NWNsim's scheme).
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "common/stop_signals.h"
#include "progress_drawer.h"
#include "simulation_options.h"
#include "runner/experiments/lyapunov/lyapunov.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

int run_lyapunov_cmd(const std::vector<std::string>& args) {
    nwn::exp::LyapunovSpec s;
    std::string out, stimulus, transient_engine;
    po::options_description opts(
        "usage: nwn lyapunov NET.json --stimulus triangle:AMP:FREQ --contacts I,J --out DIR [options]\n\n"
        "Maximal (or first K) Lyapunov exponents of the junction states under a periodic drive. After a transient,\n"
        "K perturbed copies run next to the reference, eps away; every tau the separations are Gram-Schmidt\n"
        "orthogonalised, ln(|d|/eps)/tau is recorded and the copies restart eps away (SPICE: all copies in one deck,\n"
        "one shared source whose time origin moves to the segment start, states from .ic). Writes DIR/lyapunov.json\n"
        "(lambda_per_s, sigma = batch-means standard error, r = mean per-period max/min network conductance, the\n"
        "convergence trace, timings), DIR/trace.csv and DIR/attractor.csv (the reference state at the start of the\n"
        "measurement; feed it to nwn nlt --ic).\n\noptions");
    nwn::cli::SimulationArgs sa;
    opts.add_options()("help,h", "show this help")
        ("out", po::value(&out)->required(), "output directory (created)")
        ("stimulus", po::value(&stimulus)->required(), "periodic drive: triangle:AMP:FREQ (NWNsim's ACsaw), sine:AMP:FREQ, ...")
        ("period", po::value(&s.period)->default_value(0), "drive period (s); 0 = from the stimulus")
        ("eps", po::value(&s.eps)->default_value(0), "perturbation size (V*s); 0 = 1e-7, or NWNsim's 5e-4 with --every-step")
        ("direction", po::value(&s.direction)->default_value("random"),
         "first perturbation: random (unit vector, --seed) or junction:K (NWNsim's choice)")
        ("seed", po::value(&s.seed)->default_value(1), "seed of the random directions")
        ("exponents", po::value(&s.exponents)->default_value(1), "how many exponents (K perturbed copies)")
        ("tau", po::value(&s.tau)->default_value(0), "renormalisation interval (s); 0 = half a drive period")
        ("every-step", po::bool_switch(&s.every_step), "native: renormalise after every step (NWNsim's scheme)")
        ("transient", po::value(&s.transient)->default_value(0), "reference-only run before the measurement (s)")
        ("transient-engine", po::value(&transient_engine), "engine of the transient (default: --engine)")
        ("periods", po::value(&s.periods)->default_value(10), "measured drive periods")
        ("skip", po::value(&s.skip_periods)->default_value(1), "leading measured periods left out of the mean")
        ("quiet,q", po::bool_switch(&s.quiet), "no progress bar or summary");
    nwn::cli::add_simulation_options(opts, sa, s.sim, 5e-4);
    po::variables_map vm;
    if (!nwn::cli::parse_input_command_line(args, opts, vm)) return nwn::cli::kExitOk;
    s.command_line = "nwn lyapunov";
    for (const auto& a : args) s.command_line += " " + a;
    s.network = nwn::cli::load_simulation(sa, s.sim, s.lambda0, s.preset, s.params);
    if (!transient_engine.empty())
        s.transient_engine = nwn::engine::parse_engine(transient_engine, {nwn::engine::Engine::Libngspice, nwn::engine::Engine::Native});
    s.network_source = fs::absolute(sa.input).string();
    s.stimulus = nwn::net::Stimulus::parse(stimulus);
    s.out = out;
    nwn::install_stop_signal_handler();
    nwn::cli::ProgressDrawer bar("lyapunov", s.quiet);
    s.progress = bar.callback();
    const auto r = nwn::exp::run_lyapunov(s);
    bar.finish();
    if (!s.quiet || !r.ok()) {
        std::cerr << "nwn lyapunov: " << r.status;
        if (!r.lambda_per_s.empty())
            std::cerr << ", lambda " << (r.lost ? "<= " : "= ") << r.lambda_per_s[0] << " +- " << r.sigma[0] << " 1/s, r = " << r.r;
        std::cerr << " (" << r.wall_s << " s); results in " << out << "\n";
        for (const auto& w : r.warnings) std::cerr << "nwn lyapunov: warning: " << w << "\n";
        if (!r.message.empty()) std::cerr << "nwn lyapunov: " << r.message << "\n";
    }
    if (r.status == "interrupted") return nwn::cli::kExitInterrupted;
    return r.ok() ? nwn::cli::kExitOk : nwn::cli::kExitFailure;
}

}  // namespace

NWN_COMMAND(lyapunov, "Lyapunov exponents of a periodically driven network (SPICE or NWNsim's scheme)", run_lyapunov_cmd);

// nwn lyapunov: Lyapunov exponents of a periodically driven network (SPICE or NWNsim's scheme).
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "netlistgen/electrodes.h"
#include "netlistgen/junction_values.h"
#include "netlistgen/network_json.h"
#include "netlistgen/text_parse.h"
#include "runner/experiments/run/interrupt.h"
#include "runner/experiments/lyapunov/lyapunov.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace nwn::cli {

// Options shared by nwn lyapunov and nwn nlt (declared again in nlt.cpp): the network and its electrodes,
// the junction parameters, and the engine.
struct SimulationArgs {
    std::string input, contacts, electrodes, ic, cm, lib;
    bool exact_reset = false;
};

void add_simulation_options(po::options_description& o, SimulationArgs& a, exp::EngineChoice& sim, std::string& preset,
                            std::vector<std::string>& params, double default_dt) {
    o.add_options()
        ("input", po::value(&a.input)->required(), "network file (JSON)")
        ("contacts", po::value(&a.contacts), "two-wire contacts I,J (0-based): I driven, J at 0 V")
        ("electrodes", po::value(&a.electrodes), "choose electrodes as nwn generate does (farthest, bars:F, ...)")
        ("preset", po::value(&preset)->default_value("ac"), "junction parameters: ac (NWNsim's AC set) or dc")
        ("param", po::value(&params)->composing(), "NAME=VALUE junction parameter override (repeatable)")
        ("ic", po::value(&a.ic), "initial lambda per junction: CSV with a column lambda (or lambda_final)")
        ("engine", po::value(&sim.engine)->default_value("libngspice"),
         "libngspice (continuous time) or native (NWNsim's fixed-step explicit Euler at --dt)")
        ("flavour", po::value(&sim.flavour)->default_value("codemodel"), "SPICE junction device: codemodel (ngspice 39.3), osdi (the build's ngspice 46, KLU) or subckt")
        ("tmax", po::value(&sim.tmax)->default_value(1e-3), "SPICE maximum time step (s)")
        ("spice-option", po::value(&sim.spice_options)->composing(),
         "extra ngspice .options item after the defaults, e.g. reltol=1e-3 (repeatable)")
        ("dt", po::value(&sim.dt)->default_value(default_dt, net::format_number(default_dt)), "native fixed step (s)")
        ("exact-reset", po::bool_switch(&a.exact_reset),
         "native: stop the reset at 0 for both signs (default: NWNsim's sign-asymmetric rule)")
        ("wall-limit", po::value(&sim.wall_limit_s)->default_value(0), "wall-time limit of each SPICE run (s)")
        ("cm", po::value(&a.cm), "path of nwnspice.cm (default: $NWN_CODEMODEL, then next to nwn)")
        ("lib", po::value(&a.lib), "path of nwnjunction.lib (default: $NWN_SUBCKT_LIB, then next to nwn)");
}

// Reads the network, chooses its electrodes and the initial states, completes `sim`.
net::Network load_simulation(const SimulationArgs& a, exp::EngineChoice& sim, std::vector<double>& lambda0) {
    if (!a.contacts.empty() && !a.electrodes.empty()) throw po::error("give --contacts or --electrodes, not both");
    auto network = net::read_network(a.input);
    if (!a.contacts.empty()) net::choose_electrodes(network, "wires:" + a.contacts);
    if (!a.electrodes.empty()) net::choose_electrodes(network, a.electrodes);
    if (!a.ic.empty()) lambda0 = net::read_junction_values(a.ic, {"lambda", "lambda_final"}, network.junctions.size());
    sim.nwnsim_compat = !a.exact_reset;
    if (!a.cm.empty()) sim.codemodel = a.cm;
    if (!a.lib.empty()) sim.subckt_library = a.lib;
    return network;
}

}  // namespace nwn::cli

namespace {

int run_lyapunov_cmd(const std::vector<std::string>& args) {
    nwn::exp::LyapunovSpec s;
    std::string out, stimulus;
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
        ("transient-engine", po::value(&s.transient_engine), "engine of the transient (default: --engine)")
        ("periods", po::value(&s.periods)->default_value(10), "measured drive periods")
        ("skip", po::value(&s.skip_periods)->default_value(1), "leading measured periods left out of the mean")
        ("quiet,q", po::bool_switch(&s.quiet), "no progress bar or summary");
    nwn::cli::add_simulation_options(opts, sa, s.sim, s.preset, s.params, 5e-4);
    po::positional_options_description pos;
    pos.add("input", 1);
    po::variables_map vm;
    if (!nwn::cli::parse_command_line(args, opts, pos, vm)) return nwn::cli::kExitOk;
    s.command_line = "nwn lyapunov";
    for (const auto& a : args) s.command_line += " " + a;
    s.network = nwn::cli::load_simulation(sa, s.sim, s.lambda0);
    s.network_source = fs::absolute(sa.input).string();
    s.stimulus = nwn::net::Stimulus::parse(stimulus);
    s.out = out;
    nwn::exp::install_interrupt_handler();
    const auto r = nwn::exp::run_lyapunov(s);
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

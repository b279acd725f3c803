// nwn run: one transient of a network (JSON) with any engine, or of any ngspice deck.
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "engine_options.h"
#include "progress_drawer.h"
#include "role_options.h"
#include "simulation_options.h"
#include "common/error.h"
#include "common/stop_signals.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/junction_values.h"
#include "netlistgen/network/network_json.h"
#include "runner/experiments/run/deck_run.h"
#include "runner/experiments/run/network_run.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

bool is_deck(const fs::path& p) {
    auto ext = p.extension().string();
    return ext == ".cir" || ext == ".sp" || ext == ".spice" || ext == ".net" || ext == ".ckt";
}

int report(const nwn::exp::RunResult& r, const fs::path& out, bool quiet) {
    if (!quiet || !r.ok()) {
        std::cerr << "nwn run: " << r.status << ", " << r.points << " points to t = " << r.t_last << " s in " << r.wall_s
                  << " s";
        if (r.g_last > 0) std::cerr << "; G " << r.g_first << " -> " << r.g_last << " S";
        std::cerr << "; results in " << out.string() << "\n";
        if (!r.message.empty()) std::cerr << "nwn run: " << r.message << "\n";
    }
    if (r.status == "interrupted") return nwn::cli::kExitInterrupted;
    return r.ok() ? nwn::cli::kExitOk : nwn::cli::kExitFailure;
}

int run_run(const std::vector<std::string>& args) {
    std::string in, out, stimulus, contacts, electrodes, ic, osdi, ngspice_lib, ngspice_bin, solver;
    nwn::cli::EngineOptions eo;
    nwn::net::RoleRequest roles;
    double tstop = 1, tmax = 1e-3, resample = 0, wall = 0;
    bool save_lambda = false, save_events = false, raw = false, compat = false, quiet = false;
    po::options_description opts(
        "usage: nwn run NET.json --stimulus SPEC --tstop T [--tmax H] [--contacts I,J] --out DIR [options]\n"
        "       nwn run NET.json --drive NAME=SPEC ... [--ground N,..] [--float N,..] [--load NAME=R] --out DIR [options]\n"
        "       nwn run DECK.cir --out DIR [--engine libngspice|ngspice-cli] [--raw]\n\n"
        "Runs one transient and writes DIR/run.json (parameters, engine, versions, wall time, steps, status),\n"
        "DIR/timeseries.csv (t,V,I,G: driven-electrode voltage, drain current, G = |I/V|; with electrode roles also\n"
        "V_<name>,... and I_<name>,... for every electrode, I being the current from the electrode into the network),\n"
        "DIR/lambda.csv\n"
        "(--save-lambda), DIR/events.csv (--save-events) and DIR/run.raw (--raw). A deck run writes every saved vector instead of t,V,I,G.\n"
        "Ctrl-C stops the run and keeps what was recorded (run.json: status interrupted).\n\noptions");
    opts.add_options()("help,h", "show this help")
        ("input", po::value(&in)->required(), "network file (JSON) or ngspice deck (.cir, .sp, .spice, .net)")
        ("out", po::value(&out)->required(), "run directory (created)")
        ("stimulus", po::value(&stimulus)->default_value("dc:1"),
         "source on the driven electrode: dc:V | sine:AMP:FREQ[:PHASE] | triangle:AMP:FREQ (NWNsim's ACsaw) | "
         "square:AMP:FREQ[:DUTY] | pulse:V1:V2:WIDTH:PERIOD[:DELAY] | ramp:V0:V1:T | pwl:FILE.csv (columns t,V)")
        ("tstop", po::value(&tstop)->default_value(1.0), "end time (s)")
        ("tmax", po::value(&tmax)->default_value(1e-3), "maximum time step (s); the native engine's fixed step")
        ("contacts", po::value(&contacts),
         "single-wire contacts I,J[,K,...] (0-based wire ids): two are src (I, driven) and drn (J, at 0 V); three or "
         "more are named w<id>")
        ("electrodes", po::value(&electrodes),
         "choose electrodes as nwn generate does (farthest, bars:F, edges:N, grid:RxC[:PAD[:PITCH]], pads:FILE.csv, ...)")
        ("ic", po::value(&ic), "initial state (lambda, or g of miranda) per junction: CSV with a column lambda (or lambda_final)")
        ("nwnsim-compat", po::bool_switch(&compat),
         "native engine: the published code's rule (exact reproduction of its runs): NWNsim's sign-asymmetric "
         "reset-to-zero (hochstetter), the Turin code's step expression (miranda)")
        ("save-lambda", po::bool_switch(&save_lambda), "write lambda.csv with every junction's state")
        ("save-events", po::bool_switch(&save_events),
         "write events.csv (t,events): per written sample, the junctions whose G crossed 1.1*goff since the "
         "previous one (what nwn avalanches --events crossings counts from lambda.csv, without the file)")
        ("raw", po::bool_switch(&raw), "write run.raw (binary SPICE3 raw file)")
        ("resample", po::value(&resample)->default_value(0), "write CSVs on a uniform grid of this step (s)")
        ("wall-limit", po::value(&wall)->default_value(0), "stop a run after this many seconds of wall time")
        ("osdi", po::value(&osdi), "path of the OSDI library nwnjunction.osdi, every model's device (default: $NWN_OSDI, "
                                   "then next to nwn)")
        ("ngspice-lib", po::value(&ngspice_lib),
         "libngspice to load (libngspice engine; default: the system's, or the build's ngspice 46 for --flavour osdi)")
        ("ngspice-bin", po::value(&ngspice_bin),
         "ngspice program (ngspice-cli engine; default: ngspice on PATH, or the build's ngspice 46 for --flavour osdi)")
        ("solver", po::value(&solver)->default_value("auto"),
         "sparse solver of the SPICE deck: auto (KLU in ngspice >= 42, i.e. --flavour osdi; Sparse 1.3 in 39), klu or sparse")
        ("quiet,q", po::bool_switch(&quiet), "no progress bar or summary");
    nwn::cli::add_role_options(opts, roles);
    nwn::cli::EngineOptionSet set;
    set.engine_default = "libngspice";
    set.engine_help = "libngspice (in-process ngspice), ngspice-cli (the ngspice program, via a raw file), or native "
                      "(NWNsim's fixed-step scheme: explicit Euler at dt = --tmax)";
    set.flavour_default = "auto";
    set.flavour_help = "junction device for the SPICE engines: codemodel (nwnspice.cm, in the system's ngspice 39.3), osdi "
                       "(nwnjunction.osdi, in an OSDI-enabled ngspice: by default the build's ngspice 46 with KLU), subckt "
                       "(portable subcircuit), or auto: osdi when this build has its ngspice 46 and --cm is not given, else "
                       "codemodel";
    set.model = true;
    set.preset = true;
    set.param = true;
    set.device_files = true;
    eo.add_to(opts, set);
    po::variables_map vm;
    if (!nwn::cli::parse_input_command_line(args, opts, vm)) return nwn::cli::kExitOk;
    std::string cmdline = "nwn run";
    for (const auto& a : args) cmdline += " " + a;
    auto opt_path = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional<fs::path>(s); };
    nwn::install_stop_signal_handler();

    if (is_deck(in)) {
        if (!roles.empty()) throw po::error("electrode roles (--drive, --ground, --float, --load) apply to a network run");
        if (save_lambda || save_events)
            throw po::error(std::string(save_lambda ? "--save-lambda" : "--save-events") +
                            " applies to a network run (NET.json), not to a deck");
        nwn::exp::DeckRunSpec d;
        d.deck = in;
        d.engine = eo.engine_kind();
        d.raw = raw;
        d.wall_limit_s = wall;
        nwn::cli::ProgressDrawer bar("ngspice", quiet);
        d.progress = bar.callback();
        d.codemodel = eo.codemodel();
        d.out = out;
        d.command_line = cmdline;
        const auto r = nwn::exp::run_deck(d);
        bar.finish();
        return report(r, out, quiet);
    }

    nwn::exp::NetworkRunSpec s;
    s.network = nwn::net::read_network(in);
    s.network_source = fs::absolute(in).string();
    if (const auto spec = nwn::cli::electrode_spec(contacts, electrodes)) nwn::net::choose_electrodes(s.network, *spec);
    s.engine = eo.engine_kind();
    s.flavour = eo.flavour_kind(true);
    nwn::cli::check_stimulus_or_drives(vm, roles);
    s.stimulus = nwn::net::Stimulus::parse(stimulus);
    s.roles = roles;
    s.tstop = tstop;
    s.tmax = tmax;
    s.model = eo.junction_model().name;
    s.preset = eo.preset;
    s.params = eo.params;
    if (!ic.empty()) s.lambda0 = nwn::net::read_junction_values(ic, {"lambda", "lambda_final"}, s.network.junctions.size());
    s.nwnsim_compat = compat;
    if (compat && s.engine != nwn::exp::Engine::Native) throw po::error("--nwnsim-compat applies to --engine native");
    s.save_lambda = save_lambda;
    s.save_events = save_events;
    s.raw = raw;
    s.resample_dt = resample;
    s.wall_limit_s = wall;
    nwn::cli::ProgressDrawer bar(nwn::engine::engine_name(s.engine), quiet);
    s.progress = bar.callback();
    s.codemodel = eo.codemodel();
    s.subckt_library = eo.subckt_library();
    s.osdi = opt_path(osdi);
    s.ngspice_lib = ngspice_lib;
    s.ngspice_bin = ngspice_bin;
    s.solver = solver;
    s.out = out;
    s.command_line = cmdline;
    if (!quiet) std::cerr << "nwn run: " << nwn::net::summary(s.network) << "; " << eo.engine << "\n";
    const auto r = nwn::exp::run_network(s);
    bar.finish();
    return report(r, out, quiet);
}

}  // namespace

NWN_COMMAND(run, "Run a transient of a network or deck (libngspice, ngspice CLI or native engine)", run_run);

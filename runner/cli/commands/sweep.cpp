// nwn sweep: a grid or list of parameter points over a deck or a network, in parallel processes.
#include <iostream>

#include "command.h"
#include "role_options.h"
#include "distribution_options.h"
#include "engine_options.h"
#include "option_limits.h"
#include "runner/experiments/sweep/sweep.h"

namespace po = boost::program_options;

namespace {

int run_sweep_command(const std::vector<std::string>& args) {
    nwn::exp::SweepSpec s;
    std::string input, out;
    std::vector<std::string> params;
    bool list = false, grid = false;
    po::options_description opts(
        "usage: nwn sweep DECK.cir|NET.json --param NAME=VALUES [--param ...] --out DIR [options]\n"
        "       nwn sweep --generate \"GENERATE ARGS\" --param density=... --out DIR [options]\n\n"
        "Runs one `nwn run` per parameter point, --jobs at a time, and writes DIR/sweep.csv (one row per\n"
        "point: its values, status, summaries, measures, run directory), DIR/sweep.svg (gnuplot; script\n"
        "sweep.gp) and DIR/points/<point>/ (the point's deck or network, nwn.log, run/).\n\n"
        "VALUES: v1,v2,...  |  start:stop:n (linear)  |  start:stop:n:log. SPICE suffixes (10k, 2.2n) work.\n"
        "A NAME is, for DECK.cir: a top-level .param of the deck (each point runs a copy with that .param\n"
        "replaced: component values, supplies, stimulus amplitudes, junction parameters used as {vset});\n"
        "for NET.json: a junction parameter (vset, boost, gon, ...), tstop, tmax, electrodes, or a {NAME}\n"
        "placeholder in --stimulus (--stimulus dc:{amp} --param amp=0.5:2:4); with --generate also an\n"
        "nwn generate option (density, wires, seed, lx, ly, length-mean, length-sd): each point generates\n"
        "its network with GENERATE ARGS plus --NAME VALUE.\n\n"
        "Summaries: --track X follows X (default G = |I/V| for networks; for decks a vector such as v(out),\n"
        "or a ratio i(vsense)/v(d) taken as |A/B|): X_initial, X_final, X_peak (largest magnitude) and\n"
        "t_activation = first time |X| >= 10 |X_initial|. Measures: the deck's `.meas tran` statements\n"
        "(all by default, or those named by --measure NAME), or --measure \"NAME FUNCTION ...\" written as\n"
        "after `.meas tran` (e.g. \"ipk MAX I FROM=0.1\"); nwn evaluates them on the recorded run with\n"
        "ngspice's .meas rules (TRIG/TARG, WHEN, FIND, MIN, MAX, MIN_AT, MAX_AT, AVG, PP, RMS, INTEG;\n"
        "empty cell = measure failed), because `ngspice -b -r` refuses .meas and libngspice measures\n"
        "nothing under streaming.\n\n"
        "Resuming: run the same command again. Points with a row in sweep.csv, or whose run finished\n"
        "(run/run.json: completed or failed), are not rerun; rows are keyed by parameter values, so other\n"
        "values reuse the points they share. Rows are appended whole (one write of a full line), and the\n"
        "finished file is rewritten in point order. Ctrl-C stops every worker (exit status 130).\n" +
        nwn::cli::distribution_help("points") + "\noptions");
    opts.add_options()("help,h", "show this help")
        ("input", po::value(&input), "ngspice deck (.cir, .sp, .spice, .net, .ckt) or network (JSON)")
        ("param", po::value(&params)->composing(), "NAME=VALUES (repeatable)")
        ("grid", po::bool_switch(&grid), "every combination of the values (default; the first --param varies slowest)")
        ("list", po::bool_switch(&list), "the k-th values of every --param together (all equally long)")
        ("jobs,j", po::value(&s.jobs)->default_value(1), "points run at the same time (processes)")
        ("out", po::value(&out)->required(), "sweep directory (created; reused to resume)")
        ("generate", po::value(&s.generate_args), "nwn generate arguments for a network per point (no -o)")
        ("stimulus", po::value(&s.stimulus)->default_value("dc:1"), "networks: nwn run --stimulus, {NAME} placeholders allowed")
        ("tstop", po::value(&s.tstop)->default_value("1"), "networks: end time (s)")
        ("tmax", po::value(&s.tmax)->default_value("1e-3"), "networks: maximum time step (s)")
        ("track", po::value(&s.track), "vector or ratio A/B to summarise (see above)")
        ("measure", po::value(&s.measures)->composing(), "a .meas of the deck by NAME, or \"NAME FUNCTION ...\" (repeatable)")
        ("plot", po::value(&s.plot), "column of sweep.csv to plot (default: first measure, else X_final)")
        ("wall-limit", po::value(&s.wall_limit_s)->default_value(0), "stop a point's run after this many seconds (0: no limit)")
        ("retry-failed", po::bool_switch(&s.retry_failed), "rerun points whose run failed")
        ("quiet,q", po::bool_switch(&s.quiet), "no progress lines");
    nwn::cli::add_role_options(opts, s.roles);
    nwn::cli::EngineOptions eo;
    nwn::cli::EngineOptionSet set;
    set.engine_default = "libngspice";
    set.engine_help = "libngspice, ngspice-cli (or native for networks)";
    set.flavour_help = std::string("networks: ") + nwn::cli::kFlavourHelp;
    set.model = true;
    set.preset = true;
    set.preset_prefix = "networks: ";
    eo.add_to(opts, set);
    nwn::cli::DistributionOptions dist;
    dist.add_to(opts, "points");
    po::variables_map vm;
    if (!nwn::cli::parse_input_command_line(args, opts, vm)) return nwn::cli::kExitOk;
    if (grid && list) throw po::error("give --grid or --list, not both");
    s.grid = !list;
    nwn::cli::check_stimulus_or_drives(vm, s.roles);
    if (!s.roles.drive_table.empty()) s.roles.drive_table = std::filesystem::absolute(s.roles.drive_table);
    s.engine = eo.engine_kind();
    s.flavour = eo.flavour_kind(true);  // as nwn run takes it
    s.model = eo.junction_model().name;
    s.preset = eo.preset;
    s.input = input;
    s.out = out;
    dist.apply(s.shard, s.merge);
    for (const auto& p : params) s.params.push_back(nwn::exp::parse_sweep_param(p));
    s.check_option = nwn::cli::check_option_value;
    s.command_line = "nwn sweep";
    for (const auto& a : args) s.command_line += " " + a;

    const auto r = nwn::exp::run_sweep(s);
    if (r.interrupted || r.unfinished) {
        std::cerr << "nwn sweep: stopped with " << r.unfinished << " of " << r.points
                  << " points unfinished; run the same command again to resume\n";
        return r.interrupted ? nwn::cli::kExitInterrupted : nwn::cli::kExitFailure;
    }
    if (!s.quiet) {
        std::cerr << "nwn sweep: " << r.points << " points (" << r.ran << " run, " << r.reused << " reused, " << r.failed
                  << " failed) -> " << r.csv.string();
        if (!r.plot.empty()) std::cerr << ", " << r.plot.string();
        std::cerr << "\n";
    }
    if (!r.plot_note.empty()) std::cerr << "nwn sweep: " << r.plot_note << "\n";
    return r.failed ? nwn::cli::kExitFailure : nwn::cli::kExitOk;
}

}  // namespace

NWN_COMMAND(sweep, "Sweep parameters of a deck or network in parallel runs; CSV, plot, resumable", run_sweep_command);

// nwn demo: the paper's results in a few minutes, as a browser report (demo.h).
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>

#include "command.h"
#include "common/stop_signals.h"
#include "progress_drawer.h"
#include "runner/experiments/demo/demo.h"

namespace po = boost::program_options;

namespace {

int run_demo(const std::vector<std::string>& args) {
    nwn::exp::DemoSpec s;
    std::string out = "demo-out", reference, examples;
    bool quick = false, full = false;
    std::vector<std::string> sections;
    po::options_description opts(
        "usage: nwn demo [--out DIR] [--quick | --full] [--section NAME]... [--jobs N]\n\n"
        "Reproduces the results of Hochstetter et al. (Nat. Commun. 12, 4008, 2021) and writes DIR/index.html, a\n"
        "self-contained report (open it in a browser) with figures, tables of our numbers against the paper's and\n"
        "NWNsim's, wall times and the nwn commands that reproduce each part. Sections:\n"
        "  activation  NWNsim's 100-wire network under DC in libngspice (code model): G(t) for several V*, the first\n"
        "              conducting path, the golden comparison with NWNsim's stored 1.8 V run\n"
        "  avalanches  an ensemble at V* = 1 (native engine): size/lifetime power laws, crackling relation, IEI; one\n"
        "              member re-run in libngspice event for event; the drift from a power law below and above V* = 1\n"
        "  chaos       maximal Lyapunov exponent and NLT accuracy at A = 1.25 V for a few frequencies, across the\n"
        "              edge at 0.85 Hz for a few amplitudes, and nwn edge-control holding the network at lambda ~ 0\n"
        "  cosim       a CMOS co-simulation example (pulse generator -> network -> TIA)\n"
        "  reservoir   a 4 x 4 pad array on NARMA-10 (native, libngspice, libngspice with a CMOS TIA per readout)\n"
        "              and the digits, with the baselines\n"
        "Default: about 2.5 minutes on 2 cores; --quick about 25 s (smaller ensemble, fewer points); --full pools more.\n"
        "activation and chaos need NWNsim's reference data (--reference, $NWN_REFERENCE_DIR, or the build's default);\n"
        "without it they are reported as skipped. Also writes DIR/demo.json (every number), DIR/report.json (the page,\n"
        "for nwn report) and DIR/summary.txt. Progress bars on stderr; the summary and the report's path at the end.\n\n"
        "options");
    opts.add_options()("help,h", "show this help")
        ("out", po::value(&out)->default_value(out), "output directory (created; its section folders are replaced)")
        ("quick", po::bool_switch(&quick), "about 25 s: fewer drives, a small ensemble, two frequencies")
        ("full", po::bool_switch(&full), "longer: a 64-network ensemble, more frequencies, a SPICE Lyapunov point")
        ("section", po::value(&sections)->composing(), "run only this section (repeatable): activation, avalanches, chaos, cosim, reservoir")
        ("jobs,j", po::value(&s.jobs)->default_value(0), "parallel child processes (0 = cores)")
        ("reference", po::value(&reference), "NWNsim's reference data: a directory holding nwnsim/ (or its files)")
        ("examples", po::value(&examples), "directory of the example decks (default: the source tree's examples/)")
        ("quiet,q", po::bool_switch(&s.quiet), "no progress bars and no summary (it is still in DIR/summary.txt)");
    po::variables_map vm;
    if (!nwn::cli::parse_command_line(args, opts, {}, vm)) return nwn::cli::kExitOk;
    if (quick && full) throw po::error("give --quick or --full, not both");
    s.mode = quick ? nwn::exp::DemoMode::Quick : full ? nwn::exp::DemoMode::Full : nwn::exp::DemoMode::Default;
    s.out = out;
    s.sections = sections;
    if (!reference.empty()) s.reference = reference;
    if (!examples.empty()) s.examples = examples;
    s.nwn_binary = std::filesystem::read_symlink("/proc/self/exe");
    s.command_line = "nwn demo";
    for (const auto& a : args) s.command_line += " " + a;
    nwn::install_stop_signal_handler();
    s.progress = [quiet = s.quiet](const std::string& label) { return nwn::cli::ProgressDrawer(label, quiet).callback(); };
    const auto r = nwn::exp::run_demo(s);
    if (!s.quiet) std::cerr << r.summary;
    else std::cout << r.report.string() << "\n";
    if (r.interrupted) return nwn::cli::kExitInterrupted;
    return r.all_ok ? nwn::cli::kExitOk : nwn::cli::kExitFailure;
}

}  // namespace

NWN_COMMAND(demo, "The demo: the paper's activation, avalanches, edge of chaos and a CMOS co-simulation, as a browser report",
            run_demo);

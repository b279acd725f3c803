// nwn demo: the end-to-end demonstration (network, libngspice run, avalanches, figures, summary).
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "runner/experiments/demo.h"
#include "runner/experiments/interrupt.h"

namespace po = boost::program_options;

namespace {

int run_demo(const std::vector<std::string>& args) {
    nwn::exp::DemoSpec s;
    std::string out, engine = "libngspice", cm;
    po::options_description opts(
        "usage: nwn demo --out DIR [--quiet]\n\n"
        "Generates a random network (about 1000 silver nanowires, 10 um long, at 0.1 wires/um² on 100 x 100 um,\n"
        "fixed seed, bar electrodes over 2.5 % of the domain), drives it with a DC voltage at the activation\n"
        "threshold V* = 1 (V = V*·n·vset, n the source-drain hop distance) through the XSPICE junction code model\n"
        "in libngspice, counts junction events, and runs the avalanche analysis of nwn avalanches on them.\n"
        "Writes DIR/network.json, DIR/network.svg (junctions coloured by their final filament state),\n"
        "DIR/run/ (the run directory), DIR/avalanches.{json,csv}, DIR/plots/ (conductance, avalanche\n"
        "distributions, <S>(T), IEI, shape collapse) and DIR/summary.txt; prints the summary. Takes 1-2 minutes.\n"
        "One run holds tens of avalanches, not the 10^4-10^5 of NWNsim's ensembles: the summary says how far\n"
        "its exponents can be trusted.\n\noptions");
    opts.add_options()("help,h", "show this help")
        ("out", po::value(&out)->required(), "output directory (created)")
        ("tstop", po::value(&s.tstop)->default_value(s.tstop), "simulated time (s)")
        ("vstar", po::value(&s.vstar)->default_value(s.vstar), "normalised drive V*")
        ("seed", po::value(&s.seed)->default_value(s.seed), "network seed (the next ones are tried if its electrodes are not connected)")
        ("engine", po::value(&engine)->default_value(engine), "libngspice, ngspice-cli or native")
        ("cm", po::value(&cm), "path of nwnspice.cm (default: $NWN_CODEMODEL, then next to nwn)")
        ("quiet,q", po::bool_switch(&s.quiet), "no progress bar and no summary (it is still in DIR/summary.txt)");
    po::variables_map vm;
    if (!nwn::cli::parse_command_line(args, opts, {}, vm)) return nwn::cli::kExitOk;
    s.out = out;
    s.engine = nwn::exp::parse_engine(engine);
    if (!cm.empty()) s.codemodel = cm;
    s.command_line = "nwn demo";
    for (const auto& a : args) s.command_line += " " + a;
    nwn::exp::install_interrupt_handler();
    const auto rep = nwn::exp::run_demo(s);
    if (!s.quiet) std::cerr << rep.summary.substr(rep.head_length);
    else if (rep.status != "completed") std::cerr << rep.summary;
    if (rep.status == "interrupted") return nwn::cli::kExitInterrupted;
    return rep.status == "completed" ? nwn::cli::kExitOk : nwn::cli::kExitFailure;
}

}  // namespace

NWN_COMMAND(demo, "The demo: a 1000-wire network at V* = 1 in libngspice, its avalanches, figures and summary", run_demo);

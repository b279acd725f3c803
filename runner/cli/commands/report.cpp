// nwn report: an HTML page for nwn output directories (report_dirs.h).
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "runner/experiments/demo/report_dirs.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

int run_report(const std::vector<std::string>& args) {
    std::vector<std::string> dirs;
    std::string out;
    po::options_description opts(
        "usage: nwn report DIR... [--out FILE]\n\n"
        "Writes a self-contained HTML page (no script, no network access) for nwn output directories: a run (run.json),\n"
        "an ensemble (ensemble.json), a Lyapunov or NLT run (lyapunov.json, nlt.json), a phase diagram, a sweep\n"
        "(sweep.csv), an avalanche analysis (avalanches.json) or a demo (report.json, rendered again). Tables of the\n"
        "results, the figures the directory has (their CSV data and gnuplot scripts linked), and figures drawn with\n"
        "gnuplot where it has none (into report-figures/ next to the page). Default FILE: DIR/index.html for one\n"
        "directory; --out is required for several.\n\noptions");
    opts.add_options()("help,h", "show this help")
        ("dir", po::value(&dirs)->composing(), "output directory (repeatable, or positional)")
        ("out,o", po::value(&out), "the page to write (HTML)");
    po::positional_options_description pos;
    pos.add("dir", -1);
    po::variables_map vm;
    if (!nwn::cli::parse_command_line(args, opts, pos, vm)) return nwn::cli::kExitOk;
    if (dirs.empty()) throw po::error("give at least one directory");
    if (out.empty()) {
        if (dirs.size() > 1) throw po::error("--out is required with several directories");
        out = (fs::path(dirs[0]) / "index.html").string();
    }
    if (fs::path(out).has_parent_path()) fs::create_directories(fs::path(out).parent_path());
    std::vector<fs::path> paths(dirs.begin(), dirs.end());
    const auto page = nwn::exp::report_for_directories(paths, out);
    nwn::exp::report::write_html(out, page);
    std::cout << out << "\n";
    return nwn::cli::kExitOk;
}

}  // namespace

NWN_COMMAND(report, "An HTML report page for run, ensemble, Lyapunov, sweep or demo directories", run_report);

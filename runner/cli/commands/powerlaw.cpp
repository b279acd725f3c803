// nwn powerlaw: the discrete power-law fit of any integer column (avalanche sizes, lifetimes, ...).
#include <boost/program_options.hpp>
#include <cmath>
#include <iostream>
#include <sstream>

#include "command.h"
#include "common/error.h"
#include "common/stop_signals.h"
#include "runner/analysis/criticality_json.h"
#include "runner/analysis/powerlaw.h"
#include "runner/io/timeseries_csv.h"

namespace po = boost::program_options;

namespace {

std::vector<std::int64_t> integer_column(const std::string& file, const std::string& column) {
    const auto ts = nwn::io::read_timeseries_csv(file, {{column}, false});
    const auto& v = ts.columns[0];
    if (v.empty()) throw nwn::file_error(file, 0, "column '" + column + "' holds no values");
    std::vector<std::int64_t> x;
    x.reserve(v.size());
    for (std::size_t r = 0; r < v.size(); ++r) {
        if (!(v[r] >= 1) || v[r] != std::floor(v[r]) || v[r] > 9e15) {
            std::ostringstream value;
            value << v[r];
            throw nwn::file_error(file, ts.row_lines[r], "column '" + column + "': " + value.str() + " is not a positive integer");
        }
        x.push_back(static_cast<std::int64_t>(v[r]));
    }
    return x;
}

int run_powerlaw(const std::vector<std::string>& args) {
    std::string file, column;
    nwn::analysis::PowerLawOptions o;
    long long xmin = 0, xmax = 0;
    po::options_description opts(
        "usage: nwn powerlaw FILE.csv --column NAME [--resamples N] [--seed N]\n\n"
        "Fits p(k) ~ k^-exponent to the positive integers of one CSV column (e.g. avalanches.csv's size or\n"
        "lifetime): exact discrete maximum likelihood on [xmin, xmax], the widest support whose Kolmogorov-\n"
        "Smirnov bootstrap p-value reaches --pcrit (or a given --xmin/--xmax), sigma from the bootstrap.\n"
        "Prints one JSON object on stdout: value, sigma, xmin, xmax, p, ks, n_in, ...\n\noptions");
    opts.add_options()("help,h", "show this help")
        ("input", po::value(&file)->required(), "CSV file with a header row")
        ("column", po::value(&column)->required(), "column to fit")
        ("resamples", po::value(&o.resamples)->default_value(o.resamples), "synthetic data sets for p and sigma")
        ("seed", po::value(&o.seed)->default_value(o.seed), "random seed (results depend only on it)")
        ("threads", po::value(&o.threads)->default_value(0u), "threads (0 = all cores)")
        ("pcrit", po::value(&o.pcrit)->default_value(o.pcrit), "support search: accept the widest support with p >= this")
        ("min-n", po::value(&o.min_n)->default_value(o.min_n), "samples a support must hold")
        ("xmin", po::value(&xmin), "fix the support instead of searching it (with --xmax)")
        ("xmax", po::value(&xmax), "fix the support instead of searching it (with --xmin)");
    po::variables_map vm;
    if (!nwn::cli::parse_input_command_line(args, opts, vm)) return nwn::cli::kExitOk;
    nwn::install_stop_signal_handler();  // the fits poll it: Ctrl-C stops them (exit 130)
    if (vm.count("xmin") != vm.count("xmax")) throw po::error("--xmin and --xmax go together");
    if (o.resamples == 0) throw po::error("--resamples must be at least 1");
    const auto x = integer_column(file, column);
    const auto fit = vm.count("xmin") ? nwn::analysis::fit_power_law(x, xmin, xmax, o) : nwn::analysis::search_power_law(x, o);
    auto j = nwn::analysis::to_json(fit);
    j["n"] = x.size();
    std::cout << j.dump() << "\n";
    return nwn::cli::kExitOk;
}

}  // namespace

NWN_COMMAND(powerlaw, "Discrete power-law fit (MLE, support search, bootstrap p) of an integer CSV column", run_powerlaw);

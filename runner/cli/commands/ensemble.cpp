// nwn ensemble: many DC networks in parallel processes, their events pooled for one avalanche analysis.
#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <iostream>

#include "command.h"
#include "engine_options.h"
#include "progress_drawer.h"
#include "distribution_options.h"
#include "common/error.h"
#include "common/stop_signals.h"
#include "common/text_parse.h"
#include "runner/experiments/avalanches/avalanche_options.h"
#include "runner/experiments/ensemble/ensemble.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

using nwn::split;

// A bad number is a usage error (exit 2), as for Boost's own options.
double number(const std::string& s, const std::string& flag) {
    try {
        return nwn::parse_number(s, flag);
    } catch (const nwn::Error& e) {
        throw po::error(e.what());
    }
}

std::vector<double> numbers(const std::string& list, const std::string& flag) {
    std::vector<double> v;
    for (const auto& item : split(list, ',')) v.push_back(number(item, flag));
    return v;
}

// "0:99" (inclusive), "3,7,12", or both mixed.
std::vector<std::uint32_t> seeds(const std::string& spec) {
    std::vector<std::uint32_t> out;
    auto seed = [](const std::string& s) {
        const double v = number(s, "--seeds");
        if (v < 0 || v > 4294967295.0 || v != std::floor(v)) throw po::error("--seeds: '" + s + "' is not a seed (0..2^32-1)");
        return static_cast<std::uint32_t>(v);
    };
    for (const auto& item : split(spec, ',')) {
        const auto range = split(item, ':');
        if (range.size() == 1) out.push_back(seed(item));
        else if (range.size() == 2 && seed(range[0]) <= seed(range[1]))
            for (std::uint64_t k = seed(range[0]); k <= seed(range[1]); ++k) out.push_back(static_cast<std::uint32_t>(k));
        else throw po::error("--seeds: '" + item + "' is not A:B with A <= B");
    }
    return out;
}

int run_ensemble(const std::vector<std::string>& args) {
    nwn::exp::EnsembleSpec s;
    std::string seed_spec, vstar = "1", lx, wires, out;
    nwn::cli::EngineOptions eo;
    nwn::cli::DistributionOptions dist;
    po::options_description opts(
        "usage: nwn ensemble --out DIR --seeds A:B [--vstar V,...] (--lx L,... | --wires N,...) [options]\n\n"
        "NWNsim's DC avalanche ensembles: random networks (one per seed and size, density --density) with\n"
        "rectangular bar electrodes, each run at V = V*·n·vset for every V* (n = source-drain hop distance,\n"
        "NWNsim's SDpath), every member a separate `nwn run --quiet` process (at most --jobs at once). Seeds\n"
        "whose electrodes are not connected are skipped (NWNsim's GetConnectedNWNs). The events of all\n"
        "members of one (size, V*) are pooled with joins (nothing spans two members) into one avalanche\n"
        "analysis, written as nwn avalanches does to DIR/L<size>/Vstar<V*>/. Events are junction crossings of\n"
        "G = 1.1 goff (NWNsim's ensemble events; members record lambda, counted then deleted) or network-\n"
        "conductance threshold peaks. Running again into DIR resumes: completed members are not rerun.\n" +
        nwn::cli::distribution_help("members") + "\noptions");
    opts.add_options()("help,h", "show this help")
        ("out", po::value(&out)->required(), "ensemble directory (created; resumed when it exists)")
        ("seeds", po::value(&seed_spec)->required(), "network seeds: A:B (inclusive), a list 1,5,9, or both")
        ("vstar", po::value(&vstar)->default_value(vstar), "normalised drives V* (list)")
        ("lx", po::value(&lx), "domain sizes in um (list; square domains)")
        ("wires", po::value(&wires), "or sizes as wire counts N (list): Lx = sqrt(N/density)")
        ("density", po::value(&s.density)->default_value(s.density, "0.1"), "wires per um^2")
        ("length-mean", po::value(&s.length_mean)->default_value(s.length_mean), "mean wire length (um)")
        ("length-sd", po::value(&s.length_sd)->default_value(s.length_sd), "wire length standard deviation (um)")
        ("electrodes", po::value(&s.electrodes)->default_value(s.electrodes), "electrode rule (nwn generate --electrodes)")
        ("tstop", po::value(&s.tstop)->default_value(s.tstop), "simulated time per member (s)")
        ("dt", po::value(&s.dt)->default_value(s.dt), "time step (s): native step, SPICE maximum step, sample grid")
        ("events", po::value(&s.events)->default_value(s.events), "crossings or conductance")
        ("keep-lambda", po::bool_switch(&s.keep_lambda), "crossings: keep each member's lambda.csv")
        ("jobs,j", po::value(&s.jobs)->default_value(0u), "members run at once (0 = number of cores; MPI: one per worker rank)")
        ("quiet,q", po::bool_switch(&s.quiet), "no progress or summary");
    nwn::cli::EngineOptionSet set;
    set.engine_default = "native";
    set.engine_help = "native (fast), libngspice or ngspice-cli";
    set.preset_default = s.preset;
    set.preset = true;
    set.param = true;
    eo.add_to(opts, set);
    dist.add_to(opts, "members");
    nwn::exp::add_avalanche_options(opts, s.analysis, true);
    po::variables_map vm;
    if (!nwn::cli::parse_command_line(args, opts, {}, vm)) return nwn::cli::kExitOk;
    if (lx.empty() == wires.empty()) throw po::error("give the sizes with --lx or --wires (one of them)");
    s.seeds = seeds(seed_spec);
    s.vstar = numbers(vstar, "--vstar");
    if (!lx.empty()) s.lx = numbers(lx, "--lx");
    for (double n : wires.empty() ? std::vector<double>{} : numbers(wires, "--wires"))
        s.lx.push_back(std::sqrt(n / s.density));
    s.engine = eo.engine_kind();
    s.preset = eo.preset;
    s.params = eo.params;
    s.out = out;
    dist.apply(s.shard, s.merge);
    s.nwn_binary = fs::read_symlink("/proc/self/exe");
    s.analysis.criticality();  // bad analysis options fail before any run
    nwn::install_stop_signal_handler();

    nwn::cli::ProgressDrawer bar("ensemble", s.quiet);
    s.progress = bar.callback();
    const auto report = nwn::exp::run_ensemble(s);
    bar.finish();
    for (const auto& w : report.warnings) std::cerr << "nwn ensemble: warning: " << w << "\n";
    if (report.shard && !report.interrupted) {
        std::size_t done = 0, failed = 0;
        for (const auto& g : report.groups) done += g.completed, failed += g.failed;
        if (!s.quiet || failed)
            std::cerr << "nwn ensemble: shard " << s.shard.label() << ": " << done << " members completed"
                      << (failed ? ", " + std::to_string(failed) + " failed" : "") << "; merge the shards with --merge\n";
        return report.ok() ? nwn::cli::kExitOk : nwn::cli::kExitFailure;
    }
    if (report.interrupted) {
        std::cerr << "nwn ensemble: interrupted; run the same command again to resume\n";
        return nwn::cli::kExitInterrupted;
    }
    for (const auto& g : report.groups) {
        if (s.quiet && g.analysed) continue;
        std::cerr << "nwn ensemble: L = " << g.lx << " um, V* = " << g.vstar << ": " << g.completed << " members"
                  << (g.failed ? ", " + std::to_string(g.failed) + " failed" : "")
                  << (g.skipped_seeds.empty() ? "" : ", " + std::to_string(g.skipped_seeds.size()) + " seeds skipped")
                  << "\n"
                  << (g.analysed ? g.summary : "  no analysis: " + g.summary + "\n");
    }
    return report.ok() ? nwn::cli::kExitOk : nwn::cli::kExitFailure;
}

}  // namespace

NWN_COMMAND(ensemble, "Run an ensemble of DC networks in parallel and pool their avalanches", run_ensemble);

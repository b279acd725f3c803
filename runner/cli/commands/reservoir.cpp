// nwn reservoir: a network as a physical reservoir on a standard task (memory capacity, NARMA-10).
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "engine_options.h"
#include "progress_drawer.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/network_json.h"
#include "common/text_parse.h"
#include "runner/experiments/reservoir/reservoir.h"
#include "runner/experiments/reservoir/reservoir_spread.h"
#include "common/stop_signals.h"
#include "simulation_options.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> names(const std::string& list) {
    std::vector<std::string> out;
    if (list.empty()) return out;
    for (const auto& n : nwn::split(list, ',')) out.push_back(nwn::trim(n));
    return out;
}

int run_reservoir_cmd(const std::vector<std::string>& args) {
    nwn::exp::ReservoirSpec s;
    std::vector<std::string> input;
    std::string task, out, inputs, readouts, probes, contacts, electrodes, penalties, horizons, readout_circuit;
    unsigned long long seed = 1;
    bool quiet = false;
    po::options_description opts(
        "usage: nwn reservoir TASK NET.json [NET2.json ...] --inputs NAME,... --readouts NAME,... [--probes NAME,...] --out DIR\n\n"
        "Uses the network as a physical reservoir on a standard task. TASK: memory-capacity (u uniform in [-1, 1];\n"
        "MC = sum over delays 1..D of the test r^2 of the readout of u(k-d)) or narma10 (u uniform in [0, 0.5];\n"
        "NRMSE of the one-step prediction of NARMA-10's output) or mackey-glass (the tau = 17 series as input; NRMSE\n"
        "of predicting it --horizons samples ahead) or digits (the 8 x 8 handwritten digits of Debian's python3-sklearn,\n"
        "each image scanned column by column, one pixel per input electrode and step, then --rest-steps at the lowest\n"
        "level; features read at the image's last step; test accuracy of a one-vs-rest ridge classifier and its confusion\n"
        "matrix in DIR/reservoir.csv; --steps counts images). Each input sample, mapped onto OFFSET +- A volts,\n"
        "drives the input electrodes for one --step-time; the features, read at the end of each step, are the\n"
        "currents of the grounded --readouts (or their TIAs' outputs, --readout-circuit) and the voltages of the\n"
        "floating --probes (--features wires|both: also every wire's voltage, not measurable on a chip). The readout is ridge\n"
        "regression on standardised features, its penalty chosen by k-fold cross-validation on the training part,\n"
        "scored on the test part, beside the same readout on the raw input and an echo-state network with as many\n"
        "features. Writes DIR/reservoir.json (scores), DIR/reservoir.csv (memory capacity per delay), DIR/drive.csv\n"
        "and the run in DIR/run. With several networks (e.g. nwn generate --seed 1, 2, ...), each runs in DIR/net<k>\n"
        "and DIR/reservoir.json holds every score's mean, standard deviation and values over the networks.\n\noptions");
    opts.add_options()("help,h", "show this help")
        ("task", po::value(&task)->required(), "memory-capacity | narma10 | mackey-glass | digits")
        ("input", po::value(&input)->required()->multitoken(), "network file(s) (JSON)")
        ("out", po::value(&out)->required(), "output directory (created)")
        ("contacts", po::value(&contacts), "single-wire contacts I,J,K,... (named w<id>)")
        ("electrodes", po::value(&electrodes), "choose electrodes as nwn generate does (grid:4x4, pads:FILE.csv, ...)")
        ("inputs", po::value(&inputs)->required(), "electrodes driven by the task's input, e.g. p0_0,p3_3")
        ("readouts", po::value(&readouts), "grounded electrodes whose currents are features")
        ("probes", po::value(&probes), "floating electrodes whose voltages are features")
        ("readout-circuit", po::value(&readout_circuit)->default_value("ground"),
         "ground: the readouts' currents are features; tia[:RF]: a transimpedance amplifier per readout (RF Ohm, default "
         "1k), its output -RF*I the feature: in SPICE the CMOS TIA of cmos_periphery.lib (sinks up to ~0.6 mA), supplies "
         "+-1.5 V, in the deck; natively the ideal one (a virtual ground at 0 V: the grounded readout)")
        ("features", po::value(&s.features)->default_value("electrodes"),
         "electrodes: readouts and probes (what a chip can read); wires: every wire's voltage (not measurable on a chip); both")
        ("steps", po::value(&s.steps)->default_value(2000), "input samples")
        ("step-time", po::value(&s.step_time)->default_value(0.01), "time each sample is held (s)")
        ("amplitude", po::value(&s.amplitude)->default_value(1.0), "input range OFFSET +- A (V)")
        ("offset", po::value(&s.offset)->default_value(0), "added to every input (V): A for unipolar inputs in [0, 2A]")
        ("seed", po::value(&seed)->default_value(1), "seed of the input and of the echo-state baseline")
        ("max-delay", po::value(&s.max_delay)->default_value(30), "memory capacity: delays 1..D")
        ("horizons", po::value(&horizons)->default_value("1,5,10"), "mackey-glass: samples ahead to predict")
        ("washout", po::value(&s.readout.washout)->default_value(100), "leading samples neither trained nor tested")
        ("train", po::value(&s.readout.train_fraction)->default_value(0.7), "fraction after the washout that trains")
        ("folds", po::value(&s.readout.folds)->default_value(5), "cross-validation folds for the ridge penalty")
        ("penalties", po::value(&penalties), "ridge penalties to choose from, comma-separated (default 0,1e-8,...,1e2)")
        ("tmax", po::value(&s.tmax)->default_value(1e-3), "native fixed step / SPICE maximum step (s)")
        ("nwnsim-compat", po::bool_switch(&s.nwnsim_compat), "native engine: NWNsim's sign-asymmetric reset")
        ("digits", po::value(&s.digits_file), "digits: the data file (default: $NWN_DIGITS, python3-sklearn's, the build's copy)")
        ("scan", po::value(&s.digits_scan)->default_value("columns"), "digits: columns or rows of the image shown in time")
        ("rest-steps", po::value(&s.rest_steps)->default_value(2), "digits: steps at the lowest level after each image")
        ("read-every-step", po::bool_switch(&s.read_every_step), "digits: features of every pixel step, side by side")
        ("lyapunov", po::bool_switch(&s.lyapunov),
         "also the maximal Lyapunov exponent along the input (native two-copy estimate, one rate per sample)")
        ("lyapunov-eps", po::value(&s.lyapunov_eps)->default_value(1e-7), "its perturbation size (V*s)")
        ("quiet,q", po::bool_switch(&quiet), "no progress bar or summary");
    nwn::cli::EngineOptions eo;
    nwn::cli::EngineOptionSet set;
    set.engine_default = "native";
    set.engine_help = "native (NWNsim's fixed-step scheme), libngspice or ngspice-cli";
    set.flavour_default = "auto";
    set.flavour_help = nwn::cli::kFlavourHelp;
    set.preset = true;
    set.param = true;
    eo.add_to(opts, set);
    po::positional_options_description pos;
    pos.add("task", 1).add("input", -1);
    po::variables_map vm;
    if (!nwn::cli::parse_command_line(args, opts, pos, vm)) return nwn::cli::kExitOk;
    nwn::install_stop_signal_handler();
    s.task = task;
    std::vector<nwn::exp::ReservoirMember> members;
    for (const auto& file : input) {
        members.push_back({nwn::net::read_network(file), fs::absolute(file).string()});
        if (const auto spec = nwn::cli::electrode_spec(contacts, electrodes)) nwn::net::choose_electrodes(members.back().network, *spec);
    }
    s.network = members[0].network;
    s.network_source = members[0].source;
    s.inputs = names(inputs);
    s.readouts = names(readouts);
    s.probes = names(probes);
    if (readout_circuit != "ground") {
        if (readout_circuit.rfind("tia", 0) != 0)
            throw po::error("--readout-circuit must be ground, tia or tia:RF (got '" + readout_circuit + "')");
        s.tia = nwn::net::parse_tia(readout_circuit, "--readout-circuit");
    }
    s.seed = seed;
    s.horizons.clear();
    for (const auto& h : names(horizons)) {
        const long long v = nwn::parse_integer(h, "--horizons");
        if (v < 1) throw po::error("--horizons must be >= 1");
        s.horizons.push_back(static_cast<std::size_t>(v));
    }
    if (!penalties.empty()) {
        s.readout.penalties.clear();
        for (const auto& p : names(penalties)) s.readout.penalties.push_back(nwn::parse_number(p, "--penalties"));
    }
    s.engine = eo.engine_kind();
    s.flavour = eo.flavour_kind(true);
    s.preset = eo.preset;
    s.params = eo.params;
    if (s.nwnsim_compat && s.engine != nwn::engine::Engine::Native && !s.lyapunov)
        throw po::error("--nwnsim-compat applies to --engine native (and the native --lyapunov estimate)");
    if (!(s.lyapunov_eps > 0)) throw po::error("--lyapunov-eps must be > 0");
    s.out = out;
    s.command_line = "nwn reservoir";
    for (const auto& a : args) s.command_line += " " + a;
    if (s.tia && s.engine == nwn::engine::Engine::Native && !quiet)
        std::cerr << "nwn reservoir: note: the native engine's TIA is the ideal one, a virtual ground at exactly 0 V: the "
                     "grounded readout, its current times rf (the CMOS amplifier runs with --engine libngspice or ngspice-cli)\n";
    nwn::cli::ProgressDrawer bar(nwn::engine::engine_name(s.engine), quiet);
    s.progress = bar.callback();
    const auto doc = members.size() > 1 ? nwn::exp::run_reservoir_spread(s, members) : nwn::exp::run_reservoir(s);
    bar.finish();
    if (!quiet && members.size() > 1) {
        const std::string key = nwn::exp::reservoir_score_key(task);
        auto pm = [&](const nlohmann::json& j) {
            return std::to_string(j[key].get<double>()) + " +- " + std::to_string(j[key + "_sd"].get<double>());
        };
        std::cerr << "nwn reservoir: " << task << " " << key << " over " << members.size() << " networks: network "
                  << pm(doc["network_score"]) << ", raw input " << pm(doc["baselines"]["raw_input"]) << ", echo-state network "
                  << pm(doc["baselines"]["echo_state"]) << "; " << out << "/reservoir.json\n";
    } else if (!quiet) {
        if (doc.contains("readout_circuit") && !doc["readout_circuit"].value("bridges", nlohmann::json::array()).empty())
            std::cerr << "nwn reservoir: note: readouts share a wire with another held electrode ("
                      << doc["readout_circuit"]["bridges"].dump() << "): the TIA's virtual-ground offset drives a current "
                      << "through that bridge, which the grounded readout has not\n";
        const std::string key = nwn::exp::reservoir_score_key(task);
        std::cerr << "nwn reservoir: " << task << " " << key << ": network " << doc["network_score"][key].get<double>()
                  << ", raw input " << doc["baselines"]["raw_input"][key].get<double>() << ", echo-state network ("
                  << doc["network_score"]["features"].get<std::size_t>() << " units) "
                  << doc["baselines"]["echo_state"][key].get<double>();
        if (doc.contains("lyapunov") && doc["lyapunov"]["lambda_per_s"].is_number())
            std::cerr << "; lambda " << doc["lyapunov"]["lambda_per_s"].get<double>() << " +- " << doc["lyapunov"]["sigma"] << " 1/s";
        std::cerr << "; " << out << "/reservoir.json\n";
    }
    return nwn::cli::kExitOk;
}

}  // namespace

NWN_COMMAND(reservoir, "A network as a physical reservoir: memory capacity, NARMA-10, Mackey-Glass, digits", run_reservoir_cmd);

#include "runner/experiments/demo.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "common/format.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "runner/experiments/ngspice_choice.h"
#include "netlistgen/electrodes.h"
#include "netlistgen/generator.h"
#include "netlistgen/junction_params.h"
#include "netlistgen/network_json.h"
#include "netlistgen/svg_picture.h"
#include "runner/experiments/avalanche_analysis.h"
#include "runner/experiments/avalanche_summary.h"
#include "runner/experiments/plots_run.h"
#include "runner/experiments/recording_input_lambda.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;

namespace nwn::exp {

namespace {

constexpr double kDensity = 0.1, kSide = 100;  // 1000 wires drawn; the largest component is kept
constexpr const char* kElectrodes = "bars:0.025";
constexpr double kStep = 1e-3;  // SPICE maximum step and the event grid, as NWNsim's dt
constexpr int kSeedsTried = 10;

// The first seed from `seed` on whose bar electrodes are connected.
net::Network demo_network(std::uint32_t seed) {
    for (int k = 0; k < kSeedsTried; ++k) {
        net::GeneratorParams p;
        p.density = kDensity;
        p.lx = p.ly = kSide;
        p.seed = seed + static_cast<std::uint32_t>(k);
        auto net = net::generate_network(p);
        try {
            net::choose_electrodes(net, kElectrodes);
        } catch (const Error&) {
            continue;
        }
        if (net.hop_distance && *net.hop_distance > 0) return net;
    }
    throw Error("no seed from " + std::to_string(seed) + " on gives connected bar electrodes");
}

std::string activation_text(const std::vector<double>& t, const std::vector<double>& G, double tstop) {
    if (G.empty() || !(G.front() > 0)) return "activation: no conductance recorded";
    for (std::size_t i = 0; i < G.size(); ++i)
        if (G[i] >= 10 * G.front())
            return "activation: G exceeds 10 G(0) at t = " + fmt("%.3g", t[i]) + " s (G " + fmt("%.3g", G.front()) +
                   " -> " + fmt("%.3g", G.back()) + " S, x" + fmt("%.3g", G.back() / G.front()) + ")";
    return "activation: not within " + fmt("%g", tstop) + " s (G rose from " + fmt("%.3g", G.front()) + " to " +
           fmt("%.3g", G.back()) + " S, x" + fmt("%.3g", G.back() / G.front()) +
           "; V* = 1 is the edge of activation, where the avalanches are)";
}

// Final states per junction (junctions the run did not record, outside the electrodes' component, stay 0).
std::vector<double> final_states(const net::Network& net, const JunctionEventTrain& j) {
    std::vector<double> lambda(net.junctions.size(), 0.0);
    for (std::size_t c = 0; c < j.names.size(); ++c) {
        const auto k = static_cast<std::size_t>(std::stoul(j.names[c].substr(1)));
        if (k < lambda.size()) lambda[k] = j.last[c];
    }
    return lambda;
}

void write_final_states(const fs::path& file, const std::vector<double>& lambda) {
    io::TimeSeries ts;
    ts.names = {"junction", "lambda"};
    ts.columns.resize(2);
    for (std::size_t k = 0; k < lambda.size(); ++k) ts.columns[0].push_back(static_cast<double>(k)), ts.columns[1].push_back(lambda[k]);
    io::write_timeseries_csv(file, ts, {"filament state lambda (V s) of every junction at the end of the demo run"});
}

}  // namespace

DemoReport run_demo(const DemoSpec& spec) {
    const auto start = std::chrono::steady_clock::now();
    if (!(spec.vstar > 0) || !(spec.tstop > 0)) throw Error("--vstar and --tstop must be positive");
    fs::create_directories(spec.out);
    const auto net = demo_network(spec.seed);
    net::write_network(spec.out / "network.json", net);
    const int n = *net.hop_distance;
    const double volts = spec.vstar * n * net::preset_params("dc").vset;

    NetworkRunSpec rs;
    rs.network = net;
    rs.network_source = fs::absolute(spec.out / "network.json").string();
    rs.engine = spec.engine;
    rs.stimulus = net::Stimulus::dc(volts);
    rs.tstop = spec.tstop;
    rs.tmax = kStep;
    rs.save_lambda = true;
    if (spec.engine != Engine::Native) rs.resample_dt = kStep;
    rs.quiet = spec.quiet;
    rs.codemodel = spec.codemodel;
    rs.flavour = resolve_flavour("auto", spec.codemodel.has_value());
    rs.out = spec.out / "run";
    rs.command_line = spec.command_line;
    std::ostringstream head;
    head << "nwn demo: " << net::summary(net) << "\n  drive: V = " << fmt("%.4g", volts) << " V = V* n vset with V* = "
         << spec.vstar << ", n = " << n << "; " << engine_name(spec.engine)
         << (spec.engine == Engine::Native ? ""
             : rs.flavour == "osdi"         ? " with the nwnjunction OSDI device (ngspice 46, KLU)"
                                            : " with the nwnjunction code model")
         << ", " << spec.tstop << " s\n";
    if (!spec.quiet) std::cerr << head.str() << std::flush;
    const RunResult run = run_network(rs);

    DemoReport rep;
    rep.status = run.status;
    std::ostringstream os;
    os << head.str();
    rep.head_length = head.str().size();
    os << "  run: " << run.status << ", " << run.points << " time points in " << fmt("%.1f", run.wall_s) << " s\n";
    if (!run.ok()) {
        if (!run.message.empty()) os << "  " << run.message << "\n";
        rep.summary = os.str();
        return rep;
    }

    const auto ts = io::read_timeseries_csv(rs.out / "timeseries.csv", {{"t", "G"}, true});
    os << "  " << activation_text(ts.columns[0], ts.columns[1], spec.tstop) << "\n";
    const auto junction = junction_events_from_run(rs.out, JunctionEventMethod::Crossings, kStep);
    EventTrains trains;
    trains.events.add(junction.events);
    trains.dt = junction.dt;
    trains.t0 = {junction.t0};
    trains.source = {0};
    std::vector<std::string> warnings;
    for (const char* stale : {"avalanches.json", "avalanches.csv"}) fs::remove(spec.out / stale);  // an earlier demo's
    try {
        analysis::CriticalityOptions opt;
        const auto r = analyse_event_trains(trains, opt);
        const nlohmann::json input = {{"kind", "demo"}, {"events", "crossings"}, {"source", rs.out.string()},
                                      {"junctions", junction.junctions}, {"dt", trains.dt},
                                      {"samples", trains.events.total()}};
        warnings = write_avalanche_outputs(spec.out, trains, r, input, options_json(opt, "crossings"), true);
        os << "  junction events (G crossing 1.1 goff) and avalanches:\n" << avalanche_summary(r, "    ");
    } catch (const Error& e) {
        std::size_t events = 0;
        for (int e : junction.events) events += static_cast<std::size_t>(e);
        os << "  junction events (G crossing 1.1 goff): " << events
           << "; too few for the avalanche statistics of one short run (" << e.what()
           << "); NWNsim pooled 1000 networks x 30 s: use nwn ensemble\n";
    }
    for (const auto& w : plot_conductance(spec.out / "plots", ts.columns[0], ts.columns[1], junction.events, junction.t0,
                                          junction.dt, "Network conductance and junction events, V* = " + fmt("%g", spec.vstar)))
        warnings.push_back(w);

    const auto lambda = final_states(net, junction);
    write_final_states(spec.out / "final_lambda.csv", lambda);
    write_file_atomic(spec.out / "network.svg", net::network_svg(net, net::JunctionColouring{"lambda", lambda}));
    fs::remove(rs.out / "lambda.csv");  // ~0.3 GB for a 30 s run; its events and final states are kept

    for (const auto& w : warnings) os << "  warning: " << w << "\n";
    rep.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    os << "  outputs in " << spec.out.string() << ": network.svg (coloured by final lambda), plots/ (PNG, SVG), "
       << "avalanches.json, avalanches.csv, run/; demo took " << fmt("%.0f", rep.wall_s) << " s\n";
    rep.summary = os.str();
    write_file_atomic(spec.out / "summary.txt", rep.summary);
    return rep;
}

}  // namespace nwn::exp

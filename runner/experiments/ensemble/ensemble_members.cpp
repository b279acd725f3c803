#include "runner/experiments/ensemble/ensemble_members.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/format.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/generator.h"
#include "netlistgen/network/network_json.h"
#include "runner/experiments/avalanches/recording_input.h"
#include "runner/experiments/avalanches/recording_input_lambda.h"
#include "runner/experiments/run/run_recorder.h"
#include "runner/io/run_dir.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;

namespace nwn::exp {

std::string number_label(double x) { return fmt("%.6g", x); }

std::optional<int> prepare_network(const EnsembleSpec& spec, double lx, std::uint32_t seed, const fs::path& file,
                                   std::string& why) {
    if (fs::exists(file)) {
        const auto net = net::read_network(file);
        if (net.hop_distance && *net.hop_distance > 0) return *net.hop_distance;
    }
    net::GeneratorParams p;
    p.density = spec.density;
    p.lx = p.ly = lx;
    p.length_mean = spec.length_mean;
    p.length_sd = spec.length_sd;
    p.seed = seed;
    auto net = net::generate_network(p);
    try {
        net::choose_electrodes(net, spec.electrodes);
    } catch (const Error& e) {
        why = e.what();
        return std::nullopt;
    }
    if (!net.hop_distance || *net.hop_distance <= 0) {
        why = "no source-drain path of positive length";
        return std::nullopt;
    }
    fs::create_directories(file.parent_path());
    net::write_network(file, net);
    return *net.hop_distance;
}

std::vector<std::string> member_command(const EnsembleSpec& spec, const EnsembleMember& m) {
    const std::string volts = "dc:" + fmt("%.17g", m.voltage);
    std::vector<std::string> a{spec.nwn_binary.string(), "run",       m.network.string(),  "--engine",
                               engine::engine_name(spec.engine), "--stimulus", volts,               "--tstop",
                               number_label(spec.tstop), "--tmax",     number_label(spec.dt), "--preset",
                               spec.preset,              "--out",      m.dir.string(),      "--quiet"};
    for (const auto& p : spec.params) a.insert(a.end(), {"--param", p});
    // Crossings are counted as the run streams (events.csv); lambda.csv only when it is to be kept.
    if (spec.events == "crossings") a.push_back(spec.keep_lambda ? "--save-lambda" : "--save-events");
    // SPICE time points are wherever the integrator put them; the analysis wants the dt grid.
    if (spec.engine != Engine::Native) a.insert(a.end(), {"--resample", number_label(spec.dt)});
    return a;
}

namespace {

void count_junction_events(const EnsembleSpec& spec, const EnsembleMember& m) {
    const auto j = junction_events_from_run(m.dir, JunctionEventMethod::Crossings, spec.dt);
    auto ts = io::TimeSeries::with_columns({"t", "events"});
    for (std::size_t i = 0; i < j.events.size(); ++i) ts.add_row({j.t0 + static_cast<double>(i) * j.dt, static_cast<double>(j.events[i])});
    io::write_timeseries_csv(io::RunPaths{m.dir}.events(), ts, {kJunctionEventsComment});
    if (!spec.keep_lambda) fs::remove(io::RunPaths{m.dir}.lambda());
}

}  // namespace

bool member_ready(const EnsembleSpec& spec, EnsembleMember& m) {
    const io::RunPaths files{m.dir};
    m.status = "pending";
    m.message.clear();
    if (!fs::exists(files.record())) return false;
    try {
        const auto r = io::read_run_record(m.dir);
        m.status = r.status;
        m.message = r.message;
    } catch (const Error& e) {
        m.status = "failed";
        m.message = e.what();
    }
    if (m.status != "completed") return false;
    if (spec.events == "conductance") return fs::exists(files.timeseries());
    if (fs::exists(files.events())) return true;
    if (!fs::exists(files.lambda())) {
        m.status = "pending";  // counted events lost: run again
        return false;
    }
    count_junction_events(spec, m);
    return true;
}

EventTrains pooled_events(const EnsembleSpec& spec, const std::vector<const EnsembleMember*>& members,
                          const analysis::CriticalityOptions& opt) {
    if (members.empty()) throw Error("no completed member to analyse");
    if (spec.events == "conductance") {
        Recording all;
        RecordingOptions ro;
        ro.dt = spec.dt;
        for (const auto* m : members) {
            const auto r = read_recording(m->dir, ro);
            all.G.add(r.G[0]);
            all.t0.push_back(r.t0[0]);
            all.dt = r.dt;
        }
        auto tr = conductance_event_trains(all, {opt.thresh, opt.rel_thresh}, opt.condition);
        for (auto& s : tr.source) s = members[s]->seed;
        return tr;
    }
    EventTrains tr;
    tr.dt = spec.dt;
    for (const auto* m : members) {
        const auto ts = io::read_timeseries_csv(io::RunPaths{m->dir}.events(), {{"t", "events"}});
        std::vector<int> ev;
        ev.reserve(ts.rows());
        for (double x : ts.columns[1]) ev.push_back(static_cast<int>(x));
        if (ev.empty()) throw Error(io::RunPaths{m->dir}.events().string() + ": no samples");
        tr.events.add(ev);
        tr.t0.push_back(ts.columns[0][0]);
        tr.source.push_back(m->seed);
    }
    return tr;
}

}  // namespace nwn::exp

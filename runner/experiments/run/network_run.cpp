#include "runner/experiments/run/network_run.h"

#include <chrono>
#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/format.h"
#include "common/progress.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/junction_params.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "netlistgen/netlist/resource_paths.h"
#include "netlistgen/netlist/solver_options.h"
#include "common/text_parse.h"
#include "runner/engine/native_engine.h"
#include "runner/engine/ngspice_cli.h"
#include "runner/engine/ngspice_session.h"
#include "runner/engine/run_limits.h"
#include "runner/engine/ngspice_choice.h"
#include "runner/experiments/run/run_recorder.h"
#include "runner/io/run_dir.h"
#include "nwn_config.h"

namespace nwn::exp {

namespace {

using Clock = std::chrono::steady_clock;

struct Context {
    const NetworkRunSpec& spec;
    net::Flavour flavour;
    engine::NgspiceChoice ngspice;
    device::JunctionParams params;
    std::vector<net::ElectrodeRole> roles;  // one per electrode
    bool multi;                             // roles were asked for: V_/I_ columns, a deck by roles
    const net::Electrode* driven;           // V: none when nothing is driven
    const net::Electrode* drain;            // I: none when every other electrode floats
    std::vector<std::size_t> junctions;  // recorded states
    std::string deck;                    // SPICE engines
};

// Whether the run needs every recorded junction's state from the engine.
bool wants_states(const NetworkRunSpec& s) { return s.save_lambda || s.save_events; }

std::vector<std::string> lambda_names(const Context& c) {
    std::vector<std::string> names;
    if (wants_states(c.spec))
        for (auto k : c.junctions) names.push_back("l" + std::to_string(k));
    return names;
}

// V_<name> ..., I_<name> ... of a multi-electrode run's timeseries.csv, then the extra vectors'.
std::vector<std::string> electrode_columns(const Context& c) {
    std::vector<std::string> out;
    if (c.multi)
        for (const char* q : {"V_", "I_"})
            for (const auto& e : c.spec.network.electrodes) out.push_back(q + e.name);
    for (const auto& [column, vector] : c.spec.extra_vectors) out.push_back(column);
    return out;
}

// What every engine delivers, into the run's recorder: drain current, the electrodes' voltages and
// currents (multi-electrode runs) and (when recorded) the states.
struct EnginePoints {
    EnginePoints(Context& context, RunRecorder& recorder) : c(context), rec(recorder) {}
    Context& c;
    RunRecorder& rec;
    static constexpr std::size_t none = engine::VectorLayout::npos;
    std::size_t i_idx = none, v_col = none;  // v_col: the driven electrode's entry of ext (multi-electrode runs)
    std::vector<std::size_t> lam_idx, ev_idx, ei_idx;  // ei: none for a floating electrode (no current)
    std::vector<std::size_t> x_idx;                    // the extra vectors
    std::vector<double> lam, ext;

    engine::LayoutCallback on_layout() {
        return [this](const engine::VectorLayout& layout) {
            i_idx = c.drain ? layout.index("i(v" + c.drain->name + ")") : none;
            lam_idx.clear();
            if (wants_states(c.spec))
                for (auto k : c.junctions) lam_idx.push_back(layout.index("v(l" + std::to_string(k) + ")"));
            lam.resize(lam_idx.size());
            ev_idx.clear();
            ei_idx.clear();
            if (c.multi)
                for (std::size_t e = 0; e < c.roles.size(); ++e) {
                    const auto& el = c.spec.network.electrodes[e];
                    ev_idx.push_back(layout.index("v(" + net::electrode_node(el) + ")"));
                    ei_idx.push_back(c.roles[e].role == net::Role::Float ? none : layout.index("i(v" + el.name + ")"));
                }
            x_idx.clear();
            for (const auto& [column, vector] : c.spec.extra_vectors) x_idx.push_back(layout.index(vector));
            ext.resize(2 * ev_idx.size() + x_idx.size());
            v_col = c.multi && c.driven ? static_cast<std::size_t>(c.driven - c.spec.network.electrodes.data()) : none;
        };
    }
    engine::Recorder recorder() {
        return [this](const engine::Point& p) {
            for (std::size_t k = 0; k < lam_idx.size(); ++k) lam[k] = p[lam_idx[k]];
            const std::size_t ne = ev_idx.size();
            for (std::size_t e = 0; e < ne; ++e) {
                ext[e] = p[ev_idx[e]];
                ext[ne + e] = ei_idx[e] == none ? 0.0 : -p[ei_idx[e]];  // into the network: minus ngspice's i(v)
            }
            for (std::size_t x = 0; x < x_idx.size(); ++x) ext[2 * ne + x] = p[x_idx[x]];
            const double v = !c.multi ? c.spec.stimulus.value(p.time) : v_col == none ? 0.0 : ext[v_col];
            rec.record(p.time, v, i_idx == none ? 0.0 : p[i_idx], lam_idx.empty() ? nullptr : lam.data(),
                       ext.empty() ? nullptr : ext.data());
        };
    }
};

void run_native(Context& c, RunRecorder& rec, RunResult& res) {
    engine::NativeOptions opt;
    opt.dt = c.spec.tmax;
    opt.tstop = c.spec.tstop;
    opt.nwnsim_compat = c.spec.nwnsim_compat;
    opt.params = {c.params};
    opt.lambda0 = c.spec.lambda0;
    engine::NativeEngine eng(c.spec.network, c.roles, opt);
    engine::NativeRunOptions ro;
    ro.wall_limit_s = c.spec.wall_limit_s;
    ro.on_progress = c.spec.progress;
    EnginePoints points{c, rec};
    const auto outcome = eng.run(points.recorder(), points.on_layout(), ro);
    res.status = engine::to_string(outcome.status);
    res.message = outcome.message;
}

void run_libngspice(Context& c, RunRecorder& rec, RunResult& res) {
    // Everything is streamed to the recorder: ngspice need not hold the vectors (memory stays flat).
    engine::SessionOptions so;
    so.keep_vectors = false;
    so.library = c.ngspice.library;
    so.scripts_dir = c.ngspice.scripts_dir;
    engine::Session session(so);
    res.ngspice_version = session.ngspice_version();
    res.ngspice_library = session.library_path();
    engine::load_junction_device(session, c.flavour, c.spec.codemodel, c.spec.osdi);
    session.load_circuit(nwn::split_lines(c.deck));
    EnginePoints points{c, rec};
    session.set_layout_callback(points.on_layout());
    session.set_recorder(points.recorder());
    engine::RunOptions ro;
    ro.tstop = c.spec.tstop;
    ro.wall_limit_s = c.spec.wall_limit_s;
    ro.on_progress = c.spec.progress;
    auto outcome = session.run(ro);
    res.status = engine::to_string(outcome.status);
    res.message = outcome.message;
    if (session.usable()) {
        const auto st = session.solver_stats();
        for (const auto& [name, v] : {std::pair<const char*, double>{"equations", st.equations},
                                      {"newton_iterations", st.iterations}, {"accepted_points", st.accepted},
                                      {"rejected_points", st.rejected}, {"analysis_s", st.analysis_s},
                                      {"load_s", st.load_s}, {"factor_s", st.factor_s}, {"solve_s", st.solve_s},
                                      {"truncation_s", st.trunc_s}})
            if (std::isfinite(v)) res.solver.emplace_back(name, v);
    }
}

void run_cli(Context& c, RunRecorder& rec, RunResult& res) {
    const auto& dir = c.spec.out;
    engine::CliOptions co;
    co.device = engine::junction_device(c.flavour, c.spec.codemodel, c.spec.osdi);
    co.wall_limit_s = c.spec.wall_limit_s;
    co.program = {c.ngspice.binary, c.ngspice.scripts_dir};
    EnginePoints points{c, rec};
    const auto outcome = engine::run_ngspice_cli(dir, std::filesystem::absolute(io::RunPaths{dir}.deck()), co,
                                                 points.recorder(), points.on_layout());
    res.ngspice_version = outcome.ngspice_version;
    res.status = engine::to_string(outcome.status);
    res.message = outcome.message;
}

void write_run_record(const Context& c, const RunResult& r) {
    io::RunRecord record;
    record.status = r.status;
    record.message = r.message;
    record.command = c.spec.command_line;
    record.engine = engine::engine_name(c.spec.engine);
    if (c.spec.engine != Engine::Native) record.flavour = net::flavour_name(c.flavour);
    if (c.spec.engine == Engine::Native) record.nwnsim_compat = c.spec.nwnsim_compat;
    record.network = io::RunNetwork{c.spec.network_source, net::summary(c.spec.network), c.spec.network.wires.size(),
                                    c.spec.network.junctions.size(), c.spec.network.hop_distance, nlohmann::json::object()};
    record.electrodes = io::RunElectrodes{c.driven ? c.driven->name : "", c.drain ? c.drain->name : "",
                                          nlohmann::json::object()};
    if (c.multi) {
        auto& roles = record.electrodes->extra["roles"] = nlohmann::json::array();
        for (std::size_t e = 0; e < c.roles.size(); ++e) {
            const auto& r = c.roles[e];
            const auto& el = c.spec.network.electrodes[e];
            nlohmann::json j = {{"name", el.name}, {"role", net::role_name(r.role)}, {"node", net::electrode_node(el)}};
            if (r.stimulus) j["stimulus"] = r.stimulus->spec();
            if (r.role == net::Role::Load) j["load_ohms"] = r.load_ohms;
            roles.push_back(std::move(j));
        }
    }
    if (c.driven) record.stimulus = c.roles[static_cast<std::size_t>(c.driven - c.spec.network.electrodes.data())].stimulus->spec();
    record.tstop = c.spec.tstop;
    (c.spec.engine == Engine::Native ? record.dt : record.tmax) = c.spec.tmax;
    record.model = c.params.model().name;
    record.preset = c.spec.preset;
    record.params = io::params_by_name(c.params);
    for (const auto& [name, v] : r.solver) record.solver[name] = v;
    record.G_initial = r.g_first;  // written as null when not finite
    record.G_final = r.g_last;
    record.versions = std::map<std::string, std::string>{{"nwnspice", NWN_VERSION}, {"ngspice", NWN_NGSPICE_VERSION}};
    if (!r.ngspice_version.empty()) (*record.versions)["ngspice"] = r.ngspice_version;
    if (!r.ngspice_library.empty()) record.ngspice_library = r.ngspice_library;
    if (c.spec.engine == Engine::NgspiceCli) record.ngspice_binary = c.ngspice.binary;
    record.points = r.points;
    record.t_last = r.t_last;
    record.wall_s = r.wall_s;
    io::write_run_record(c.spec.out, record);
}

}  // namespace

RunResult run_network(const NetworkRunSpec& spec) {
    const auto& net = spec.network;
    if (net.electrodes.size() < 2) throw Error("the network needs two electrodes (give --contacts I,J)");
    if (!(spec.tstop > 0)) throw Error("--tstop must be > 0");
    if (!(spec.tmax > 0)) throw Error("--tmax must be > 0");
    // Caps that keep a typo from running for days or filling the disk (1e9 native steps is hours on a
    // small network; 1e8 resampled rows is gigabytes of CSV).
    if (spec.tmax > spec.tstop)
        throw Error("--tmax (" + fmt("%g", spec.tmax) + " s) must not exceed --tstop (" + fmt("%g", spec.tstop) + " s)");
    engine::check_steps(spec.tstop / spec.tmax, "--tstop / --tmax", "raise --tmax");
    if (spec.resample_dt > 0 && spec.tstop / spec.resample_dt > 1e8)
        throw Error("--resample " + fmt("%g", spec.resample_dt) + " s gives " + fmt("%g", spec.tstop / spec.resample_dt) +
                    " rows: more than 1e8; raise --resample");
    const net::Flavour flavour = engine::resolve_flavour(spec.flavour, spec.codemodel.has_value());
    const auto& model = spec.model.empty() ? device::default_junction_model() : device::junction_model(spec.model);
    Context c{spec, flavour, {}, net::preset_params(model, spec.preset), net::resolve_roles(net, spec.roles, spec.stimulus),
              false, nullptr, nullptr, {}, {}};
    // Any role option makes a multi-electrode run (V_/I_ columns, a deck by roles); without one, every
    // output stays as it was before roles existed, also for networks of more than two electrodes.
    c.multi = !spec.roles.empty();
    if (const auto d = net::primary_drive(c.roles)) c.driven = &net.electrodes[*d];
    if (const auto d = net::primary_drain(c.roles)) c.drain = &net.electrodes[*d];
    if (spec.engine != Engine::Native) c.ngspice = engine::choose_ngspice(flavour, spec.ngspice_lib, spec.ngspice_bin);
    net::apply_overrides(c.params, spec.params);
    if (!spec.lambda0.empty() && spec.lambda0.size() != net.junctions.size())
        throw Error("initial states: " + std::to_string(spec.lambda0.size()) + " values for " +
                    std::to_string(net.junctions.size()) + " junctions");
    io::prepare_run_dir(spec.out);

    if (spec.engine == Engine::Native) {
        if (!spec.periphery.empty()) throw Error("a periphery at the electrodes needs a SPICE engine");
        for (std::size_t k = 0; k < net.junctions.size(); ++k) c.junctions.push_back(k);
    } else {
        c.junctions = net::active_junctions(net);
        net::NetlistOptions no;
        no.flavour = flavour;
        no.ngspice_major = c.ngspice.major;
        no.solver = net::parse_sparse_solver(spec.solver);
        no.params = c.params;
        no.lambda0 = spec.lambda0;
        no.stimulus = spec.stimulus;
        no.drive = net.electrodes[0].name;
        if (c.multi) no.roles = c.roles;
        no.tstop = spec.tstop;
        no.tmax = spec.tmax;
        no.save_lambda = wants_states(spec);
        no.periphery = spec.periphery;
        for (const auto& [column, vector] : spec.extra_vectors) no.saves.push_back(vector);
        no.codemodel_load = net::CodemodelLoad::None;
        if (no.flavour == net::Flavour::Subckt) no.subckt_library = net::find_subckt_library(spec.subckt_library, model);
        no.command_line = spec.command_line;
        c.deck = net::write_netlist(net, no);
        write_file_atomic(io::RunPaths{spec.out}.deck(), c.deck);
    }

    RecorderOptions ro;
    ro.dir = spec.out;
    ro.lambda_names = lambda_names(c);
    ro.extra_columns = electrode_columns(c);
    ro.save_lambda = spec.save_lambda;
    if (spec.save_events) ro.event_params = c.params.hochstetter("--save-events (crossings of 1.1·goff)");
    ro.raw = spec.raw;
    ro.resample_dt = spec.resample_dt;
    RunRecorder rec(ro);
    RunResult res;
    const auto start = Clock::now();
    try {
        switch (spec.engine) {
            case Engine::Native: run_native(c, rec, res); break;
            case Engine::Libngspice: run_libngspice(c, rec, res); break;
            case Engine::NgspiceCli: run_cli(c, rec, res); break;
        }
    } catch (const Error& e) {
        if (rec.points() == 0) throw;  // bad input before anything ran
        res.status = "failed";
        res.message = e.what();
    }
    res.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
    res.points = rec.points();
    res.t_last = rec.last_time();
    res.g_first = rec.first_g();
    res.g_last = rec.last_g();
    rec.close();
    write_run_record(c, res);
    return res;
}

}  // namespace nwn::exp

#include "runner/experiments/reservoir/reservoir.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "common/atomic_file.h"
#include "common/cancel.h"
#include "common/error.h"
#include "common/format.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/junction_params.h"
#include "common/text_parse.h"
#include "runner/analysis/lyapunov_math.h"
#include "runner/analysis/reservoir_tasks.h"
#include "runner/experiments/lyapunov/lyapunov_json.h"
#include "runner/experiments/lyapunov/running_lyapunov.h"
#include "runner/experiments/reservoir/reservoir_digits.h"
#include "runner/experiments/run/network_run.h"
#include "runner/io/run_dir.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;

namespace nwn::exp {

namespace {

using analysis::Features;
using analysis::Series;
using json = nlohmann::json;

struct TaskInput {
    double lo, hi;
};

TaskInput task_input(const std::string& task) {
    if (task == "memory-capacity") return {-1, 1};
    if (task == "narma10") return {0, 0.5};
    if (task == "mackey-glass") return {0.2, 1.4};  // the τ = 17 attractor's range
    if (task == "digits") return {0, 16};           // pixel values
    throw Error("unknown reservoir task '" + task + "' (memory-capacity, narma10, mackey-glass or digits)");
}

Series task_series(const ReservoirSpec& s, const TaskInput& range) {
    if (s.task == "mackey-glass") return analysis::mackey_glass(s.steps);
    return analysis::uniform_input(s.steps, range.lo, range.hi, s.seed);
}

// Piecewise constant: step k's value from k·τ (after an edge of τ/1000) to (k+1)·τ, so the sample at (k+1)·τ is
// taken under it, as an echo-state network's state x_k is. volts: one series per input electrode.
io::TimeSeries drive_table(const ReservoirSpec& s, const std::vector<Series>& volts) {
    io::TimeSeries ts;
    ts.names = {"t"};
    ts.names.insert(ts.names.end(), s.inputs.begin(), s.inputs.end());
    ts.columns.resize(ts.names.size());
    const double edge = s.step_time * 1e-3;
    for (std::size_t k = 0; k < volts[0].size(); ++k)
        for (const double t : {k == 0 ? 0.0 : static_cast<double>(k) * s.step_time + edge, static_cast<double>(k + 1) * s.step_time}) {
            ts.columns[0].push_back(t);
            for (std::size_t e = 1; e < ts.columns.size(); ++e) ts.columns[e].push_back(volts[e - 1][k]);
        }
    return ts;
}

void check_names(const ReservoirSpec& s) {
    if (s.inputs.empty()) throw Error("--inputs: give at least one input electrode");
    if (s.readouts.empty() && s.probes.empty()) throw Error("give --readouts (grounded, currents) or --probes (floating, voltages)");
    std::vector<std::string> seen;
    for (const auto* list : {&s.inputs, &s.readouts, &s.probes})
        for (const auto& n : *list) {
            const auto& e = net::electrode_named(s.network, n, "reservoir");
            for (const auto& m : seen)
                if (m == e.name) throw Error("electrode '" + e.name + "' is named twice in --inputs, --readouts and --probes");
            seen.push_back(e.name);
        }
    if (s.features != "electrodes" && s.features != "wires" && s.features != "both")
        throw Error("--features must be electrodes, wires or both (got '" + s.features + "')");
    if (s.tia && s.features == "wires") throw Error("--readout-circuit tia with --features wires: the readouts are no features");
    if (s.tia && s.readouts.empty()) throw Error("--readout-circuit tia needs --readouts (the electrodes at the amplifiers' inputs)");
    if (!(s.step_time > 0) || !(s.amplitude > 0)) throw Error("--step-time and --amplitude must be > 0");
    if (!std::isfinite(s.offset)) throw Error("--offset must be finite");
    if (s.steps < 50 || s.steps > 10'000'000) throw Error("--steps must be in [50, 1e7]");
    const double per_step = s.step_time / s.tmax;
    if (s.engine == engine::Engine::Native && std::abs(per_step - std::round(per_step)) > 1e-9 * per_step)
        throw Error("--step-time " + fmt("%g", s.step_time) + " s must be a whole number of native steps (--tmax " +
                    fmt("%g", s.tmax) + " s)");
}

// A feature: its name in reservoir.json, the timeseries.csv column it is read from, times `scale`.
struct FeatureColumn {
    std::string name, column;
    double scale = 1;
};

std::string tia_column(const std::string& electrode) { return "Vtia_" + electrode; }
std::string wire_column(int w) { return "Vwire_" + std::to_string(w); }

// In the order readouts, probes, wires (ascending).
std::vector<FeatureColumn> feature_columns(const ReservoirSpec& s) {
    std::vector<FeatureColumn> out;
    if (s.features != "wires") {
        for (const auto& n : s.readouts) {
            const std::string e = net::electrode_named(s.network, n, "reservoir").name;
            if (!s.tia)
                out.push_back({"I_" + e, "I_" + e});
            else if (s.engine == engine::Engine::Native)  // the ideal TIA: -rf·(current into the electrode) = rf·I_<name>
                out.push_back({tia_column(e), "I_" + e, s.tia->rf});
            else
                out.push_back({tia_column(e), tia_column(e)});
        }
        for (const auto& n : s.probes) {
            const std::string e = net::electrode_named(s.network, n, "reservoir").name;
            out.push_back({"V_" + e, "V_" + e});
        }
    }
    if (s.features != "electrodes")
        for (int w : reservoir_feature_wires(s)) out.push_back({wire_column(w), wire_column(w)});
    return out;
}

// The vectors the run records beyond the electrodes': the TIA outputs (SPICE) and the wire voltages.
std::vector<std::pair<std::string, std::string>> extra_vectors(const ReservoirSpec& s) {
    std::vector<std::pair<std::string, std::string>> out;
    if (s.tia && s.engine != engine::Engine::Native)
        for (const auto& n : s.readouts) {
            const std::string e = net::electrode_named(s.network, n, "reservoir").name;
            out.emplace_back(tia_column(e), "v(" + net::tia_output_node(e) + ")");
        }
    if (s.features != "electrodes")
        for (int w : reservoir_feature_wires(s)) out.emplace_back(wire_column(w), "v(w" + std::to_string(w) + ")");
    return out;
}

// The features at the end of every one of `steps` steps.
Features sample_features(const ReservoirSpec& s, const io::TimeSeries& ts, const std::vector<FeatureColumn>& features,
                         std::size_t steps) {
    std::vector<const std::vector<double>*> cols;
    for (const auto& f : features) cols.push_back(&ts.column(f.column));
    const auto& t = ts.column("t");
    Features f;
    f.cols = features.size();
    std::size_t k = 1;
    for (std::size_t r = 0; r < t.size() && k <= steps; ++r) {
        if (std::abs(t[r] - static_cast<double>(k) * s.step_time) > 1e-9 * s.step_time * static_cast<double>(k)) continue;
        for (std::size_t c = 0; c < cols.size(); ++c) f.data.push_back(features[c].scale * (*cols[c])[r]);
        ++k;
    }
    f.rows = k - 1;
    if (f.rows != steps)
        throw Error("the run gave samples for " + std::to_string(f.rows) + " of " + std::to_string(steps) + " steps");
    return f;
}

// The TIA readouts: their output range over the samples and, in SPICE, how far their virtual grounds strayed
// from 0 V (the op-amps' offset and finite gain) and which readouts are bridged to other held electrodes.
json readout_circuit_json(const ReservoirSpec& s, const io::TimeSeries& ts, const std::vector<FeatureColumn>& features) {
    const bool ideal = s.engine == engine::Engine::Native;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo, vg = 0;
    for (const auto& c : features) {
        if (c.name.rfind("Vtia_", 0) != 0) continue;
        for (double v : ts.column(c.column)) {
            lo = std::min(lo, c.scale * v);
            hi = std::max(hi, c.scale * v);
        }
        for (double v : ts.column("V_" + c.name.substr(5))) vg = std::max(vg, std::abs(v));
    }
    json j = {{"kind", "tia"}, {"rf", s.tia->rf}, {"output_min", lo}, {"output_max", hi},
              {"circuit", ideal ? "ideal: a virtual ground at exactly 0 V, i.e. the grounded readout's current times rf"
                                : "CMOS cmos_tia of cmos_periphery.lib (two-stage Miller op-amp, level-1 MOSFETs) per readout"}};
    if (!ideal) {
        // A wire under a readout and another held electrode joins the two through 2/link_conductance (20 Ohm for
        // 0.1 S links): the amplifier's virtual ground, microvolts to millivolts off 0 V, drives a current
        // through that bridge which the grounded readout has not.
        json bridges = json::array();
        for (const auto& n : s.readouts) {
            const auto& r = net::electrode_named(s.network, n, "reservoir");
            for (const auto& e : s.network.electrodes) {
                if (&e == &r || std::find(s.probes.begin(), s.probes.end(), e.name) != s.probes.end()) continue;
                const bool shared = std::any_of(r.wires.begin(), r.wires.end(), [&](int w) {
                    return std::find(e.wires.begin(), e.wires.end(), w) != e.wires.end();
                });
                if (shared) bridges.push_back(r.name + "~" + e.name);
            }
        }
        j["bridges"] = bridges;
        j["rb"] = s.tia->rb;
        j["supplies"] = {s.tia->vss, s.tia->vdd};
        j["virtual_ground_max_abs"] = vg;
    }
    return j;
}

json score_json(const std::string& task, const Features& f, const Series& u, const ReservoirSpec& s) {
    if (task == "memory-capacity") {
        const auto mc = analysis::memory_capacity(f, u, s.max_delay, s.readout);
        return {{"memory_capacity", mc.total}, {"r2_by_delay", mc.r2}, {"features", f.cols}};
    }
    auto fields = [&](const analysis::RidgeScore& r) {
        return json{{"nrmse", r.test_nrmse}, {"train_nrmse", r.train_nrmse}, {"cv_nrmse", r.cv_nrmse},
                    {"penalty", r.penalty}, {"features", f.cols}};
    };
    if (task == "narma10") return fields(analysis::narma10_score(f, u, s.readout));
    // Mackey–Glass: one step ahead (nrmse) and every horizon asked for.
    json j = fields(analysis::prediction_score(f, u, 1, s.readout));
    json by = json::object();
    for (std::size_t h : s.horizons) by[std::to_string(h)] = analysis::prediction_score(f, u, h, s.readout).test_nrmse;
    j["nrmse_by_horizon"] = by;
    return j;
}

net::RoleRequest roles_of(const ReservoirSpec& s, const fs::path& table) {
    net::RoleRequest r;
    r.drive_table = table;
    r.ground = s.readouts;
    r.floating = s.probes;
    return r;
}

// One rate per input sample, averaged after the washout; sigma from batch means (analysis::exponent_stats).
json lyapunov_json(const ReservoirSpec& s, const fs::path& table, std::size_t steps) {
    auto params = net::preset_params(s.preset);
    net::apply_overrides(params, s.params);
    RunningLyapunov rl(s.network, net::resolve_roles(s.network, roles_of(s, table), net::Stimulus::dc(0)), params, s.tmax,
                       s.nwnsim_compat, s.lyapunov_eps, s.seed);
    std::vector<double> rates;
    std::size_t lost = 0;
    for (std::size_t k = 0; k < steps; ++k) {
        rates.push_back(rl.advance(s.step_time));
        lost += rl.lost();
    }
    const auto st = analysis::exponent_stats(rates, std::min(s.readout.washout, steps - 1));
    return {{"lambda_per_s", num_or_null(st.mean)}, {"sigma", num_or_null(st.sigma)}, {"rates", st.used}, {"lost", lost},
            {"lambda_is_upper_bound", lost > 0}, {"eps", s.lyapunov_eps}, {"engine", "native"}, {"dt", s.tmax},
            {"nwnsim_compat", s.nwnsim_compat}};
}

}  // namespace

std::vector<int> reservoir_feature_wires(const ReservoirSpec& s) {
    std::vector<int> held;
    for (const auto* list : {&s.inputs, &s.readouts})
        for (const auto& n : *list)
            if (const auto& e = net::electrode_named(s.network, n, "reservoir"); !e.bar) held.insert(held.end(), e.wires.begin(), e.wires.end());
    std::vector<int> out;
    for (int w : net::active_wires(s.network))
        if (std::find(held.begin(), held.end(), w) == held.end()) out.push_back(w);
    return out;
}

bool is_reservoir_task(const std::string& task) {
    return task == "memory-capacity" || task == "narma10" || task == "mackey-glass" || task == "digits";
}

std::string reservoir_score_key(const std::string& task) {
    return task == "memory-capacity" ? "memory_capacity" : task == "digits" ? "accuracy" : "nrmse";
}

json run_reservoir(const ReservoirSpec& s) {
    const auto range = task_input(s.task);
    check_names(s);
    fs::create_directories(s.out);
    const bool digits = s.task == "digits";
    std::optional<DigitsPlan> dp;
    Series u;
    std::vector<Series> volts;
    if (digits) {
        dp = plan_digits(s);
        volts = dp->volts;
    } else {
        u = task_series(s, range);
        Series v;
        for (double x : u) v.push_back(s.offset + s.amplitude * (2 * (x - range.lo) / (range.hi - range.lo) - 1));
        volts.assign(s.inputs.size(), v);
    }
    const std::size_t steps = volts[0].size();
    const auto table = s.out / "drive.csv";
    io::write_timeseries_csv(table, drive_table(s, volts));

    NetworkRunSpec r;
    r.network = s.network;
    r.network_source = s.network_source;
    r.engine = s.engine;
    r.flavour = s.flavour;
    r.roles = roles_of(s, table);
    r.tstop = static_cast<double>(steps) * s.step_time;
    r.tmax = s.tmax;
    r.preset = s.preset;
    r.params = s.params;
    r.nwnsim_compat = s.nwnsim_compat && s.engine == engine::Engine::Native;
    r.resample_dt = s.step_time;
    r.extra_vectors = extra_vectors(s);
    if (s.tia && s.engine != engine::Engine::Native) {
        std::vector<std::string> names;
        for (const auto& n : s.readouts) names.push_back(net::electrode_named(s.network, n, "reservoir").name);
        r.periphery = net::tia_periphery(names, *s.tia);
    }
    r.progress = s.progress;
    r.out = s.out / "run";
    r.command_line = s.command_line;
    const auto result = run_network(r);
    if (result.status == "interrupted") throw Cancelled();  // exit 130; the run directory says how far it got
    if (!result.ok()) throw Error("the reservoir's run " + result.status + ": " + result.message);

    const auto columns = feature_columns(s);
    std::vector<std::string> names;
    for (const auto& c : columns) names.push_back(c.name);
    const auto ts = io::read_timeseries_csv(io::RunPaths{r.out}.timeseries(), {{}, true});
    const Features f = sample_features(s, ts, columns, steps);
    json doc = {{"format", "nwnspice-reservoir"}, {"version", 1}, {"status", "completed"}, {"task", s.task}, {"command", s.command_line},
                {"network", s.network_source}, {"engine", engine::engine_name(s.engine)},
                {"inputs", s.inputs}, {"readouts", s.readouts}, {"probes", s.probes}, {"feature_names", names},
                {"steps", steps}, {"step_time", s.step_time}, {"amplitude", s.amplitude}, {"offset", s.offset}, {"seed", s.seed},
                {"echo_state_seed", s.echo_state_seed.value_or(s.seed)},
                {"readout", {{"washout", s.readout.washout}, {"train_fraction", s.readout.train_fraction},
                             {"folds", s.readout.folds}, {"penalties", s.readout.penalties}}}};
    // Only when asked for, so that the default runs' reservoir.json stays as it was.
    if (s.tia) doc["readout_circuit"] = readout_circuit_json(s, ts, columns);
    if (s.features != "electrodes") {
        doc["features"] = s.features;
        doc["wire_features"] = {{"count", reservoir_feature_wires(s).size()}, {"measurable_on_chip", false},
                                {"note", "wire voltages (Vwire_<i>) are not measurable on a chip: a simulation's view of the reservoir"}};
    }
    if (s.task == "memory-capacity") doc["max_delay"] = s.max_delay;
    if (s.task == "mackey-glass") doc["horizons"] = s.horizons;
    if (digits)
        doc["digits"] = {{"file", dp->file.string()}, {"images", dp->data.images.size()}, {"scan", s.digits_scan},
                         {"pixels_per_step", dp->per_step}, {"pixel_steps", dp->pixel_steps}, {"rest_steps", s.rest_steps},
                         {"read_every_step", s.read_every_step}};
    auto scored = [&](const Features& x) {
        return digits ? digits_score_json(per_image(x, *dp, s.rest_steps, s.read_every_step), *dp, s.readout) : score_json(s.task, x, u, s);
    };
    doc["network_score"] = scored(f);
    if (digits) {
        const auto esn = analysis::echo_state_features(dp->scaled, f.cols, 0.9, 1.0, s.echo_state_seed.value_or(s.seed));
        doc["baselines"] = {{"raw_input", digits_score_json(pixel_features(*dp), *dp, s.readout)}, {"echo_state", scored(esn)}};
    } else {
        doc["baselines"] = {{"raw_input", score_json(s.task, analysis::raw_input_features(u), u, s)},
                            {"echo_state", scored(analysis::echo_state_features(u, f.cols, 0.9, 1.0, s.echo_state_seed.value_or(s.seed)))}};
    }
    if (s.tia && s.engine != engine::Engine::Native) {  // the same run read through its current meters: what the amplifiers add
        ReservoirSpec meters = s;
        meters.tia.reset();
        doc["readout_circuit"]["meter_score"] = scored(sample_features(s, ts, feature_columns(meters), steps));
    }
    if (s.lyapunov) doc["lyapunov"] = lyapunov_json(s, table, steps);
    write_file_atomic(s.out / "reservoir.json", doc.dump(2) + "\n");
    if (s.task == "memory-capacity") {
        io::TimeSeries per_delay;
        per_delay.names = {"delay", "r2_network", "r2_raw_input", "r2_echo_state"};
        per_delay.columns.resize(4);
        for (std::size_t d = 0; d < s.max_delay; ++d) per_delay.columns[0].push_back(static_cast<double>(d + 1));
        for (const auto& [c, score] : {std::pair{1, &doc["network_score"]}, {2, &doc["baselines"]["raw_input"]},
                                       {3, &doc["baselines"]["echo_state"]}})
            per_delay.columns[static_cast<std::size_t>(c)] = (*score)["r2_by_delay"].get<std::vector<double>>();
        io::write_timeseries_csv(s.out / "reservoir.csv", per_delay);
    }
    if (digits) {  // the network's confusion matrix: one row per true class, one column per predicted class
        io::TimeSeries confusion;
        confusion.names = {"true_class"};
        for (int c = 0; c < 10; ++c) confusion.names.push_back("predicted_" + std::to_string(c));
        confusion.columns.resize(11);
        const auto& m = doc["network_score"]["confusion"];
        for (std::size_t t = 0; t < 10; ++t) {
            confusion.columns[0].push_back(static_cast<double>(t));
            for (std::size_t c = 0; c < 10; ++c) confusion.columns[c + 1].push_back(m[t][c].get<double>());
        }
        io::write_timeseries_csv(s.out / "reservoir.csv", confusion);
    }
    return doc;
}

}  // namespace nwn::exp

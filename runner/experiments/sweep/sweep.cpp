#include "runner/experiments/sweep/sweep.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "common/error.h"
#include "netlistgen/netlist/deck_files.h"
#include "netlistgen/network/junction_params.h"
#include "common/text_parse.h"
#include "netlistgen/network/stimulus.h"
#include "runner/experiments/run/network_run.h"
#include "runner/experiments/sweep/sweep_deck.h"
#include "runner/experiments/sweep/sweep_plot.h"
#include "common/cancel.h"
#include "common/stop_signals.h"
#include "runner/experiments/sweep/sweep_procs.h"
#include "runner/experiments/sweep/sweep_summary.h"
#include "runner/experiments/sweep/sweep_table.h"
#include "runner/io/run_dir.h"
#include "runner/jobs/execution.h"
#include "runner/jobs/job.h"

namespace nwn::exp {

using jobs::Argv;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

enum class Kind { Deck, Network, Generate };
enum class Role { DeckParam, Junction, Generator, Stimulus, RunOption };

const std::vector<std::string> kGeneratorOptions = {"wires", "density", "lx",        "ly",
                                                    "length-mean", "length-sd", "seed", "electrodes"};
const std::vector<std::string> kRunOptions = {"tstop", "tmax", "electrodes"};

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

bool is_deck(const fs::path& p) {
    const auto e = p.extension().string();
    return e == ".cir" || e == ".sp" || e == ".spice" || e == ".net" || e == ".ckt";
}

// Replaces {name} by the point's values; every placeholder must be a swept parameter.
std::string substitute(const std::string& tmpl, const std::vector<SweepParam>& params,
                       const std::vector<std::string>& values, std::vector<std::string>* used = nullptr) {
    std::string out;
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
        if (tmpl[i] != '{') {
            out += tmpl[i];
            continue;
        }
        const auto close = tmpl.find('}', i);
        if (close == std::string::npos) throw Error("--stimulus " + tmpl + ": '{' without '}'");
        const std::string name = tmpl.substr(i + 1, close - i - 1);
        auto it = std::find_if(params.begin(), params.end(), [&](const SweepParam& p) { return p.name == name; });
        if (it == params.end()) throw Error("--stimulus " + tmpl + ": placeholder {" + name + "} has no --param " + name);
        out += values.empty() ? it->values.front() : values[static_cast<std::size_t>(it - params.begin())];
        if (used) used->push_back(name);
        i = close;
    }
    return out;
}

// Network sweeps hand values to `nwn run` and `nwn generate` options, which read plain numbers: a SPICE
// value ("10m", "1k") becomes its plain number, as --help promises; anything else (an electrodes spec)
// passes as written. Row keys keep the values as the user wrote them.
std::string plain(const std::string& v) {
    try {
        const double x = nwn::parse_spice_number(v);
        if (std::isfinite(x)) return nwn::format_number(x);
    } catch (const Error&) {
    }
    return v;
}

std::vector<std::string> plain(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) out.push_back(plain(v));
    return out;
}

std::string cell(double x) { return std::isnan(x) ? std::string() : nwn::format_number(x); }

struct Plan {
    Kind kind = Kind::Network;
    std::string input_text;
    std::vector<Role> roles;
    std::vector<Measure> measures;
    std::string track;
    std::vector<std::string> columns;
    std::vector<SweepPoint> points;
};

// The junction model of network points.
const device::JunctionModel& model_of(const SweepSpec& spec) {
    return spec.model.empty() ? device::default_junction_model() : device::junction_model(spec.model);
}

// Options a point's nwn run gets only for another model than the default, so that a default sweep's
// commands and identity stay what they were before models existed.
void add_model(const SweepSpec& spec, auto& options) {
    if (&model_of(spec) != &device::default_junction_model()) options["model"] = model_of(spec).name;
}

Role network_role(const SweepSpec& spec, Kind kind, const SweepParam& p, const std::vector<std::string>& placeholders) {
    if (contains(placeholders, p.name)) return Role::Stimulus;
    std::vector<std::string> names;
    for (const auto& info : model_of(spec).params) names.push_back(info.name);
    if (contains(names, p.name)) {
        for (const auto& v : p.values) nwn::parse_number(plain(v), "--param " + p.name + " (a junction parameter)");
        return Role::Junction;
    }
    if (kind == Kind::Generate && contains(kGeneratorOptions, p.name)) return Role::Generator;
    if (contains(kRunOptions, p.name)) return Role::RunOption;
    throw Error("--param " + p.name + ": not a parameter of a network sweep. Use a junction parameter of model " +
                model_of(spec).name + " (" + model_of(spec).param_names() +
                "), tstop, tmax, electrodes, a {" + p.name + "} placeholder in --stimulus" +
                (kind == Kind::Generate ? ", or an nwn generate option (density, wires, seed, lx, ly, length-mean, "
                                          "length-sd)"
                                        : ", or (with --generate instead of a network file) an nwn generate option") +
                (spec.input.empty() ? "" : "; a deck's .params are swept with a .cir input"));
}

std::vector<Measure> plan_measures(const SweepSpec& spec, Kind kind) {
    std::vector<Measure> deck = kind == Kind::Deck ? deck_measures(read_file(spec.input), spec.input.string())
                                                   : std::vector<Measure>{};
    if (spec.measures.empty()) return deck;
    std::vector<Measure> out;
    for (const auto& m : spec.measures) {
        if (m.find_first_of(" \t") != std::string::npos) {
            out.push_back(parse_measure(m));
            continue;
        }
        const std::string name = nwn::lower(nwn::trim(m));
        auto it = std::find_if(deck.begin(), deck.end(), [&](const Measure& d) { return d.name == name; });
        if (it == deck.end()) {
            std::string have;
            for (const auto& d : deck) have += (have.empty() ? "" : ", ") + d.name;
            throw Error("--measure " + m + ": " +
                        (kind == Kind::Deck ? spec.input.string() + " has no .meas tran " + m +
                                                  (have.empty() ? "" : " (it has " + have + ")")
                                            : "a network sweep has no deck") +
                        "; or give a whole statement, e.g. --measure \"ipk MAX I FROM=0.1\"");
        }
        out.push_back(*it);
    }
    return out;
}

Plan make_plan(const SweepSpec& spec) {
    Plan plan;
    if (!spec.generate_args.empty() && !spec.input.empty()) throw Error("give a deck or network file, or --generate, not both");
    if (spec.generate_args.empty() && spec.input.empty()) throw Error("nothing to sweep: give DECK.cir, NET.json or --generate ARGS");
    if (spec.jobs < 1) throw Error("--jobs must be at least 1");
    plan.kind = !spec.generate_args.empty() ? Kind::Generate : is_deck(spec.input) ? Kind::Deck : Kind::Network;
    if (spec.engine == Engine::Native && plan.kind == Kind::Deck)
        throw Error("--engine native runs networks, not decks (use libngspice or ngspice-cli)");
    if (plan.kind != Kind::Generate) {
        if (!fs::exists(spec.input)) throw Error(spec.input.string() + ": no such file");
        plan.input_text = read_file(spec.input);
    }
    plan.points = sweep_points(spec.params, spec.grid);
    if (plan.kind == Kind::Deck && !spec.roles.empty())
        throw Error("electrode roles (--drive, --ground, --float, --load) apply to network sweeps, not to a deck");
    if (plan.kind == Kind::Deck) {
        net::scan_deck(spec.input);  // its .include files, before any point runs (each point's nwn run checks again)
        std::vector<std::pair<std::string, std::string>> first;
        for (const auto& p : spec.params) first.emplace_back(p.name, p.values.front());
        point_deck(plan.input_text, fs::absolute(spec.input).parent_path(), first, spec.input.string());  // validates
        plan.roles.assign(spec.params.size(), Role::DeckParam);
    } else {
        std::vector<std::string> placeholders;
        substitute(spec.stimulus, spec.params, {}, &placeholders);
        for (const auto& a : spec.roles.arguments()) substitute(a, spec.params, {}, &placeholders);
        for (const auto& p : spec.params) plan.roles.push_back(network_role(spec, plan.kind, p, placeholders));
        if (plan.kind == Kind::Generate)
            for (const auto& a : nwn::split(spec.generate_args, ' '))
                for (const auto& p : spec.params)
                    if (a == "--" + p.name) throw Error("--generate holds --" + p.name + ", which is also swept");
    }
    plan.track = spec.track.empty() && plan.kind != Kind::Deck ? "G" : spec.track;
    if (!plan.track.empty()) check_track(plan.track);
    plan.measures = plan_measures(spec, plan.kind);
    for (const auto& p : spec.params) plan.columns.push_back(p.name);
    plan.columns.push_back("status");
    for (const auto& c : track_columns(plan.track)) plan.columns.push_back(c);
    for (const auto& m : plan.measures) {
        if (contains(plan.columns, m.name)) throw Error("--measure " + m.name + " names a column twice");
        plan.columns.push_back(m.name);
    }
    plan.columns.push_back("run");
    for (const auto& c : plan.columns)
        if (c.find_first_of(",\"") != std::string::npos) throw Error("column name '" + c + "' holds ',' or '\"'");
    if (!spec.plot.empty() && !contains(plan.columns, spec.plot)) throw Error("--plot " + spec.plot + ": no such column");
    return plan;
}

nlohmann::json identity(const SweepSpec& spec, const Plan& plan) {
    nlohmann::json measures = nlohmann::json::array();
    for (const auto& m : plan.measures) measures.push_back(m.statement);
    nlohmann::json id{{"kind", plan.kind == Kind::Deck ? "deck" : plan.kind == Kind::Network ? "network" : "generate"},
                      {"input_hash", stable_hash(plan.input_text)}, {"generate", spec.generate_args},
                      {"engine", engine::engine_name(spec.engine)}, {"track", plan.track}, {"measures", measures},
                      {"columns", plan.columns}};
    if (plan.kind != Kind::Deck && !spec.roles.empty()) id["roles"] = spec.roles.arguments();
    if (plan.kind != Kind::Deck) {
        id.update({{"stimulus", spec.stimulus}, {"tstop", plain(spec.tstop)}, {"tmax", plain(spec.tmax)}, {"preset", spec.preset},
                   {"flavour", engine::flavour_choice_name(spec.flavour)}});
        add_model(spec, id);
    }
    return id;
}

// The sweep recorded in `file` must be this one: what differs, or "" (values may differ: rows are keyed by them).
std::string identity_difference(const fs::path& file, const nlohmann::json& id) {
    nlohmann::json old;
    try {
        old = nlohmann::json::parse(read_file(file)).at("identity");
    } catch (const nlohmann::json::exception& e) {
        throw Error(file.string() + ": not a sweep record (" + e.what() + ")");
    }
    std::string diff;
    for (const auto& [k, v] : id.items())
        if (!old.contains(k) || old[k] != v) diff += (diff.empty() ? "" : ", ") + k;
    return diff;
}

void check_identity(const fs::path& file, const nlohmann::json& id, const SweepSpec& spec) {
    if (fs::exists(file)) {
        const std::string diff = identity_difference(file, id);
        if (!diff.empty())
            throw Error(spec.out.string() + " holds a different sweep (" + diff +
                        " changed): use another --out, or delete it to start over");
    }
    for (const auto& shard : spec.merge) {
        if (!fs::exists(shard / "sweep.json")) throw Error("--merge " + shard.string() + ": no sweep.json; not a sweep directory");
        const std::string diff = identity_difference(shard / "sweep.json", id);
        if (!diff.empty()) throw Error("--merge " + shard.string() + ": a shard of a different sweep (" + diff + " differ)");
    }
    nlohmann::json params = nlohmann::json::object();
    for (const auto& p : spec.params) params[p.name] = p.values;
    write_file_atomic(file, nlohmann::json{{"format", "nwnspice-sweep"}, {"version", 1}, {"identity", id},
                                           {"input", spec.input.empty() ? "" : fs::absolute(spec.input).string()},
                                           {"params", params}, {"grid", spec.grid}, {"command", spec.command_line},
                                           {"shard", spec.shard.whole() ? "" : spec.shard.label()},
                                           {"execution", jobs::execution_record(static_cast<unsigned>(spec.jobs), spec.shard, spec.merge)}}
                                    .dump(2) +
                                "\n");
}

// The commands of one point; writes its deck or network inputs into `dir`.
// What each worker would refuse, refused before any starts, naming the point: a bad value is a usage
// error, not a column of failed rows.
void check_network_point(const SweepSpec& spec, const Plan& plan, const SweepPoint& pt) {
    try {
        auto params = net::preset_params(model_of(spec), spec.preset);
        std::vector<std::string> overrides;
        double tstop = nwn::parse_number(plain(spec.tstop), "--tstop"), tmax = nwn::parse_number(plain(spec.tmax), "--tmax");
        for (std::size_t i = 0; i < spec.params.size(); ++i) {
            const std::string& name = spec.params[i].name;
            const std::string v = plain(pt.values[i]);
            const bool numeric = name != "electrodes" && (plan.roles[i] == Role::RunOption || plan.roles[i] == Role::Generator);
            if (plan.roles[i] == Role::Junction) overrides.push_back(name + "=" + v);
            if (!numeric) continue;
            const double x = nwn::parse_number(v, name);
            if ((name == "wires" || name == "seed") && std::floor(x) != x) throw Error(name + " must be a whole number");
            if (spec.check_option) spec.check_option(name, x);
            if (name == "tstop") tstop = x;
            if (name == "tmax") tmax = x;
        }
        net::apply_overrides(params, overrides);
        if (tmax > tstop) throw Error("tmax (" + nwn::format_number(tmax) + " s) exceeds tstop (" + nwn::format_number(tstop) + " s)");
        net::Stimulus::parse(substitute(spec.stimulus, spec.params, plain(pt.values)));
        for (const auto& d : spec.roles.drives) {
            const std::string item = substitute(d, spec.params, plain(pt.values));
            if (const auto eq = item.find('='); eq != std::string::npos) net::Stimulus::parse(item.substr(eq + 1));
        }
    } catch (const Error& e) {
        throw Error("--param: point " + pt.key + ": " + e.what());
    }
}

std::vector<Argv> point_commands(const SweepSpec& spec, const Plan& plan, const SweepPoint& pt, const fs::path& dir) {
    const std::string nwn = spec.nwn_binary.string();
    Argv run{nwn, "run"};
    std::vector<Argv> cmds;
    if (plan.kind == Kind::Deck) {
        std::vector<std::pair<std::string, std::string>> values;
        for (std::size_t i = 0; i < spec.params.size(); ++i) values.emplace_back(spec.params[i].name, pt.values[i]);
        write_file_atomic(dir / "deck.cir",
                          point_deck(plan.input_text, fs::absolute(spec.input).parent_path(), values, spec.input.string()));
        run.push_back((dir / "deck.cir").string());
    } else {
        fs::path net = plan.kind == Kind::Generate ? dir / "net.json" : fs::absolute(spec.input);
        if (plan.kind == Kind::Generate) {
            Argv gen{nwn, "generate"};
            for (const auto& a : nwn::split(spec.generate_args, ' '))
                if (!a.empty()) gen.push_back(a);
            for (std::size_t i = 0; i < spec.params.size(); ++i)
                if (plan.roles[i] == Role::Generator) gen.insert(gen.end(), {"--" + spec.params[i].name, plain(pt.values[i])});
            gen.insert(gen.end(), {"-o", net.string()});
            cmds.push_back(gen);
        }
        run.push_back(net.string());
        std::map<std::string, std::string> opts{{"stimulus", substitute(spec.stimulus, spec.params, plain(pt.values))},
                                                {"tstop", plain(spec.tstop)}, {"tmax", plain(spec.tmax)},
                                                {"preset", spec.preset}, {"flavour", engine::flavour_choice_name(spec.flavour)}};
        add_model(spec, opts);
        for (std::size_t i = 0; i < spec.params.size(); ++i) {
            if (plan.roles[i] == Role::RunOption) opts[spec.params[i].name] = plain(pt.values[i]);
            if (plan.roles[i] == Role::Junction)
                run.insert(run.end(), {"--param", spec.params[i].name + "=" + plain(pt.values[i])});
        }
        // --stimulus and --drive are exclusive (nwn run refuses both): drives replace the stimulus.
        if (!spec.roles.drives.empty() || !spec.roles.drive_table.empty()) opts.erase("stimulus");
        for (const auto& [k, v] : opts) run.insert(run.end(), {"--" + k, v});
        for (const auto& a : spec.roles.arguments()) run.push_back(substitute(a, spec.params, plain(pt.values)));
    }
    run.insert(run.end(), {"--engine", engine::engine_name(spec.engine), "--out", (dir / "run").string(), "--quiet"});
    if (spec.wall_limit_s > 0) run.insert(run.end(), {"--wall-limit", nwn::format_number(spec.wall_limit_s)});
    cmds.push_back(run);
    nlohmann::json values = nlohmann::json::object();
    for (std::size_t i = 0; i < spec.params.size(); ++i) values[spec.params[i].name] = pt.values[i];
    write_file_atomic(dir / "point.json", nlohmann::json{{"key", pt.key}, {"values", values}}.dump(2) + "\n");
    return cmds;
}

std::vector<std::string> row_cells(const SweepPoint& pt, const PointSummary& s, const std::string& run) {
    std::vector<std::string> cells = pt.values;
    cells.push_back(s.status == "completed" ? "completed" : "failed");
    for (double x : s.track) cells.push_back(cell(x));
    for (double x : s.measures) cells.push_back(cell(x));
    cells.push_back(run);
    return cells;
}

// A sweep under way, for the phases of run_sweep after its plan: pick the points that run (this
// shard's, less those done earlier), run them as jobs, then finish sweep.csv and plot.
struct Sweep {
    // Opens sweep.csv (rows of an earlier run of this sweep are kept).
    Sweep(const SweepSpec& s, const Plan& p) : spec(s), plan(p), table(s.out / "sweep.csv", p.columns, s.params.size()) {}

    const SweepSpec& spec;
    const Plan& plan;
    SweepTable table;
    SweepResult res;
    std::vector<const SweepPoint*> mine;  // the points of this shard (all of them unsharded)
    std::vector<const SweepPoint*> todo;  // those of `mine` that run now
    std::string first_failure;            // of the points run now: the first that failed, for the plot note

    void say(const std::string& s) const {
        if (!spec.quiet) std::cerr << "nwn sweep: " << s << "\n";
    }
    fs::path dir_of(const SweepPoint& pt) const { return fs::path("points") / point_dir_name(spec.params, pt); }
    void record(const SweepPoint& pt, const PointSummary& s) { table.append(row_cells(pt, s, dir_of(pt).string())); }

    void pick_points();
    bool run_points();  // false when interrupted or a point is left unfinished
    void finish();
    void plot();
};

// The spec as every phase reads it: absolute output directory, the nwn binary, merge checked.
SweepSpec resolved(const SweepSpec& spec_in) {
    SweepSpec spec = spec_in;
    spec.out = fs::absolute(spec.out).lexically_normal();  // one spelling of each point path, whoever runs it (MPI)
    if (spec.nwn_binary.empty()) spec.nwn_binary = fs::read_symlink("/proc/self/exe");
    if (!spec.merge.empty()) {
        if (!spec.shard.whole()) throw Error("--merge and --shard: merge the shards into a whole sweep");
        jobs::check_merge_dirs(spec.merge, spec.out);
    }
    return spec;
}

}  // namespace

SweepResult run_sweep(const SweepSpec& spec_in) {
    const SweepSpec spec = resolved(spec_in);
    const Plan plan = make_plan(spec);
    if (plan.kind != Kind::Deck)
        for (const auto& pt : plan.points) check_network_point(spec, plan, pt);
    fs::create_directories(spec.out / "points");
    lock_work_dir(spec.out, "nwn sweep", 10);
    check_identity(spec.out / "sweep.json", identity(spec, plan), spec);
    Sweep sweep(spec, plan);
    if (sweep.table.dropped_lines())
        sweep.say("dropped " + std::to_string(sweep.table.dropped_lines()) + " torn line(s) of sweep.csv");
    sweep.pick_points();
    if (sweep.run_points()) sweep.finish();
    return sweep.res;
}

// This shard's points: those with a row in sweep.csv, or a finished run directory (here or, merging,
// in a shard), are done; the others go to `todo`.
void Sweep::pick_points() {
    for (std::size_t i = 0; i < plan.points.size(); ++i)
        if (spec.shard.has(i)) mine.push_back(&plan.points[i]);
    res.points = mine.size();
    res.csv = spec.out / "sweep.csv";
    for (const auto* pp : mine) {
        const SweepPoint& pt = *pp;
        const bool failed_row = table.has(pt.key) && table.cells(pt.key)[spec.params.size()] == "failed";
        if (table.has(pt.key) && !(failed_row && spec.retry_failed)) {
            ++res.reused;
            continue;
        }
        const fs::path run = spec.out / dir_of(pt) / "run";
        const auto finished = [&](const fs::path& r) {
            const io::RunStatus status = io::run_status(r);
            return status == io::RunStatus::Completed || (status == io::RunStatus::Failed && !spec.retry_failed);
        };
        if (!spec.merge.empty())
            jobs::merge_job_dir(spec.merge, dir_of(pt), spec.out, [&](const fs::path& d) { return finished(d / "run"); });
        if (finished(run)) {
            record(pt, summarize_run(run, plan.track, plan.measures));  // finished after its sweep was killed, or in a shard
            ++res.reused;
            continue;
        }
        todo.push_back(&pt);
    }
    if (!spec.merge.empty() && !todo.empty()) {
        std::vector<std::string> missing;
        for (const auto* pt : todo) missing.push_back(pt->key);
        jobs::refuse_unmerged(missing, "point");
    }
}

// Says what runs, then runs one job per point (its commands written when it starts, its row when it ends),
// `jobs` at a time; then the tally of failed and unfinished points.
bool Sweep::run_points() {
    say(std::to_string(res.points) + " points" + (spec.shard.whole() ? "" : " in shard " + spec.shard.label()) + ": " +
        std::to_string(res.reused) + " done earlier, " + std::to_string(todo.size()) + " to run, " +
        (jobs::mpi_workers() ? std::to_string(jobs::mpi_workers()) + " MPI workers" : std::to_string(spec.jobs) + " at a time"));

    install_stop_signal_handler();
    std::size_t finished = res.reused;
    std::vector<jobs::Job> list;
    for (const auto* pp : todo) {
        const SweepPoint& pt = *pp;
        jobs::Job job;
        job.dir = spec.out / dir_of(pt);
        job.log = job.dir / "nwn.log";
        job.prepare = [this, &pt](jobs::Job& j) {
            fs::remove_all(j.dir);
            fs::create_directories(j.dir);
            j.commands = point_commands(spec, plan, pt, j.dir);
        };
        job.done = [&, pp](const jobs::JobExit& ex) {
            const SweepPoint& pt = *pp;
            const fs::path run = spec.out / dir_of(pt) / "run";
            const io::RunStatus status = io::run_status(run);
            // A run stopped by a signal (ours, or anyone's: kill -9 of a worker leaves no run.json) is
            // unfinished, not failed: resuming reruns it.
            const bool unfinished = status != io::RunStatus::Completed && status != io::RunStatus::Failed;
            if (status == io::RunStatus::Interrupted || (unfinished && (cancel_requested() || ex.signal != 0))) {
                ++res.unfinished;
                say(pt.key + (ex.signal && !cancel_requested() ? ": killed by signal " + std::to_string(ex.signal) + "; a resumed sweep reruns it"
                                                          : ": interrupted"));
                return;
            }
            PointSummary s = summarize_run(run, plan.track, plan.measures);
            if (status == io::RunStatus::Missing) {
                s.status = "failed";
                // The cause (e.g. bad --generate arguments) is the log's last line: once only "nothing to plot".
                const std::string last = jobs::last_log_line(spec.out / dir_of(pt) / "nwn.log");
                s.message = "nwn exited with status " + std::to_string(ex.status) + (last.empty() ? "" : ": " + last) + " (see " +
                            (dir_of(pt) / "nwn.log").string() + ")";
            }
            if (s.status == "failed" && first_failure.empty()) first_failure = pt.key + ": " + s.message;
            record(pt, s);
            ++res.ran;
            ++finished;
            char t[32];
            std::snprintf(t, sizeof t, "%.1f", ex.seconds);
            say("[" + std::to_string(finished) + "/" + std::to_string(res.points) + "] " + pt.key + ": " + s.status + " in " + t +
                " s" + (s.message.empty() ? "" : ": " + s.message));
        };
        list.push_back(std::move(job));
    }
    const std::size_t started = jobs::run_jobs(list, static_cast<unsigned>(spec.jobs));
    res.interrupted = cancel_requested();
    res.unfinished += todo.size() - started;
    for (const auto* pt : mine)
        if (table.has(pt->key) && table.cells(pt->key)[spec.params.size()] == "failed") ++res.failed;
    return !(res.interrupted || res.unfinished);
}

// sweep.csv rewritten in the sweep's point order; a whole sweep is plotted.
void Sweep::finish() {
    std::vector<std::string> keys;
    for (const auto* pt : mine) keys.push_back(pt->key);
    table.finish(keys);
    if (!spec.shard.whole()) {
        res.plot_note = "no plot: shard " + spec.shard.label() + " (merge the shards with --merge)";
        return;
    }
    plot();
}

// The plotted column (--plot, else the first measure, else the tracked quantity's final value) over
// the parameters, or a note why there is no plot.
void Sweep::plot() {
    const std::string y = !spec.plot.empty()        ? spec.plot
                          : !plan.measures.empty()  ? plan.measures.front().name
                          : !plan.track.empty()     ? plan.track + "_final"
                                                    : "";
    if (y.empty()) {
        res.plot_note = "no plot: nothing measured or tracked (use --measure or --track)";
        return;
    }
    if (res.failed == res.points && res.points > 0) {
        res.plot_note = "no plot: every point failed" + (first_failure.empty() ? std::string() : "; the first, " + first_failure);
        return;
    }
    SweepPlotInput pin;
    pin.y_name = y;
    for (const auto& p : spec.params) pin.param_names.push_back(p.name);
    pin.title = "nwn sweep: " + (spec.input.empty() ? std::string("generated networks") : spec.input.filename().string());
    const auto yc = static_cast<std::size_t>(std::find(plan.columns.begin(), plan.columns.end(), y) - plan.columns.begin());
    for (const auto& pt : plan.points) {
        pin.param_values.push_back(pt.values);
        pin.y.push_back(table.cells(pt.key)[yc]);
    }
    res.plot = write_sweep_plot(spec.out, pin, &res.plot_note);
}

}  // namespace nwn::exp

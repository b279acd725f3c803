#include "runner/experiments/lyapunov/phase_diagram.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "runner/jobs/execution.h"
#include "common/cancel.h"
#include "common/error.h"
#include "common/stop_signals.h"
#include "common/text_parse.h"
#include "runner/experiments/lyapunov/lyapunov_json.h"
#include "runner/experiments/lyapunov/nlt_run.h"
#include "runner/experiments/reservoir/reservoir.h"
#include "runner/experiments/sweep/sweep_procs.h"
#include "runner/io/json_file.h"
#include "runner/jobs/job.h"

namespace nwn::exp {

using jobs::Argv;

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
using nwn::format_number;

struct Point {
    double amplitude, frequency;
    fs::path dir;
};

std::string stimulus_of(const PhaseDiagramSpec& s, const Point& p) {
    return s.wave + ":" + format_number(p.amplitude) + ":" + format_number(p.frequency);
}

// The arguments both children take, in the order phase_diagram.json has always recorded them.
std::vector<std::string> common_args(const PhaseDiagramSpec& s) {
    std::vector<std::string> c = s.electrode_args;
    c.insert(c.end(), {"--preset", s.preset, "--engine", engine::engine_name(s.engine), "--flavour", net::flavour_name(s.flavour)});
    for (const auto& p : s.params) c.insert(c.end(), {"--param", p});
    return c;
}

// A reservoir task's point: the input's amplitude and sample rate.
Argv reservoir_command(const PhaseDiagramSpec& s, const Point& p) {
    Argv res{s.nwn_binary.string(), "reservoir", s.task, fs::absolute(s.network).string(), "--amplitude", format_number(p.amplitude),
             "--step-time", format_number(1 / p.frequency), "--lyapunov", "--out", p.dir.string(), "--quiet"};
    const auto common = common_args(s);
    for (const auto* list : {&common, &s.task_args, &s.lyapunov_args}) res.insert(res.end(), list->begin(), list->end());
    return res;
}

std::vector<Argv> point_commands(const PhaseDiagramSpec& s, const Point& p) {
    if (!s.task.empty()) return {reservoir_command(s, p)};
    const std::string nwn = s.nwn_binary.string(), net = fs::absolute(s.network).string();
    const auto common = common_args(s);
    Argv lyap{nwn, "lyapunov", net, "--stimulus", stimulus_of(s, p), "--transient", format_number(s.transient),
              "--out", p.dir.string(), "--quiet"};
    lyap.insert(lyap.end(), common.begin(), common.end());
    lyap.insert(lyap.end(), s.lyapunov_args.begin(), s.lyapunov_args.end());
    std::vector<Argv> cmds{lyap};
    if (s.nlt) {
        Argv nlt{nwn, "nlt", net, "--stimulus", stimulus_of(s, p), "--ic", (p.dir / "attractor.csv").string(),
                 "--t0", format_number(s.transient), "--out", p.dir.string(), "--quiet"};
        nlt.insert(nlt.end(), common.begin(), common.end());
        nlt.insert(nlt.end(), s.nlt_args.begin(), s.nlt_args.end());
        cmds.push_back(nlt);
    }
    return cmds;
}

std::string status_of(const nlohmann::json& j) { return j.is_object() && j.contains("status") ? j["status"].get<std::string>() : "missing"; }

double number_of(const nlohmann::json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>() : NAN;
}

// The point's state from its files: completed only when every output it needs is complete.
std::string point_status(const PhaseDiagramSpec& s, const Point& p) {
    if (!s.task.empty()) return status_of(io::read_json_file_or_null(p.dir / "reservoir.json"));
    const std::string lyap = status_of(io::read_json_file_or_null(p.dir / "lyapunov.json"));
    if (lyap != "completed" || !s.nlt) return lyap;
    return status_of(io::read_json_file_or_null(p.dir / "nlt.json"));
}

PhaseRow reservoir_row(const PhaseDiagramSpec& s, const Point& p) {
    const auto rj = io::read_json_file_or_null(p.dir / "reservoir.json");
    const auto lj = rj.is_object() && rj.contains("lyapunov") ? rj["lyapunov"] : nlohmann::json();
    const auto sj = rj.is_object() && rj.contains("network_score") ? rj["network_score"] : nlohmann::json();
    return {p.amplitude, p.frequency, point_status(s, p), number_of(lj, "lambda_per_s"), number_of(lj, "sigma"), NAN,
            lj.is_object() && lj.value("lambda_is_upper_bound", false), {number_of(sj, reservoir_score_key(s.task).c_str())}};
}

PhaseRow row_of(const PhaseDiagramSpec& s, const Point& p) {
    if (!s.task.empty()) return reservoir_row(s, p);
    const auto lj = io::read_json_file_or_null(p.dir / "lyapunov.json");
    const bool bound = lj.is_object() && lj.value("lambda_is_upper_bound", false);
    PhaseRow r{p.amplitude, p.frequency, point_status(s, p), number_of(lj, "lambda_per_s"), number_of(lj, "sigma"),
               number_of(lj, "r"), bound, {}};
    if (s.nlt) {
        const auto nj = io::read_json_file_or_null(p.dir / "nlt.json");
        for (const auto& task : nlt_task_names())
            r.accuracy.push_back(nj.is_object() && nj.contains("accuracy") ? number_of(nj["accuracy"], task.c_str()) : NAN);
    }
    return r;
}

std::string csv_cell(double x) { return std::isfinite(x) ? format_number(x) : std::string(); }

void write_csv(const PhaseDiagramSpec& s, const std::vector<PhaseRow>& rows, const std::vector<Point>& points) {
    std::ostringstream os;
    os << "amplitude,frequency,status,lambda_per_s,sigma,r,upper_bound";
    if (!s.task.empty()) os << "," << reservoir_score_key(s.task);
    if (s.nlt)
        for (const auto& t : nlt_task_names()) os << ",accuracy_" << t;
    os << ",dir\n";
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& r = rows[k];
        os << format_number(r.amplitude) << "," << format_number(r.frequency) << "," << r.status << "," << csv_cell(r.lambda)
           << "," << csv_cell(r.sigma) << "," << csv_cell(r.r) << "," << r.upper_bound;
        for (double a : r.accuracy) os << "," << csv_cell(a);
        os << "," << fs::relative(points[k].dir, s.out).string() << "\n";
    }
    write_file_atomic(s.out / "phase_diagram.csv", os.str());
}

nlohmann::json identity(const PhaseDiagramSpec& s) {
    nlohmann::json j{{"network", fs::absolute(s.network).string()}, {"wave", s.wave}, {"amplitudes", s.amplitudes},
                     {"frequencies", s.frequencies}, {"common_args", common_args(s)}, {"lyapunov_args", s.lyapunov_args},
                     {"nlt_args", s.nlt_args}, {"transient", s.transient}, {"nlt", s.nlt}};
    if (!s.task.empty()) j.update({{"task", s.task}, {"task_args", s.task_args}});  // absent before tasks: old directories resume
    return j;
}

void check_identity(const PhaseDiagramSpec& s) {
    const fs::path file = s.out / "phase_diagram.json";
    const auto old = io::read_json_file_or_null(file);
    const auto now = identity(s);
    if (old.is_object() && old.contains("identity") && old["identity"] != now)
        throw Error(file.string() + " belongs to a phase diagram with a different grid or arguments: use another --out");
    for (const auto& shard : s.merge) {
        const auto j = io::read_json_file_or_null(shard / "phase_diagram.json");
        if (!j.is_object() || !j.contains("identity"))
            throw Error("--merge " + shard.string() + ": no phase_diagram.json; not a phase-diagram directory");
        if (j["identity"] != now) throw Error("--merge " + shard.string() + ": a shard of a phase diagram with a different grid or arguments");
    }
    nlohmann::json j{{"format", "nwnspice-phase-diagram"}, {"version", 1}, {"identity", now}};
    if (!s.shard.whole()) j["shard"] = s.shard.label();
    j["execution"] = jobs::execution_record(static_cast<unsigned>(s.jobs), s.shard, s.merge);
    write_file_atomic(file, j.dump(2) + "\n");
}

void check_spec(const PhaseDiagramSpec& s) {
    if (s.amplitudes.empty() || s.frequencies.empty()) throw Error("phase diagram: give --amplitudes and --frequencies");
    for (double a : s.amplitudes)
        if (!(a > 0)) throw Error("phase diagram: amplitudes must be > 0");
    for (double f : s.frequencies)
        if (!(f > 0)) throw Error("phase diagram: frequencies must be > 0");
    // Each point is one directory: a value listed twice would have two workers race on it.
    for (const auto& [list, name] : {std::pair{&s.amplitudes, "--amplitudes"}, std::pair{&s.frequencies, "--frequencies"}})
        for (std::size_t i = 0; i < list->size(); ++i)
            if (std::find(list->begin(), list->begin() + static_cast<std::ptrdiff_t>(i), (*list)[i]) != list->begin() + static_cast<std::ptrdiff_t>(i))
                throw Error(std::string("phase diagram: ") + name + " lists " + format_number((*list)[i]) + " twice");
    if (s.wave != "triangle" && s.wave != "sine") throw Error("phase diagram: --wave triangle or sine");
    if (s.jobs < 1) throw Error("phase diagram: --jobs must be >= 1");
    if (!(s.transient >= 0)) throw Error("phase diagram: --transient must be >= 0");
    if (!fs::exists(s.network)) throw Error("phase diagram: no network file " + s.network.string());
    if (!s.task.empty()) {
        if (!is_reservoir_task(s.task))
            throw Error("phase diagram: unknown --task '" + s.task + "' (nlt, memory-capacity, narma10 or mackey-glass)");
        if (s.nlt) throw Error("phase diagram: --nlt with a reservoir --task: give one task");
        if (s.transient != 0)
            throw Error("phase diagram: --transient applies to Lyapunov runs; a reservoir task washes out its first samples "
                        "(--task-arg=--washout=N)");
    }
}

}  // namespace

std::string phase_point_name(double amplitude, double frequency) {
    return "A" + format_number(amplitude) + "_f" + format_number(frequency);
}

PhaseDiagramResult run_phase_diagram(const PhaseDiagramSpec& spec_in) {
    PhaseDiagramSpec spec = spec_in;
    spec.out = fs::absolute(spec.out).lexically_normal();  // one spelling of each point path, whoever runs it (MPI)
    check_spec(spec);
    if (spec.nwn_binary.empty()) spec.nwn_binary = fs::read_symlink("/proc/self/exe");
    if (!spec.merge.empty()) {
        if (!spec.shard.whole()) throw Error("--merge and --shard: merge the shards into a whole phase diagram");
        jobs::check_merge_dirs(spec.merge, spec.out);
    }
    fs::create_directories(spec.out / "points");
    lock_work_dir(spec.out, "nwn phase-diagram", 10);
    check_identity(spec);
    auto say = [&](const std::string& m) {
        if (!spec.quiet) std::cerr << "nwn phase-diagram: " << m << "\n";
    };

    std::vector<Point> points;
    std::size_t index = 0;
    for (double a : spec.amplitudes)
        for (double f : spec.frequencies)
            if (spec.shard.has(index++)) points.push_back({a, f, spec.out / "points" / phase_point_name(a, f)});
    PhaseDiagramResult res;
    res.points = points.size();
    std::vector<const Point*> todo;
    std::vector<std::string> missing;
    for (const auto& p : points) {
        const auto finished = [&](const fs::path& dir) {
            const std::string st = point_status(spec, Point{p.amplitude, p.frequency, dir});
            return st == "completed" || st == "failed";  // failed points are kept: rm their directory to retry
        };
        if (!spec.merge.empty() && !finished(p.dir))
            jobs::merge_job_dir(spec.merge, p.dir.lexically_relative(spec.out), spec.out, finished);
        if (finished(p.dir)) ++res.reused;
        else if (!spec.merge.empty()) missing.push_back(phase_point_name(p.amplitude, p.frequency));
        else todo.push_back(&p);
    }
    jobs::refuse_unmerged(missing, "point");
    say(std::to_string(res.points) + " points" + (spec.shard.whole() ? "" : " in shard " + spec.shard.label()) + ": " +
        std::to_string(res.reused) + " done earlier, " + std::to_string(todo.size()) + " to run, " +
        (jobs::mpi_workers() ? std::to_string(jobs::mpi_workers()) + " MPI workers" : std::to_string(spec.jobs) + " at a time"));

    install_stop_signal_handler();
    std::vector<jobs::Job> list;
    for (const auto* pp : todo) {
        jobs::Job job;
        job.dir = pp->dir;
        job.log = pp->dir / "nwn.log";
        job.commands = point_commands(spec, *pp);
        job.prepare = [](jobs::Job& j) {
            fs::remove_all(j.dir);
            fs::create_directories(j.dir);
        };
        job.done = [&, pp](const jobs::JobExit& ex) {
            const Point& p = *pp;
            const PhaseRow r = row_of(spec, p);
            if (r.status != "completed" && r.status != "failed") {
                ++res.unfinished;
                const std::string last = jobs::last_log_line(p.dir / "nwn.log");  // the child's error, if it stopped on one
                say(phase_point_name(p.amplitude, p.frequency) + ": " + r.status + " (exit status " + std::to_string(ex.status) +
                    (last.empty() ? "" : ": " + last) + "; see " + (p.dir / "nwn.log").string() + ")");
                return;
            }
            ++res.ran;
            res.failed += r.status == "failed";
            char line[160];
            std::snprintf(line, sizeof line, "[%zu/%zu] %s: %s, lambda = %.4g +- %.2g 1/s, r = %.4g (%.0f s)", res.reused + res.ran,
                          res.points, phase_point_name(p.amplitude, p.frequency).c_str(), r.status.c_str(), r.lambda, r.sigma, r.r,
                          ex.seconds);
            say(line);
        };
        list.push_back(std::move(job));
    }
    const std::size_t started = jobs::run_jobs(list, static_cast<unsigned>(spec.jobs));
    res.interrupted = cancel_requested();
    res.unfinished += list.size() - started;

    std::vector<PhaseRow> rows;
    for (const auto& p : points) rows.push_back(row_of(spec, p));
    write_csv(spec, rows, points);
    if (!spec.shard.whole()) {
        res.plot_message = "shard " + spec.shard.label() + ": plots after --merge";
        return res;
    }
    if (spec.plot) res.plotted = plot_phase_diagram(spec, rows, res.plot_message);
    return res;
}

}  // namespace nwn::exp

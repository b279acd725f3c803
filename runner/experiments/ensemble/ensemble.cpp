#include "runner/experiments/ensemble/ensemble.h"

#include <chrono>
#include <iostream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "runner/jobs/execution.h"
#include "common/cancel.h"
#include "common/error.h"
#include "common/progress.h"
#include "netlistgen/network/junction_params.h"
#include "runner/analysis/criticality_json.h"
#include "runner/experiments/avalanches/avalanche_summary.h"
#include "runner/experiments/ensemble/ensemble_members.h"
#include "runner/experiments/sweep/sweep_procs.h"
#include "runner/io/run_dir.h"
#include "runner/jobs/job.h"

namespace fs = std::filesystem;

namespace nwn::exp {

bool EnsembleReport::ok() const {
    if (interrupted) return false;
    for (const auto& g : groups)
        if (shard ? g.failed > 0 : !g.analysed) return false;
    return true;
}

namespace {

void check(const EnsembleSpec& s) {
    if (s.seeds.empty() || s.vstar.empty() || s.lx.empty()) throw Error("an ensemble needs seeds, V* values and sizes");
    for (double v : s.vstar)
        if (!(v > 0)) throw Error("V* must be positive");
    for (double l : s.lx)
        if (!(l > 0)) throw Error("domain sizes must be positive");
    if (!(s.tstop > 0) || !(s.dt > 0) || s.dt > s.tstop) throw Error("need 0 < dt <= tstop");
    if (s.events != "crossings" && s.events != "conductance")
        throw Error("--events '" + s.events + "': not an ensemble event method (crossings or conductance)");
    if (s.nwn_binary.empty() || !fs::exists(s.nwn_binary)) throw Error("cannot find the nwn program to run the members");
}

// What makes members comparable: a directory made with other values holds other runs.
nlohmann::json member_settings(const EnsembleSpec& s) {
    return {{"density", s.density}, {"length_mean", s.length_mean}, {"length_sd", s.length_sd},
            {"electrodes", s.electrodes}, {"tstop", s.tstop}, {"dt", s.dt}, {"engine", engine::engine_name(s.engine)},
            {"preset", s.preset}, {"params", s.params}, {"events", s.events}};
}

// `dir` (the output being resumed, or a shard to merge) must hold members of these settings.
void check_same_ensemble(const EnsembleSpec& s, const fs::path& dir, bool shard) {
    const fs::path file = dir / "ensemble.json";
    if (!fs::exists(file)) {
        if (shard) throw Error("--merge " + dir.string() + ": no ensemble.json; not an ensemble directory");
        return;
    }
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(read_file(file));
    } catch (const nlohmann::json::exception&) {
        throw Error(file.string() + ": not valid JSON; remove it or use another --out");
    }
    if (!j.is_object()) throw Error(file.string() + ": not an ensemble record (a JSON object); remove it or use another --out");
    const auto want = member_settings(s);
    if (j.value("settings", nlohmann::json()) != want)
        throw Error((shard ? "--merge " : "") + dir.string() + " holds an ensemble with other settings (" +
                    j.value("settings", nlohmann::json()).dump() + (shard ? ")" : "); use another --out"));
    if (shard && (j.value("seeds", nlohmann::json()) != nlohmann::json(s.seeds) || j.value("vstar", nlohmann::json()) != nlohmann::json(s.vstar) ||
                  j.value("lx", nlohmann::json()) != nlohmann::json(s.lx)))
        throw Error("--merge " + dir.string() + ": a shard of other seeds, V* or sizes than this command's");
}

double vset_of(const EnsembleSpec& s) {
    auto p = net::preset_params(s.preset);
    net::apply_overrides(p, s.params);
    return p.vset;
}

struct Group {
    double lx, vstar;
    std::vector<EnsembleMember> members;
    std::vector<std::uint32_t> skipped;
};

std::vector<Group> plan(const EnsembleSpec& s, bool say) {
    const double vset = vset_of(s);
    std::vector<Group> groups;
    std::size_t index = 0;  // of the member in the whole ensemble: what a shard is a share of
    for (double lx : s.lx) {
        const fs::path size_dir = s.out / ("L" + number_label(lx));
        std::map<std::uint32_t, int> hops;
        std::vector<std::uint32_t> skipped;
        std::set<std::string> reasons;
        for (auto seed : s.seeds) {
            std::string why;
            const auto n = prepare_network(s, lx, seed, size_dir / "networks" / ("seed" + std::to_string(seed) + ".json"), why);
            if (n) hops[seed] = *n;
            else skipped.push_back(seed), reasons.insert(why);
            if (!n && say) std::cerr << "nwn ensemble: L = " << lx << " seed " << seed << " skipped: " << why << "\n";
        }
        // A seed is skipped for its network (an empty bar); every seed skipped for one reason is a bad setting
        // (--electrodes bogus was once reported as "seeds skipped").
        if (hops.empty() && reasons.size() == 1)
            throw Error("every seed of L = " + number_label(lx) + " was skipped, for one reason: " + *reasons.begin());
        for (double v : s.vstar) {
            Group g{lx, v, {}, skipped};
            for (const auto& [seed, n] : hops) {
                if (!s.shard.has(index++)) continue;
                EnsembleMember m;
                m.lx = lx;
                m.vstar = v;
                m.seed = seed;
                m.hops = n;
                m.voltage = v * n * vset;
                m.network = size_dir / "networks" / ("seed" + std::to_string(seed) + ".json");
                m.dir = size_dir / ("Vstar" + number_label(v)) / ("seed" + std::to_string(seed));
                g.members.push_back(m);
            }
            groups.push_back(std::move(g));
        }
    }
    return groups;
}

nlohmann::json members_json(const Group& g, const fs::path& out) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& m : g.members) {
        nlohmann::json j = {{"seed", m.seed}, {"hops", m.hops}, {"voltage", m.voltage},
                            {"dir", m.dir.lexically_relative(out).string()},
                            {"status", m.status}};
        if (!m.message.empty()) j["message"] = m.message;
        a.push_back(j);
    }
    return a;
}

void write_ensemble_json(const EnsembleSpec& s, const std::vector<Group>& groups,
                         const std::vector<EnsembleGroupReport>& reports, const std::map<std::size_t, nlohmann::json>& results) {
    nlohmann::json j;
    j["format"] = "nwnspice-ensemble";
    j["version"] = 1;
    j["settings"] = member_settings(s);
    j["seeds"] = s.seeds;
    j["vstar"] = s.vstar;
    j["lx"] = s.lx;
    if (!s.shard.whole()) j["shard"] = s.shard.label();
    j["execution"] = jobs::execution_record(s.jobs, s.shard, s.merge);
    j["groups"] = nlohmann::json::array();
    for (std::size_t k = 0; k < groups.size(); ++k) {
        nlohmann::json g = {{"lx", groups[k].lx},
                            {"vstar", groups[k].vstar},
                            {"dir", "L" + number_label(groups[k].lx) + "/Vstar" + number_label(groups[k].vstar)},
                            {"skipped_seeds", groups[k].skipped},
                            {"members", members_json(groups[k], s.out)}};
        if (k < reports.size()) {
            g["completed"] = reports[k].completed;
            g["failed"] = reports[k].failed;
            g["analysed"] = reports[k].analysed;
            if (!reports[k].analysed) g["analysis_error"] = reports[k].summary;
        }
        if (auto it = results.find(k); it != results.end()) g["result"] = it->second;
        j["groups"].push_back(g);
    }
    write_file_atomic(s.out / "ensemble.json", j.dump(2) + "\n");
}

// Every member not ready yet, from the shards of --merge (run nothing) or run here; false when interrupted.
bool run_members(const EnsembleSpec& s, std::vector<Group>& groups) {
    std::vector<EnsembleMember*> todo;
    std::size_t total = 0;
    for (auto& g : groups)
        for (auto& m : g.members) {
            ++total;
            if (!member_ready(s, m)) todo.push_back(&m);
        }
    if (!s.merge.empty()) {
        std::vector<std::string> missing;
        for (auto* m : todo) {
            const auto finished = [](const fs::path& dir) {
                const auto st = io::run_status(dir);
                return st == io::RunStatus::Completed || st == io::RunStatus::Failed;
            };
            if (!jobs::merge_job_dir(s.merge, m->dir.lexically_relative(s.out), s.out, finished).empty() && member_ready(s, *m))
                continue;
            if (m->status == "failed") continue;  // as final as in the shard: a single run ends with it failed too
            missing.push_back(m->dir.lexically_relative(s.out).string());
        }
        jobs::refuse_unmerged(missing, "member");
        return true;
    }
    if (!s.quiet)
        std::cerr << "nwn ensemble: " << total << " members" << (s.shard.whole() ? "" : " in shard " + s.shard.label()) << ", "
                  << total - todo.size() << " already done, " << todo.size() << " to run (" << engine::engine_name(s.engine) << ")\n";
    std::vector<jobs::Job> list;
    std::size_t finished = 0;
    const auto bar = [&s, total = static_cast<double>(todo.size())](double done) { report_progress(s.progress, done, total); };
    for (auto* m : todo) {
        jobs::Job job;
        job.commands = {member_command(s, *m)};
        job.dir = m->dir;
        job.log = io::RunPaths{m->dir}.log();
        job.cost = m->lx * m->lx;  // wires, hence junctions, grow with the area
        job.prepare = [](jobs::Job& j) { fs::create_directories(j.dir); };
        job.done = [&s, m, &finished, &bar](const jobs::JobExit& ex) {
            try {
                member_ready(s, *m);
            } catch (const std::exception& e) {
                m->status = "failed";
                m->message = e.what();
            }
            if (m->status == "pending") m->status = "failed";
            if (m->status != "completed" && !cancel_requested()) {
                if (m->message.empty())
                    m->message = "nwn run exited with " + std::to_string(ex.status) + "; see " + io::RunPaths{m->dir}.log().string();
                std::cerr << "\nnwn ensemble: " << m->dir.string() << ": " << m->status << ": " << m->message << "\n";
            }
            bar(static_cast<double>(++finished));
        };
        list.push_back(std::move(job));
    }
    jobs::run_jobs(list, s.jobs);
    return !cancel_requested();
}

}  // namespace

EnsembleReport run_ensemble(const EnsembleSpec& spec) {
    EnsembleSpec s = spec;
    s.out = fs::absolute(s.out).lexically_normal();  // one spelling of each member path, whoever runs it (MPI)
    check(s);
    if (!s.merge.empty()) {
        if (!s.shard.whole()) throw Error("--merge and --shard: merge the shards into a whole ensemble");
        jobs::check_merge_dirs(s.merge, s.out);
        for (const auto& d : s.merge) check_same_ensemble(s, d, true);
    }
    fs::create_directories(s.out);
    lock_work_dir(s.out, "nwn ensemble", 10);
    check_same_ensemble(s, s.out, false);
    std::vector<Group> groups = plan(s, !s.quiet);
    write_ensemble_json(s, groups, {}, {});

    EnsembleReport report;
    report.shard = !s.shard.whole();
    report.interrupted = !run_members(s, groups);
    std::map<std::size_t, nlohmann::json> results;
    const auto crit = s.analysis.criticality();
    for (std::size_t k = 0; k < groups.size() && !report.interrupted; ++k) {
        auto& g = groups[k];
        EnsembleGroupReport gr{g.lx, g.vstar, 0, 0, g.skipped, "", false};
        std::vector<const EnsembleMember*> done;
        for (const auto& m : g.members) {
            if (m.status == "completed") done.push_back(&m), ++gr.completed;
            else ++gr.failed;
        }
        if (report.shard) {
            gr.summary = "shard " + s.shard.label() + ": pooled analysis after nwn ensemble --merge";
            report.groups.push_back(gr);
            continue;
        }
        const fs::path dir = s.out / ("L" + number_label(g.lx)) / ("Vstar" + number_label(g.vstar));
        try {
            const auto trains = pooled_events(s, done, crit);
            const auto r = analyse_event_trains(trains, crit);
            nlohmann::json input = {{"kind", "ensemble"}, {"members", done.size()}, {"lx", g.lx},
                                    {"vstar", g.vstar},   {"density", s.density},    {"dt", trains.dt},
                                    {"samples", trains.events.total()}};
            for (const auto& w : write_avalanche_outputs(dir, trains, r, input, options_json(crit, s.events),
                                                         !s.analysis.no_plots))
                report.warnings.push_back(w);
            gr.summary = avalanche_summary(r);
            gr.analysed = true;
            const auto j = analysis::to_json(r);
            results[k] = {{"events", j["events"]}, {"avalanches", r.avalanches.size()}, {"tau", j["tau"]},
                          {"alpha", j["alpha"]},   {"crackling", j["crackling"]}};
        } catch (const Error& e) {
            gr.summary = e.what();
        }
        report.groups.push_back(gr);
    }
    write_ensemble_json(s, groups, report.groups, results);
    return report;
}

}  // namespace nwn::exp

#include "runner/io/run_dir.h"

#include <cmath>
#include <limits>
#include <set>

#include "common/atomic_file.h"
#include "common/error.h"
#include "netlistgen/network/junction_params.h"
#include "runner/io/json_file.h"

namespace nwn::io {

namespace fs = std::filesystem;
using json = nlohmann::json;

void prepare_run_dir(const fs::path& dir, const std::vector<fs::path>& inputs) {
    std::error_code ec;
    const auto st = fs::status(dir, ec);
    if (fs::exists(st) && !fs::is_directory(st)) throw Error("--out " + dir.string() + " exists and is not a directory");
    fs::create_directories(dir, ec);
    if (ec) throw Error("cannot create --out " + dir.string() + ": " + ec.message());
    remove_stale_temp_files(dir);  // a killed run's half-written outputs
    // Check every name before removing any, so a refusal leaves the previous run whole.
    std::vector<fs::path> stale;
    for (const char* name : kRunFiles) {
        const fs::path p = dir / name;
        const auto s = fs::symlink_status(p, ec);
        if (!fs::exists(s)) continue;
        bool is_input = false;
        for (const auto& in : inputs) is_input = is_input || fs::equivalent(p, in, ec);
        if (is_input) continue;
        if (!fs::is_regular_file(s) && !fs::is_symlink(s))
            throw Error(p.string() + " is in the way of this run's output and is not a regular file; "
                        "choose another --out or remove it");
        stale.push_back(p);
    }
    for (const auto& p : stale)
        if (!fs::remove(p, ec) || ec) throw Error("cannot remove the previous run's " + p.string() + ": " + ec.message());
}

namespace {

const char* type_name(const json& v) {
    if (v.is_number()) return "a number";
    if (v.is_string()) return "a string";
    if (v.is_boolean()) return "a boolean";
    if (v.is_null()) return "null";
    if (v.is_array()) return "an array";
    return "an object";
}

// Reads the fields of one JSON object; what no get_* took goes to rest().
class Fields {
public:
    Fields(const json& obj, std::string where, std::string prefix)
        : obj_(obj), where_(std::move(where)), prefix_(std::move(prefix)) {}

    bool has(const char* key) const { return obj_.contains(key); }
    const json& at(const char* key) {
        taken_.insert(key);
        return obj_.at(key);
    }
    [[noreturn]] void wrong(const char* key, const char* expected) const {
        throw Error(where_ + ": field \"" + prefix_ + key + "\" must be " + expected + ", not " + type_name(obj_.at(key)));
    }
    std::string field(const char* key) const { return prefix_ + key; }

    std::optional<std::string> str(const char* key) {
        if (!has(key)) return std::nullopt;
        const json& v = at(key);
        if (!v.is_string()) wrong(key, "a string");
        return v.get<std::string>();
    }
    std::optional<double> num(const char* key) {
        if (!has(key)) return std::nullopt;
        const json& v = at(key);
        if (!v.is_number()) wrong(key, "a number");
        return v.get<double>();
    }
    std::optional<double> num_or_null(const char* key) {
        if (!has(key)) return std::nullopt;
        const json& v = at(key);
        if (v.is_null()) return std::nan("");
        if (!v.is_number()) wrong(key, "a number or null");
        return v.get<double>();
    }
    std::optional<std::uint64_t> count(const char* key) {
        if (!has(key)) return std::nullopt;
        const json& v = at(key);
        if (v.is_number_unsigned()) return v.get<std::uint64_t>();
        if (v.is_number_integer() && v.get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(v.get<std::int64_t>());
        wrong(key, "a non-negative integer");
    }
    std::optional<int> integer(const char* key) {
        if (!has(key)) return std::nullopt;
        const json& v = at(key);
        if (!v.is_number_integer()) wrong(key, "an integer");
        const auto x = v.get<std::int64_t>();
        if (x < std::numeric_limits<int>::min() || x > std::numeric_limits<int>::max()) wrong(key, "an integer of int range");
        return static_cast<int>(x);
    }
    std::optional<bool> boolean(const char* key) {
        if (!has(key)) return std::nullopt;
        const json& v = at(key);
        if (!v.is_boolean()) wrong(key, "true or false");
        return v.get<bool>();
    }
    std::optional<Fields> object(const char* key) {
        if (!has(key)) return std::nullopt;
        const json& v = at(key);
        if (!v.is_object()) wrong(key, "an object");
        return Fields(v, where_, prefix_ + key + ".");
    }
    const json& raw() const { return obj_; }
    json rest() const {
        json r = json::object();
        for (const auto& [k, v] : obj_.items())
            if (!taken_.count(k)) r[k] = v;
        return r;
    }

private:
    const json& obj_;
    std::string where_, prefix_;
    std::set<std::string> taken_;
};

std::string required(Fields& f, const char* key, const std::string& where) {
    auto v = f.str(key);
    if (!v) throw Error(where + ": no field \"" + f.field(key) + "\"; not a run record of nwn run");
    return *v;
}

json num_or_null(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

}  // namespace

json run_record_json(const RunRecord& r) {
    json j = r.extra.is_object() ? r.extra : json::object();
    j["format"] = r.format;
    j["version"] = r.version;
    j["status"] = r.status;
    if (!r.message.empty()) j["message"] = r.message;
    j["command"] = r.command;
    j["engine"] = r.engine;
    if (r.flavour) j["flavour"] = *r.flavour;
    if (r.nwnsim_compat) j["nwnsim_compat"] = *r.nwnsim_compat;
    if (r.deck) j["deck"] = *r.deck;
    if (r.network) {
        const auto& n = *r.network;
        json& o = j["network"];
        o = n.extra.is_object() ? n.extra : json::object();
        o["source"] = n.source;
        o["summary"] = n.summary;
        o["wires"] = n.wires;
        o["junctions"] = n.junctions;
        if (n.hop_distance) o["hop_distance"] = *n.hop_distance;
    }
    if (r.electrodes) {
        json& o = j["electrodes"];
        o = r.electrodes->extra.is_object() ? r.electrodes->extra : json::object();
        o["driven"] = r.electrodes->driven;
        o["drain"] = r.electrodes->drain;
    }
    if (r.stimulus) j["stimulus"] = *r.stimulus;
    if (r.tstop) j["tstop"] = *r.tstop;
    if (r.dt) j["dt"] = *r.dt;
    if (r.tmax) j["tmax"] = *r.tmax;
    if (r.model) j["model"] = *r.model;
    if (r.preset) j["preset"] = *r.preset;
    if (r.params) j["params"] = *r.params;
    for (const auto& [name, v] : r.solver)  // counts as integers, times as seconds
        j["solver"][name] = name.size() > 2 && name.compare(name.size() - 2, 2, "_s") == 0 ? json(v) : json(static_cast<long long>(v));
    if (r.G_initial) j["G_initial"] = num_or_null(*r.G_initial);
    if (r.G_final) j["G_final"] = num_or_null(*r.G_final);
    if (r.versions) j["versions"] = *r.versions;
    if (r.ngspice_library) j["ngspice_library"] = *r.ngspice_library;
    if (r.ngspice_binary) j["ngspice_binary"] = *r.ngspice_binary;
    j["points"] = r.points;
    j["t_last"] = r.t_last;
    j["wall_s"] = r.wall_s;
    return j;
}

RunRecord run_record_from_json(const json& j, const std::string& where) {
    if (!j.is_object()) throw Error(where + ": not a run record (a JSON object), but " + type_name(j));
    Fields f(j, where, "");
    RunRecord r;
    if (auto v = f.str("format")) {
        if (*v != "nwnspice-run") throw Error(where + ": field \"format\" is \"" + *v + "\", not \"nwnspice-run\"; not a run record");
        r.format = *v;
    }
    if (auto v = f.integer("version")) r.version = *v;
    r.status = required(f, "status", where);
    r.message = f.str("message").value_or("");
    r.command = f.str("command").value_or("");
    r.engine = f.str("engine").value_or("");
    r.flavour = f.str("flavour");
    r.nwnsim_compat = f.boolean("nwnsim_compat");
    r.deck = f.str("deck");
    if (auto n = f.object("network")) {
        RunNetwork net;
        net.source = n->str("source").value_or("");
        net.summary = n->str("summary").value_or("");
        net.wires = n->count("wires").value_or(0);
        net.junctions = n->count("junctions").value_or(0);
        net.hop_distance = n->integer("hop_distance");
        net.extra = n->rest();
        r.network = std::move(net);
    }
    if (auto e = f.object("electrodes")) {
        RunElectrodes el;
        el.driven = e->str("driven").value_or("");
        el.drain = e->str("drain").value_or("");
        el.extra = e->rest();
        r.electrodes = std::move(el);
    }
    r.stimulus = f.str("stimulus");
    r.tstop = f.num("tstop");
    r.dt = f.num("dt");
    r.tmax = f.num("tmax");
    r.model = f.str("model");
    r.preset = f.str("preset");
    if (auto p = f.object("params")) {
        r.params.emplace();
        for (const auto& [name, v] : p->raw().items()) (*r.params)[name] = *p->num(name.c_str());
    }
    if (auto s = f.object("solver"))
        for (const auto& [name, v] : s->raw().items()) r.solver[name] = *s->num(name.c_str());
    r.G_initial = f.num_or_null("G_initial");
    r.G_final = f.num_or_null("G_final");
    if (auto v = f.object("versions")) {
        r.versions.emplace();
        for (const auto& [name, x] : v->raw().items()) (*r.versions)[name] = *v->str(name.c_str());
    }
    r.ngspice_library = f.str("ngspice_library");
    r.ngspice_binary = f.str("ngspice_binary");
    r.points = f.count("points").value_or(0);
    r.t_last = f.num("t_last").value_or(0);
    r.wall_s = f.num("wall_s").value_or(0);
    r.extra = f.rest();
    return r;
}

void write_run_record(const fs::path& dir, const RunRecord& r) {
    write_file_atomic(RunPaths{dir}.record(), run_record_json(r).dump(2) + "\n");
}

RunRecord read_run_record(const fs::path& dir) {
    const fs::path file = RunPaths{dir}.record();
    const std::string where = file.string();
    std::error_code ec;
    if (!fs::exists(file, ec)) throw Error(where + ": no such file (not a finished run directory of nwn run)");
    return run_record_from_json(read_json_file(file), where);
}

const char* run_status_name(RunStatus s) {
    switch (s) {
        case RunStatus::Completed: return "completed";
        case RunStatus::Failed: return "failed";
        case RunStatus::Interrupted: return "interrupted";
        case RunStatus::Missing: return "missing";
    }
    return "missing";
}

RunStatus run_status(const fs::path& dir) {
    // unreadable or not JSON: as good as none
    const json j = read_json_file_or_null(RunPaths{dir}.record());
    if (!j.is_object() || !j.contains("status") || !j["status"].is_string()) return RunStatus::Missing;
    const auto& s = j["status"].get_ref<const std::string&>();
    if (s == "completed") return RunStatus::Completed;
    if (s == "failed") return RunStatus::Failed;
    if (s == "interrupted") return RunStatus::Interrupted;
    return RunStatus::Missing;
}

std::map<std::string, double> params_by_name(const device::JunctionParams& p) {
    std::map<std::string, double> m;
    for (std::size_t k = 0; k < p.values().size(); ++k) m[p.model().params[k].name] = p.values()[k];
    return m;
}

nwn_junction_params junction_params(const RunRecord& r, const std::string& where) {
    try {
        if (r.model && *r.model != "hochstetter") throw Error("a run of the " + *r.model + " junction model, not hochstetter's");
        auto p = net::preset_params(r.preset.value_or("dc"));
        if (r.params)
            for (const auto& [name, value] : *r.params) net::param_ref(p, name) = value;
        return p;
    } catch (const Error& e) {
        throw Error(where + ": " + e.what());
    }
}

}  // namespace nwn::io

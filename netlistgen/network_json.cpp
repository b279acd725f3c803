#include "netlistgen/network_json.h"

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "common/error.h"

namespace nwn::net {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "nwnspice-network";
constexpr int kVersion = 1;

using ojson = nlohmann::ordered_json;  // keeps "format" and "version" first in the file

ojson wire_json(const Wire& w) {
    return {{"xa", w.xa}, {"ya", w.ya}, {"xb", w.xb}, {"yb", w.yb},
            {"xc", w.xc}, {"yc", w.yc}, {"length", w.length}, {"angle", w.angle}};
}

ojson electrode_json(const Electrode& e) {
    ojson j = {{"name", e.name}, {"kind", e.bar ? "bar" : "wire"}, {"wires", e.wires}};
    if (e.bar) {
        j["link_conductance"] = e.link_conductance;
        if (!e.region.empty()) j["region"] = e.region;
    }
    return j;
}

// Typed access that names the missing or mistyped field.
template <class T>
T get(const json& j, const char* key, const std::string& where) {
    if (!j.is_object() || !j.contains(key)) throw Error(where + ": missing \"" + key + "\"");
    try {
        return j.at(key).get<T>();
    } catch (const json::exception&) {
        throw Error(where + ": \"" + key + "\" has the wrong type");
    }
}

}  // namespace

std::string network_to_json(const Network& net) {
    ojson wires = ojson::array(), junctions = ojson::array(), electrodes = ojson::array();
    for (const auto& w : net.wires) wires.push_back(wire_json(w));
    for (const auto& J : net.junctions) junctions.push_back({{"i", J.i}, {"j", J.j}, {"x", J.x}, {"y", J.y}});
    for (const auto& e : net.electrodes) electrodes.push_back(electrode_json(e));
    const auto& p = net.provenance;
    ojson doc = {{"format", kFormat},
                {"version", kVersion},
                {"domain", {{"lx", net.lx}, {"ly", net.ly}}},
                {"provenance",
                 {{"kind", p.kind},
                  {"rng", p.rng},
                  {"seed", p.seed},
                  {"wires_generated", p.wires_generated},
                  {"length_mean", p.length_mean},
                  {"length_sd", p.length_sd},
                  {"largest_component", p.largest_component},
                  {"source", p.source}}},
                {"wires", wires},
                {"junctions", junctions},
                {"electrodes", {{"rule", net.electrode_rule}, {"list", electrodes}}}};
    if (net.hop_distance) doc["electrodes"]["hop_distance"] = *net.hop_distance;
    // One wire or junction per line keeps files diffable without the bulk of full indentation.
    std::string out = "{\n";
    bool first = true;
    for (const auto& [key, value] : doc.items()) {
        out += first ? "" : ",\n";
        first = false;
        out += "  " + ojson(key).dump() + ": ";
        if (value.is_array() && !value.empty()) {
            out += "[\n";
            for (std::size_t k = 0; k < value.size(); ++k) out += "    " + value[k].dump() + (k + 1 < value.size() ? ",\n" : "\n");
            out += "  ]";
        } else {
            out += value.dump();
        }
    }
    return out + "\n}\n";
}

Network network_from_json(const std::string& text, const std::string& origin) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        throw Error(origin + ": not valid JSON: " + e.what());
    }
    if (!doc.is_object() || doc.value("format", "") != kFormat)
        throw Error(origin + ": not an nwnspice network file (\"format\" must be \"" + kFormat + "\")");
    const int version = get<int>(doc, "version", origin);
    if (version != kVersion)
        throw Error(origin + ": network file version " + std::to_string(version) + " is not supported (this nwn reads " +
                    std::to_string(kVersion) + ")");
    Network net;
    const auto& domain = doc.contains("domain") ? doc["domain"] : json();
    net.lx = get<double>(domain, "lx", origin + ": domain");
    net.ly = get<double>(domain, "ly", origin + ": domain");
    if (doc.contains("provenance")) {
        const auto& p = doc["provenance"];
        net.provenance.kind = p.value("kind", "");
        net.provenance.rng = p.value("rng", "");
        net.provenance.seed = p.value("seed", 0u);
        net.provenance.wires_generated = p.value("wires_generated", 0LL);
        net.provenance.length_mean = p.value("length_mean", 0.0);
        net.provenance.length_sd = p.value("length_sd", 0.0);
        net.provenance.largest_component = p.value("largest_component", true);
        net.provenance.source = p.value("source", "");
    }
    const auto wires = get<json>(doc, "wires", origin);
    if (!wires.is_array()) throw Error(origin + ": \"wires\" must be an array");
    for (std::size_t k = 0; k < wires.size(); ++k) {
        const std::string where = origin + ": wire " + std::to_string(k);
        const auto& w = wires[k];
        net.wires.push_back({get<double>(w, "xa", where), get<double>(w, "ya", where), get<double>(w, "xb", where),
                             get<double>(w, "yb", where), get<double>(w, "xc", where), get<double>(w, "yc", where),
                             get<double>(w, "length", where), get<double>(w, "angle", where)});
    }
    const auto junctions = get<json>(doc, "junctions", origin);
    if (!junctions.is_array()) throw Error(origin + ": \"junctions\" must be an array");
    for (std::size_t k = 0; k < junctions.size(); ++k) {
        const std::string where = origin + ": junction " + std::to_string(k);
        const auto& J = junctions[k];
        net.junctions.push_back(
            {get<int>(J, "i", where), get<int>(J, "j", where), get<double>(J, "x", where), get<double>(J, "y", where)});
    }
    if (doc.contains("electrodes")) {
        const auto& el = doc["electrodes"];
        net.electrode_rule = el.value("rule", "");
        if (el.contains("hop_distance")) net.hop_distance = get<int>(el, "hop_distance", origin + ": electrodes");
        for (const auto& e : el.value("list", json::array())) {
            const std::string where = origin + ": electrode";
            Electrode E;
            E.name = get<std::string>(e, "name", where);
            const auto kind = get<std::string>(e, "kind", where);
            if (kind != "bar" && kind != "wire") throw Error(where + " '" + E.name + "': kind must be wire or bar");
            E.bar = kind == "bar";
            E.wires = get<std::vector<int>>(e, "wires", where);
            E.link_conductance = e.value("link_conductance", 0.1);
            E.region = e.value("region", std::vector<double>{});
            net.electrodes.push_back(std::move(E));
        }
    }
    try {
        validate(net);
    } catch (const Error& e) {
        throw Error(origin + ": " + e.what());
    }
    return net;
}

void write_network(const std::filesystem::path& path, const Network& net) {
    write_file_atomic(path, network_to_json(net));
}

Network read_network(const std::filesystem::path& path) { return network_from_json(read_file(path), path.string()); }

}  // namespace nwn::net

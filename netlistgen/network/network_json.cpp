#include "netlistgen/network/network_json.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "common/error.h"
#include "netlistgen/network/graph.h"
#include "netlistgen/network/nwnsim_mat.h"
#include "common/text_parse.h"

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

// Strict reading: every value is checked for type and range where it is read, and every error reads
// "<file>: <what> (field <path>)", path as in wires[3].xa, so a bad file is never half-understood.
class Reader {
public:
    explicit Reader(std::string origin) : origin_(std::move(origin)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& what) const {
        throw Error(origin_ + ": " + what + (path.empty() ? "" : " (field " + path + ")"));
    }

    static std::string join(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }
    static std::string at(const std::string& path, std::size_t k) { return path + "[" + std::to_string(k) + "]"; }

    const json& object(const json& j, const std::string& path) const {
        if (!j.is_object()) fail(path, std::string("must be an object, not ") + j.type_name());
        return j;
    }
    const json& array(const json& j, const std::string& path) const {
        if (!j.is_array()) fail(path, std::string("must be an array, not ") + j.type_name());
        return j;
    }
    // obj[key], which must be present (obj has been checked to be an object).
    const json& member(const json& obj, const std::string& path, const char* key) const {
        if (!obj.contains(key)) fail(join(path, key), std::string("missing \"") + key + "\"");
        return obj[key];
    }

    double number(const json& v, const std::string& path) const {
        if (!v.is_number()) fail(path, std::string("must be a number, not ") + v.type_name());
        const double x = v.get<double>();
        if (!std::isfinite(x)) fail(path, "must be finite");
        return x;
    }
    // An integer in [lo, hi]; 3.0 counts, 1.5 does not, and 2^32 is out of range for an int.
    long long integer(const json& v, const std::string& path, long long lo, long long hi,
                      const std::string& noun) const {
        bool in_range = false;
        long long x = 0;
        if (v.is_number_unsigned()) {
            const auto u = v.get<std::uint64_t>();
            in_range = u <= static_cast<std::uint64_t>(hi) && static_cast<long long>(u) >= lo;
            x = static_cast<long long>(u);
        } else if (v.is_number_integer()) {
            x = v.get<std::int64_t>();
            in_range = x >= lo && x <= hi;
        } else if (v.is_number_float()) {
            const double d = v.get<double>();
            if (d != std::floor(d)) fail(path, noun + " " + v.dump() + " is not an integer");
            in_range = d >= static_cast<double>(lo) && d <= static_cast<double>(hi);
            if (in_range) x = static_cast<long long>(d);
        } else {
            fail(path, noun + " must be an integer, not " + v.type_name());
        }
        if (!in_range)
            fail(path, noun + " " + v.dump() + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
        return x;
    }
    std::string text(const json& v, const std::string& path) const {
        if (!v.is_string()) fail(path, std::string("must be a string, not ") + v.type_name());
        return v.get<std::string>();
    }
    bool boolean(const json& v, const std::string& path) const {
        if (!v.is_boolean()) fail(path, std::string("must be true or false, not ") + v.type_name());
        return v.get<bool>();
    }

    // Optional members: `read` is one of the typed readers above, applied when the key is present.
    template <class T, class Read>
    T optional(const json& obj, const std::string& path, const char* key, T fallback, Read read) const {
        return obj.contains(key) ? read(obj[key], join(path, key)) : fallback;
    }

private:
    std::string origin_;
};

// "[json.exception.parse_error.101] parse error at ..." -> "parse error at ...".
std::string without_id(const char* what) {
    std::string s = what;
    if (s.starts_with("[json.exception.")) s.erase(0, s.find("] ") == std::string::npos ? 0 : s.find("] ") + 2);
    return s;
}

// Parses `text`, tracking the path of the value being read so that a failure (overflowing number, bad
// UTF-8, truncation) names the field it happened in.
json parse_document(const std::string& text, const Reader& r) {
    struct Frame {
        bool array;
        std::size_t done = 0;  // arrays: elements completed, i.e. the index of the one being read
        std::string key{};     // objects: the last key read
    };
    std::vector<Frame> stack;
    auto path = [&] {
        std::string p;
        for (const auto& f : stack) {
            if (f.array) p = Reader::at(p, f.done);
            else if (!f.key.empty()) p = Reader::join(p, f.key);
        }
        return p;
    };
    using event = json::parse_event_t;
    const json::parser_callback_t track = [&](int, event ev, json& parsed) {
        switch (ev) {
            case event::object_start: stack.push_back({false}); break;
            case event::array_start: stack.push_back({true}); break;
            case event::key: stack.back().key = parsed.get<std::string>(); break;
            case event::object_end:
            case event::array_end:
                stack.pop_back();
                [[fallthrough]];
            case event::value:
                if (!stack.empty() && stack.back().array) ++stack.back().done;
                break;
        }
        return true;
    };
    try {
        return json::parse(text, track);
    } catch (const json::exception& e) {
        r.fail(path(), "not valid JSON: " + without_id(e.what()));
    }
}

// Squared distances of coordinates up to a few domain sizes must stay finite (1e308 gave "-nan" pictures).
constexpr double kMaxDomain = 1e100;

void read_wires(const Reader& r, const json& doc, Network& net) {
    const auto& wires = r.array(r.member(doc, "", "wires"), "wires");
    if (wires.empty()) r.fail("wires", "the network has no wires");
    // Wires are not clipped, so ends may overhang the domain, but generated and imported ones by less than
    // its size; anything beyond that is a corrupted coordinate.
    const double margin = std::max(net.lx, net.ly), tol = MatImportOptions{}.tolerance * margin;
    for (std::size_t k = 0; k < wires.size(); ++k) {
        const std::string path = Reader::at("wires", k);
        const auto& w = r.object(wires[k], path);
        auto num = [&](const char* key) { return r.number(r.member(w, path, key), Reader::join(path, key)); };
        Wire W{num("xa"), num("ya"), num("xb"), num("yb"), num("xc"), num("yc"), num("length"), num("angle")};
        using Coordinate = std::tuple<const char*, double, double>;  // key, value, domain size along it
        for (const auto& [key, v, size] :
             std::initializer_list<Coordinate>{{"xa", W.xa, net.lx}, {"ya", W.ya, net.ly}, {"xb", W.xb, net.lx},
                                               {"yb", W.yb, net.ly}, {"xc", W.xc, net.lx}, {"yc", W.yc, net.ly}})
            if (v < -margin || v > size + margin)
                r.fail(Reader::join(path, key), "wire " + std::to_string(k) + " reaches " + format_number(v) +
                                                    ", more than the domain size outside [0, " + format_number(size) +
                                                    "]");
        if (!(W.length > 0))
            r.fail(Reader::join(path, "length"),
                   "wire " + std::to_string(k) + " has length " + format_number(W.length) + "; lengths must be > 0");
        // Same cross-check as the NWNsim import: catches one corrupted end point.
        if (std::abs(W.xc - (W.xa + W.xb) / 2) > tol || std::abs(W.yc - (W.ya + W.yb) / 2) > tol)
            r.fail(path, "wire " + std::to_string(k) + ": centre (xc, yc) is not the midpoint of its end points");
        net.wires.push_back(W);
    }
}

void read_junctions(const Reader& r, const json& doc, Network& net) {
    const auto& junctions = r.array(r.member(doc, "", "junctions"), "junctions");
    const long long last = static_cast<long long>(net.wires.size()) - 1;
    const double tol = MatImportOptions{}.tolerance * std::max(net.lx, net.ly);
    for (std::size_t k = 0; k < junctions.size(); ++k) {
        const std::string path = Reader::at("junctions", k);
        const auto& J = r.object(junctions[k], path);
        auto id = [&](const char* key) {
            return static_cast<int>(r.integer(r.member(J, path, key), Reader::join(path, key), 0, last, "wire id"));
        };
        auto num = [&](const char* key) { return r.number(r.member(J, path, key), Reader::join(path, key)); };
        const Junction junction{id("i"), id("j"), num("x"), num("y")};
        if (junction.i >= junction.j)
            r.fail(path, "junction " + std::to_string(k) + " joins wires " + std::to_string(junction.i) + " and " +
                             std::to_string(junction.j) + ": need i < j");
        for (int w : {junction.i, junction.j}) {
            const double d = distance_to_wire(net.wires[w], junction.x, junction.y);
            if (d > tol)
                r.fail(path, "junction " + std::to_string(k) + " at (" + format_number(junction.x) + ", " +
                                 format_number(junction.y) + ") lies " + format_number(d) + " off wire " +
                                 std::to_string(w) + "; a junction must lie on both of its wires");
        }
        net.junctions.push_back(junction);
    }
}

void read_electrodes(const Reader& r, const json& doc, Network& net) {
    if (!doc.contains("electrodes")) return;
    const auto& el = r.object(doc["electrodes"], "electrodes");
    net.electrode_rule = r.optional(el, "electrodes", "rule", std::string(),
                                    [&](const json& v, const std::string& p) { return r.text(v, p); });
    if (el.contains("hop_distance"))
        net.hop_distance = static_cast<int>(r.integer(el["hop_distance"], "electrodes.hop_distance", 0,
                                                      std::numeric_limits<int>::max(), "hop distance"));
    if (!el.contains("list")) return;
    const auto& list = r.array(el["list"], "electrodes.list");
    const long long last = static_cast<long long>(net.wires.size()) - 1;
    // wire -> the single-wire contact holding it: two contacts on one wire would fix it twice, while a wire
    // may cross several pads (each its own node, tied by a link).
    std::map<int, std::string> owner;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const std::string path = Reader::at("electrodes.list", k);
        const auto& e = r.object(list[k], path);
        Electrode E;
        E.name = r.text(r.member(e, path, "name"), Reader::join(path, "name"));
        if (find_electrode(net, E.name))
            r.fail(Reader::join(path, "name"), "two electrodes are named '" + E.name + "'");
        const auto kind = r.text(r.member(e, path, "kind"), Reader::join(path, "kind"));
        if (kind != "bar" && kind != "wire")
            r.fail(Reader::join(path, "kind"),
                   "electrode '" + E.name + "': kind must be wire or bar, not '" + kind + "'");
        E.bar = kind == "bar";
        const std::string wpath = Reader::join(path, "wires");
        const auto& wires = r.array(r.member(e, path, "wires"), wpath);
        for (std::size_t m = 0; m < wires.size(); ++m) {
            const int w = static_cast<int>(r.integer(wires[m], Reader::at(wpath, m), 0, last, "wire id"));
            if (std::find(E.wires.begin(), E.wires.end(), w) != E.wires.end())
                r.fail(Reader::at(wpath, m), "wire " + std::to_string(w) + " appears twice in electrode '" + E.name + "'");
            if (const auto [it, fresh] = E.bar ? std::pair{owner.end(), true} : owner.emplace(w, E.name); !fresh)
                r.fail(Reader::at(wpath, m), "wire " + std::to_string(w) +
                                                 (it->second == E.name ? " appears twice in electrode '" + E.name + "'"
                                                                       : " belongs to both electrodes '" + it->second +
                                                                             "' and '" + E.name + "'"));
            E.wires.push_back(w);
        }
        E.link_conductance = r.optional(e, path, "link_conductance", 0.1, [&](const json& v, const std::string& p) {
            const double g = r.number(v, p);
            if (!(g > 0)) r.fail(p, "electrode '" + E.name + "': link_conductance must be > 0");
            return g;
        });
        if (e.contains("region")) {
            const std::string rpath = Reader::join(path, "region");
            const auto& region = r.array(e["region"], rpath);
            if (!region.empty() && region.size() != 4) r.fail(rpath, "region must be [x0, y0, x1, y1]");
            for (std::size_t m = 0; m < region.size(); ++m)
                E.region.push_back(r.number(region[m], Reader::at(rpath, m)));
        }
        net.electrodes.push_back(std::move(E));
    }
    if (net.electrodes.size() == 1)
        r.fail("electrodes.list", "one electrode ('" + net.electrodes[0].name + "'): a network needs at least two");
}

// Every electrode must reach the first (as choose_electrodes demands); a bar reaches through any of its
// wires. A drain cut off from the source would otherwise show up only as a zero current.
void check_connected(const Reader& r, const Network& net) {
    if (net.electrodes.size() < 2) return;
    const auto label = component_labels(net);
    std::set<int> first;
    for (int w : net.electrodes.front().wires) first.insert(label[w]);
    for (std::size_t k = 1; k < net.electrodes.size(); ++k) {
        const auto& e = net.electrodes[k];
        if (std::none_of(e.wires.begin(), e.wires.end(), [&](int w) { return first.contains(label[w]); }))
            r.fail(Reader::at("electrodes.list", k), "electrodes " + net.electrodes.front().name + " and " + e.name +
                                                         " are not connected (no junction path joins their wires)");
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
    const Reader r(origin);
    const json doc = parse_document(text, r);
    if (!doc.is_object() || !doc.contains("format") || doc["format"] != kFormat)
        r.fail("", std::string("not an nwnspice network file (\"format\" must be \"") + kFormat + "\")");
    const long long version =
        r.integer(r.member(doc, "", "version"), "version", 0, std::numeric_limits<int>::max(), "version");
    if (version != kVersion)
        r.fail("version", "network file version " + std::to_string(version) + " is not supported (this nwn reads " +
                              std::to_string(kVersion) + ")");
    Network net;
    const auto& domain = r.object(r.member(doc, "", "domain"), "domain");
    for (const auto& [key, size] :
         std::initializer_list<std::pair<const char*, double*>>{{"lx", &net.lx}, {"ly", &net.ly}}) {
        *size = r.number(r.member(domain, "domain", key), Reader::join("domain", key));
        if (!(*size > 0) || *size > kMaxDomain)
            r.fail(Reader::join("domain", key),
                   "domain size " + format_number(*size) + " must be > 0 and at most " + format_number(kMaxDomain));
    }
    if (doc.contains("provenance")) {
        const std::string path = "provenance";
        const auto& p = r.object(doc[path], path);
        auto text_of = [&](const json& v, const std::string& f) { return r.text(v, f); };
        auto num = [&](const json& v, const std::string& f) { return r.number(v, f); };
        auto& pr = net.provenance;
        pr.kind = r.optional(p, path, "kind", std::string(), text_of);
        pr.rng = r.optional(p, path, "rng", std::string(), text_of);
        pr.seed = static_cast<std::uint32_t>(r.optional(p, path, "seed", 0LL, [&](const json& v, const std::string& f) {
            return r.integer(v, f, 0, std::numeric_limits<std::uint32_t>::max(), "seed");
        }));
        pr.wires_generated = r.optional(p, path, "wires_generated", 0LL, [&](const json& v, const std::string& f) {
            return r.integer(v, f, 0, std::numeric_limits<long long>::max(), "wire count");
        });
        pr.length_mean = r.optional(p, path, "length_mean", 0.0, num);
        pr.length_sd = r.optional(p, path, "length_sd", 0.0, num);
        pr.largest_component = r.optional(p, path, "largest_component", true,
                                          [&](const json& v, const std::string& f) { return r.boolean(v, f); });
        pr.source = r.optional(p, path, "source", std::string(), text_of);
    }
    read_wires(r, doc, net);
    read_junctions(r, doc, net);
    read_electrodes(r, doc, net);
    try {
        validate(net);  // the remaining structural rules (junction order, electrode names), shared with imports
    } catch (const Error& e) {
        r.fail("", e.what());
    }
    check_connected(r, net);
    return net;
}

void write_network(const std::filesystem::path& path, const Network& net) {
    write_file_atomic(path, network_to_json(net));
}

Network read_network(const std::filesystem::path& path) { return network_from_json(read_file(path), path.string()); }

}  // namespace nwn::net

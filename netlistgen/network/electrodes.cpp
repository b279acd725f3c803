#include "netlistgen/network/electrodes.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "common/error.h"
#include "common/csv_table.h"
#include "netlistgen/network/graph.h"
#include "common/text_parse.h"

namespace nwn::net {

namespace {

Electrode contact(const std::string& name, int wire) { return Electrode{name, {wire}, false, 0.1, {}}; }

// Pairs (a < b) scored by `score`; the best score wins, ties to the smallest a then smallest b.
template <class Score>
std::pair<int, int> best_pair(const std::vector<int>& candidates, Score score) {
    double best = -1;
    std::pair<int, int> out{-1, -1};
    for (std::size_t x = 0; x < candidates.size(); ++x)
        for (std::size_t y = x + 1; y < candidates.size(); ++y) {
            const int a = std::min(candidates[x], candidates[y]), b = std::max(candidates[x], candidates[y]);
            const double s = score(a, b);
            if (s > best || (s == best && std::make_pair(a, b) < out)) {
                best = s;
                out = {a, b};
            }
        }
    return out;
}

// Wire centres on the convex hull (Andrew's monotone chain): a farthest pair of points always has both
// ends among the hull's vertices, which makes `farthest` O(N log N) instead of O(N²).
std::vector<int> hull_vertices(const Network& net) {
    std::vector<int> idx(net.wires.size());
    for (std::size_t k = 0; k < idx.size(); ++k) idx[k] = static_cast<int>(k);
    auto pt = [&](int k) { return std::make_pair(net.wires[k].xc, net.wires[k].yc); };
    std::sort(idx.begin(), idx.end(), [&](int a, int b) { return pt(a) < pt(b); });
    auto cross = [&](int o, int a, int b) {
        const auto &O = net.wires[o], &A = net.wires[a], &B = net.wires[b];
        return (A.xc - O.xc) * (B.yc - O.yc) - (A.yc - O.yc) * (B.xc - O.xc);
    };
    std::vector<int> h(2 * idx.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < idx.size(); ++i) {
        while (k >= 2 && cross(h[k - 2], h[k - 1], idx[i]) < 0) --k;  // keep collinear points: ties stay visible
        h[k++] = idx[i];
    }
    for (std::size_t i = idx.size() - 1, t = k + 1; i-- > 0;) {
        while (k >= t && cross(h[k - 2], h[k - 1], idx[i]) < 0) --k;
        h[k++] = idx[i];
    }
    h.resize(k);
    // Wires sharing a centre with a hull vertex tie with it: include them.
    std::vector<int> out;
    for (int v : h)
        for (std::size_t w = 0; w < net.wires.size(); ++w)
            if (pt(static_cast<int>(w)) == pt(v)) out.push_back(static_cast<int>(w));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<Electrode> farthest(const Network& net) {
    if (net.wires.size() < 2) throw Error("farthest electrodes need at least two wires");
    const auto [a, b] = best_pair(hull_vertices(net), [&](int i, int j) {
        const double dx = net.wires[i].xc - net.wires[j].xc, dy = net.wires[i].yc - net.wires[j].yc;
        return std::sqrt(dx * dx + dy * dy);
    });
    return {contact("src", b), contact("drn", a)};
}

std::vector<Electrode> topo_farthest(const Network& net) {
    if (net.wires.size() < 2) throw Error("topo-farthest electrodes need at least two wires");
    // One breadth-first search per wire, O(N) memory; scanning (a, b > a) in order and keeping only
    // strictly longer paths leaves the first maximum, NWNsim's column-major pick.
    const auto adj = adjacency(net);
    int best = -1, a = -1, b = -1;
    for (int i = 0; i < static_cast<int>(net.wires.size()); ++i) {
        const auto hops = hops_from(adj, {i});
        for (int j = i + 1; j < static_cast<int>(hops.size()); ++j)
            if (hops[j] > best) {
                best = hops[j];
                a = i;
                b = j;
            }
    }
    return {contact("src", b), contact("drn", a)};
}

int wire_id(const Network& net, const std::string& text) {
    const long long id = parse_integer(text, "wire id");
    if (id < 0 || id >= static_cast<long long>(net.wires.size()))
        throw Error("unknown wire id " + text + ": the wires are 0.." + std::to_string(net.wires.size() - 1));
    return static_cast<int>(id);
}

std::vector<Electrode> explicit_wires(const Network& net, const std::string& arg) {
    const auto ids = split(arg, ',');
    if (ids.size() < 2) throw Error("wires:I,J[,K,...] takes two or more wire ids (got '" + arg + "')");
    std::vector<int> wires;
    for (const auto& text : ids) {
        const int w = wire_id(net, trim(text));
        if (std::find(wires.begin(), wires.end(), w) != wires.end())
            throw Error(ids.size() == 2 ? "source and drain are the same wire " + trim(text)
                                        : "wire " + trim(text) + " is given twice in wires:" + arg);
        wires.push_back(w);
    }
    if (wires.size() == 2) return {contact("src", wires[0]), contact("drn", wires[1])};
    std::vector<Electrode> out;
    for (int w : wires) out.push_back(contact("w" + std::to_string(w), w));
    return out;
}

// Whether the wire's segment meets the closed rectangle (Liang–Barsky clipping of the segment).
bool wire_meets_rect(const Wire& w, double x0, double y0, double x1, double y1) {
    double t0 = 0, t1 = 1;
    const double dx = w.xb - w.xa, dy = w.yb - w.ya;
    const double p[4] = {-dx, dx, -dy, dy}, q[4] = {w.xa - x0, x1 - w.xa, w.ya - y0, y1 - w.ya};
    for (int k = 0; k < 4; ++k) {
        if (p[k] == 0) {
            if (q[k] < 0) return false;  // parallel to this edge and outside it
            continue;
        }
        const double r = q[k] / p[k];
        if (p[k] < 0) t0 = std::max(t0, r);
        else t1 = std::min(t1, r);
        if (t0 > t1) return false;
    }
    return true;
}

struct Pad {
    std::string name;
    double x, y, w, h;  // centre and size (µm)
};

// Pads become electrodes of their own node, tied to every wire that crosses or lies in them by NWNsim's
// 0.1 S bar links; a wire crossing two pads is linked to both, as on a chip.
std::vector<Electrode> pad_electrodes(const Network& net, const std::vector<Pad>& pads, const std::string& origin) {
    for (std::size_t a = 0; a < pads.size(); ++a) {
        const Pad& P = pads[a];
        if (!(P.w > 0) || !(P.h > 0))
            throw Error(origin + ": pad '" + P.name + "' must have a width and height > 0");
        for (std::size_t b = 0; b < a; ++b) {
            const Pad& Q = pads[b];
            if (lower(Q.name) == lower(P.name))
                throw Error(origin + ": two pads are named '" + P.name + "' (SPICE names ignore case)");
            if (std::fabs(P.x - Q.x) * 2 < P.w + Q.w && std::fabs(P.y - Q.y) * 2 < P.h + Q.h)
                throw Error(origin + ": pads '" + Q.name + "' and '" + P.name + "' overlap");
        }
    }
    std::vector<Electrode> out;
    for (const Pad& P : pads) {
        const double x0 = P.x - P.w / 2, x1 = P.x + P.w / 2, y0 = P.y - P.h / 2, y1 = P.y + P.h / 2;
        Electrode e{P.name, {}, true, 0.1, {x0, y0, x1, y1}};
        for (std::size_t k = 0; k < net.wires.size(); ++k)
            if (wire_meets_rect(net.wires[k], x0, y0, x1, y1)) e.wires.push_back(static_cast<int>(k));
        if (e.wires.empty())
            throw Error(origin + ": pad '" + P.name + "' (centre " + format_number(P.x) + ", " + format_number(P.y) +
                        " µm, " + format_number(P.w) + " × " + format_number(P.h) + " µm) contacts no wire");
        out.push_back(std::move(e));
    }
    return out;
}

// grid:RxC[:PAD[:PITCH]]: R rows by C columns of square pads centred on the domain. The defaults make a
// 4 × 4 array's span cover the domain: pitch = min(Lx/C, Ly/R), pad = pitch/4.
std::vector<Electrode> grid(const Network& net, const std::string& arg) {
    const auto parts = split(arg, ':');
    const auto dims = parts.empty() ? std::vector<std::string>{} : split(lower(parts[0]), 'x');
    if (parts.empty() || parts.size() > 3 || dims.size() != 2)
        throw Error("grid:RxC[:PAD[:PITCH]] (got 'grid:" + arg + "')");
    const long long rows = parse_integer(dims[0], "grid rows"), cols = parse_integer(dims[1], "grid columns");
    if (rows < 1 || cols < 1 || rows > 4096 || cols > 4096 || rows * cols < 2 || rows * cols > 4096)
        throw Error("grid:" + arg + ": R·C must be between 2 and 4096 pads");
    const double pitch = parts.size() > 2 ? parse_number(parts[2], "grid pitch")
                                          : std::min(net.lx / static_cast<double>(cols), net.ly / static_cast<double>(rows));
    const double pad = parts.size() > 1 ? parse_number(parts[1], "grid pad size") : pitch / 4;
    if (!(pitch > 0) || !(pad > 0)) throw Error("grid:" + arg + ": the pad size and pitch must be > 0");
    if (pad >= pitch) throw Error("grid:" + arg + ": pads of " + format_number(pad) + " µm at a pitch of " +
                                  format_number(pitch) + " µm overlap");
    std::vector<Pad> pads;
    for (long long r = 0; r < rows; ++r)
        for (long long c = 0; c < cols; ++c)
            pads.push_back({"p" + std::to_string(r) + "_" + std::to_string(c),
                            net.lx / 2 + (static_cast<double>(c) - (cols - 1) / 2.0) * pitch,
                            net.ly / 2 + ((rows - 1) / 2.0 - static_cast<double>(r)) * pitch, pad, pad});
    return pad_electrodes(net, pads, "grid:" + arg);
}

bool is_wire_alias(const std::string& name) {
    return name.size() > 1 && name[0] == 'w' && std::all_of(name.begin() + 1, name.end(), [](char ch) {
               return std::isdigit(static_cast<unsigned char>(ch));
           });
}

std::vector<Electrode> pads_file(const Network& net, const std::string& file) {
    const CsvTable t = read_csv(file, {"name"});
    std::vector<std::size_t> col;
    for (const char* c : {"name", "x", "y", "w", "h"}) {
        const auto k = t.find(c);
        if (!k) throw Error(file + ": a pad layout needs columns name, x, y, w, h (centre and size in µm); no column '" +
                            std::string(c) + "'");
        col.push_back(*k);
    }
    if (t.rows.size() < 2) throw Error(file + ": a pad layout needs at least two pads");
    std::vector<Pad> pads;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const std::string& name = t.text[r][col[0]];
        const bool word = !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
            return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
        });
        if (!word) throw file_error(file, t.lines[r], "pad name '" + name + "' must be letters, digits and '_'");
        if (is_wire_alias(name) || name == "src" || name == "drn")
            throw file_error(file, t.lines[r], "pad name '" + name + "' is reserved (w<id> names a wire contact)");
        pads.push_back({name, t.rows[r][col[1]], t.rows[r][col[2]], t.rows[r][col[3]], t.rows[r][col[4]]});
    }
    return pad_electrodes(net, pads, file);
}

std::vector<Electrode> bars(const Network& net, const std::string& arg) {
    const auto parts = split(arg, ':');
    if (parts.empty() || parts.size() > 2) throw Error("bars:FRACTION[:XFRACTION] (got 'bars:" + arg + "')");
    const double f = parse_number(parts[0], "bar fraction");
    const double xf = parts.size() > 1 ? parse_number(parts[1], "bar x fraction") : 1.0;
    if (!(f > 0 && f < 0.5)) throw Error("the bar fraction must be in (0, 0.5) (got " + parts[0] + ")");
    if (!(xf > 0 && xf <= 1)) throw Error("the bar x fraction must be in (0, 1]");
    Electrode src{"src", {}, true, 0.1, {net.lx * (1 - xf), net.ly * (1 - f), net.lx, net.ly}};
    Electrode drn{"drn", {}, true, 0.1, {0, 0, net.lx * xf, net.ly * f}};
    for (std::size_t k = 0; k < net.wires.size(); ++k) {
        const auto& w = net.wires[k];
        if (w.yc >= net.ly * (1 - f) && w.xc >= net.lx * (1 - xf)) src.wires.push_back(static_cast<int>(k));
        if (w.yc <= net.ly * f && w.xc <= net.lx * xf) drn.wires.push_back(static_cast<int>(k));
    }
    for (const auto* e : {&src, &drn})
        if (e->wires.empty())
            throw Error("bar electrode '" + e->name + "' holds no wire centre (fraction " + parts[0] +
                        "): use a larger fraction");
    return {src, drn};
}

std::vector<Electrode> edges(const Network& net, const std::string& arg) {
    const long long n = parse_integer(arg, "electrode count");
    if (n < 2) throw Error("edges:N needs N >= 2");
    if (n > static_cast<long long>(net.wires.size()))
        throw Error("edges:" + arg + " asks for more electrodes than there are wires");
    const double perimeter = 2 * (net.lx + net.ly);
    std::vector<bool> taken(net.wires.size(), false);
    std::vector<Electrode> out;
    for (long long e = 0; e < n; ++e) {
        double s = (e + 0.5) * perimeter / n, px, py;
        if (s < net.lx) { px = s; py = 0; }
        else if ((s -= net.lx) < net.ly) { px = net.lx; py = s; }
        else if ((s -= net.ly) < net.lx) { px = net.lx - s; py = net.ly; }
        else { s -= net.lx; px = 0; py = net.ly - s; }
        int best = -1;
        double best_d = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < net.wires.size(); ++k) {
            if (taken[k]) continue;
            const double d = distance_to_wire(net.wires[k], px, py);
            if (d < best_d) { best_d = d; best = static_cast<int>(k); }
        }
        taken[best] = true;
        out.push_back(contact("c" + std::to_string(e), best));
    }
    return out;
}

}  // namespace

const Electrode* resolve_electrode(const Network& net, const std::string& name) {
    if (const Electrode* e = find_electrode(net, name)) return e;
    if (is_wire_alias(name))
        for (const auto& e : net.electrodes)
            if (!e.bar && "w" + std::to_string(e.wires.front()) == name) return &e;
    return nullptr;
}

const Electrode& electrode_named(const Network& net, const std::string& name, const std::string& what) {
    if (const Electrode* e = resolve_electrode(net, name)) return *e;
    std::string names;
    for (const auto& e : net.electrodes)
        names += " " + e.name + (e.bar || e.name == electrode_node(e) ? "" : " (" + electrode_node(e) + ")");
    throw Error(what + ": no electrode named '" + name + "' (the network has:" + names + ")");
}

std::string electrode_node(const Electrode& e) {
    return e.bar ? "e" + e.name : "w" + std::to_string(e.wires.front());
}

int hop_distance(const Network& net, const Electrode& a, const Electrode& b) {
    const auto dist = hops_from(adjacency(net), a.wires);
    int best = -1;
    for (int w : b.wires)
        if (dist[w] >= 0 && (best < 0 || dist[w] < best)) best = dist[w];
    return best;
}

void choose_electrodes(Network& net, const std::string& spec) {
    const auto colon = spec.find(':');
    const std::string rule = spec.substr(0, colon), arg = colon == std::string::npos ? "" : spec.substr(colon + 1);
    std::vector<Electrode> chosen;
    if (rule == "farthest" && arg.empty()) chosen = farthest(net);
    else if (rule == "topo-farthest" && arg.empty()) chosen = topo_farthest(net);
    else if (rule == "wires") chosen = explicit_wires(net, arg);
    else if (rule == "bars") chosen = bars(net, arg);
    else if (rule == "edges") chosen = edges(net, arg);
    else if (rule == "grid") chosen = grid(net, arg);
    else if (rule == "pads") chosen = pads_file(net, arg);
    else
        throw Error("unknown electrode rule '" + spec +
                    "': use farthest, topo-farthest, wires:I,J[,K,...], bars:FRACTION[:XFRACTION], edges:N, "
                    "grid:RxC[:PAD[:PITCH]] or pads:FILE.csv");

    // Every electrode must reach the first one; wires of a bar may also lie in other components.
    const auto label = component_labels(net);
    for (const auto& e : chosen) {
        const bool joined = std::any_of(e.wires.begin(), e.wires.end(), [&](int w) {
            return std::any_of(chosen.front().wires.begin(), chosen.front().wires.end(),
                               [&](int v) { return label[v] == label[w]; });
        });
        if (!joined)
            throw Error("electrodes '" + chosen.front().name + "' and '" + e.name +
                        "' are in different components (no junction path joins wire " +
                        std::to_string(chosen.front().wires.front()) + " and wire " + std::to_string(e.wires.front()) +
                        "): no current can flow between them");
    }
    net.electrodes = std::move(chosen);
    net.electrode_rule = spec;
    net.hop_distance = hop_distance(net, net.electrodes[0], net.electrodes[1]);
}

}  // namespace nwn::net

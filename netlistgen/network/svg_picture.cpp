#include "netlistgen/network/svg_picture.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "common/error.h"
#include "common/format.h"
#include "common/text_parse.h"

namespace nwn::net {

namespace {

// Viridis at nine evenly spaced stops; linear in between is indistinguishable at picture scale.
std::string viridis(double u) {
    static const std::array<std::array<int, 3>, 9> stops = {{{68, 1, 84}, {71, 44, 122}, {59, 81, 139}, {44, 113, 142},
                                                            {33, 144, 141}, {39, 173, 129}, {92, 200, 99},
                                                            {170, 220, 50}, {253, 231, 37}}};
    u = std::clamp(std::isfinite(u) ? u : 0.0, 0.0, 1.0) * (stops.size() - 1);
    const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(u), stops.size() - 2);
    const double f = u - k;
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(std::lround(stops[k][0] + f * (stops[k + 1][0] - stops[k][0]))),
                  static_cast<int>(std::lround(stops[k][1] + f * (stops[k + 1][1] - stops[k][1]))),
                  static_cast<int>(std::lround(stops[k][2] + f * (stops[k + 1][2] - stops[k][2]))));
    return buf;
}

const char* kElectrodeColours[] = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};

struct Scale {
    bool log = false;
    double lo = 0, hi = 1;
    // |value| throughout: a filament of either polarity is "on" alike, a current's sign is its direction.
    double transform(double v) const { return log ? std::log10(std::max(std::abs(v), 1e-300)) : std::abs(v); }
    double unit(double v) const { return hi > lo ? (transform(v) - lo) / (hi - lo) : 0.5; }
};

Scale make_scale(const JunctionColouring& c) {
    Scale s;
    if (c.quantity == "lambda") s.log = false;
    else if (c.quantity == "conductance" || c.quantity == "current") s.log = true;
    else throw Error("unknown colouring '" + c.quantity + "' (use lambda, conductance or current)");
    bool first = true;
    for (double v : c.values) {
        if (!std::isfinite(v) || (s.log && v == 0)) continue;
        const double t = s.transform(v);
        s.lo = first ? t : std::min(s.lo, t);
        s.hi = first ? t : std::max(s.hi, t);
        first = false;
    }
    return s;
}

}  // namespace

std::string network_svg(const Network& net, const std::optional<JunctionColouring>& colouring,
                        const std::optional<Highlight>& highlight) {
    if (colouring && colouring->values.size() != net.junctions.size())
        throw Error("colouring has " + std::to_string(colouring->values.size()) + " values for " +
                    std::to_string(net.junctions.size()) + " junctions");
    // World box: the domain and every wire (wires may stick out of the domain).
    double x0 = 0, y0 = 0, x1 = net.lx, y1 = net.ly;
    for (const auto& w : net.wires) {
        x0 = std::min({x0, w.xa, w.xb});
        x1 = std::max({x1, w.xa, w.xb});
        y0 = std::min({y0, w.ya, w.yb});
        y1 = std::max({y1, w.ya, w.yb});
    }
    const double plot = 800, margin = 20, bar = colouring ? 110 : 0, legend = 24 + 16.0 * ((net.electrodes.size() + 3) / 4);
    const double k = plot / std::max(x1 - x0, y1 - y0);
    const double width = (x1 - x0) * k + 2 * margin + bar, height = (y1 - y0) * k + 2 * margin + legend;
    auto X = [&](double x) { return fmt("%.4g", margin + (x - x0) * k); };
    auto Y = [&](double y) { return fmt("%.4g", margin + (y1 - y) * k); };  // y up
    const double wire_px = std::clamp(600.0 / std::sqrt(static_cast<double>(net.wires.size()) + 1), 0.3, 2.0);
    const double dot_px = std::clamp(wire_px * 1.6, 0.8, 4.0);

    std::ostringstream os;
    os << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << fmt("%.4g", width) << "\" height=\"" << fmt("%.4g", height)
       << "\" viewBox=\"0 0 " << fmt("%.4g", width) << " " << fmt("%.4g", height) << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
       << "<title>" << summary(net) << "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
       << "<rect x=\"" << X(0) << "\" y=\"" << Y(net.ly) << "\" width=\"" << fmt("%.4g", net.lx * k) << "\" height=\"" << fmt("%.4g", net.ly * k)
       << "\" fill=\"none\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n";

    for (std::size_t e = 0; e < net.electrodes.size(); ++e) {
        const auto& el = net.electrodes[e];
        if (el.bar && el.region.size() == 4)
            os << "<rect class=\"electrode\" x=\"" << X(el.region[0]) << "\" y=\"" << Y(el.region[3]) << "\" width=\""
               << fmt("%.4g", (el.region[2] - el.region[0]) * k) << "\" height=\"" << fmt("%.4g", (el.region[3] - el.region[1]) * k)
               << "\" fill=\"" << kElectrodeColours[e % 8] << "\" fill-opacity=\"0.15\"/>\n";
    }
    os << "<g class=\"wires\" stroke=\"#888\" stroke-width=\"" << fmt("%.4g", wire_px) << "\" stroke-linecap=\"round\">\n";
    for (const auto& w : net.wires)
        os << "<line x1=\"" << X(w.xa) << "\" y1=\"" << Y(w.ya) << "\" x2=\"" << X(w.xb) << "\" y2=\"" << Y(w.yb) << "\"/>\n";
    os << "</g>\n<g class=\"electrodes\" stroke-width=\"" << fmt("%.4g", wire_px * 2.5) << "\" stroke-linecap=\"round\">\n";
    for (std::size_t e = 0; e < net.electrodes.size(); ++e)
        for (int id : net.electrodes[e].wires) {
            const auto& w = net.wires[id];
            os << "<line stroke=\"" << kElectrodeColours[e % 8] << "\" x1=\"" << X(w.xa) << "\" y1=\"" << Y(w.ya) << "\" x2=\""
               << X(w.xb) << "\" y2=\"" << Y(w.yb) << "\"/>\n";
        }
    os << "</g>\n";
    // Pads (grid:, pads:) carry their names, which --drive/--ground/--float/--load take.
    const bool pads = net.electrode_rule.starts_with("grid:") || net.electrode_rule.starts_with("pads:");
    if (pads) {
        os << "<g class=\"pad-names\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\">\n";
        for (std::size_t e = 0; e < net.electrodes.size(); ++e) {
            const auto& el = net.electrodes[e];
            if (el.region.size() != 4) continue;
            os << "<text x=\"" << X((el.region[0] + el.region[2]) / 2) << "\" y=\"" << fmt("%.4g", margin + (y1 - el.region[3]) * k - 3)
               << "\" fill=\"" << kElectrodeColours[e % 8] << "\">" << el.name << "</text>\n";
        }
        os << "</g>\n";
    }

    const Scale scale = colouring ? make_scale(*colouring) : Scale{};
    os << "<g class=\"junctions\"" << (colouring ? "" : " fill=\"#222\"") << ">\n";
    for (std::size_t j = 0; j < net.junctions.size(); ++j) {
        const auto& J = net.junctions[j];
        os << "<circle cx=\"" << X(J.x) << "\" cy=\"" << Y(J.y) << "\" r=\"" << fmt("%.4g", dot_px) << "\"";
        if (colouring) os << " fill=\"" << viridis(scale.unit(colouring->values[j])) << "\"";
        os << "/>\n";
    }
    os << "</g>\n";
    if (highlight) {
        for (int id : highlight->wires)
            if (id < 0 || static_cast<std::size_t>(id) >= net.wires.size()) throw Error("highlighted wire " + std::to_string(id) + " does not exist");
        for (int id : highlight->junctions)
            if (id < 0 || static_cast<std::size_t>(id) >= net.junctions.size()) throw Error("highlighted junction " + std::to_string(id) + " does not exist");
        os << "<g class=\"highlight\" stroke=\"#ff00aa\" stroke-width=\"" << fmt("%.4g", wire_px * 3) << "\" stroke-linecap=\"round\" fill=\"#ff00aa\">\n";
        for (int id : highlight->wires) {
            const auto& w = net.wires[id];
            os << "<line x1=\"" << X(w.xa) << "\" y1=\"" << Y(w.ya) << "\" x2=\"" << X(w.xb) << "\" y2=\"" << Y(w.yb) << "\"/>\n";
        }
        for (int id : highlight->junctions)
            os << "<circle cx=\"" << X(net.junctions[id].x) << "\" cy=\"" << Y(net.junctions[id].y) << "\" r=\"" << fmt("%.4g", dot_px * 2) << "\"/>\n";
        os << "</g>\n";
    }

    // Legend: electrode colours under the plot.
    const double ly = margin + (y1 - y0) * k + 18;
    for (std::size_t e = 0; e < net.electrodes.size(); ++e) {
        const double lx = margin + 150.0 * (e % 4), row = ly + 16.0 * (e / 4);
        os << "<rect x=\"" << fmt("%.4g", lx) << "\" y=\"" << fmt("%.4g", row - 9) << "\" width=\"14\" height=\"10\" fill=\""
           << kElectrodeColours[e % 8] << "\"/><text x=\"" << fmt("%.4g", lx + 18) << "\" y=\"" << fmt("%.4g", row) << "\">"
           << net.electrodes[e].name
           << (!net.electrodes[e].bar ? " (wire " + std::to_string(net.electrodes[e].wires[0]) + ")"
               : pads                 ? " (pad, " + std::to_string(net.electrodes[e].wires.size()) + " wires)"
                                      : std::string(" (bar)"))
           << "</text>\n";
    }
    if (highlight && !highlight->label.empty()) {
        const double lx = margin + 150.0 * (net.electrodes.size() % 4), row = ly + 16.0 * (net.electrodes.size() / 4);
        os << "<rect x=\"" << fmt("%.4g", lx) << "\" y=\"" << fmt("%.4g", row - 9) << "\" width=\"14\" height=\"10\" fill=\"#ff00aa\"/><text x=\""
           << fmt("%.4g", lx + 18) << "\" y=\"" << fmt("%.4g", row) << "\">" << highlight->label << "</text>\n";
    }
    if (colouring) {
        // Colour bar: a vertical gradient right of the plot, labelled at both ends and the middle.
        const double bx = margin + (x1 - x0) * k + 30, by = margin, bh = std::min(300.0, (y1 - y0) * k);
        os << "<defs><linearGradient id=\"cbar\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">";
        for (int s = 0; s <= 10; ++s) os << "<stop offset=\"" << s / 10.0 << "\" stop-color=\"" << viridis(s / 10.0) << "\"/>";
        os << "</linearGradient></defs>\n<g class=\"colourbar\"><rect x=\"" << fmt("%.4g", bx) << "\" y=\"" << fmt("%.4g", by)
           << "\" width=\"16\" height=\"" << fmt("%.4g", bh) << "\" fill=\"url(#cbar)\" stroke=\"#444\"/>\n";
        for (double u : {0.0, 0.5, 1.0}) {
            const double v = scale.lo + u * (scale.hi - scale.lo);
            os << "<text x=\"" << fmt("%.4g", bx + 20) << "\" y=\"" << fmt("%.4g", by + (1 - u) * bh + 4) << "\">"
               << fmt("%.4g", scale.log ? std::pow(10.0, v) : v) << "</text>\n";
        }
        const std::string label = colouring->quantity == "lambda" ? "|lambda| (V s)"
                                  : colouring->quantity == "conductance" ? "G (S), log" : "|I| (A), log";
        os << "<text x=\"" << fmt("%.4g", bx) << "\" y=\"" << fmt("%.4g", by + bh + 18) << "\">" << label << "</text></g>\n";
    }
    os << "</svg>\n";
    return os.str();
}

}  // namespace nwn::net

#include "runner/experiments/lyapunov/two_copy_deck.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "common/error.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/netlist/solver_options.h"
#include "common/text_parse.h"

namespace nwn::exp {

namespace {

using nwn::format_number;

// Lines "keyword a b c ..." of at most `per_line` items.
void wrapped(std::vector<std::string>& out, const std::string& keyword, const std::vector<std::string>& items,
             std::size_t per_line = 8) {
    for (std::size_t k = 0; k < items.size(); k += per_line) {
        std::string line = keyword;
        for (std::size_t m = k; m < std::min(items.size(), k + per_line); ++m) line += " " + items[m];
        out.push_back(std::move(line));
    }
}

// Corners of a piecewise-linear drive within (t0, t0 + duration), in segment time, with both ends.
std::vector<std::pair<double, double>> shifted_corners(const net::Stimulus& s, double t0, double duration) {
    const double tol = 1e-9 * std::max(duration, 1.0);
    std::vector<std::pair<double, double>> pts{{0.0, s.value(t0)}};
    for (double b : s.breakpoints(t0 + duration))
        if (b - t0 > tol && t0 + duration - b > tol) pts.push_back({b - t0, s.value(b)});
    pts.push_back({duration, s.value(t0 + duration)});
    return pts;
}

}  // namespace

std::string shifted_source(const net::Stimulus& s, double t0, double duration) {
    if (!(duration > 0) || !(t0 >= 0)) throw Error("shifted drive: need t0 >= 0 and a duration > 0");
    switch (s.kind()) {
        case net::Stimulus::Kind::Dc: return s.spice_source(duration);
        case net::Stimulus::Kind::Sine: {
            // Advance the phase by 2π·f·t0 (reduced mod 2π so the printed number keeps its digits).
            const auto f = nwn::split(s.spec(), ':');
            const double freq = nwn::parse_number(f[2], "stimulus"), phase = f.size() > 3 ? nwn::parse_number(f[3], "stimulus") : 0;
            const double shifted = std::fmod(phase + 2 * std::numbers::pi * std::fmod(freq * t0, 1.0), 2 * std::numbers::pi);
            return net::Stimulus::parse("sine:" + f[1] + ":" + f[2] + ":" + format_number(shifted)).spice_source(duration);
        }
        default: {
            std::string text = "PWL(";
            const auto pts = shifted_corners(s, t0, duration);
            for (std::size_t k = 0; k < pts.size(); ++k)
                text += (k ? " " : "") + format_number(pts[k].first) + " " + format_number(pts[k].second);
            return text + ")";
        }
    }
}

CopyDeck::CopyDeck(const net::Network& net, const net::Stimulus& stimulus, CopyDeckOptions options)
    : net_(net), stimulus_(stimulus), opt_(std::move(options)) {
    if (net.electrodes.size() < 2) throw Error("the network needs two electrodes (give --contacts I,J)");
    if (!(opt_.tmax > 0)) throw Error("the maximum time step must be > 0");
    const net::Electrode* driven = opt_.drive.empty() ? &net.electrodes.front() : net::find_electrode(net, opt_.drive);
    if (!driven) throw Error("no electrode named '" + opt_.drive + "' to drive");
    driven_ = driven->name;
    for (const auto& e : net.electrodes)
        if (e.name != driven_) {
            sense_ = e.name;
            break;
        }
    junctions_ = net::active_junctions(net);
    wires_ = net::active_wires(net);

    net::NetlistOptions no;
    no.flavour = opt_.flavour;
    no.form = net::Form::Subckt;
    no.params = opt_.params;
    no.subckt_library = opt_.subckt_library;
    no.codemodel_load = net::CodemodelLoad::None;
    no.ngspice_major = opt_.ngspice_major;
    subckt_ = nwn::split_lines(net::write_netlist(net, no));
}

std::string CopyDeck::port_node(const net::Electrode& e, std::size_t copy) const {
    return e.name == driven_ ? std::string("drive") : e.name + "_c" + std::to_string(copy);
}

std::vector<std::string> CopyDeck::lines(double t0, double duration,
                                         const std::vector<std::vector<double>>& states) const {
    if (states.empty()) throw Error("a copy deck needs at least one copy");
    const double lmax = opt_.params.lmax;
    std::vector<std::string> out{"nwnspice: " + std::to_string(states.size()) + " copies of " + net::summary(net_) +
                                 ", drive " + stimulus_.spec() + " from t = " + format_number(t0) + " s"};
    out.insert(out.end(), subckt_.begin(), subckt_.end());
    out.push_back("* One source drives every copy, so all copies share the accepted time points");
    out.push_back("vdrive drive 0 " + shifted_source(stimulus_, t0, duration));
    for (std::size_t c = 0; c < states.size(); ++c) {
        if (states[c].size() != junctions_.size())
            throw Error("copy " + std::to_string(c) + " has " + std::to_string(states[c].size()) + " states for " +
                        std::to_string(junctions_.size()) + " simulated junctions");
        std::string inst = "x" + std::to_string(c);
        for (const auto& e : net_.electrodes) inst += " " + port_node(e, c);
        out.push_back(inst + " nwn");
        for (const auto& e : net_.electrodes)
            if (e.name != driven_) out.push_back("v" + port_node(e, c) + " " + port_node(e, c) + " 0 DC 0");
    }
    for (const auto& l : net::deck_solver_options(opt_.ngspice_major)) out.push_back(l);
    if (!opt_.extra_options.empty()) wrapped(out, ".options", opt_.extra_options);
    out.push_back(".tran " + format_number(opt_.tmax) + " " + format_number(duration) + " 0 " + format_number(opt_.tmax) +
                  " uic");
    std::vector<std::string> ic;
    for (std::size_t c = 0; c < states.size(); ++c)
        for (std::size_t m = 0; m < junctions_.size(); ++m) {
            // A perturbation may push a state past ±lmax: the model pulls it back within ~0.1 ms (the
            // continuous form of NWNsim's clamp after its renormalisation), so it is written as it is.
            if (!(std::abs(states[c][m]) <= lmax + 0.1 * lmax))
                throw Error("initial state of junction " + std::to_string(junctions_[m]) + " in copy " +
                            std::to_string(c) + " (" + format_number(states[c][m]) + ") is far outside ±lmax");
            ic.push_back("v(x" + std::to_string(c) + ".l" + std::to_string(junctions_[m]) + ")=" +
                         format_number(states[c][m]));
        }
    wrapped(out, ".ic", ic);
    out.push_back(".end");
    return out;
}

std::string CopyDeck::lambda_vector(std::size_t copy, std::size_t junction) {
    return "v(x" + std::to_string(copy) + ".l" + std::to_string(junction) + ")";
}

std::string CopyDeck::wire_vector(std::size_t copy, int wire) const {
    // A single-wire electrode's wire is the port itself, named outside the instance.
    for (const auto& e : net_.electrodes)
        if (!e.bar && e.wires.front() == wire) return "v(" + port_node(e, copy) + ")";
    return "v(x" + std::to_string(copy) + ".w" + std::to_string(wire) + ")";
}

std::string CopyDeck::current_vector(std::size_t copy) const {
    return "i(v" + sense_ + "_c" + std::to_string(copy) + ")";
}

}  // namespace nwn::exp

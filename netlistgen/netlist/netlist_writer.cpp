#include "netlistgen/netlist/netlist_writer.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "common/error.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/graph.h"
#include "netlistgen/network/junction_params.h"
#include "netlistgen/netlist/solver_options.h"
#include "common/text_parse.h"

namespace nwn::net {

namespace {

std::string num(double x) { return format_number(x); }

std::string quoted_if_needed(const std::filesystem::path& p) {
    const std::string s = p.string();
    return s.find_first_of(" \t") == std::string::npos ? s : "\"" + s + "\"";
}

// "vset=0.01 vreset=0.005 ...": all parameters, or only those differing from the model's DC defaults.
std::string param_list(const device::JunctionParams& p, bool only_changed) {
    std::string s;
    for (std::size_t k = 0; k < p.values().size(); ++k) {
        const auto& info = p.model().params[k];
        if (only_changed && p.values()[k] == info.dc) continue;
        s += (s.empty() ? "" : " ") + info.name + "=" + num(p.values()[k]);
    }
    return s;
}

// Lines of at most `per_line` items behind a keyword: ".ic v(l0)=0 v(l1)=0 ...".
void wrapped(std::ostream& os, const std::string& keyword, const std::vector<std::string>& items, std::size_t per_line = 8) {
    for (std::size_t k = 0; k < items.size(); k += per_line) {
        os << keyword;
        for (std::size_t m = k; m < std::min(items.size(), k + per_line); ++m) os << " " << items[m];
        os << "\n";
    }
}

class Writer {
public:
    Writer(const Network& net, const NetlistOptions& o) : net_(net), o_(o), active_(active_junctions(net)) {
        if (net.electrodes.empty())
            throw Error("the network has no electrodes: choose them (--electrodes) before writing a netlist");
        if (!o.per_junction.empty() && o.per_junction.size() != net.junctions.size())
            throw Error("per-junction parameters: " + std::to_string(o.per_junction.size()) + " sets for " +
                        std::to_string(net.junctions.size()) + " junctions");
        if (!o.lambda0.empty() && o.lambda0.size() != net.junctions.size())
            throw Error("initial states: " + std::to_string(o.lambda0.size()) + " values for " +
                        std::to_string(net.junctions.size()) + " junctions");
        check_params(o.params, "junction parameters");
        for (const auto& p : o.per_junction)
            if (&p.model() != &o.params.model())
                throw Error("per-junction parameters of model " + p.model().name + " for a network of model " +
                            o.params.model().name);
        check_initial_states(o.lambda0, o.per_junction.empty() ? std::vector{o.params} : o.per_junction);
    }

    std::string deck() {
        if (!(o_.tstop > 0) || !(o_.tmax > 0)) throw Error("tstop and tmax must be > 0");
        if (!o_.roles.empty() && o_.roles.size() != net_.electrodes.size())
            throw Error("electrode roles: " + std::to_string(o_.roles.size()) + " roles for " +
                        std::to_string(net_.electrodes.size()) + " electrodes");
        const Electrode& driven = o_.roles.empty() ? driven_electrode() : net_.electrodes.front();
        check_periphery();
        os_ << "nwnspice network: " << summary(net_) << "\n";
        header();
        if (o_.flavour != Flavour::Subckt) device_loading();
        devices();
        network_body();
        if (o_.roles.empty()) {
            os_ << "* Electrodes: V" << driven.name << " drives " << electrode_node(driven) << " with " << o_.stimulus.spec()
                << "; the others are held at 0 V, i(v<name>) = current into the network's electrode\n";
            for (const auto& e : net_.electrodes)
                os_ << "V" << e.name << " " << electrode_node(e) << " 0 "
                    << (&e == &driven ? o_.stimulus.spice_source(o_.tstop) : std::string("DC 0")) << "\n";
        } else {
            periphery();
            electrode_roles();
        }
        for (const auto& line : deck_solver_options(o_.ngspice_major, o_.solver)) os_ << line << "\n";
        os_ << "* Explicit maximum step; uic: start from the .ic states below, no operating point\n";
        os_ << ".tran " << num(o_.tstep > 0 ? o_.tstep : o_.tmax) << " " << num(o_.tstop) << " 0 " << num(o_.tmax)
            << " uic\n";
        initial_states();
        saves();
        os_ << ".end\n";
        return os_.str();
    }

    std::string subcircuit() {
        if (o_.subckt_name.empty() || o_.subckt_name.find_first_of(" \t.") != std::string::npos)
            throw Error("subcircuit name '" + o_.subckt_name + "' must be one word without '.'");
        header();
        std::vector<std::string> ports;
        for (const auto& e : net_.electrodes) {
            ports.push_back(electrode_node(e));
            os_ << "* port " << electrode_node(e) << ": electrode " << e.name
                << (e.bar ? " (bar over " + std::to_string(e.wires.size()) + " wires)" : "") << "\n";
        }
        if (o_.flavour != Flavour::Subckt) {
            const bool osdi = o_.flavour == Flavour::Osdi;
            const auto& path = osdi ? o_.osdi : o_.codemodel;
            os_ << "* Needs the nwnspice " << device_file() << " loaded before parsing: `" << (osdi ? "pre_osdi " : "pre_codemodel ")
                << (path.empty() ? "<path>/" + device_file() : path.string()) << "` in a .control block, or `"
                << (osdi ? "osdi" : "codemodel") << " ...` in .spiceinit.\n";
        } else {
            include_library();
        }
        os_ << "* Initial states: .ic v(<instance>.l<k>)=... in the instantiating deck, with .tran ... uic\n";
        os_ << ".subckt " << o_.subckt_name;
        for (const auto& p : ports) os_ << " " << p;
        os_ << "\n";
        devices();
        network_body();
        os_ << ".ends " << o_.subckt_name << "\n";
        return os_.str();
    }

private:
    const device::JunctionParams& params_of(std::size_t k) const {
        return o_.per_junction.empty() ? o_.params : o_.per_junction[k];
    }

    const Electrode& driven_electrode() const {
        if (o_.drive.empty()) return net_.electrodes.front();
        if (const Electrode* e = find_electrode(net_, o_.drive)) return *e;
        std::string names;
        for (const auto& e : net_.electrodes) names += " " + e.name;
        throw Error("no electrode named '" + o_.drive + "' to drive (the network has:" + names + ")");
    }

    void header() {
        os_ << "* Generated by nwn netlist" << (o_.command_line.empty() ? "" : ": " + o_.command_line) << "\n"
            << "* Flavour " << flavour_name(o_.flavour)
            << (o_.flavour == Flavour::Codemodel ? " (XSPICE " : o_.flavour == Flavour::Osdi ? " (OSDI " : " (portable ")
            << device() << "). Nodes: w<i> = wire i, l<k> = " << o_.params.model().state_desc
            << " of junction k, e<name> = bar electrode.\n"
            << "* Junction k joins wires i < j; its voltage is v(w<i>) - v(w<j>).\n";
        if (active_.size() != net_.junctions.size())
            os_ << "* " << net_.junctions.size() - active_.size()
                << " junctions in components without an electrode are left out (they would float).\n";
    }

    const std::string& device() const { return o_.params.model().device; }

    std::string device_file() const { return o_.flavour == Flavour::Osdi ? "nwnjunction.osdi" : "nwnspice.cm"; }

    void device_loading() {
        const bool osdi = o_.flavour == Flavour::Osdi;
        const auto& path = osdi ? o_.osdi : o_.codemodel;
        const std::string what = osdi ? "the OSDI device" : "the code model";
        switch (o_.codemodel_load) {
            case CodemodelLoad::PreCodemodel:
                if (!pre_codemodel_can_load(path))
                    throw Error("ngspice lower-cases " + std::string(osdi ? "pre_osdi" : "pre_codemodel") + " paths, so " +
                                path.string() + " cannot be loaded from the deck; use a .spiceinit (--cm-load spiceinit) or a "
                                "lower-case path");
                os_ << "* Load " << what << " before the circuit is parsed (run: ngspice -b -r out.raw <deck>)\n"
                    << ".control\n" << (osdi ? "pre_osdi " : "pre_codemodel ") << path.string() << "\n.endc\n";
                break;
            case CodemodelLoad::SpiceInit:
                os_ << "* " << what << " is loaded by the .spiceinit next to this deck: start ngspice in its directory\n";
                break;
            case CodemodelLoad::None:
                os_ << "* " << what << " " << device_file() << " must be loaded by the host before this deck is parsed\n";
                break;
        }
    }

    void include_library() { os_ << ".include " << quoted_if_needed(o_.subckt_library) << "\n"; }

    void devices() {
        if (o_.flavour == Flavour::Subckt) {
            if (o_.form == Form::Deck) include_library();
            return;
        }
        // A space before "(" and never "()" (NGSPICE.md, model cards).
        if (o_.per_junction.empty()) {
            os_ << ".model nwnj " << device() << " (" << param_list(o_.params, false) << ")\n";
        } else {
            os_ << "* Device-to-device spread: one model card per junction\n";
            for (std::size_t k : active_)
                os_ << ".model nwnj" << k << " " << device() << " (" << param_list(o_.per_junction[k], false) << ")\n";
        }
    }

    void network_body() {
        os_ << "* Junctions\n";
        for (std::size_t k : active_) {
            const auto& J = net_.junctions[k];
            const std::string model = "nwnj" + (o_.per_junction.empty() ? "" : std::to_string(k));
            if (o_.flavour == Flavour::Osdi) {
                os_ << "N" << k << " w" << J.i << " w" << J.j << " l" << k << " " << model << "\n";
            } else if (o_.flavour == Flavour::Codemodel) {
                os_ << "A" << k << " %gd(w" << J.i << " w" << J.j << ") %g(l" << k << ") " << model << "\n"
                    << "C" << k << " l" << k << " 0 " << num(params_of(k)["cstate"]) << "\n";
            } else {
                const std::string extra = param_list(params_of(k), true);
                os_ << "X" << k << " w" << J.i << " w" << J.j << " l" << k << " " << device() << (extra.empty() ? "" : " " + extra)
                    << "\n";
            }
        }
        for (const auto& e : net_.electrodes) {
            if (!e.bar) continue;
            os_ << "* Bar electrode " << e.name << ": passive links of " << num(e.link_conductance) << " S\n";
            for (int w : e.wires) os_ << "R" << e.name << "_" << w << " e" << e.name << " w" << w << " " << num(1 / e.link_conductance) << "\n";
        }
    }

    // Each circuit at a grounded electrode, at most one per electrode.
    void check_periphery() const {
        if (o_.periphery.empty()) return;
        if (o_.roles.empty()) throw Error("a periphery at the electrodes needs electrode roles (a deck by roles)");
        for (std::size_t c = 0; c < o_.periphery.electrodes.size(); ++c) {
            const auto& name = o_.periphery.electrodes[c].electrode;
            const Electrode* e = find_electrode(net_, name);
            if (!e) throw Error("periphery: no electrode named '" + name + "'");
            if (o_.roles[static_cast<std::size_t>(e - net_.electrodes.data())].role != Role::Ground)
                throw Error("periphery: electrode '" + name + "' is not grounded (a circuit takes a grounded electrode's current)");
            for (std::size_t d = 0; d < c; ++d)
                if (o_.periphery.electrodes[d].electrode == name) throw Error("periphery: electrode '" + name + "' given twice");
        }
    }

    const ElectrodeCircuit* circuit_of(const Electrode& e) const {
        for (const auto& c : o_.periphery.electrodes)
            if (c.electrode == e.name) return &c;
        return nullptr;
    }

    void periphery() {
        if (o_.periphery.empty()) return;
        os_ << "* Periphery: " << o_.periphery.description << "\n" << o_.periphery.library;
        if (!o_.periphery.library.empty() && o_.periphery.library.back() != '\n') os_ << "\n";
        for (const auto& line : o_.periphery.shared) os_ << line << "\n";
    }

    // i(v<name>) is the current from the network into the electrode for every electrode with a source.
    void electrode_roles() {
        os_ << "* Electrodes by role; i(v<name>) = current from the network into the electrode\n";
        for (std::size_t k = 0; k < net_.electrodes.size(); ++k) {
            const auto& e = net_.electrodes[k];
            const auto& r = o_.roles[k];
            const std::string node = electrode_node(e);
            switch (r.role) {
                case Role::Drive:
                    os_ << "* " << e.name << ": driven, " << (o_.external_drives ? "by the host" : r.stimulus->spec()) << "\n"
                        << "V" << e.name << " " << node << " 0 "
                        << (o_.external_drives ? std::string("EXTERNAL") : r.stimulus->spice_source(o_.tstop)) << "\n";
                    break;
                case Role::Ground:
                    if (const ElectrodeCircuit* c = circuit_of(e)) {
                        os_ << "* " << e.name << ": into its periphery at " << periphery_node(e.name) << "\nV" << e.name << " "
                            << node << " " << periphery_node(e.name) << " DC 0\n";
                        for (const auto& line : c->lines) os_ << line << "\n";
                    } else {
                        os_ << "* " << e.name << ": grounded\nV" << e.name << " " << node << " 0 DC 0\n";
                    }
                    break;
                case Role::Float:
                    os_ << "* " << e.name << ": floating (no source), v(" << node << ") recorded\n";
                    break;
                case Role::Load:
                    os_ << "* " << e.name << ": loaded by " << num(r.load_ohms) << " Ohm to ground\n"
                        << "V" << e.name << " " << node << " ld_" << e.name << " DC 0\n"
                        << "R" << e.name << "_load ld_" << e.name << " 0 " << num(r.load_ohms) << "\n";
                    break;
            }
        }
    }

    void initial_states() {
        std::vector<std::string> items;
        for (std::size_t k : active_)
            items.push_back("v(l" + std::to_string(k) + ")=" + num(o_.lambda0.empty() ? 0.0 : o_.lambda0[k]));
        wrapped(os_, ".ic", items);
    }

    void saves() {
        std::vector<std::string> items;
        for (std::size_t k = 0; k < net_.electrodes.size(); ++k)
            if (o_.roles.empty() || o_.roles[k].role != Role::Float) items.push_back("i(v" + net_.electrodes[k].name + ")");
        if (!o_.roles.empty())
            for (const auto& e : net_.electrodes)
                if (e.bar || !o_.save_wires) items.push_back("v(" + electrode_node(e) + ")");
        if (o_.save_wires) {
            for (const auto& e : net_.electrodes)
                if (e.bar && o_.roles.empty()) items.push_back("v(e" + e.name + ")");
            for (int w : active_wires(net_)) items.push_back("v(w" + std::to_string(w) + ")");
        }
        if (o_.save_lambda)
            for (std::size_t k : active_) items.push_back("v(l" + std::to_string(k) + ")");
        for (const auto& v : o_.saves)  // not twice (a single-wire electrode's node is its wire's)
            if (std::find(items.begin(), items.end(), v) == items.end()) items.push_back(v);
        wrapped(os_, ".save", items);
    }

    const Network& net_;
    const NetlistOptions& o_;
    std::vector<std::size_t> active_;
    std::ostringstream os_;
};

}  // namespace

std::string periphery_node(const std::string& electrode) { return "pin_" + electrode; }

Flavour parse_flavour(const std::string& name) {
    if (name == "codemodel") return Flavour::Codemodel;
    if (name == "subckt") return Flavour::Subckt;
    if (name == "osdi") return Flavour::Osdi;
    throw Error("unknown flavour '" + name + "' (codemodel, subckt or osdi)");
}

const char* flavour_name(Flavour f) {
    switch (f) {
        case Flavour::Codemodel: return "codemodel";
        case Flavour::Subckt: return "subckt";
        case Flavour::Osdi: return "osdi";
    }
    return "?";
}

std::vector<std::size_t> active_junctions(const Network& net) {
    const auto label = component_labels(net);
    std::vector<bool> live(net.wires.size(), false);
    for (const auto& e : net.electrodes)
        for (int w : e.wires) live[label[w]] = true;
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < net.junctions.size(); ++k)
        if (live[label[net.junctions[k].i]]) out.push_back(k);
    return out;
}

std::vector<int> active_wires(const Network& net) {
    std::vector<bool> used(net.wires.size(), false);
    for (auto k : active_junctions(net)) used[net.junctions[k].i] = used[net.junctions[k].j] = true;
    for (const auto& e : net.electrodes)
        for (int w : e.wires) used[w] = true;
    std::vector<int> out;
    for (std::size_t w = 0; w < used.size(); ++w)
        if (used[w]) out.push_back(static_cast<int>(w));
    return out;
}

std::string write_netlist(const Network& net, const NetlistOptions& options) {
    Writer w(net, options);
    return options.form == Form::Deck ? w.deck() : w.subcircuit();
}

}  // namespace nwn::net

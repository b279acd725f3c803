// nwnspice.Simulation: a network simulated step by step, its state read and its drives set between steps
// (closed-loop control). The native engine's own step() does the work (runner/engine/native_engine.h).
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "common/cancel.h"
#include "common/error.h"
#include "common/format.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/junction_params.h"
#include "netlistgen/network/network.h"
#include "netlistgen/network/stimulus.h"
#include "runner/engine/engine_kind.h"
#include "runner/engine/native_engine.h"
#include "runner/engine/ngspice_choice.h"
#include "runner/engine/ngspice_session.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "netlistgen/netlist/resource_paths.h"
#include "common/text_parse.h"

namespace nwn::python {

namespace {

constexpr std::size_t kNone = engine::VectorLayout::npos;

// Where each electrode's voltage and current are in an engine's points (the deck's names, netlist_writer.h;
// the native engine uses the same), and the state dict made from them.
struct ElectrodeProbes {
    std::vector<std::size_t> v, i;  // i: kNone for a floating electrode (no source, no current)
    std::optional<std::size_t> drive, drain;

    void resolve(const engine::VectorLayout& layout, const net::Network& net, const std::vector<net::ElectrodeRole>& roles) {
        v.clear();
        i.clear();
        for (std::size_t e = 0; e < roles.size(); ++e) {
            const auto& el = net.electrodes[e];
            v.push_back(layout.index("v(" + net::electrode_node(el) + ")"));
            i.push_back(roles[e].role == net::Role::Float ? kNone : layout.index("i(v" + el.name + ")"));
        }
        drive = net::primary_drive(roles);
        drain = net::primary_drain(roles);
    }

    // t, step, electrode_V, electrode_I (into the network: minus ngspice's i(v<name>)), and V, I as a run
    // records them (the first driven electrode's voltage, the drain's i(v<name>)); lam is the caller's.
    py::dict state(double t, std::size_t step, const std::vector<double>& p, const net::Network& net) const {
        py::dict d;
        d["t"] = t;
        d["step"] = step;
        py::dict ev, ei;
        for (std::size_t e = 0; e < v.size(); ++e) {
            ev[py::str(net.electrodes[e].name)] = p.empty() ? 0.0 : p[v[e]];
            ei[py::str(net.electrodes[e].name)] = p.empty() || i[e] == kNone ? 0.0 : -p[i[e]];
        }
        d["electrode_V"] = ev;
        d["electrode_I"] = ei;
        d["V"] = p.empty() || !drive ? 0.0 : p[v[*drive]];
        d["I"] = p.empty() || !drain ? 0.0 : p[i[*drain]];
        return d;
    }
};

py::array_t<double> to_array(const std::vector<double>& v) {
    return py::array_t<double>(static_cast<py::ssize_t>(v.size()), v.data());
}

class NativeSimulation {
public:
    NativeSimulation(net::Network network, const std::string& stimulus, const py::dict& roles, double dt,
                     const std::string& preset, const std::vector<std::string>& params, std::vector<double> lambda0,
                     bool nwnsim_compat)
        : net_(std::move(network)) {
        if (!(dt > 0)) throw Error("--tmax must be > 0");
        opt_.dt = dt;
        opt_.tstop = dt;  // step() ignores tstop (it bounds run() only); the engine checks it is positive
        opt_.nwnsim_compat = nwnsim_compat;
        auto p = net::preset_params(preset);
        net::apply_overrides(p, params);
        opt_.params = {p};
        opt_.lambda0 = std::move(lambda0);
        roles_ = net::resolve_roles(net_, role_request(roles), stimulus_of(stimulus));
        eng_ = std::make_unique<engine::NativeEngine>(net_, roles_, opt_);
        probes_.resolve(eng_->layout(), net_, roles_);
    }

    double dt() const { return opt_.dt; }
    double time() const { return t_; }

    // Steps until the step time reaches t (to within 1e-9 of a step, so t = k·dt computed in floating
    // point lands on step k); with the GIL released and Ctrl-C stopping after the step in progress.
    void advance_to(double t) {
        if (!std::isfinite(t)) throw Error("advance_to: time must be finite");
        const double target = std::floor(t / opt_.dt + 1e-9);
        if (target > 1e9) throw Error("advance_to: " + fmt("%g", t) + " s is more than 1e9 steps");
        without_gil([&] {
            while (static_cast<double>(steps_) < target && !InterruptScope::requested()) {
                const auto& p = eng_->step();
                ++steps_;
                t_ = p.time;
                last_.assign(p.values, p.values + p.size());
            }
        });
    }

    void set_drive(const std::string& electrode, double volts) { eng_->set_drive(electrode, volts); }

    py::dict state() const {
        auto d = probes_.state(t_, steps_, last_, net_);
        d["lam"] = to_array(eng_->lambda());
        return d;
    }

private:
    net::Network net_;  // the engine keeps a reference to it
    std::vector<net::ElectrodeRole> roles_;
    engine::NativeOptions opt_;
    std::unique_ptr<engine::NativeEngine> eng_;
    ElectrodeProbes probes_;
    std::vector<double> last_;
    std::size_t steps_ = 0;
    double t_ = 0;
};

// The same in libngspice: the deck's driven electrodes are EXTERNAL sources (NetlistOptions::external_drives), so
// ngspice asks this object for their voltage at every time point it evaluates (GetVSRCData), and the analysis
// pauses inside the streaming callback (SendData, on ngspice's thread) at the first accepted point at or after the
// target time, which a breakpoint makes it land on. ngspice's thread thus waits between advance_to() calls; a
// worker thread owns the Session, whose run() spans the simulation's life (the deck's tstop is kHorizon).
class SpiceSimulation {
public:
    static constexpr double kHorizon = 1e6;  // s: the deck's tstop, never reached in practice

    SpiceSimulation(net::Network network, const std::string& stimulus, const py::dict& roles, double tmax,
                    const std::string& flavour, const std::string& preset, const std::vector<std::string>& params,
                    const std::vector<double>& lambda0)
        : net_(std::move(network)), tmax_(tmax) {
        if (!(tmax > 0)) throw Error("--tmax must be > 0");
        roles_ = net::resolve_roles(net_, role_request(roles), stimulus_of(stimulus));
        // In the deck grounded electrodes are drives at 0 V, so that set_drive can hold them too, as the native
        // engine does; V and I of the state still follow the roles asked for (roles_).
        auto deck_roles = roles_;
        for (auto& r : deck_roles)
            if (r.role == net::Role::Ground) {
                r.role = net::Role::Drive;
                r.stimulus = net::Stimulus::dc(0.0);
            }
        for (const auto& r : deck_roles)
            if (r.stimulus) values_.emplace(nwn::lower("v" + r.electrode), *r.stimulus);

        flavour_ = engine::resolve_flavour(engine::parse_flavour_choice(flavour, true), false);
        choice_ = engine::choose_ngspice(flavour_, "", "");
        net::NetlistOptions no;
        no.flavour = flavour_;
        no.ngspice_major = choice_.major;
        no.params = net::preset_params(preset);
        net::apply_overrides(no.params, params);
        no.lambda0 = lambda0;
        no.roles = deck_roles;
        no.external_drives = true;
        no.tstop = kHorizon;
        no.tmax = tmax;
        no.save_lambda = true;
        no.codemodel_load = net::CodemodelLoad::None;
        if (flavour_ == net::Flavour::Subckt) no.subckt_library = net::find_subckt_library();
        no.command_line = "nwnspice.Simulation";
        deck_ = net::write_netlist(net_, no);
        junctions_ = net::active_junctions(net_);

        worker_ = std::thread([this] { work(); });
        std::unique_lock lk(mu_);
        py::gil_scoped_release release;
        cv_.wait(lk, [&] { return paused_ || finished_; });
        if (finished_) {
            lk.unlock();
            worker_.join();
            throw Error(message_.empty() ? "libngspice ended before its first time point" : message_);
        }
    }

    ~SpiceSimulation() {
        {
            std::lock_guard lk(mu_);
            closing_ = true;
            if (session_) session_->halt();
        }
        cv_.notify_all();
        py::gil_scoped_release release;
        worker_.join();
    }

    double time() const {
        std::lock_guard lk(mu_);
        return t_;
    }

    void advance_to(double t) {
        if (!std::isfinite(t)) throw Error("advance_to: time must be finite");
        if (t > kHorizon) throw Error("advance_to: " + fmt("%g", t) + " s is beyond this simulation's horizon");
        // Ctrl-C pauses the simulation (it can go on) instead of halting ngspice as it does a run.
        without_gil([&] {
            std::unique_lock lk(mu_);
            if (finished_) throw Error("the libngspice simulation has ended: " + message_);
            if (t <= t_ + eps()) return;
            session_->set_breakpoint(t);  // ngspice waits in the recorder meanwhile, so this is no race
            target_ = t;
            cv_.notify_all();
            while (!(paused_ && t_ >= target_ - eps()) && !finished_) {
                if (InterruptScope::requested()) target_ = t_;  // pause at the next point; raises afterwards
                cv_.wait_for(lk, std::chrono::milliseconds(20));
            }
            if (finished_) throw Error("the libngspice simulation ended: " + message_);
        });
    }

    void set_drive(const std::string& electrode, double volts) {
        const auto& el = net::electrode_named(net_, electrode, "libngspice");
        const auto& role = roles_[static_cast<std::size_t>(&el - net_.electrodes.data())].role;
        if (role != net::Role::Drive && role != net::Role::Ground)
            throw Error("libngspice: electrode '" + el.name + "' is " + net::role_name(role) +
                        ": only a driven or grounded electrode can be set");
        if (!std::isfinite(volts)) throw Error("libngspice: a non-finite voltage for electrode '" + el.name + "'");
        std::lock_guard lk(mu_);
        values_.insert_or_assign(nwn::lower("v" + el.name), net::Stimulus::dc(volts));
    }

    py::dict state() const {
        std::lock_guard lk(mu_);
        auto d = probes_.state(t_, points_, last_, net_);
        std::vector<double> lam(net_.junctions.size(), 0.0);  // junctions of parts without electrodes: never move
        for (std::size_t k = 0; k < junctions_.size(); ++k) lam[junctions_[k]] = last_[lam_idx_[k]];
        d["lam"] = to_array(lam);
        return d;
    }

private:
    double eps() const { return 1e-9 * tmax_; }

    void work() {
        try {
            engine::SessionOptions so;
            so.keep_vectors = false;
            so.library = choice_.library;
            so.scripts_dir = choice_.scripts_dir;
            engine::Session session(so);
            engine::load_junction_device(session, flavour_, std::nullopt, std::nullopt);
            session.set_external_source([this](const std::string& name, double t) {
                std::lock_guard lk(mu_);
                const auto it = values_.find(name);
                return it == values_.end() ? 0.0 : it->second.value(t);
            });
            session.load_circuit(nwn::split_lines(deck_));
            session.set_layout_callback([this](const engine::VectorLayout& layout) {
                std::lock_guard lk(mu_);
                probes_.resolve(layout, net_, roles_);
                lam_idx_.clear();
                for (auto k : junctions_) lam_idx_.push_back(layout.index("v(l" + std::to_string(k) + ")"));
            });
            session.set_recorder([this](const engine::Point& p) {
                std::unique_lock lk(mu_);
                last_.assign(p.values, p.values + p.size());
                t_ = p.time;
                points_ = p.step + 1;
                if (t_ < target_ - eps() || closing_) return;
                paused_ = true;
                cv_.notify_all();
                cv_.wait(lk, [&] { return closing_ || target_ > t_ + eps(); });
                paused_ = false;
            });
            {
                std::lock_guard lk(mu_);
                session_ = &session;
            }
            engine::RunOptions ro;
            ro.halt_on_stop_request = false;  // Ctrl-C pauses the simulation (advance_to), which can go on
            const auto outcome = session.run(ro);
            std::lock_guard lk(mu_);
            message_ = outcome.message.empty() ? engine::to_string(outcome.status) : outcome.message;
            session_ = nullptr;
        } catch (const std::exception& e) {
            std::lock_guard lk(mu_);
            message_ = e.what();
            session_ = nullptr;
        }
        std::lock_guard lk(mu_);
        finished_ = true;
        cv_.notify_all();
    }

    net::Network net_;
    double tmax_;
    std::vector<net::ElectrodeRole> roles_;
    net::Flavour flavour_{};
    engine::NgspiceChoice choice_;
    std::string deck_;
    std::vector<std::size_t> junctions_;

    mutable std::mutex mu_;  // everything below, shared with ngspice's thread and the worker
    std::condition_variable cv_;
    std::map<std::string, net::Stimulus> values_;  // by source name as ngspice asks for it: "v<electrode>"
    ElectrodeProbes probes_;
    std::vector<std::size_t> lam_idx_;
    std::vector<double> last_;
    double t_ = 0, target_ = 0;
    std::size_t points_ = 0;
    bool paused_ = false, finished_ = false, closing_ = false;
    std::string message_;
    engine::Session* session_ = nullptr;
    std::thread worker_;
};

}  // namespace

void bind_simulation(py::module_& m) {
    py::class_<NativeSimulation>(m, "_NativeSimulation")
        .def(py::init<net::Network, const std::string&, const py::dict&, double, const std::string&,
                      const std::vector<std::string>&, std::vector<double>, bool>(),
             py::arg("network"), py::arg("stimulus"), py::arg("roles"), py::arg("dt"), py::arg("preset"),
             py::arg("params"), py::arg("lambda0"), py::arg("nwnsim_compat"))
        .def("advance_to", &NativeSimulation::advance_to, py::arg("t"))
        .def("set_drive", &NativeSimulation::set_drive, py::arg("electrode"), py::arg("volts"))
        .def("state", &NativeSimulation::state)
        .def_property_readonly("t", &NativeSimulation::time)
        .def_property_readonly("dt", &NativeSimulation::dt);
    py::class_<SpiceSimulation>(m, "_SpiceSimulation")
        .def(py::init<net::Network, const std::string&, const py::dict&, double, const std::string&,
                      const std::string&, const std::vector<std::string>&, const std::vector<double>&>(),
             py::arg("network"), py::arg("stimulus"), py::arg("roles"), py::arg("tmax"), py::arg("flavour"),
             py::arg("preset"), py::arg("params"), py::arg("lambda0"))
        .def("advance_to", &SpiceSimulation::advance_to, py::arg("t"))
        .def("set_drive", &SpiceSimulation::set_drive, py::arg("electrode"), py::arg("volts"))
        .def("state", &SpiceSimulation::state)
        .def_property_readonly("t", &SpiceSimulation::time);
}

}  // namespace nwn::python

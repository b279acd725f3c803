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
#include "netlistgen/electrodes.h"
#include "netlistgen/junction_params.h"
#include "netlistgen/network.h"
#include "netlistgen/stimulus.h"
#include "runner/engine/engine_kind.h"
#include "runner/engine/native_engine.h"
#include "runner/engine/ngspice_choice.h"
#include "runner/engine/ngspice_session.h"
#include "netlistgen/netlist_writer.h"
#include "netlistgen/resource_paths.h"
#include "netlistgen/text_parse.h"

namespace nwn::python {

namespace {

class NativeSimulation {
public:
    NativeSimulation(net::Network network, const std::map<std::string, std::string>& drives, double dt,
                     const std::string& preset, const std::vector<std::string>& params, std::vector<double> lambda0,
                     bool nwnsim_compat)
        : net_(std::move(network)) {
        if (!(dt > 0)) throw Error("--tmax must be > 0");
        opt_.dt = dt;
        // step() ignores tstop (it bounds run() only); the engine checks it is positive.
        opt_.tstop = dt;
        opt_.nwnsim_compat = nwnsim_compat;
        auto p = net::preset_params(preset);
        net::apply_overrides(p, params);
        opt_.params = {p};
        opt_.lambda0 = std::move(lambda0);
        // The run convention of `nwn run`: with no drive given, the first electrode at the default 1 V.
        if (drives.empty() && !net_.electrodes.empty()) drives_.push_back({net_.electrodes[0].name, net::Stimulus::dc(1.0)});
        for (const auto& [name, spec] : drives) drives_.push_back({name, net::Stimulus::parse(spec)});
        rebuild();
    }

    double dt() const { return opt_.dt; }
    double time() const { return t_; }
    long steps() const { return steps_; }

    // Steps until the step time reaches t (to within 1e-9 of a step, so t = k·dt computed in floating
    // point lands on step k); with the GIL released and Ctrl-C stopping after the step in progress.
    void advance_to(double t) {
        if (!std::isfinite(t)) throw Error("advance_to: time must be finite");
        const long target = static_cast<long>(std::floor(t / opt_.dt + 1e-9));
        if (target > 1e9) throw Error("advance_to: " + fmt("%g", t) + " s is more than 1e9 steps");
        without_gil([&] {
            while (steps_ < target && !InterruptScope::requested()) take_step();
        });
    }

    // Holds `electrode` at `volts` from the next step on.
    void set_drive(const std::string& electrode, double volts) {
        if (!std::isfinite(volts)) throw Error("set_drive: voltage must be finite");
        if (!net::find_electrode(net_, electrode)) throw Error("set_drive: no electrode named '" + electrode + "'");
        // Until the native engine takes drive changes itself (issue #27's set_drive), the engine is made again
        // from the present states with the new drive, its step count continuing from here. Same scheme, same
        // arithmetic: the next step is the one the old engine would have taken with that drive.
        for (const auto& d : drives_)
            if (d.electrode != electrode && d.stimulus.kind() != net::Stimulus::Kind::Dc)
                throw Error("set_drive: electrode '" + d.electrode + "' has a time-varying drive (" + d.stimulus.spec() +
                            "), which a remade engine would restart at t = 0");
        bool found = false;
        for (auto& d : drives_)
            if (d.electrode == electrode) {
                d.stimulus = net::Stimulus::dc(volts);
                found = true;
            }
        if (!found) drives_.push_back({electrode, net::Stimulus::dc(volts)});
        opt_.lambda0 = eng_->lambda();
        rebuild();
    }

    py::dict state() const {
        py::dict d;
        d["t"] = t_;
        d["step"] = steps_;
        const auto& lam = eng_->lambda();
        d["lam"] = py::array_t<double>(static_cast<py::ssize_t>(lam.size()), lam.data());
        py::dict v, i;
        for (std::size_t e = 0; e < net_.electrodes.size(); ++e) {
            const auto& name = net_.electrodes[e].name;
            v[py::str(name)] = steps_ ? last_[v_idx_[e]] : 0.0;
            // into the network: the engine's vector is ngspice's i(v<name>), from the network into the electrode
            i[py::str(name)] = steps_ ? -last_[i_idx_[e]] : 0.0;
        }
        d["electrode_V"] = v;
        d["electrode_I"] = i;
        // As `nwn run` records them (timeseries.csv V, I): the driven electrode's voltage, the drain current.
        d["V"] = steps_ ? last_[v_idx_[0]] : 0.0;
        d["I"] = steps_ ? last_[i_idx_[1]] : 0.0;
        return d;
    }

    const std::vector<double>& lambda() const { return eng_->lambda(); }

private:
    void rebuild() {
        eng_ = std::make_unique<engine::NativeEngine>(net_, drives_, opt_);
        const auto& layout = eng_->layout();
        v_idx_.clear();
        i_idx_.clear();
        for (const auto& e : net_.electrodes) {
            v_idx_.push_back(layout.index(net::electrode_node(e)));
            i_idx_.push_back(layout.index("i(v" + e.name + ")"));
        }
    }

    void take_step() {
        const auto& p = eng_->step();
        ++steps_;
        // Step k of the whole simulation at k·dt, as one engine would have it, whatever the rebuilds.
        t_ = static_cast<double>(steps_) * opt_.dt;
        last_.assign(p.values, p.values + p.size());
    }

    net::Network net_;  // the engine keeps a reference to it
    std::vector<engine::NativeDrive> drives_;
    engine::NativeOptions opt_;
    std::unique_ptr<engine::NativeEngine> eng_;
    std::vector<std::size_t> v_idx_, i_idx_;
    std::vector<double> last_;
    long steps_ = 0;
    double t_ = 0;
};

// The same in libngspice: every electrode's source is EXTERNAL (`V<name> <node> 0 EXTERNAL`), so ngspice asks
// this object for its voltage at every time point it evaluates (GetVSRCData), and the analysis pauses inside the
// streaming callback (SendData, on ngspice's thread) at the first accepted point at or after the target time,
// which a breakpoint makes it land on. ngspice's own thread thus waits between advance_to() calls; a worker
// thread owns the Session, whose run() spans the simulation's life (the deck's tstop is kHorizon).
class SpiceSimulation {
public:
    static constexpr double kHorizon = 1e6;  // s: the deck's tstop, never reached in practice

    SpiceSimulation(net::Network network, const std::map<std::string, std::string>& drives, double tmax,
                    const std::string& flavour, const std::string& preset, const std::vector<std::string>& params,
                    const std::vector<double>& lambda0)
        : net_(std::move(network)), tmax_(tmax) {
        if (!(tmax > 0)) throw Error("--tmax must be > 0");
        if (net_.electrodes.size() < 2) throw Error("the network needs two electrodes (give --contacts I,J)");
        values_.assign(net_.electrodes.size(), net::Stimulus::dc(0.0));
        applied_.assign(net_.electrodes.size(), 0.0);
        if (drives.empty()) values_[0] = net::Stimulus::dc(1.0);  // as `nwn run`
        for (const auto& [name, spec] : drives) values_[electrode_index(name)] = net::Stimulus::parse(spec);
        for (const auto& e : net_.electrodes) source_names_.push_back(net::lower("v" + e.name));

        flavour_ = engine::resolve_flavour(engine::parse_flavour_choice(flavour, true), false);
        choice_ = engine::choose_ngspice(flavour_, "", "");
        net::NetlistOptions no;
        no.flavour = flavour_;
        no.ngspice_major = choice_.major;
        no.params = net::preset_params(preset);
        net::apply_overrides(no.params, params);
        no.lambda0 = lambda0;
        no.tstop = kHorizon;
        no.tmax = tmax;
        no.save_lambda = true;
        no.codemodel_load = net::CodemodelLoad::None;
        if (flavour_ == net::Flavour::Subckt) no.subckt_library = net::find_subckt_library();
        no.command_line = "nwnspice.Simulation";
        deck_ = external_sources(net::write_netlist(net_, no));
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
            if (session_) session_->stop();
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
        without_gil(InterruptScope::Halt::no, [&] {
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
        if (!std::isfinite(volts)) throw Error("set_drive: voltage must be finite");
        const auto e = electrode_index(electrode);
        std::lock_guard lk(mu_);
        values_[e] = net::Stimulus::dc(volts);
    }

    py::dict state() const {
        std::lock_guard lk(mu_);
        py::dict d;
        d["t"] = t_;
        d["step"] = points_;
        std::vector<double> lam(net_.junctions.size(), 0.0);  // junctions of parts without electrodes: never move
        for (std::size_t k = 0; k < junctions_.size(); ++k) lam[junctions_[k]] = last_[lam_idx_[k]];
        d["lam"] = py::array_t<double>(static_cast<py::ssize_t>(lam.size()), lam.data());
        py::dict v, i;
        for (std::size_t e = 0; e < net_.electrodes.size(); ++e) {
            v[py::str(net_.electrodes[e].name)] = applied_[e];
            i[py::str(net_.electrodes[e].name)] = -last_[i_idx_[e]];
        }
        d["electrode_V"] = v;
        d["electrode_I"] = i;
        d["V"] = applied_[0];
        d["I"] = last_[i_idx_[1]];
        return d;
    }

private:
    double eps() const { return 1e-9 * tmax_; }

    std::size_t electrode_index(const std::string& name) const {
        for (std::size_t e = 0; e < net_.electrodes.size(); ++e)
            if (net_.electrodes[e].name == name) return e;
        throw Error("set_drive: no electrode named '" + name + "'");
    }

    // Every electrode's source line made EXTERNAL (until the netlist writer writes them so itself: issue #27's
    // NetlistOptions::external_drives). Without a DC value: ngspice 39.3's VSRCtemp reads the transient
    // function's first coefficient when both are given, and an EXTERNAL source has none (a segfault).
    std::string external_sources(const std::string& deck) const {
        std::string out;
        for (const auto& line : net::split_lines(deck)) {
            bool source = false;
            for (const auto& e : net_.electrodes)
                if (line.rfind("V" + e.name + " " + net::electrode_node(e) + " 0 ", 0) == 0) {
                    out += "V" + e.name + " " + net::electrode_node(e) + " 0 EXTERNAL\n";
                    source = true;
                }
            if (!source) out += line + "\n";
        }
        return out;
    }

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
                for (std::size_t e = 0; e < source_names_.size(); ++e)
                    if (source_names_[e] == name) return values_[e].value(t);
                return 0.0;
            });
            session.load_circuit(net::split_lines(deck_));
            session.set_layout_callback([this](const engine::VectorLayout& layout) {
                std::lock_guard lk(mu_);
                i_idx_.clear();
                lam_idx_.clear();
                for (const auto& e : net_.electrodes) {
                    i_idx_.push_back(layout.index("i(v" + e.name + ")"));
                }
                for (auto k : junctions_) lam_idx_.push_back(layout.index("v(l" + std::to_string(k) + ")"));
            });
            session.set_recorder([this](const engine::Point& p) {
                std::unique_lock lk(mu_);
                last_.assign(p.values, p.values + p.size());
                t_ = p.time;
                points_ = p.step + 1;
                // what the EXTERNAL sources gave this point (the deck saves no node voltages): the drives
                // change only while ngspice waits below, so these are the values it solved with
                for (std::size_t e = 0; e < values_.size(); ++e) applied_[e] = values_[e].value(t_);
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
            const auto outcome = session.run();
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
    net::Flavour flavour_{};
    engine::NgspiceChoice choice_;
    std::string deck_;
    std::vector<std::size_t> junctions_;
    std::vector<std::string> source_names_;

    mutable std::mutex mu_;  // everything below, shared with ngspice's thread and the worker
    std::condition_variable cv_;
    std::vector<net::Stimulus> values_;  // per electrode
    std::vector<std::size_t> i_idx_, lam_idx_;
    std::vector<double> last_, applied_;
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
        .def(py::init<net::Network, const std::map<std::string, std::string>&, double, const std::string&,
                      const std::vector<std::string>&, std::vector<double>, bool>(),
             py::arg("network"), py::arg("drives"), py::arg("dt"), py::arg("preset"), py::arg("params"),
             py::arg("lambda0"), py::arg("nwnsim_compat"))
        .def("advance_to", &NativeSimulation::advance_to, py::arg("t"))
        .def("set_drive", &NativeSimulation::set_drive, py::arg("electrode"), py::arg("volts"))
        .def("state", &NativeSimulation::state)
        .def_property_readonly("t", &NativeSimulation::time)
        .def_property_readonly("dt", &NativeSimulation::dt)
        .def_property_readonly("steps", &NativeSimulation::steps);
    py::class_<SpiceSimulation>(m, "_SpiceSimulation")
        .def(py::init<net::Network, const std::map<std::string, std::string>&, double, const std::string&,
                      const std::string&, const std::vector<std::string>&, const std::vector<double>&>(),
             py::arg("network"), py::arg("drives"), py::arg("tmax"), py::arg("flavour"), py::arg("preset"),
             py::arg("params"), py::arg("lambda0"))
        .def("advance_to", &SpiceSimulation::advance_to, py::arg("t"))
        .def("set_drive", &SpiceSimulation::set_drive, py::arg("electrode"), py::arg("volts"))
        .def("state", &SpiceSimulation::state)
        .def_property_readonly("t", &SpiceSimulation::time);
}

}  // namespace nwn::python

// nwnspice.Simulation: a network simulated step by step, its state read and its drives set between steps
// (closed-loop control). The native engine's own step() does the work (runner/engine/native_engine.h).
#include <cmath>
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
}

}  // namespace nwn::python

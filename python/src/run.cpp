// nwnspice.run: the entry points of `nwn run` (run_network, run_deck), writing a run directory, and the
// project's readers of that directory (run.json, timeseries.csv, lambda.csv, events.csv) into NumPy arrays:
// a run from Python is the CLI's run, number for number.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.h"
#include "common/error.h"
#include "netlistgen/network/junction_params.h"
#include "netlistgen/network/network.h"
#include "netlistgen/network/stimulus.h"
#include "runner/engine/engine_kind.h"
#include "runner/experiments/run/deck_run.h"
#include "runner/experiments/run/network_run.h"
#include "runner/io/run_dir.h"
#include "runner/io/timeseries_csv.h"

namespace nwn::python {

namespace {

namespace fs = std::filesystem;

}  // namespace

net::RoleRequest role_request(const py::dict& roles) {
    net::RoleRequest r;
    if (roles.contains("drives"))
        for (const auto& [name, spec] : roles["drives"].cast<std::map<std::string, std::string>>())
            r.drives.push_back(name + "=" + spec);
    if (roles.contains("ground")) r.ground = roles["ground"].cast<std::vector<std::string>>();
    if (roles.contains("floating")) r.floating = roles["floating"].cast<std::vector<std::string>>();
    if (roles.contains("loads"))
        for (const auto& [name, ohms] : roles["loads"].cast<std::map<std::string, std::string>>())
            r.loads.push_back(name + "=" + ohms);
    if (roles.contains("drive_table")) r.drive_table = roles["drive_table"].cast<std::string>();
    return r;
}

net::Stimulus stimulus_of(const std::string& spec) { return spec.empty() ? net::Stimulus::dc(1.0) : net::Stimulus::parse(spec); }

namespace {

py::array_t<double> to_array(const std::vector<double>& v) { return py::array_t<double>(static_cast<py::ssize_t>(v.size()), v.data()); }

py::dict result_dict(const exp::RunResult& r) {
    py::dict d;
    d["status"] = r.status;
    d["message"] = r.message;
    d["points"] = r.points;
    d["wall_s"] = r.wall_s;
    d["t_last"] = r.t_last;
    return d;
}

// `stimulus` as `nwn run --stimulus` (empty: its default), `roles` as --drive/--ground/--float/--load/--drive-table.
py::dict run_network(const net::Network& network, const std::string& stimulus, const py::dict& roles,
                     const std::string& engine, const std::string& flavour, double tstop, double tmax,
                     const std::vector<double>& lambda0, bool save_lambda, bool save_events, bool raw,
                     const std::string& model, const std::string& preset, const std::vector<std::string>& params,
                     bool nwnsim_compat, double resample, double wall_limit, const fs::path& out, const std::string& source,
                     const std::string& ngspice_lib, const std::string& ngspice_bin, const std::string& solver) {
    exp::NetworkRunSpec s;
    s.network = network;
    s.stimulus = stimulus_of(stimulus);
    s.roles = role_request(roles);
    s.network_source = source;
    s.engine = engine::parse_engine(engine);
    s.flavour = engine::parse_flavour_choice(flavour, true);
    if (nwnsim_compat && s.engine != engine::Engine::Native) throw Error("--nwnsim-compat applies to --engine native");
    s.tstop = tstop;
    s.tmax = tmax;
    s.lambda0 = lambda0;
    s.save_lambda = save_lambda;
    s.save_events = save_events;
    s.raw = raw;
    s.model = model;
    s.preset = preset;
    s.params = params;
    s.nwnsim_compat = nwnsim_compat;
    s.resample_dt = resample;
    s.wall_limit_s = wall_limit;
    s.out = out;
    s.ngspice_lib = ngspice_lib;
    s.ngspice_bin = ngspice_bin;
    s.solver = solver;
    s.command_line = "nwnspice.run";
    return result_dict(without_gil([&] { return exp::run_network(s); }));
}

py::dict run_deck(const fs::path& deck, const std::string& engine, bool raw, double wall_limit, const fs::path& out) {
    exp::DeckRunSpec s;
    s.deck = deck;
    s.engine = engine::parse_engine(engine, {engine::Engine::Libngspice, engine::Engine::NgspiceCli});
    s.raw = raw;
    s.wall_limit_s = wall_limit;
    s.out = out;
    s.command_line = "nwnspice.run";
    return result_dict(without_gil([&] { return exp::run_deck(s); }));
}

// A CSV of the run directory as {"names": [...], "columns": [arrays]}, or None when the run did not write it.
py::object read_csv(const fs::path& path) {
    if (!fs::exists(path)) return py::none();
    io::CsvReadOptions o;
    o.allow_nan = true;  // G = |I/V| is NaN where V = 0 (a drive crossing zero)
    const auto ts = without_gil([&] { return io::read_timeseries_csv(path, o); });
    py::list columns;
    for (const auto& c : ts.columns) columns.append(to_array(c));
    py::dict d;
    d["names"] = ts.names;
    d["columns"] = columns;
    return d;
}

// Everything a run directory holds that Run exposes.
py::dict read_run(const fs::path& dir) {
    const io::RunPaths paths{dir};
    py::dict d;
    d["record"] = to_python(io::run_record_json(io::read_run_record(dir)));
    d["timeseries"] = read_csv(paths.timeseries());
    d["lambda"] = read_csv(paths.lambda());
    d["events"] = read_csv(paths.events());
    return d;
}

// A model's preset junction parameters with overrides, by name, as run.json records them.
std::map<std::string, double> junction_params(const std::string& model, const std::string& preset,
                                              const std::vector<std::string>& params) {
    auto p = net::preset_params(device::junction_model(model), preset);
    net::apply_overrides(p, params);
    return io::params_by_name(p);
}

}  // namespace

void bind_run(py::module_& m) {
    m.def("_run_network", &run_network, py::arg("network"), py::arg("stimulus"), py::arg("roles"), py::arg("engine"), py::arg("flavour"),
          py::arg("tstop"), py::arg("tmax"), py::arg("lambda0"), py::arg("save_lambda"), py::arg("save_events"),
          py::arg("raw"), py::arg("model"), py::arg("preset"), py::arg("params"), py::arg("nwnsim_compat"), py::arg("resample"),
          py::arg("wall_limit"), py::arg("out"), py::arg("source"), py::arg("ngspice_lib"), py::arg("ngspice_bin"),
          py::arg("solver"));
    m.def("_run_deck", &run_deck, py::arg("deck"), py::arg("engine"), py::arg("raw"), py::arg("wall_limit"),
          py::arg("out"));
    m.def("_read_run", &read_run, py::arg("dir"));
    m.def("_junction_params", &junction_params, py::arg("model"), py::arg("preset"), py::arg("params"));
}

}  // namespace nwn::python

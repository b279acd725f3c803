// nwnspice.Network: the netlistgen data model with its generator, importers, files, electrodes, netlists and
// pictures. Arrays are copied out as NumPy arrays (a network is small next to a run).
#include <optional>
#include <string>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/generator.h"
#include "netlistgen/network/junction_params.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "netlistgen/network/network_json.h"
#include "netlistgen/network/nwnsim_mat.h"
#include "netlistgen/netlist/resource_paths.h"
#include "netlistgen/netlist/solver_options.h"
#include "netlistgen/network/stimulus.h"
#include "netlistgen/network/svg_picture.h"

namespace nwn::python {

namespace {

using net::Network;
namespace fs = std::filesystem;

py::array_t<double> wire_array(const Network& n) {
    py::array_t<double> a({static_cast<py::ssize_t>(n.wires.size()), py::ssize_t{8}});
    auto r = a.mutable_unchecked<2>();
    for (py::ssize_t i = 0; i < r.shape(0); ++i) {
        const auto& w = n.wires[static_cast<std::size_t>(i)];
        const double v[8] = {w.xa, w.ya, w.xb, w.yb, w.xc, w.yc, w.length, w.angle};
        for (py::ssize_t c = 0; c < 8; ++c) r(i, c) = v[c];
    }
    return a;
}

py::array_t<int> junction_pairs(const Network& n) {
    py::array_t<int> a({static_cast<py::ssize_t>(n.junctions.size()), py::ssize_t{2}});
    auto r = a.mutable_unchecked<2>();
    for (py::ssize_t k = 0; k < r.shape(0); ++k) {
        r(k, 0) = n.junctions[static_cast<std::size_t>(k)].i;
        r(k, 1) = n.junctions[static_cast<std::size_t>(k)].j;
    }
    return a;
}

py::array_t<double> junction_points(const Network& n) {
    py::array_t<double> a({static_cast<py::ssize_t>(n.junctions.size()), py::ssize_t{2}});
    auto r = a.mutable_unchecked<2>();
    for (py::ssize_t k = 0; k < r.shape(0); ++k) {
        r(k, 0) = n.junctions[static_cast<std::size_t>(k)].x;
        r(k, 1) = n.junctions[static_cast<std::size_t>(k)].y;
    }
    return a;
}

py::list electrode_list(const Network& n) {
    py::list out;
    for (const auto& e : n.electrodes) {
        py::dict d;
        d["name"] = e.name;
        d["wires"] = e.wires;
        d["bar"] = e.bar;
        if (e.bar) {
            d["link_conductance"] = e.link_conductance;
            d["region"] = e.region;
        }
        d["node"] = net::electrode_node(e);
        out.append(d);
    }
    return out;
}

Network generate(std::optional<long long> wires, std::optional<double> density, double lx, std::optional<double> ly,
                 double length_mean, double length_sd, long long seed, bool keep_all, const std::string& electrodes) {
    net::GeneratorParams p;
    p.wires = wires;
    p.density = density;
    p.lx = lx;
    p.ly = ly.value_or(lx);
    p.length_mean = length_mean;
    p.length_sd = length_sd;
    // The CLI's message for the same mistake (nwn generate --seed).
    if (seed < 0 || seed > 0xffffffffLL) throw Error("--seed must be in 0..4294967295");
    p.seed = static_cast<std::uint32_t>(seed);
    p.keep_all = keep_all;
    Network n;
    {
        py::gil_scoped_release release;  // large networks take seconds
        n = net::generate_network(p);
        if (electrodes != "none") net::choose_electrodes(n, electrodes);
    }
    return n;
}

// The deck or .subckt text. Device loading as `nwn netlist --cm-load pre_codemodel` (load_device) or none.
std::string netlist(const Network& n, const std::string& flavour, const std::string& form, const std::string& stimulus,
                    const std::string& drive, double tstop, double tmax, double tstep, const std::string& model,
                    const std::string& preset, const std::vector<std::string>& params, const std::vector<double>& lambda0, bool save_lambda,
                    bool save_wires, const std::string& name, std::optional<int> ngspice_major,
                    const std::string& solver, bool load_device) {
    net::NetlistOptions o;
    o.flavour = net::parse_flavour(flavour);
    if (form != "deck" && form != "subckt") throw Error("--form must be deck or subckt");
    o.form = form == "deck" ? net::Form::Deck : net::Form::Subckt;
    o.stimulus = net::Stimulus::parse(stimulus);
    o.drive = drive;
    o.tstop = tstop;
    o.tmax = tmax;
    o.tstep = tstep;
    o.params = net::preset_params(device::junction_model(model), preset);
    net::apply_overrides(o.params, params);
    o.lambda0 = lambda0;
    o.save_lambda = save_lambda;
    o.save_wires = save_wires;
    o.subckt_name = name;
    o.ngspice_major = ngspice_major.value_or(o.flavour == net::Flavour::Osdi ? 46 : 39);
    o.solver = net::parse_sparse_solver(solver);
    o.command_line = "nwnspice.Network.netlist";
    const bool load = load_device && o.form == net::Form::Deck;
    o.codemodel_load = load ? net::CodemodelLoad::PreCodemodel : net::CodemodelLoad::None;
    if (o.flavour == net::Flavour::Codemodel && load) o.codemodel = net::find_codemodel();
    if (o.flavour == net::Flavour::Osdi && load) o.osdi = net::find_osdi_device();
    if (o.flavour == net::Flavour::Subckt) o.subckt_library = net::find_subckt_library();
    return net::write_netlist(n, o);
}

std::string svg(const Network& n, const std::string& quantity, const std::vector<double>& values) {
    std::optional<net::JunctionColouring> colouring;
    if (!quantity.empty() || !values.empty()) {
        if (values.size() != n.junctions.size())
            throw Error("draw: " + std::to_string(values.size()) + " values for " + std::to_string(n.junctions.size()) +
                        " junctions");
        if (quantity != "lambda" && quantity != "conductance" && quantity != "current")
            throw Error("draw: colour by lambda, conductance or current (got '" + quantity + "')");
        colouring = net::JunctionColouring{quantity, values};
    }
    return net::network_svg(n, colouring);
}

constexpr const char* kNetworkDoc = R"(A nanowire network: wires, junctions (wire pairs, NWNsim's order) and electrodes.

Make one with generate() (NWNsim's random networks: the same seed gives NWNsim's wires), from_mat() (an
NWNsim .mat file) or load() (nwnspice's JSON network file); write it with save(), draw() (SVG) and
netlist() (an ngspice deck or .subckt).

Properties: lx, ly, n_wires, n_junctions, wires (N x 8 array: xa, ya, xb, yb, xc, yc, length, angle),
junctions (E x 2 wire ids i < j), junction_points (E x 2: x, y), electrodes (list of dicts: name, wires,
bar, node, ...), electrode_rule, hop_distance, active_junctions (those a SPICE deck holds).)";

constexpr const char* kGenerateDoc = R"(A random network as `nwn generate` makes it: exactly one of wires (count) or
density (wires per unit area); gamma-distributed lengths; the largest connected component unless keep_all;
electrodes chosen by the rule `electrodes` (farthest | topo-farthest | wires:I,J[,K,...] | bars:F[:XF] | edges:N |
grid:RxC[:PAD[:PITCH]] | pads:FILE.csv | none; netlistgen/network/electrodes.h).)";

constexpr const char* kNetlistDoc = R"(The netlist `nwn netlist` writes: flavour codemodel | osdi | subckt, form
deck | subckt, the stimulus on electrode `drive` (default the first). With load_device a deck loads its
device itself (pre_codemodel / pre_osdi; ngspice 39 lower-cases that path, so the plain ngspice 39 CLI needs
the code model under a lower-case path).)";

}  // namespace

void bind_network(py::module_& m) {
    py::class_<Network>(m, "Network", kNetworkDoc)
        .def(py::init<>())
        .def_static("generate", &generate, py::arg("wires") = py::none(), py::arg("density") = py::none(),
                    py::arg("lx") = 100.0, py::arg("ly") = py::none(), py::arg("length_mean") = 10.0,
                    py::arg("length_sd") = 1.0, py::arg("seed") = 0, py::arg("keep_all") = false,
                    py::arg("electrodes") = "farthest", kGenerateDoc)
        .def_static(
            "from_mat",
            [](const fs::path& path, bool recompute_junctions) {
                net::MatImportOptions o;
                o.recompute_junctions = recompute_junctions;
                return net::import_nwnsim_mat(path, o);
            },
            py::arg("path"), py::arg("recompute_junctions") = false,
            "An NWNsim .mat network (`nwn import-mat`); recompute_junctions finds the junctions from the geometry.")
        .def_static(
            "load", [](const fs::path& path) { return net::read_network(path); }, py::arg("path"),
            "A JSON network file (`nwn generate`'s output).")
        .def("save", [](const Network& n, const fs::path& path) { net::write_network(path, n); }, py::arg("path"),
            "Writes the JSON network file (atomically).")
        .def_static(
            "from_json", [](const std::string& text) { return net::network_from_json(text, "<json>"); },
            py::arg("text"))
        .def("to_json", &net::network_to_json)
        .def(
            "choose_electrodes", [](Network& n, const std::string& spec) { net::choose_electrodes(n, spec); },
            py::arg("spec"), "Chooses the electrodes again (rules as in generate).")
        .def("svg", &svg, py::arg("colour_by") = "", py::arg("values") = std::vector<double>{})
        .def(
            "draw",
            [](const Network& n, const fs::path& path, const std::string& quantity, const std::vector<double>& values) {
                write_file_atomic(path, svg(n, quantity, values));
            },
            py::arg("path"), py::arg("colour_by") = "", py::arg("values") = std::vector<double>{},
            "An SVG picture (`nwn draw`); junctions coloured by colour_by (lambda, conductance or current), one "
            "value per junction.")
        .def("netlist", &netlist, py::arg("flavour") = "codemodel", py::arg("form") = "deck",
             py::arg("stimulus") = "dc:1", py::arg("drive") = "", py::arg("tstop") = 1.0, py::arg("tmax") = 1e-3,
             py::arg("tstep") = 0.0, py::arg("model") = "hochstetter", py::arg("preset") = "dc", py::arg("params") = std::vector<std::string>{},
             py::arg("lambda0") = std::vector<double>{}, py::arg("save_lambda") = false, py::arg("save_wires") = false,
             py::arg("name") = "nwn", py::arg("ngspice_major") = py::none(), py::arg("solver") = "auto",
             py::arg("load_device") = true, kNetlistDoc)
        .def_property_readonly("lx", [](const Network& n) { return n.lx; })
        .def_property_readonly("ly", [](const Network& n) { return n.ly; })
        .def_property_readonly("n_wires", [](const Network& n) { return n.wires.size(); })
        .def_property_readonly("n_junctions", [](const Network& n) { return n.junctions.size(); })
        .def_property_readonly("wires", &wire_array)
        .def_property_readonly("junctions", &junction_pairs)
        .def_property_readonly("junction_points", &junction_points)
        .def_property_readonly("electrodes", &electrode_list)
        .def_property_readonly("electrode_rule", [](const Network& n) { return n.electrode_rule; })
        .def_property_readonly("hop_distance", [](const Network& n) { return n.hop_distance; })
        .def_property_readonly("active_junctions", [](const Network& n) { return net::active_junctions(n); })
        .def("summary", &net::summary)
        .def("__repr__", [](const Network& n) { return "<nwnspice.Network: " + net::summary(n) + ">"; });
}

}  // namespace nwn::python

// nwn netlist: a network file to an ngspice deck or a .subckt, in the codemodel, osdi or subckt flavour.
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "engine_options.h"
#include "role_options.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/junction_params.h"
#include "netlistgen/network/junction_values.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "netlistgen/network/network_json.h"
#include "netlistgen/netlist/resource_paths.h"
#include "netlistgen/netlist/solver_options.h"
#include "netlistgen/netlist/dialect_spice.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace nwn::net;

namespace {

std::string joined(const std::vector<std::string>& args) {
    std::string s = "nwn netlist";
    for (const auto& a : args) s += " " + a;
    return s;
}

// Resolves how a codemodel deck loads nwnspice.cm; "auto" falls back to a .spiceinit when ngspice 39
// would lower-case the path.
CodemodelLoad codemodel_load(const std::string& how, const fs::path& cm) {
    if (how == "pre_codemodel") return CodemodelLoad::PreCodemodel;
    if (how == "spiceinit") return CodemodelLoad::SpiceInit;
    if (how == "none") return CodemodelLoad::None;
    if (how == "auto") return pre_codemodel_can_load(cm) ? CodemodelLoad::PreCodemodel : CodemodelLoad::SpiceInit;
    throw nwn::Error("--cm-load must be auto, pre_codemodel, spiceinit or none (got '" + how + "')");
}

int run_netlist(const std::vector<std::string>& args) {
    std::string in, out, form, stimulus, ic, spread, spread_dist, electrodes, cm_load, dialect, osdi, solver;
    nwn::cli::EngineOptions eo;
    unsigned long spread_seed = 1;
    NetlistOptions o;
    RoleRequest roles;
    po::options_description opts(
        "usage: nwn netlist net.json --flavour codemodel|osdi|subckt --form deck|subckt [options] -o FILE\n\n"
        "Writes an ngspice deck (run it with: ngspice -b -r out.raw FILE) or a .subckt with one port per\n"
        "electrode. Nodes: w<i> wire i, l<k> state lambda of junction k, e<name> bar electrode.\n\noptions");
    opts.add_options()("help,h", "show this help")
        ("input", po::value(&in)->required(), "network file (JSON, from nwn generate or nwn import-mat)")
        ("form", po::value(&form)->default_value("deck"), "deck: standalone circuit; subckt: .subckt for designers")
        ("stimulus", po::value(&stimulus)->default_value("dc:1"),
         "driven electrode's source: dc:V | sine:A:F[:PHASE] | triangle:A:F | square:A:F[:DUTY] | "
         "pulse:V1:V2:WIDTH:PERIOD[:DELAY] | ramp:V0:V1:T | pwl:FILE.csv")
        ("tstop", po::value(&o.tstop)->default_value(1.0), "transient end time (s)")
        ("tmax", po::value(&o.tmax)->default_value(1e-3), "maximum time step (s)")
        ("tstep", po::value(&o.tstep)->default_value(0), "output step of .tran (s; 0 = tmax)")
        ("ic", po::value(&ic), "initial state (lambda, or g of miranda) per junction: CSV with a column lambda (or NWNsim's lambda_final)")
        ("save-lambda", po::bool_switch(&o.save_lambda), "also save v(l<k>) of every junction")
        ("save-wires", po::bool_switch(&o.save_wires), "also save v(w<i>) of every wire")
        ("spread", po::value(&spread), "device-to-device spread, relative sigma per parameter: gon=0.1,vset=0.05")
        ("spread-dist", po::value(&spread_dist)->default_value("lognormal"), "lognormal | normal (clipped at 3 sigma)")
        ("spread-seed", po::value(&spread_seed)->default_value(1), "seed of the spread")
        ("electrodes", po::value(&electrodes), "choose electrodes again (same rules as nwn generate)")
        ("name", po::value(&o.subckt_name)->default_value("nwn"), "subcircuit name (--form subckt)")
        ("ngspice-version", po::value(&o.ngspice_major),
         "target ngspice major version (>= 42: .options klu); default 39, 46 for --flavour osdi")
        ("solver", po::value(&solver)->default_value("auto"),
         "sparse solver: auto (KLU for ngspice >= 42), klu or sparse (.options sparse, ngspice >= 42)")
        ("osdi", po::value(&osdi), "path of the OSDI library nwnjunction.osdi, every model's device (default: $NWN_OSDI, "
                                   "then next to nwn)")
        ("cm-load", po::value(&cm_load)->default_value("auto"),
         "how a codemodel deck loads nwnspice.cm: pre_codemodel (in the deck), spiceinit (a .spiceinit next to "
         "the deck; ngspice 39 lower-cases pre_codemodel paths), none (the host loads it), auto")
        ("dialect", po::value(&dialect)->default_value("ngspice"),
         "ngspice | ltspice | xyce: a portable .subckt (--flavour subckt --form subckt) for LTspice or Xyce, with the "
         "junction library translated next to it as <device>_<dialect>.lib (nwnjunction_<dialect>.lib for hochstetter)")
        ("output,o", po::value(&out)->required(), "file to write");
    nwn::cli::add_role_options(opts, roles);
    nwn::cli::EngineOptionSet set;
    set.flavour_default = "codemodel";  // a deck for the system's ngspice, whatever this build has
    set.flavour_help = "codemodel: the model's XSPICE device (nwnspice.cm, ngspice 39.3); osdi: its OSDI device (nwnjunction.osdi, "
                       "ngspice with OSDI, e.g. 46); subckt: its portable subcircuit (<device>.lib)";
    set.model = true;
    set.preset = true;
    set.param = true;
    set.device_files = true;
    eo.add_to(opts, set);
    po::variables_map vm;
    if (!nwn::cli::parse_input_command_line(args, opts, vm)) return nwn::cli::kExitOk;

    o.flavour = *eo.flavour_kind();
    const std::string &flavour = eo.flavour, &cm = eo.cm, &lib = eo.lib;
    if (form != "deck" && form != "subckt") throw po::error("--form must be deck or subckt");
    if (!vm.count("ngspice-version")) o.ngspice_major = o.flavour == Flavour::Osdi ? 46 : 39;
    o.form = form == "deck" ? Form::Deck : Form::Subckt;
    o.solver = parse_sparse_solver(solver);
    o.command_line = joined(args);

    Network net = read_network(in);
    if (!electrodes.empty()) choose_electrodes(net, electrodes);
    const auto& model = eo.junction_model();
    o.params = preset_params(model, eo.preset);
    apply_overrides(o.params, eo.params);
    if (!spread.empty())
        o.per_junction = spread_params(o.params, parse_spread(spread, spread_dist, static_cast<std::uint32_t>(spread_seed), model),
                                       net.junctions.size());
    if (!spread.empty() && o.flavour == Flavour::Codemodel && net.junctions.size() > 10000)
        std::cerr << "nwn netlist: note: " << net.junctions.size()
                  << " per-junction .model cards parse slowly in ngspice 39 (linear model lookup)\n";
    if (!ic.empty()) o.lambda0 = read_junction_values(ic, {"lambda", "lambda_final"}, net.junctions.size());
    o.stimulus = Stimulus::parse(stimulus);
    // `--drive NAME` alone (no '='), as before roles existed: that electrode takes --stimulus.
    if (roles.drives.size() == 1 && roles.drives[0].find('=') == std::string::npos && roles.drive_table.empty()) {
        o.drive = roles.drives[0];
        roles.drives.clear();
    }
    nwn::cli::check_stimulus_or_drives(vm, roles);
    if (!roles.empty() && o.form != Form::Deck)
        throw po::error("electrode roles (--drive NAME=..., --ground, --float, --load) apply to --form deck; a .subckt "
                        "has one port per electrode for the circuit around it");
    if (!roles.empty()) o.roles = resolve_roles(net, roles, o.stimulus);

    const fs::path out_path(out);
    if (o.flavour == Flavour::Osdi) {
        if (o.form == Form::Deck && cm_load != "none") {
            o.osdi = find_osdi_device(osdi.empty() ? std::nullopt : std::optional<fs::path>(osdi));
            o.codemodel_load = codemodel_load(cm_load, o.osdi);
        } else {
            o.codemodel_load = CodemodelLoad::None;
            if (!osdi.empty()) o.osdi = fs::absolute(osdi);
        }
    } else if (o.flavour == Flavour::Codemodel) {
        if (o.form == Form::Deck && cm_load != "none") {
            o.codemodel = find_codemodel(cm.empty() ? std::nullopt : std::optional<fs::path>(cm));
            o.codemodel_load = codemodel_load(cm_load, o.codemodel);
        } else {
            o.codemodel_load = CodemodelLoad::None;
            if (!cm.empty()) o.codemodel = fs::absolute(cm);
        }
    } else {
        o.subckt_library = find_subckt_library(lib.empty() ? std::nullopt : std::optional<fs::path>(lib), model);
    }
    const std::string text = write_netlist(net, o);
    if (const auto d = nwn::net::parse_dialect(dialect); d != nwn::net::SpiceDialect::Ngspice) {
        if (o.flavour != Flavour::Subckt || o.form != Form::Subckt)
            throw po::error("--dialect " + dialect + " needs --flavour subckt --form subckt (other simulators cannot "
                            "load XSPICE code models; decks stay ngspice's)");
        const fs::path library = fs::absolute(out_path).parent_path() / (model.device + "_" + dialect + ".lib");
        nwn::write_file_atomic(library, nwn::net::translate_junction_library(nwn::read_file(o.subckt_library), d));
        nwn::write_file_atomic(out_path, nwn::net::translate_network_subckt(text, d, library.string()));
        std::cerr << "nwn netlist: " << summary(net) << "; " << dialect << " subcircuit -> " << out
                  << " (junction library " << library.string() << ")\n";
        return nwn::cli::kExitOk;
    }
    const bool spiceinit = o.flavour != Flavour::Subckt && o.form == Form::Deck && o.codemodel_load == CodemodelLoad::SpiceInit;
    const fs::path device = o.flavour == Flavour::Osdi ? o.osdi : o.codemodel;
    const fs::path init = fs::absolute(out_path).parent_path() / ".spiceinit";
    if (spiceinit && fs::exists(init) && nwn::read_file(init) != spiceinit_text(device))
        throw nwn::Error(init.string() + " exists and is not ours: move it, or write the deck elsewhere");
    nwn::write_file_atomic(out_path, text);
    if (spiceinit) {
        nwn::write_file_atomic(init, spiceinit_text(device));
        std::cerr << "nwn netlist: wrote " << init.string() << ": start ngspice in " << init.parent_path().string()
                  << " so that it loads " << device.filename().string() << "\n";
    }
    std::cerr << "nwn netlist: " << summary(net) << "; " << flavour << " " << form << " -> " << out << "\n";
    // V* (docs/model.md §1.3) is the hochstetter model's measure of drive: peak voltage per hop over vset.
    if (o.form == Form::Deck && o.roles.empty() && net.hop_distance && *net.hop_distance > 0 && model.name == "hochstetter")
        std::cerr << "nwn netlist: V* = " << o.stimulus.peak() / (*net.hop_distance * o.params["vset"]) << " (peak "
                  << o.stimulus.peak() << " V / (n = " << *net.hop_distance << " * vset))\n";
    return nwn::cli::kExitOk;
}

}  // namespace

NWN_COMMAND(netlist, "Write an ngspice deck or .subckt of a network", run_netlist);

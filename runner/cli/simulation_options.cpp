#include "simulation_options.h"

#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/junction_values.h"
#include "netlistgen/network/network_json.h"
#include "common/text_parse.h"

namespace nwn::cli {

namespace po = boost::program_options;

std::optional<std::string> electrode_spec(const std::string& contacts, const std::string& electrodes) {
    if (!contacts.empty() && !electrodes.empty()) throw po::error("give --contacts or --electrodes, not both");
    if (!contacts.empty()) return "wires:" + contacts;
    if (!electrodes.empty()) return electrodes;
    return std::nullopt;
}

void add_simulation_options(po::options_description& o, SimulationArgs& a, engine::EngineChoice& sim,
                            double default_dt, bool native_only) {
    o.add_options()
        ("input", po::value(&a.input)->required(), "network file (JSON)")
        ("contacts", po::value(&a.contacts), "two-wire contacts I,J (0-based): I driven, J at 0 V")
        ("electrodes", po::value(&a.electrodes), "choose electrodes as nwn generate does (farthest, bars:F, ...)")
        ("ic", po::value(&a.ic), "initial lambda per junction: CSV with a column lambda (or lambda_final)");
    EngineOptionSet set;
    set.preset_default = "ac";
    set.preset = true;
    set.param = true;
    if (!native_only) {
        set.engine_default = "libngspice";
        set.engine_help = "libngspice (continuous time) or native (NWNsim's fixed-step explicit Euler at --dt)";
        set.flavour_help = kFlavourHelp;
        set.device_files = true;
    }
    a.engine.add_to(o, set);
    if (!native_only)
        o.add_options()
            ("tmax", po::value(&sim.tmax)->default_value(1e-3), "SPICE maximum time step (s)")
            ("spice-option", po::value(&sim.spice_options)->composing(),
             "extra ngspice .options item after the defaults, e.g. reltol=1e-3 (repeatable)");
    o.add_options()
        ("dt", po::value(&sim.dt)->default_value(default_dt, nwn::format_number(default_dt)), "native fixed step (s)")
        ("exact-reset", po::bool_switch(&a.exact_reset),
         "native: stop the reset at 0 for both signs (default: NWNsim's sign-asymmetric rule)");
    if (!native_only)
        o.add_options()("wall-limit", po::value(&sim.wall_limit_s)->default_value(0), "wall-time limit of each SPICE run (s)");
}

net::Network load_simulation(const SimulationArgs& a, engine::EngineChoice& sim, std::vector<double>& lambda0,
                             std::string& preset, std::vector<std::string>& params) {
    const auto electrodes = electrode_spec(a.contacts, a.electrodes);
    auto network = net::read_network(a.input);
    if (electrodes) net::choose_electrodes(network, *electrodes);
    if (!a.ic.empty()) lambda0 = net::read_junction_values(a.ic, {"lambda", "lambda_final"}, network.junctions.size());
    sim.nwnsim_compat = !a.exact_reset;
    if (a.engine.engine.empty()) {  // a native-only command
        sim.engine = engine::Engine::Native;
    } else {
        sim.engine = a.engine.engine_kind({engine::Engine::Libngspice, engine::Engine::Native});
        sim.flavour = a.engine.resolved_flavour();
        sim.codemodel = a.engine.codemodel();
        sim.subckt_library = a.engine.subckt_library();
    }
    preset = a.engine.preset;
    params = a.engine.params;
    return network;
}

}  // namespace nwn::cli

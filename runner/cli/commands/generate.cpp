// nwn generate: a random nanowire network as NWNsim makes it, with electrodes, to a JSON network file.
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/generator.h"
#include "netlistgen/network/network_csv.h"
#include "netlistgen/network/network_json.h"

namespace po = boost::program_options;

namespace {

int run_generate(const std::vector<std::string>& args) {
    nwn::net::GeneratorParams p;
    long long wires = 0;
    double density = 0;
    unsigned long seed = 0;
    std::string electrodes, out, csv;
    po::options_description opts(
        "usage: nwn generate (--wires N | --density D) --lx L [--ly L] [options] -o net.json\n\n"
        "Random wires as NWNsim's wires.py draws them (numpy's legacy MT19937 stream: the same seed gives\n"
        "NWNsim's network), junctions at exact intersections, the largest connected component kept.\n"
        "Prints wires, junctions, electrodes and the source-drain hop distance n to stderr.\n\noptions");
    opts.add_options()("help,h", "show this help")
        ("wires", po::value(&wires), "number of wires to draw")
        ("density", po::value(&density), "wires per unit area: N = int(D*Lx*Ly)")
        ("lx", po::value(&p.lx)->required(), "domain width (um)")
        ("ly", po::value(&p.ly), "domain height (um; default Lx)")
        ("length-mean", po::value(&p.length_mean)->default_value(10), "mean wire length (gamma distribution)")
        ("length-sd", po::value(&p.length_sd)->default_value(1), "standard deviation of the wire length (0 = fixed)")
        ("seed", po::value(&seed)->default_value(0), "random seed, 0..4294967295 (np.random.seed)")
        ("electrodes", po::value(&electrodes)->default_value("farthest"),
         "farthest | topo-farthest | wires:I,J | bars:FRACTION[:XFRACTION] | edges:N | none")
        ("keep-all", po::bool_switch(&p.keep_all), "keep every wire, not only the largest connected component")
        ("csv", po::value(&csv), "also write PREFIX_wires.csv and PREFIX_junctions.csv")
        ("output,o", po::value(&out)->required(), "network file to write (JSON)");
    po::variables_map vm;
    if (!nwn::cli::parse_command_line(args, opts, {}, vm)) return nwn::cli::kExitOk;
    if (vm.count("wires")) p.wires = wires;
    if (vm.count("density")) p.density = density;
    if (!vm.count("ly")) p.ly = p.lx;
    if (seed > 0xffffffffUL) throw po::error("--seed must be in 0..4294967295");
    p.seed = static_cast<std::uint32_t>(seed);

    auto net = nwn::net::generate_network(p);
    if (electrodes != "none") nwn::net::choose_electrodes(net, electrodes);
    nwn::net::write_network(out, net);
    if (!csv.empty()) nwn::net::write_network_csv(csv, net);
    std::cerr << "nwn generate: " << nwn::net::summary(net) << " -> " << out << "\n";
    return nwn::cli::kExitOk;
}

}  // namespace

NWN_COMMAND(generate, "Generate a random nanowire network (JSON)", run_generate);

// nwn import-mat: an NWNsim network file (.mat) to nwnspice's JSON network file.
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/network_csv.h"
#include "netlistgen/network/network_json.h"
#include "netlistgen/network/nwnsim_mat.h"

namespace po = boost::program_options;

namespace {

int run_import_mat(const std::vector<std::string>& args) {
    std::string in, out, electrodes, csv;
    nwn::net::MatImportOptions mo;
    po::options_description opts(
        "usage: nwn import-mat FILE.mat [--electrodes RULE] -o net.json\n\n"
        "Reads NWNsim's wires (xa ya xb yb xc yc), junctions (edge_list, xi, yi) and domain (length_x, length_y),\n"
        "checks edge_list against adj_matrix and every junction against its wires, keeps NWNsim's junction\n"
        "order, and converts to 0-based ids (NWNsim's contacts 73 -> 30 are wires 72 -> 29).\n\noptions");
    opts.add_options()("help,h", "show this help")
        ("input", po::value(&in)->required(), "NWNsim .mat network file")
        ("electrodes", po::value(&electrodes)->default_value("farthest"),
         "farthest | topo-farthest | wires:I,J | bars:FRACTION[:XFRACTION] | edges:N | none")
        ("recompute-junctions", po::bool_switch(&mo.recompute_junctions),
         "ignore edge_list/xi/yi and find the junctions from the wire geometry (for mislabelled files)")
        ("csv", po::value(&csv), "also write PREFIX_wires.csv and PREFIX_junctions.csv")
        ("output,o", po::value(&out)->required(), "network file to write (JSON)");
    po::variables_map vm;
    if (!nwn::cli::parse_input_command_line(args, opts, vm)) return nwn::cli::kExitOk;

    auto net = nwn::net::import_nwnsim_mat(in, mo);
    if (electrodes != "none") nwn::net::choose_electrodes(net, electrodes);
    nwn::net::write_network(out, net);
    if (!csv.empty()) nwn::net::write_network_csv(csv, net);
    std::cerr << "nwn import-mat: " << nwn::net::summary(net) << " -> " << out << "\n";
    return nwn::cli::kExitOk;
}

}  // namespace

NWN_COMMAND(import-mat, "Import an NWNsim network file (.mat) to JSON", run_import_mat);

// nwn draw: an SVG picture of a network, optionally with junctions coloured by a per-junction value.
#include <boost/program_options.hpp>
#include <iostream>

#include "command.h"
#include "common/atomic_file.h"
#include "netlistgen/network/junction_values.h"
#include "netlistgen/network/network_json.h"
#include "netlistgen/network/svg_picture.h"

namespace po = boost::program_options;

namespace {

int run_draw(const std::vector<std::string>& args) {
    std::string in, out, colour_by, values;
    po::options_description opts(
        "usage: nwn draw net.json [--color-by lambda|conductance|current --values FILE.csv] -o net.svg\n\n"
        "Wires grey, junctions as dots, electrodes coloured (bars as shaded rectangles). With --color-by the\n"
        "junctions take a viridis colour from --values: a CSV with a header and one row per junction (in\n"
        "junction order, or placed by a 'junction' 0-based / 'edge_matlab_1based' column) holding a column\n"
        "named lambda, conductance or current (lambda also accepts NWNsim's lambda_final). Magnitudes are\n"
        "shown: |lambda| linearly, conductance and |current| on a log10 scale.\n\noptions");
    opts.add_options()("help,h", "show this help")
        ("input", po::value(&in)->required(), "network file (JSON)")
        ("color-by", po::value(&colour_by), "lambda | conductance | current")
        ("values", po::value(&values), "CSV of per-junction values (see above)")
        ("output,o", po::value(&out)->required(), "SVG file to write");
    po::variables_map vm;
    if (!nwn::cli::parse_input_command_line(args, opts, vm)) return nwn::cli::kExitOk;
    if (colour_by.empty() != values.empty()) throw po::error("--color-by and --values go together");

    const auto net = nwn::net::read_network(in);
    std::optional<nwn::net::JunctionColouring> colouring;
    if (!colour_by.empty()) {
        if (colour_by != "lambda" && colour_by != "conductance" && colour_by != "current")
            throw po::error("--color-by must be lambda, conductance or current");
        std::vector<std::string> columns = {colour_by};
        if (colour_by == "lambda") columns.push_back("lambda_final");
        colouring = nwn::net::JunctionColouring{colour_by, nwn::net::read_junction_values(values, columns, net.junctions.size())};
    }
    nwn::write_file_atomic(out, nwn::net::network_svg(net, colouring));
    std::cerr << "nwn draw: " << nwn::net::summary(net) << " -> " << out << "\n";
    return nwn::cli::kExitOk;
}

}  // namespace

NWN_COMMAND(draw, "Draw a network as SVG", run_draw);

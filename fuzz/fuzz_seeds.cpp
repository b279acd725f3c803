// Writes the seed corpora of the harnesses into OUT/<target>/ from nwn's own writers, so the seeds are
// what nwn itself produces (generated networks, NWNsim-layout .mat files, raw and CSV files, the junction
// library and network subcircuits) and never go stale: `fuzz_seeds OUT`. bench/fuzz.sh adds the test
// fixtures, ngspice-written raw files and the NWNsim reference data when present.
#include <matio.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/error.h"
#include "devicemodel/models.h"
#include "runner/io/raw_writer.h"
#include "runner/io/timeseries_csv.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/generator.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "netlistgen/network/network_json.h"

namespace fs = std::filesystem;
using namespace nwn;

namespace {

fs::path g_out;

void put(const std::string& target, const std::string& name, const std::string& bytes) {
    fs::create_directories(g_out / target);
    std::ofstream(g_out / target / name, std::ios::binary) << bytes;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Small networks: a seed corpus wants many small inputs, not the demo's 994 wires.
std::vector<net::Network> networks() {
    std::vector<net::Network> out;
    for (const auto& [wires, lx, seed, rule] : std::vector<std::tuple<long long, double, unsigned, const char*>>{
             {12, 20, 0, "farthest"}, {40, 25, 1, "bars:0.3"}, {30, 30, 42, "edges:3"}, {16, 20, 7, "topo-farthest"}}) {
        net::GeneratorParams p;
        p.wires = wires;
        p.lx = p.ly = lx;
        p.seed = seed;
        try {
            auto n = net::generate_network(p);
            net::choose_electrodes(n, rule);
            out.push_back(std::move(n));
        } catch (const Error& e) {
            std::cerr << "fuzz_seeds: skipping a network: " << e.what() << "\n";
        }
    }
    return out;
}

// NWNsim's variables (nwnsim_mat.h) in a MAT v5 file, optionally compressed.
void write_nwnsim_mat(const fs::path& path, const net::Network& n, bool compressed) {
    mat_t* mat = Mat_CreateVer(path.c_str(), nullptr, MAT_FT_MAT5);
    if (!mat) throw Error("cannot create " + path.string());
    auto var = [&](const char* name, std::vector<double> v, std::size_t rows, std::size_t cols) {
        std::size_t dims[2] = {rows, cols};
        matvar_t* m = Mat_VarCreate(name, MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims, v.data(), 0);
        Mat_VarWrite(mat, m, compressed ? MAT_COMPRESSION_ZLIB : MAT_COMPRESSION_NONE);
        Mat_VarFree(m);
    };
    const std::size_t N = n.wires.size(), E = n.junctions.size();
    std::vector<double> xa, ya, xb, yb, xc, yc, th, edges(2 * E), xi, yi, adj(N * N, 0.0);
    for (const auto& w : n.wires) {
        xa.push_back(w.xa), ya.push_back(w.ya), xb.push_back(w.xb), yb.push_back(w.yb);
        xc.push_back(w.xc), yc.push_back(w.yc), th.push_back(w.angle);
    }
    for (std::size_t k = 0; k < E; ++k) {
        const auto& J = n.junctions[k];
        edges[k] = J.i, edges[k + E] = J.j;
        xi.push_back(J.x), yi.push_back(J.y);
        adj[J.i + J.j * N] = adj[J.j + J.i * N] = 1;
    }
    var("length_x", {n.lx}, 1, 1);
    var("length_y", {n.ly}, 1, 1);
    for (auto [name, v] : {std::pair{"xa", xa}, {"ya", ya}, {"xb", xb}, {"yb", yb}, {"xc", xc}, {"yc", yc}, {"theta", th}})
        var(name, v, 1, N);
    var("edge_list", edges, E, 2);
    var("xi", xi, E, 1);
    var("yi", yi, E, 1);
    var("adj_matrix", adj, N, N);
    var("number_of_wires", {double(N)}, 1, 1);
    var("number_of_junctions", {double(E)}, 1, 1);
    var("this_seed", {double(n.provenance.seed)}, 1, 1);
    Mat_Close(mat);
}

void raw_seeds(const fs::path& tmp) {
    io::RawPlotSpec tran{"seed", "Transient Analysis", {{"time", "time"}, {"v(a)", "voltage"}, {"i(v1)", "current"}}};
    {
        io::RawWriter w(tmp / "tran.raw", tran);
        for (int k = 0; k < 4; ++k) w.append({k * 1e-3, 0.5 * k, -1e-6 * k});
        w.close();
    }
    put("raw_reader", "writer_tran.raw", slurp(tmp / "tran.raw"));
    io::RawPlotSpec ac{"seed", "AC Analysis", {{"frequency", "frequency"}, {"v(out)", "voltage"}}, true};
    {
        io::RawWriter w(tmp / "two.raw", ac);
        const std::vector<std::complex<double>> p0 = {{10, 0}, {1, -0.1}}, p1 = {{100, 0}, {0.5, -0.5}};
        w.append(std::span(p0));
        w.append(std::span(p1));
        w.begin_plot(tran);
        w.append({0, 1, 2});
        w.close();
    }
    put("raw_reader", "writer_ac_tran.raw", slurp(tmp / "two.raw"));
}

void csv_seeds(const fs::path& tmp) {
    io::TimeSeries ts;
    ts.names = {"t", "G", "v(a,b)"};
    ts.columns = {{0, 0.001, 0.002}, {1e-6, 2.5e-5, 0.125}, {1, -1, 0.5}};
    io::write_timeseries_csv(tmp / "ts.csv", ts, {"seed"});
    const std::string csv = slurp(tmp / "ts.csv");
    // Byte 0 is the harness's option byte (allow_nan, the t,G column pick).
    for (char flags : {'\0', '\1', '\2', '\3'}) put("timeseries_csv", std::string("ts") + char('0' + flags) + ".csv", flags + csv);
    put("timeseries_csv", "junctions.csv", std::string("\0", 1) + "junction,lambda\n1,0.05\n0,0.1\n2,0\n");
    put("timeseries_csv", "nwnsim_final.csv", std::string("\0", 1) + "edge_matlab_1based,lambda_final\n1,0.1\n2,0.2\n3,0.3\n");
    put("timeseries_csv", "comments.csv", std::string("\1", 1) + "\xEF\xBB\xBF# c\r\n\"t\",\"a,\"\"b\"\r\n\r\n0, nan\r\n1e-300,inf\r\n");
}

void spice_seeds(const std::vector<net::Network>& nets) {
    const std::string lib = device::default_junction_model().subckt_library_text();
    for (char d = 0; d < 3; ++d) put("dialect", std::string("library") + char('0' + d), std::string(1, d) + lib);
    std::istringstream is(lib);
    int k = 0;
    for (std::string l; std::getline(is, l);)
        if (!l.empty() && (l[0] == 'B' || l[0] == 'b'))
            put("dialect", "expr" + std::to_string(k++), std::string(1, char(9)) + l.substr(l.find('=') + 1));
    for (std::size_t n = 0; n < nets.size() && n < 2; ++n) {
        net::NetlistOptions o;
        o.flavour = net::Flavour::Subckt;
        o.form = net::Form::Subckt;
        o.subckt_library = "/usr/share/nwnspice/nwnjunction.lib";
        const std::string text = net::write_netlist(nets[n], o);
        for (char d = 0; d < 3; ++d)
            put("dialect", "network" + std::to_string(n) + char('0' + d), std::string(1, char(3 + d)) + text);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: fuzz_seeds OUT_DIR\n";
        return 2;
    }
    g_out = argv[1];
    const fs::path tmp = g_out / ".tmp";
    fs::create_directories(tmp);
    try {
        const auto nets = networks();
        for (std::size_t k = 0; k < nets.size(); ++k) {
            put("network_json", "generated" + std::to_string(k) + ".json", net::network_to_json(nets[k]));
            for (bool z : {false, true}) {
                const auto p = tmp / "n.mat";
                write_nwnsim_mat(p, nets[k], z);
                put("mat_import", "generated" + std::to_string(k) + (z ? "z" : "") + ".mat", slurp(p));
            }
        }
        raw_seeds(tmp);
        csv_seeds(tmp);
        spice_seeds(nets);
    } catch (const std::exception& e) {
        std::cerr << "fuzz_seeds: " << e.what() << "\n";
        return 1;
    }
    fs::remove_all(tmp);
    return 0;
}

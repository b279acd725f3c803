// Import of NWNsim's 100-wire network file against its CSV exports, NWNsim's contacts, and broken files.
#include <catch2/catch.hpp>

#include <matio.h>

#include <filesystem>

#include "common/error.h"
#include "fixtures.h"
#include "common/csv_table.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/nwnsim_mat.h"
#include "support/reference.h"

using namespace nwn;
using namespace nwn::net;
namespace fs = std::filesystem;

TEST_CASE("nw100_seed042.mat: 100 wires and 261 junctions in nw100_edges.csv's order and coordinates") {
    const auto ref = nwn::test::nwnsim_reference("the NWNsim .mat import");
    if (!ref) return;
    const auto net = import_nwnsim_mat(*ref / "nw100_seed042.mat");
    REQUIRE(net.wires.size() == 100);
    REQUIRE(net.junctions.size() == 261);
    CHECK(net.lx == 3000);
    CHECK(net.provenance.seed == 42);

    // The CSVs print 17 significant digits, enough to round-trip a double, so the values must agree
    // exactly; the tolerance of 1e-12 relative only forgives a last-digit difference in the exporter.
    const auto edges = read_csv(*ref / "nw100_edges.csv");
    REQUIRE(edges.rows.size() == 261);
    const auto ci = *edges.find("wire_i_0based"), cj = *edges.find("wire_j_0based");
    const auto cx = *edges.find("x_um"), cy = *edges.find("y_um");
    for (std::size_t k = 0; k < 261; ++k) {
        INFO("junction " << k);
        CHECK(net.junctions[k].i == edges.rows[k][ci]);
        CHECK(net.junctions[k].j == edges.rows[k][cj]);
        CHECK(net.junctions[k].x == Approx(edges.rows[k][cx]).epsilon(1e-12));
        CHECK(net.junctions[k].y == Approx(edges.rows[k][cy]).epsilon(1e-12));
    }
    const auto wires = read_csv(*ref / "nw100_wires.csv");
    REQUIRE(wires.rows.size() == 100);
    for (std::size_t k = 0; k < 100; ++k) {
        const auto& r = wires.rows[k];
        CHECK(net.wires[k].xa == Approx(r[*wires.find("xa_um")]).epsilon(1e-12));
        CHECK(net.wires[k].yb == Approx(r[*wires.find("yb_um")]).epsilon(1e-12));
        CHECK(net.wires[k].xc == Approx(r[*wires.find("xc_um")]).epsilon(1e-12));
        CHECK(net.wires[k].length == Approx(r[*wires.find("length_um")]).epsilon(1e-12));
        CHECK(net.wires[k].angle == Approx(r[*wires.find("theta_rad")]).epsilon(1e-12));
    }
}

TEST_CASE("nw100: farthest picks wires 72 and 29 with hop distance 9 - recomputed junctions agree") {
    const auto ref = nwn::test::nwnsim_reference("NWNsim's farthest contacts");
    if (!ref) return;
    auto net = import_nwnsim_mat(*ref / "nw100_seed042.mat");
    choose_electrodes(net, "farthest");
    CHECK(net.electrodes[0].wires == std::vector<int>{72});
    CHECK(net.electrodes[1].wires == std::vector<int>{29});
    CHECK(net.hop_distance == 9);

    // Our own intersection code finds NWNsim's junction set from the wires alone.
    MatImportOptions o;
    o.recompute_junctions = true;
    const auto again = import_nwnsim_mat(*ref / "nw100_seed042.mat", o);
    REQUIRE(again.junctions.size() == 261);
    for (std::size_t k = 0; k < 261; ++k) {
        CHECK(again.junctions[k].i == net.junctions[k].i);
        CHECK(again.junctions[k].j == net.junctions[k].j);
        CHECK(again.junctions[k].x == Approx(net.junctions[k].x).epsilon(1e-12));
    }
}

namespace {

struct MatVar {
    std::string name;
    std::vector<double> data;  // column-major
    std::size_t rows = 1;      // 1: a row vector of data.size()
};

void write_mat(const fs::path& path, std::vector<MatVar> vars) {
    fs::remove(path);
    mat_t* mat = Mat_CreateVer(path.c_str(), nullptr, MAT_FT_MAT5);
    REQUIRE(mat);
    for (auto& v : vars) {
        size_t dims[2] = {v.rows, v.data.size() / v.rows};
        matvar_t* m = Mat_VarCreate(v.name.c_str(), MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims, v.data.data(), 0);
        Mat_VarWrite(mat, m, MAT_COMPRESSION_NONE);
        Mat_VarFree(m);
    }
    Mat_Close(mat);
}

}  // namespace

TEST_CASE("truncated, foreign and incomplete .mat files are refused with the reason") {
    const auto dir = nwn::test::scratch_dir("netlistgen_bad_mat");
    nwn::test::write_text(dir / "text.mat", "this is not a MATLAB file\n");
    CHECK_THROWS_WITH(import_nwnsim_mat(dir / "text.mat"), Catch::Contains("not a MATLAB .mat file"));
    CHECK_THROWS_WITH(import_nwnsim_mat(dir / "absent.mat"), Catch::Contains("no such file"));
    nwn::test::write_text(dir / "empty.mat", "");
    CHECK_THROWS_WITH(import_nwnsim_mat(dir / "empty.mat"), Catch::Contains("empty.mat: empty file, not a MATLAB .mat file"));

    write_mat(dir / "foreign.mat", {{"foo", {1, 2, 3}}});
    CHECK_THROWS_WITH(import_nwnsim_mat(dir / "foreign.mat"), Catch::Contains("missing variable 'length_x'"));

    write_mat(dir / "short.mat", {{"length_x", {10}}, {"length_y", {10}}, {"xa", {0, 1}}, {"ya", {0, 1}}, {"xb", {1, 0}},
                                  {"yb", {1, 0}}, {"xc", {0.5, 0.5}}, {"yc", {0.5}}});
    MatImportOptions wires_only;  // every required variable present, so the size check is what fails
    wires_only.recompute_junctions = true;
    CHECK_THROWS_WITH(import_nwnsim_mat(dir / "short.mat", wires_only), Catch::Contains("'yc' has 1 entries, expected 2"));

    const auto ref = nwn::test::nwnsim_reference("truncated copies of the NWNsim .mat");
    if (!ref) return;
    for (double fraction : {0.1, 0.5, 0.9, 0.99}) {
        INFO("truncated to " << fraction);
        const fs::path cut = dir / "cut.mat";
        fs::copy_file(*ref / "nw100_seed042.mat", cut, fs::copy_options::overwrite_existing);
        fs::resize_file(cut, static_cast<std::uintmax_t>(fs::file_size(cut) * fraction));
        CHECK_THROWS_AS(import_nwnsim_mat(cut), nwn::Error);
    }
}

TEST_CASE("edge_list that disagrees with adj_matrix or with the geometry is refused") {
    const auto dir = nwn::test::scratch_dir("netlistgen_inconsistent_mat");
    // Wires 0 and 1 cross at (0.5, 0.5); wire 2 is apart.
    auto with = [&](std::vector<double> edges, std::vector<double> adj) {
        const fs::path p = dir / "net.mat";
        write_mat(p, {{"length_x", {10}}, {"length_y", {10}}, {"xa", {0, 0, 5}}, {"ya", {0, 1, 5}}, {"xb", {1, 1, 6}},
                      {"yb", {1, 0, 5}}, {"xc", {0.5, 0.5, 5.5}}, {"yc", {0.5, 0.5, 5}}, {"xi", {0.5}}, {"yi", {0.5}},
                      {"edge_list", edges, 1}, {"adj_matrix", adj, 3}});
        return p;
    };
    const std::vector<double> adj01 = {0, 1, 0, 1, 0, 0, 0, 0, 0}, adj02 = {0, 0, 1, 0, 0, 0, 1, 0, 0};
    CHECK(import_nwnsim_mat(with({0, 1}, adj01)).junctions.size() == 1);
    CHECK_THROWS_WITH(import_nwnsim_mat(with({0, 1}, adj02)), Catch::Contains("disagree"));
    CHECK_THROWS_WITH(import_nwnsim_mat(with({0, 2}, adj02)), Catch::Contains("off its wires"));
    CHECK_THROWS_WITH(import_nwnsim_mat(with({0, 5}, adj01)), Catch::Contains("edge_list row 1"));
}

// Inputs the libFuzzer harnesses (fuzz/, bench/fuzz.sh) found, each now a clear nwn::Error instead of a
// hang, a runaway allocation, undefined behaviour or a network file nwn itself cannot read back.
#include <catch2/catch.hpp>

#include <matio.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>

#include "common/atomic_file.h"
#include "common/error.h"
#include "netlistgen/network/nwnsim_mat.h"
#include "netlistgen/network/stimulus.h"
#include "support/reference.h"

using namespace nwn::net;
using Catch::Contains;
namespace fs = std::filesystem;

TEST_CASE("fuzz: stimuli with more corners than a run can hold are refused", "[stimulus][fuzz]") {
    // 4e12 corners up to 10 s: the PWL text grew until memory ran out
    CHECK_THROWS_WITH(Stimulus::parse("triangle:1:1e11").spice_source(10), Contains("corners up to tstop = 10 s"));
    // a period below the rounding of the delay: `start += period` never moved, an endless loop
    CHECK_THROWS_WITH(Stimulus::parse("pulse:0:1:1e-17:1e-16:1").breakpoints(10), Contains("corners up to tstop"));
    CHECK_THROWS_WITH(Stimulus::parse("square:1:1e9").breakpoints(1e3), Contains("lower the frequency"));
    CHECK(Stimulus::parse("triangle:1:1e5").breakpoints(1).size() > 400000);
}

TEST_CASE("fuzz: stimulus frequencies must give finite periods and phases", "[stimulus][fuzz]") {
    // 4·f·t overflowed to inf and its cast to int was undefined (a wild corner index)
    CHECK_THROWS_WITH(Stimulus::parse("triangle:1:1e308"), Contains("frequency must be in [1e-300, 1e+12] Hz"));
    // a subnormal frequency has an infinite period: "PULSE(... inf ...)" went into the deck
    CHECK_THROWS_WITH(Stimulus::parse("square:1:1e-310"), Contains("frequency must be in"));
    CHECK_THROWS_WITH(Stimulus::parse("sine:1:0"), Contains("frequency must be > 0"));
    CHECK(Stimulus::parse("sine:1:1e12").peak() == 1);
}

namespace {

struct MatVar {
    std::string name;
    std::vector<double> data;  // column-major
    std::size_t rows = 1;
};

void write_mat(const fs::path& path, const std::vector<MatVar>& vars, bool compressed = false) {
    fs::remove(path);
    mat_t* mat = Mat_CreateVer(path.c_str(), nullptr, MAT_FT_MAT5);
    REQUIRE(mat);
    for (auto v : vars) {
        std::size_t dims[2] = {v.rows, v.data.size() / v.rows};
        matvar_t* m = Mat_VarCreate(v.name.c_str(), MAT_C_DOUBLE, MAT_T_DOUBLE, 2, dims, v.data.data(), 0);
        Mat_VarWrite(mat, m, compressed ? MAT_COMPRESSION_ZLIB : MAT_COMPRESSION_NONE);
        Mat_VarFree(m);
    }
    Mat_Close(mat);
}

// Two wires crossing at (0.5, 0.5) in a 10 x 10 domain, with variable `name` set to `data`.
fs::path crossing(const fs::path& dir, const std::string& name = "", std::vector<double> data = {},
                  bool compressed = false) {
    std::vector<MatVar> v = {{"length_x", {10}}, {"length_y", {10}}, {"xa", {0, 0}},       {"ya", {0, 1}},
                             {"xb", {1, 1}},     {"yb", {1, 0}},     {"xc", {0.5, 0.5}},   {"yc", {0.5, 0.5}},
                             {"xi", {0.5}},      {"yi", {0.5}},      {"edge_list", {0, 1}}, {"adj_matrix", {0, 1, 1, 0}, 2}};
    if (!name.empty()) {
        const auto it = std::find_if(v.begin(), v.end(), [&](const MatVar& m) { return m.name == name; });
        if (it == v.end()) v.push_back({name, data});
        else it->data = data;
    }
    const fs::path p = dir / "net.mat";
    write_mat(p, v, compressed);
    return p;
}

// The MAT file `bytes` with its first variable (compressed) inflated, edited and compressed again.
template <class Edit>
std::string edit_first_compressed(std::string bytes, const Edit& edit) {
    std::uint32_t type = 0, size = 0;
    std::memcpy(&type, bytes.data() + 128, 4);
    std::memcpy(&size, bytes.data() + 132, 4);
    REQUIRE(type == 15);  // miCOMPRESSED
    std::string plain(4096, '\0');
    uLongf plain_size = plain.size();
    REQUIRE(uncompress(reinterpret_cast<Bytef*>(plain.data()), &plain_size,
                       reinterpret_cast<const Bytef*>(bytes.data() + 136), size) == Z_OK);
    plain.resize(plain_size);
    edit(plain);
    std::string packed(compressBound(plain.size()), '\0');
    uLongf packed_size = packed.size();
    REQUIRE(compress(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                     reinterpret_cast<const Bytef*>(plain.data()), plain.size()) == Z_OK);
    packed.resize(packed_size);
    const auto new_size = static_cast<std::uint32_t>(packed.size());
    std::memcpy(bytes.data() + 132, &new_size, 4);
    return bytes.substr(0, 136) + packed + bytes.substr(136 + size);
}

}  // namespace

TEST_CASE("fuzz: an NWNsim .mat import is accepted only when its network file reads back", "[mat][fuzz]") {
    const auto dir = nwn::test::scratch_dir("netlistgen_fuzz_mat");
    CHECK(import_nwnsim_mat(crossing(dir)).junctions.size() == 1);
    // Each was imported, and the network file written for it was then refused by nwn netlist/run.
    write_mat(dir / "small.mat", {{"length_x", {0.1}}, {"length_y", {0.1}}, {"xa", {0, 0}}, {"ya", {0, 1}}, {"xb", {1, 1}},
                                   {"yb", {1, 0}}, {"xc", {0.5, 0.5}}, {"yc", {0.5, 0.5}}, {"xi", {0.5}}, {"yi", {0.5}},
                                   {"edge_list", {0, 1}}, {"adj_matrix", {0, 1, 1, 0}, 2}});
    CHECK_THROWS_WITH(import_nwnsim_mat(dir / "small.mat"), Contains("small.mat: wire 0 reaches 1, more than the domain size"));
    CHECK_THROWS_WITH(import_nwnsim_mat(crossing(dir, "xi", {NAN})), Contains("field junctions[0].x"));
    CHECK_THROWS_WITH(import_nwnsim_mat(crossing(dir, "avg_length", {INFINITY})), Contains("provenance.length_mean"));
    // a negative seed was cast to uint32_t: undefined behaviour
    CHECK_THROWS_WITH(import_nwnsim_mat(crossing(dir, "this_seed", {-1})), Contains("this_seed"));
    CHECK(import_nwnsim_mat(crossing(dir, "this_seed", {42})).provenance.seed == 42);
}

TEST_CASE("fuzz: --recompute-junctions refuses wires that are not finite or have no length", "[mat][fuzz]") {
    const auto dir = nwn::test::scratch_dir("netlistgen_fuzz_mat_recompute");
    MatImportOptions o;
    o.recompute_junctions = true;
    CHECK(import_nwnsim_mat(crossing(dir), o).junctions.size() == 1);
    // a NaN end point reached a float-to-integer cast in the junction search grid: undefined behaviour
    CHECK_THROWS_WITH(import_nwnsim_mat(crossing(dir, "xa", {NAN, 0}), o), Contains("field wires[0].xa"));
    // wires of length 0: the grid's cell size, their mean length, was 0 and its sizing loop never ended
    write_mat(dir / "points.mat", {{"length_x", {10}}, {"length_y", {10}}, {"xa", {0, 0}}, {"ya", {0, 1}}, {"xb", {0, 0}},
                                    {"yb", {0, 1}}, {"xc", {0, 0}}, {"yc", {0, 1}}});
    CHECK_THROWS_WITH(import_nwnsim_mat(dir / "points.mat", o), Contains("lengths must be > 0"));
}

TEST_CASE("fuzz: .mat dimensions larger than the file can hold are refused before they are read", "[mat][fuzz]") {
    const auto dir = nwn::test::scratch_dir("netlistgen_fuzz_mat_dims");
    std::string bytes = nwn::read_file(crossing(dir));
    // MAT v5: xa's dimensions (two int32) sit right before its name, a small element "\1\0\2\0xa\0\0".
    const std::string name_tag("\x01\x00\x02\x00xa\x00\x00", 8);
    const auto at = bytes.find(name_tag);
    REQUIRE(at != std::string::npos);
    const std::int32_t cols = 100000000;  // 800 MB of doubles claimed by a 1 kB file
    std::memcpy(bytes.data() + at - 4, &cols, 4);
    nwn::write_file_atomic(dir / "dims.mat", bytes);
    CHECK_THROWS_WITH(import_nwnsim_mat(dir / "dims.mat"), Contains("'xa' claims 1x100000000 values, more than the file can hold"));
    // 2^31 x 2^31 values: refused on the header, before matio tries to allocate them (it asked for 22 GB,
    // then 2 GB, for a 1.6 kB file the fuzzer made).
    const std::int32_t huge = 0x7fffffff;
    std::memcpy(bytes.data() + at - 8, &huge, 4);
    std::memcpy(bytes.data() + at - 4, &huge, 4);
    nwn::write_file_atomic(dir / "huge.mat", bytes);
    CHECK_THROWS_WITH(import_nwnsim_mat(dir / "huge.mat"),
                      Contains("'xa' claims 2147483647x2147483647 values, more than the file can hold"));
}

TEST_CASE("fuzz: a tag claiming more than its variable holds is refused before matio allocates it", "[mat][fuzz]") {
    const auto dir = nwn::test::scratch_dir("netlistgen_fuzz_mat_tags");
    // length_x's name tag (miINT8, 8 bytes) claiming 0x76767608 bytes: matio allocated and cleared
    // 2 GB for it, 12 s for a 4 kB file.
    const std::string name_tag("\x01\x00\x00\x00\x08\x00\x00\x00length_x", 16);
    const std::uint32_t claimed = 0x76767608;
    std::string bytes = nwn::read_file(crossing(dir));
    auto at = bytes.find(name_tag);
    REQUIRE(at != std::string::npos);
    std::memcpy(bytes.data() + at + 4, &claimed, 4);
    nwn::write_file_atomic(dir / "name.mat", bytes);
    CHECK_THROWS_WITH(import_nwnsim_mat(dir / "name.mat"),
                      Contains("name.mat: corrupt MAT file (the variable at byte 128 holds an element larger than itself)"));

    // The same inside a compressed variable: its inflated head is checked.
    bytes = edit_first_compressed(nwn::read_file(crossing(dir, "", {}, true)), [&](std::string& plain) {
        const auto at = plain.find(name_tag);
        REQUIRE(at != std::string::npos);
        std::memcpy(plain.data() + at + 4, &claimed, 4);
    });
    nwn::write_file_atomic(dir / "zname.mat", bytes);
    CHECK_THROWS_WITH(import_nwnsim_mat(dir / "zname.mat"), Contains("zname.mat: corrupt MAT file"));
}

TEST_CASE("fuzz: dimensions in the small-element form are refused before matio allocates them", "[mat][fuzz]") {
    const auto dir = nwn::test::scratch_dir("netlistgen_fuzz_mat_small_dims");
    // The dimensions' tag (miINT32, 8 bytes, at byte 24 of the variable) as "small element" 0x08000005
    // followed by 0x06000000: matio took the second word for the byte count and allocated 400 MB (12 s
    // under ASan for a 1.4 kB file). A small element claiming more than 4 bytes is as corrupt.
    for (const std::uint32_t small_tag : {0x08000005u, 0x00040005u}) {
        const std::string bytes = edit_first_compressed(nwn::read_file(crossing(dir, "", {}, true)), [&](std::string& plain) {
            std::uint32_t dims_type = 0;
            std::memcpy(&dims_type, plain.data() + 24, 4);
            REQUIRE(dims_type == 5);  // miINT32
            const std::uint32_t count = 0x06000000;
            std::memcpy(plain.data() + 24, &small_tag, 4);
            std::memcpy(plain.data() + 28, &count, 4);
        });
        nwn::write_file_atomic(dir / "dims.mat", bytes);
        CHECK_THROWS_WITH(import_nwnsim_mat(dir / "dims.mat"), Contains("dims.mat: corrupt MAT file"));
    }
}

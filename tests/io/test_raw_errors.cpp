// Damaged raw files: truncated data (cut bytes, or a killed ngspice run that never back-patched
// `No. Points`), corrupt headers and bad values. Each must fail with a message naming the file and the
// line or point, and truncation must be recoverable with tolerate_truncation.
#include <catch2/catch.hpp>

#include "runner/io/raw_reader.h"
#include "ngspice_fixture.h"
#include "support/reference.h"

using namespace nwn::io;
using nwn::test::RawKind;
using nwn::test::read_bytes;
using nwn::test::write_bytes;
using Catch::Contains;

namespace {

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
    auto pos = s.find(from);
    REQUIRE(pos != std::string::npos);
    return s.replace(pos, from.size(), to);
}

// ngspice leaves room after the count for the back-patch; keep the byte layout when changing it.
std::string set_points_field(std::string s, std::size_t plot, const std::string& value) {
    std::size_t pos = 0;
    for (std::size_t k = 0; k <= plot; ++k) {
        pos = s.find("No. Points: ", pos);
        REQUIRE(pos != std::string::npos);
        pos += 12;
    }
    std::size_t end = s.find('\n', pos);
    std::string field = value;
    REQUIRE(field.size() <= end - pos);
    field.resize(end - pos, ' ');
    return s.replace(pos, end - pos, field);
}

std::filesystem::path write_variant(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
    auto p = dir / name;
    write_bytes(p, bytes);
    return p;
}

// The first n points of every variable must equal what the intact file holds.
void check_prefix(const RawFile& damaged, const RawPlot& plot, const RawFile& intact, const RawPlot& full, std::size_t n) {
    REQUIRE(plot.n_points == n);
    auto a = damaged.read_vectors(plot);
    auto b = intact.read_vectors(full);
    for (std::size_t v = 0; v < a.size(); ++v) {
        REQUIRE(a[v].size() == n);
        for (std::size_t k = 0; k < n; ++k) REQUIRE(a[v][k] == b[v][k]);
    }
}

const RawReadOptions tolerant{.tolerate_truncation = true};

}  // namespace

TEST_CASE("a binary raw file cut short is truncated: an error, or its complete points when tolerated", "[raw][errors]") {
    auto dir = nwn::test::scratch_dir("io_raw_cut_binary");
    auto path = nwn::test::run_rc_deck(dir, "tran", ".tran 10u 5m\n", RawKind::binary);
    RawFile intact(path);
    const RawPlot& full = intact.plots()[0];
    const std::size_t row = 4 * sizeof(double);
    auto bytes = read_bytes(path);
    REQUIRE(bytes.size() == full.data_offset + full.n_points * row);

    auto cut = write_variant(dir, "cut.raw", bytes.substr(0, full.data_offset + 100 * row + 13));
    CHECK_THROWS_WITH(RawFile(cut), Contains("cut.raw:6:") && Contains("truncated data") &&
                                        Contains("says " + std::to_string(full.n_points)) &&
                                        Contains("100 complete points and part of point 100") &&
                                        Contains("tolerate_truncation"));
    RawFile tolerated(cut, tolerant);
    CHECK(tolerated.plots()[0].truncated);
    CHECK(tolerated.plots()[0].declared_points == full.n_points);
    check_prefix(tolerated, tolerated.plots()[0], intact, full, 100);

    auto header_only = write_variant(dir, "header_only.raw", bytes.substr(0, full.data_offset));
    CHECK_THROWS_WITH(RawFile(header_only), Contains("only 0 complete points"));
    CHECK(RawFile(header_only, tolerant).plots()[0].n_points == 0);
}

// A killed `ngspice -b -r` run leaves "No. Points: 0" (checked by hand with `timeout -s KILL` on a long
// transient); the patched copy reproduces that deterministically.
TEST_CASE("a killed ngspice run whose No. Points was never back-patched is reported as truncated", "[raw][errors]") {
    auto dir = nwn::test::scratch_dir("io_raw_killed");
    for (RawKind kind : {RawKind::binary, RawKind::ascii}) {
        auto path = nwn::test::run_rc_deck(dir, "tran", ".tran 10u 5m\n", kind);
        RawFile intact(path);
        const RawPlot& full = intact.plots()[0];
        auto bytes = set_points_field(read_bytes(path), 0, "0");
        // Cut inside point 200: in ASCII, the middle of its third value line.
        std::size_t cut_at = full.data_offset + 200 * 4 * sizeof(double) + 20;
        if (kind == RawKind::ascii) {
            cut_at = bytes.find("\n200\t\t");
            REQUIRE(cut_at != std::string::npos);
            cut_at = bytes.find('\n', bytes.find('\n', cut_at + 1) + 1) + 8;
        }
        INFO((kind == RawKind::ascii ? "ascii" : "binary"));
        auto killed = write_variant(dir, "killed.raw", bytes.substr(0, cut_at));
        CHECK_THROWS_WITH(RawFile(killed), Contains("killed.raw:6:") && Contains("never back-patched") &&
                                               Contains("200 complete points and part of point 200"));
        RawFile tolerated(killed, tolerant);
        CHECK(tolerated.plots()[0].truncated);
        check_prefix(tolerated, tolerated.plots()[0], intact, full, 200);

        // Killed right after a complete point: every point is there, the header still is not.
        auto whole = write_variant(dir, "unpatched.raw", bytes);
        CHECK_THROWS_WITH(RawFile(whole), Contains("never back-patched") &&
                                              Contains(std::to_string(full.n_points) + " complete points follow"));
        check_prefix(RawFile(whole, tolerant), RawFile(whole, tolerant).plots()[0], intact, full, full.n_points);
    }
}

TEST_CASE("an ASCII raw file cut mid-value loses that point, never reads a shortened number", "[raw][errors]") {
    auto dir = nwn::test::scratch_dir("io_raw_cut_ascii");
    auto path = nwn::test::run_rc_deck(dir, "tran", ".tran 10u 5m\n", RawKind::ascii);
    RawFile intact(path);
    auto bytes = read_bytes(path);
    // Point 50's last value line, "\t-1.234...e-04\n": cut after a few digits of it.
    std::size_t p51 = bytes.find("\n51\t\t");
    REQUIRE(p51 != std::string::npos);
    auto cut = write_variant(dir, "cut.raw", bytes.substr(0, p51 - 6));
    CHECK_THROWS_WITH(RawFile(cut), Contains("cut.raw:6:") && Contains("50 complete points and part of point 50"));
    check_prefix(RawFile(cut, tolerant), RawFile(cut, tolerant).plots()[0], intact, intact.plots()[0], 50);

    // Even the final newline matters: without it the last value may be a shortened number.
    const std::size_t n = intact.plots()[0].n_points;
    auto no_newline = write_variant(dir, "no_newline.raw", bytes.substr(0, bytes.size() - 1));
    CHECK_THROWS_WITH(RawFile(no_newline), Contains(std::to_string(n - 1) + " complete points and part of point " +
                                                    std::to_string(n - 1)));
}

TEST_CASE("truncation in the second plot keeps the first intact", "[raw][errors]") {
    auto dir = nwn::test::scratch_dir("io_raw_cut_second_plot");
    auto path = nwn::test::run_rc_ac_tran(dir, RawKind::binary);
    RawFile intact(path);
    const RawPlot& tran = intact.plots()[1];
    auto cut = write_variant(dir, "cut.raw", read_bytes(path).substr(0, tran.data_offset + 10 * 32));
    CHECK_THROWS_WITH(RawFile(cut), Contains("plot 2 ('Transient Analysis')") && Contains("only 10 complete points"));
    RawFile tolerated(cut, tolerant);
    REQUIRE(tolerated.plots().size() == 2);
    CHECK_FALSE(tolerated.plots()[0].truncated);
    check_prefix(tolerated, tolerated.plots()[0], intact, intact.plots()[0], 21);
    check_prefix(tolerated, tolerated.plots()[1], intact, tran, 10);
}

TEST_CASE("corrupt raw headers fail naming the file and line", "[raw][errors]") {
    auto dir = nwn::test::scratch_dir("io_raw_bad_header");
    auto path = nwn::test::run_rc_deck(dir, "tran", ".tran 10u 5m\n", RawKind::binary);
    const auto good = read_bytes(path);
    struct Case {
        std::string what, from, to, expect;
    };
    const std::vector<Case> cases = {
        {"non-numeric variable count", "No. Variables: 4", "No. Variables: four", "bad.raw:5: invalid No. Variables 'four'"},
        {"negative point count", "No. Points: ", "No. Points: -3", "bad.raw:6: invalid No. Points '-3"},
        {"missing Flags", "Flags: real\n", "", "bad.raw:11: header has no 'Flags:' line"},
        {"missing Plotname", "Plotname: Transient Analysis\n", "", "header has no 'Plotname:' line"},
        {"variable without index", "\t2\tv(out)\tvoltage", "\tv(out)\tvoltage", "bad.raw:10: expected variable 2 of 4"},
        {"variable without name", "\t2\tv(out)\tvoltage", "\t2", "bad.raw:10: expected variable 2 of 4"},
        {"variable out of order", "\t2\tv(out)", "\t3\tv(out)", "bad.raw:10: variable index 3 out of order"},
        {"too few variables", "\t3\ti(v1)\tcurrent\n", "", "bad.raw:11: expected variable 3 of 4"},
        {"real and complex", "Flags: real", "Flags: real complex", "bad.raw:4: Flags says both real and complex"},
        {"line without a key", "Plotname:", "garbage\nPlotname:", "bad.raw:3: expected a 'Key: value' header line, found 'garbage'"},
        {"variables before their count", "No. Variables: 4\n", "", "bad.raw:6: 'Variables:' before 'No. Variables:'"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto bad = write_variant(dir, "bad.raw", replace_once(good, c.from, c.to));
        CHECK_THROWS_WITH(RawFile(bad), Contains(c.expect));
    }
    auto header_cut = write_variant(dir, "cut.raw", good.substr(0, good.find("\nVariables:") + 1));
    CHECK_THROWS_WITH(RawFile(header_cut), Contains("cut.raw:7: file ends before the 'Binary:' or 'Values:' line"));

    auto empty = write_variant(dir, "empty.raw", "");
    CHECK_THROWS_WITH(RawFile(empty), Contains("empty.raw: empty file"));
    auto csv = write_variant(dir, "data.csv", "time,v\n0,1\n");
    CHECK_THROWS_WITH(RawFile(csv), Contains("data.csv:1: expected a 'Key: value' header line, found 'time,v'"));
    CHECK_THROWS_WITH(RawFile(dir / "absent.raw"), Contains("absent.raw: cannot open"));
    auto ltspice = write_variant(dir, "lt.raw", std::string("T\0i\0t\0l\0e\0:\0 \0x\0\n\0", 18));
    CHECK_THROWS_WITH(RawFile(ltspice), Contains("lt.raw:1: UTF-16 header: an LTspice raw file"));
}

TEST_CASE("a point count that disagrees with the data between plots is caught", "[raw][errors]") {
    auto dir = nwn::test::scratch_dir("io_raw_bad_count");
    auto good = read_bytes(nwn::test::run_rc_ac_tran(dir, RawKind::binary));
    auto fewer = write_variant(dir, "fewer.raw", set_points_field(good, 0, "20"));
    CHECK_THROWS_WITH(RawFile(fewer), Contains("fewer.raw:6: plot 1 ('AC Analysis'): after the 20 declared points") &&
                                          Contains("does not match the data"));
    auto real = write_variant(dir, "real.raw", replace_once(good, "Flags: complex", "Flags: real"));
    CHECK_THROWS_WITH(RawFile(real), Contains("does not match the data"));
}

TEST_CASE("unknown header lines and variable attributes are kept, not rejected", "[raw]") {
    auto dir = nwn::test::scratch_dir("io_raw_extra_header");
    auto path = nwn::test::run_rc_deck(dir, "tran", ".tran 10u 5m\n", RawKind::binary);
    RawFile intact(path);
    auto text = replace_once(read_bytes(path), "Flags: real\n",
                             "Flags: real forward\nCommand: version 39\nOption: reltol=1e-3\nDimensions: 526\n"
                             "Offset: 0.0\nX-Vendor-Note: whatever\n\n");
    text = replace_once(text, "\t2\tv(out)\tvoltage\n", "\t2\tv(out)\tvoltage\tdims=1 min=0\n");
    auto p = write_variant(dir, "extra.raw", text);
    RawFile raw(p);
    const RawPlot& plot = raw.plots()[0];
    CHECK(plot.flags == "real forward");
    REQUIRE(plot.other_fields.size() == 5);
    CHECK(plot.other_fields[0] == std::pair<std::string, std::string>{"Command", "version 39"});
    CHECK(plot.other_fields[4] == std::pair<std::string, std::string>{"X-Vendor-Note", "whatever"});
    CHECK(plot.variables[2].attributes == std::vector<std::string>{"dims=1", "min=0"});
    check_prefix(raw, plot, intact, intact.plots()[0], intact.plots()[0].n_points);
}

TEST_CASE("bad values in ASCII raw data name the line and the point", "[raw][errors]") {
    auto dir = nwn::test::scratch_dir("io_raw_bad_value");
    auto good = read_bytes(nwn::test::run_rc_deck(dir, "tran", ".tran 10u 5m\n", RawKind::ascii));
    // Header is lines 1-12; point k is lines 13+4k .. 16+4k; v(out) of point 10 is line 55.
    auto p10 = good.find("\n10\t\t");
    REQUIRE(p10 != std::string::npos);
    std::size_t vout = good.find('\n', good.find('\n', p10 + 1) + 1) + 1;
    std::string bad_text = good;
    bad_text.replace(vout, good.find('\n', vout) - vout, "\tabc");
    auto bad = write_variant(dir, "bad_value.raw", bad_text);
    RawFile raw(bad);  // values are parsed when read, not when the file is opened
    CHECK_THROWS_WITH(raw.read_vectors(raw.plots()[0], {"time"}),
                      Contains("bad_value.raw:55: plot 1 ('Transient Analysis'), point 10: variable 'v(out)': "
                               "expected a number, found 'abc'"));

    auto bad_index = write_variant(dir, "bad_index.raw", replace_once(good, "\n10\t\t", "\n11\t\t"));
    CHECK_THROWS_WITH(RawFile(bad_index), Contains("bad_index.raw:53:") &&
                                              Contains("point 10: expected the point index 10, found '11'"));
}

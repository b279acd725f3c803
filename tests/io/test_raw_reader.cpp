// The raw reader against files written by the real ngspice: structure, analytic RC values, the ASCII and
// binary encodings of the same run, and chunked reading.
#include <catch2/catch.hpp>

#include <cmath>
#include <complex>

#include "runner/io/raw_reader.h"
#include "ngspice_fixture.h"
#include "support/reference.h"

using namespace nwn::io;
using nwn::test::RawKind;

namespace {

constexpr double pi = 3.14159265358979323846;

std::complex<double> rc_transfer(double f) { return 1.0 / std::complex<double>(1.0, 2 * pi * f * nwn::test::rc_R * nwn::test::rc_C); }

void check_structure(const RawFile& raw, RawKind kind) {
    REQUIRE(raw.plots().size() == 2);
    const RawPlot& ac = raw.plots()[0];
    const RawPlot& tran = raw.plots()[1];
    CHECK(ac.plotname == "AC Analysis");
    CHECK(ac.complex);
    CHECK(ac.n_points == 21);
    CHECK(ac.declared_points == 21);
    CHECK(tran.plotname == "Transient Analysis");
    CHECK_FALSE(tran.complex);
    CHECK(tran.n_points == tran.declared_points);
    CHECK(tran.n_points > 500);  // 5 ms at a 10 us maximum step
    for (const RawPlot* p : {&ac, &tran}) {
        CHECK(p->binary == (kind == RawKind::binary));
        CHECK_FALSE(p->truncated);
        CHECK(p->title == "rc low-pass for the nwn_io tests");  // ngspice lower-cases the title
        REQUIRE(p->variables.size() == 4);
        CHECK(p->variables[1].name == "v(in)");
        CHECK(p->variables[2].type == "voltage");
        CHECK(p->variables[3].name == "i(v1)");
        CHECK(p->variables[3].type == "current");
    }
    CHECK(ac.variables[0].name == "frequency");
    // ngspice marks the AC scale "grid=3" (logarithmic): an extra attribute the reader must keep.
    CHECK(ac.variables[0].attributes == std::vector<std::string>{"grid=3"});
    CHECK(tran.variables[0].name == "time");
    CHECK(&raw.plot("tran") == &tran);
    CHECK(&raw.plot("ac analysis") == &ac);
}

// AC is one direct linear solve per frequency, so ngspice agrees with the analytic transfer function to
// rounding error (the ASCII encoding keeps 16 significant digits); 1e-12 leaves ample margin.
void check_ac(const RawFile& raw) {
    const RawPlot& ac = raw.plot("AC");
    auto v = raw.read_vectors(ac, {"frequency", "v(in)", "v(out)", "i(v1)"});
    REQUIRE(v[0].size() == 21);
    for (std::size_t k = 0; k < 21; ++k) {
        const double f = v[0].real[k];
        INFO("f = " << f);
        CHECK(f == Approx(10 * std::pow(10.0, k / 5.0)).epsilon(1e-12));
        const auto h = rc_transfer(f);
        CHECK(std::abs(v[1][k] - 1.0) < 1e-12);
        CHECK(std::abs(v[2][k] - h) < 1e-12);
        // KCL: the source supplies the capacitor current, and ngspice counts it flowing into the + node.
        const auto i_expected = -std::complex<double>(0, 2 * pi * f * nwn::test::rc_C) * h;
        CHECK(std::abs(v[3][k] - i_expected) < 1e-12 * std::abs(i_expected) + 1e-18);
    }
}

// The transient is integrated numerically (trapezoidal, steps <= 10 us against tau = 1 ms), so it carries
// truncation error: 3.0e-6 V at worst with ngspice 39. 2e-5 V leaves room for other versions' step
// control and still catches a misread column or point, which would be off by >= 6e-3 V.
void check_tran(const RawFile& raw) {
    const RawPlot& tran = raw.plot("Transient Analysis");
    auto v = raw.read_vectors(tran, {"time", "V(IN)", "out", "v1#branch"});
    const auto& t = v[0].real;
    REQUIRE(t.size() == tran.n_points);
    CHECK(t.front() == 0.0);
    CHECK(t.back() == Approx(5e-3).epsilon(1e-12));
    double worst = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
        if (k) REQUIRE(t[k] > t[k - 1]);
        worst = std::max(worst, std::abs(v[2].real[k] - nwn::test::rc_step_response(t[k])));
        if (t[k] >= nwn::test::rc_rise) CHECK(v[1].real[k] == 1.0);
        // Ohm's law through R at the converged solution; Newton's abstol is 1e-12 A.
        CHECK(std::abs(v[3].real[k] + (v[1].real[k] - v[2].real[k]) / nwn::test::rc_R) < 1e-11);
    }
    CHECK(worst < 2e-5);
    CHECK(v[2].imag.empty());
}

}  // namespace

TEST_CASE("binary raw file from ngspice: AC and transient plots match the analytic RC answer", "[raw]") {
    auto dir = nwn::test::scratch_dir("io_raw_binary");
    RawFile raw(nwn::test::run_rc_ac_tran(dir, RawKind::binary));
    check_structure(raw, RawKind::binary);
    check_ac(raw);
    check_tran(raw);
}

TEST_CASE("ASCII raw file from ngspice: AC and transient plots match the analytic RC answer", "[raw]") {
    auto dir = nwn::test::scratch_dir("io_raw_ascii");
    RawFile raw(nwn::test::run_rc_ac_tran(dir, RawKind::ascii));
    check_structure(raw, RawKind::ascii);
    CHECK(raw.plots()[0].data_line == 13);  // line numbers are known throughout an ASCII file
    CHECK(raw.plots()[1].header_line == raw.plots()[0].data_line + 4 * 21);  // 4 value lines per AC point
    check_ac(raw);
    check_tran(raw);
}

// The same deterministic run in both encodings: ASCII prints 16 significant digits ("%.15e"); half a unit
// in the 16th digit is at most 5e-16 of the value, plus one rounding when parsed back: 1e-15 covers both.
TEST_CASE("ASCII and binary encodings of one ngspice run hold the same values", "[raw]") {
    auto dir = nwn::test::scratch_dir("io_raw_ascii_vs_binary");
    RawFile bin(nwn::test::run_rc_ac_tran(dir, RawKind::binary));
    RawFile asc(nwn::test::run_rc_ac_tran(dir, RawKind::ascii));
    for (std::size_t p = 0; p < 2; ++p) {
        auto a = asc.read_vectors(asc.plots()[p]);
        auto b = bin.read_vectors(bin.plots()[p]);
        REQUIRE(a.size() == b.size());
        for (std::size_t v = 0; v < a.size(); ++v) {
            REQUIRE(a[v].size() == b[v].size());
            for (std::size_t k = 0; k < a[v].size(); ++k) {
                INFO(a[v].name << "[" << k << "]");
                CHECK(std::abs(a[v].real[k] - b[v].real[k]) <= 1e-15 * std::abs(b[v].real[k]));
                if (p == 0 && v > 0)  // the imaginary part of ngspice's AC frequency scale is not meaningful
                    CHECK(std::abs(a[v].imag[k] - b[v].imag[k]) <= 1e-15 * std::abs(b[v].imag[k]));
            }
        }
    }
}

TEST_CASE("chunked reading gives the same values as reading whole vectors", "[raw]") {
    auto dir = nwn::test::scratch_dir("io_raw_chunks");
    for (RawKind kind : {RawKind::binary, RawKind::ascii}) {
        RawFile raw(nwn::test::run_rc_ac_tran(dir, kind));
        for (const RawPlot& plot : raw.plots()) {
            const std::vector<std::string> names = {"i(v1)", plot.variables[0].name, "v(out)"};
            auto whole = raw.read_vectors(plot, names);
            for (std::size_t block : {1, 7, 100, 100000}) {
                INFO("plot " << plot.plotname << ", block " << block);
                std::size_t expected_first = 0, calls = 0;
                raw.for_each_block(plot, names, [&](const PointBlock& b) {
                    ++calls;
                    REQUIRE(b.first_point == expected_first);
                    REQUIRE(b.n_vars == 3);
                    REQUIRE(b.n_points <= block);
                    for (std::size_t p = 0; p < b.n_points; ++p)
                        for (std::size_t v = 0; v < 3; ++v)
                            REQUIRE(b.value(p, v) == whole[v][b.first_point + p]);
                    expected_first += b.n_points;
                }, block);
                CHECK(expected_first == plot.n_points);
                CHECK(calls == (plot.n_points + block - 1) / block);
            }
            PointReader reader(raw, plot, {"v(out)"}, 64);
            PointBlock b;
            std::size_t seen = 0;
            while (reader.next(b)) seen += b.n_points;
            CHECK(seen == plot.n_points);
            CHECK_FALSE(reader.next(b));
            CHECK(b.n_points == 0);
        }
    }
}

TEST_CASE("vector names match case-insensitively and across ngspice/Xyce spellings", "[raw]") {
    auto dir = nwn::test::scratch_dir("io_raw_names");
    RawFile raw(nwn::test::run_rc_ac_tran(dir, RawKind::binary));
    const RawPlot& tran = raw.plot("tran");
    CHECK(tran.find("v(out)") == 2);
    CHECK(tran.find("V(OUT)") == 2);
    CHECK(tran.find("out") == 2);
    CHECK(tran.find("OUT") == 2);
    CHECK(tran.find("i(v1)") == 3);
    CHECK(tran.find("I(V1)") == 3);
    CHECK(tran.find("v1#branch") == 3);
    CHECK(tran.find("TIME") == 0);
    CHECK(tran.find("v(nowhere)") == RawPlot::npos);
    CHECK(tran.find("i(out)") == RawPlot::npos);
    CHECK_THROWS_WITH(raw.read_vector(tran, "v(nowhere)"),
                      Catch::Contains("rc_binary.raw") && Catch::Contains("no variable 'v(nowhere)'") &&
                          Catch::Contains("time, v(in), v(out), i(v1)"));
    CHECK_THROWS_WITH(raw.plot("noise"), Catch::Contains("no plot named 'noise'") && Catch::Contains("'AC Analysis'"));
}

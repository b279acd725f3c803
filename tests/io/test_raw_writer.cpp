// The raw writer: its files round-trip through the reader bit for bit, load in the real ngspice with the
// same values, and never appear half-written.
#include <catch2/catch.hpp>

#include <cmath>
#include <complex>
#include <regex>

#include "runner/io/raw_reader.h"
#include "runner/io/raw_writer.h"
#include "ngspice_fixture.h"
#include "support/reference.h"

using namespace nwn::io;
using Catch::Contains;

namespace {

// Values with full 17-digit mantissas, so any loss of precision would show.
double vout(std::size_t k) { return 1 - std::exp(-static_cast<double>(k) / 37.0); }
double iv1(std::size_t k) { return -std::sin(k * 0.1) / 3e3; }
std::complex<double> hac(std::size_t k) { return 1.0 / std::complex<double>(1.0, std::pow(10.0, k / 5.0 - 2)); }

RawPlotSpec tran_spec() {
    RawPlotSpec s;
    s.title = "written by nwn_io";
    s.plotname = "Transient Analysis";
    s.variables = {{"time", "time"}, {"v(out)", "voltage"}, {"i(v1)", "current"}};
    s.date = "Thu Jan  1 00:00:00  2026";
    return s;
}

RawPlotSpec ac_spec() {
    RawPlotSpec s;
    s.plotname = "AC Analysis";
    s.complex = true;
    s.variables = {{"frequency", "frequency"}, {"v(out)", "voltage"}};
    return s;
}

void write_two_plots(const std::filesystem::path& path) {
    RawWriter w(path, tran_spec());
    for (std::size_t k = 0; k < 101; ++k) w.append({k * 1e-5, vout(k), iv1(k)});
    CHECK(w.points() == 101);
    w.begin_plot(ac_spec());
    for (std::size_t k = 0; k < 21; ++k) {
        const std::complex<double> point[] = {10 * std::pow(10.0, k / 5.0), hac(k)};
        w.append(point);
    }
    w.close();
}

// ngspice prints "name[k] = 5.308270780997932e-01" (16 significant digits with numdgt=15).
double ngspice_value(const std::string& out, const std::string& expr) {
    std::regex re(std::regex_replace(expr, std::regex(R"([\[\]\(\)])"), R"(\$&)") + R"(\s*=\s*([-+0-9.eE]+))");
    std::smatch m;
    INFO("ngspice output:\n" << out);
    REQUIRE(std::regex_search(out, m, re));
    return std::stod(m[1]);
}

}  // namespace

TEST_CASE("raw writer output round-trips exactly through the reader", "[raw][writer]") {
    auto dir = nwn::test::scratch_dir("io_raw_writer_roundtrip");
    auto path = dir / "written.raw";
    write_two_plots(path);
    RawFile raw(path);
    REQUIRE(raw.plots().size() == 2);
    const RawPlot& tran = raw.plots()[0];
    CHECK(tran.title == "written by nwn_io");
    CHECK(tran.date == "Thu Jan  1 00:00:00  2026");
    CHECK(tran.n_points == 101);
    CHECK(tran.variables[2].type == "current");
    auto v = raw.read_vectors(tran, {"time", "v(out)", "i(v1)"});
    for (std::size_t k = 0; k < 101; ++k) {
        CHECK(v[0].real[k] == k * 1e-5);
        CHECK(v[1].real[k] == vout(k));
        CHECK(v[2].real[k] == iv1(k));
    }
    const RawPlot& ac = raw.plot("AC");
    CHECK(ac.complex);
    CHECK(ac.n_points == 21);
    auto h = raw.read_vector(ac, "out");
    for (std::size_t k = 0; k < 21; ++k) CHECK(h[k] == hac(k));
    CHECK_FALSE(ac.date.empty());  // defaulted to the current time
}

TEST_CASE("raw writer output loads in ngspice with the same values", "[raw][writer]") {
    auto dir = nwn::test::scratch_dir("io_raw_writer_ngspice");
    write_two_plots(dir / "written.raw");
    nwn::test::write_bytes(dir / "load.cir", "load a raw file written by nwn_io\n"
                                             ".control\n"
                                             "set numdgt=15\n"
                                             "load written.raw\n"
                                             "setplot tran1\n"
                                             "print length(time)\n"
                                             "print v(out)[17] i(v1)[50] time[100]\n"
                                             "setplot ac1\n"
                                             "print length(frequency)\n"
                                             "print real(v(out))[7] imag(v(out))[7]\n"
                                             "quit 0\n"  // batch mode without a circuit exits 1 otherwise
                                             ".endc\n"
                                             ".end\n");
    std::string out;
    int rc = nwn::test::run_command("cd '" + dir.string() + "' && ngspice -b load.cir", &out);
    INFO(out);
    REQUIRE(rc == 0);
    CHECK_THAT(out, !Contains("rror"));
    // 16 printed digits: half a unit in the 16th digit is below 5e-16 relative.
    CHECK(ngspice_value(out, "length(time)") == 101);
    CHECK(ngspice_value(out, "v(out)[17]") == Approx(vout(17)).epsilon(5e-16));
    CHECK(ngspice_value(out, "i(v1)[50]") == Approx(iv1(50)).epsilon(5e-16));
    CHECK(ngspice_value(out, "time[100]") == Approx(1e-3).epsilon(5e-16));
    CHECK(ngspice_value(out, "length(frequency)") == 21);
    CHECK(ngspice_value(out, "real(v(out))[7]") == Approx(hac(7).real()).epsilon(5e-16));
    CHECK(ngspice_value(out, "imag(v(out))[7]") == Approx(hac(7).imag()).epsilon(5e-16));
}

TEST_CASE("raw writer is atomic: nothing at the path until close()", "[raw][writer]") {
    auto dir = nwn::test::scratch_dir("io_raw_writer_atomic");
    auto path = dir / "partial.raw";
    {
        RawWriter w(path, tran_spec());
        w.append({0.0, 1.0, 2.0});
        CHECK_FALSE(std::filesystem::exists(path));
    }  // abandoned, as by an exception
    CHECK(std::filesystem::is_empty(dir));

    RawWriter w(path, tran_spec());
    CHECK_THROWS_WITH(w.append({0.0, 1.0}), Contains("partial.raw") && Contains("point 0 has 2 values, the plot has 3"));
    const std::complex<double> c[] = {1.0, 2.0, 3.0};
    CHECK_THROWS_WITH(w.append(c), Contains("complex values appended to a real plot"));
    RawPlotSpec spaced = tran_spec();
    spaced.variables[1].name = "v out";
    CHECK_THROWS_WITH(w.begin_plot(spaced), Contains("non-empty words"));
    w.close();
    CHECK(RawFile(path).plots()[0].n_points == 0);  // an empty plot is still a valid file
    CHECK_THROWS_WITH(w.append({0.0, 1.0, 2.0}), Contains("after close()"));
}

// Reads go through a bounded buffer (8 MB) whatever the block size asked for; a 10 MB file crosses it.
TEST_CASE("a raw file larger than the read buffer streams correctly", "[raw][writer]") {
    auto dir = nwn::test::scratch_dir("io_raw_large");
    auto path = dir / "large.raw";
    constexpr std::size_t n = 320000;  // x 4 variables x 8 bytes = 10.2 MB
    {
        RawPlotSpec spec = tran_spec();
        spec.variables.push_back({"v(in)", "voltage"});
        RawWriter w(path, spec);
        for (std::size_t k = 0; k < n; ++k) w.append({k * 1e-9, k * 0.5, -double(k), k % 7 * 1.0});
        w.close();
    }
    RawFile raw(path);
    const RawPlot& plot = raw.plots()[0];
    REQUIRE(plot.n_points == n);
    for (std::size_t block : {std::size_t(4096), n}) {
        std::size_t seen = 0;
        bool ok = true;
        raw.for_each_block(plot, {"v(in)", "i(v1)"}, [&](const PointBlock& b) {
            for (std::size_t p = 0; p < b.n_points; ++p) {
                const std::size_t k = b.first_point + p;
                ok = ok && b.real(p, 0) == k % 7 * 1.0 && b.real(p, 1) == -double(k);
            }
            seen += b.n_points;
        }, block);
        CHECK(ok);
        CHECK(seen == n);
    }
}

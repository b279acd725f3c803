// Raw files in Xyce's dialect. Xyce is not installed here, so these files are built by hand following its
// writers (N_IO_OutputterTimeRawAscii.C, N_IO_OutputterFrequencyRawAscii.C, N_IO_OutputterOverrideRaw.C):
// Title and Date only before the first plot, a blank "No. Points:" until back-patched, an INDEX column
// without a type, an optional "Version:" line, upper-case names, "re, im" with a space, and a blank line
// after every ASCII point.
#include <catch2/catch.hpp>

#include <cstring>

#include "runner/io/raw_reader.h"
#include "ngspice_fixture.h"
#include "support/reference.h"

using namespace nwn::io;
using Catch::Contains;

namespace {

// Xyce pads the point count with 18 blanks so that the back-patch fits.
std::string xyce_header(const std::string& plotname, const char* flags, const std::string& points,
                        const std::vector<std::string>& vars, const char* data_marker) {
    std::string h = "Plotname: " + plotname + "\nFlags: " + flags + "\nNo. Variables: " + std::to_string(vars.size()) +
                    "\nNo. Points: " + points + std::string(18 - points.size(), ' ') +
                    "\nVersion: Xyce Release 7.8\nVariables:\n";
    for (std::size_t i = 0; i < vars.size(); ++i) h += "\t" + std::to_string(i) + "\t" + vars[i] + "\n";
    return h + data_marker + "\n";
}

const std::vector<std::string> tran_vars = {"INDEX\t", "TIME\ttime", "V(OUT)\tvoltage", "I(V1)\tcurrent"};

// Point k of step s: time k*1e-4, v = 0.1*k + s, i = -1e-3*k.
std::string xyce_ascii_tran(int step, int points, bool patched) {
    std::string s = xyce_header("Step Analysis: Step " + std::to_string(step + 1) +
                                    " of 2 params:  name = R1 value = 1000  Transient Analysis",
                                "real", patched ? std::to_string(points) : "", tran_vars, "Values:");
    char buf[200];
    for (int k = 0; k < points; ++k) {
        std::snprintf(buf, sizeof buf, "%d\t%.8e\n\t%.8e\n\t%.8e\n\t%.8e\n\n", k, double(k), k * 1e-4, 0.1 * k + step,
                      -1e-3 * k);
        s += buf;
    }
    return s;
}

}  // namespace

TEST_CASE("Xyce-style ASCII raw files: headerless later plots, INDEX column, upper-case names", "[raw][xyce]") {
    auto dir = nwn::test::scratch_dir("io_raw_xyce_ascii");
    auto path = dir / "xyce.raw";
    nwn::test::write_bytes(path, "Title: xyce rc\nDate: Thu Nov 26 06:14:21 2026\n" + xyce_ascii_tran(0, 5, true) +
                                     xyce_ascii_tran(1, 7, true));
    RawFile raw(path);
    REQUIRE(raw.plots().size() == 2);
    CHECK(raw.plots()[0].title == "xyce rc");
    CHECK(raw.plots()[1].title.empty());
    CHECK(raw.plots()[1].header_line == 14 + 5 * 5);  // 13 header lines, 5 lines per point
    CHECK(raw.plots()[0].variables[0].type.empty());
    CHECK(raw.plots()[0].other_fields.at(0) == std::pair<std::string, std::string>{"Version", "Xyce Release 7.8"});
    const RawPlot& step2 = raw.plots()[1];
    CHECK(step2.n_points == 7);
    auto v = raw.read_vectors(step2, {"time", "v(out)", "i(v1)", "v1#branch"});
    for (int k = 0; k < 7; ++k) {
        CHECK(v[0].real[k] == Approx(k * 1e-4).epsilon(1e-8));
        CHECK(v[1].real[k] == Approx(0.1 * k + 1).epsilon(1e-8));
        CHECK(v[2].real[k] == Approx(-1e-3 * k).epsilon(1e-8));
        CHECK(v[3].real[k] == v[2].real[k]);
    }
    CHECK(&raw.plot("Step Analysis: Step 2") == &step2);
}

TEST_CASE("Xyce-style killed run: a blank No. Points is an unpatched count", "[raw][xyce][errors]") {
    auto dir = nwn::test::scratch_dir("io_raw_xyce_killed");
    auto path = dir / "killed.raw";
    nwn::test::write_bytes(path, "Title: xyce rc\nDate: today\n" + xyce_ascii_tran(0, 6, false));
    CHECK_THROWS_WITH(RawFile(path), Contains("killed.raw:6:") && Contains("never back-patched") &&
                                         Contains("6 complete points follow"));
    RawFile raw(path, {.tolerate_truncation = true});
    CHECK(raw.plots()[0].truncated);
    CHECK(raw.read_vector(raw.plots()[0], "V(OUT)").real.at(5) == Approx(0.5));
}

TEST_CASE("Xyce-style complex ASCII values written as 're, im'", "[raw][xyce]") {
    auto dir = nwn::test::scratch_dir("io_raw_xyce_complex");
    std::string s = "Title: xyce ac\nDate: today\n" +
                    xyce_header("AC Analysis", "complex", "3", {"FREQUENCY\tfrequency", "V(OUT)\tvoltage"}, "Values:");
    char buf[200];
    for (int k = 0; k < 3; ++k) {
        std::snprintf(buf, sizeof buf, "%d\t%.8e, %.8e\n\t%.8e, %.8e\n\n", k, 10.0 * (k + 1), 0.0, 1.0 / (k + 1), -0.5 * k);
        s += buf;
    }
    nwn::test::write_bytes(dir / "ac.raw", s);
    RawFile raw(dir / "ac.raw");
    auto v = raw.read_vector(raw.plot("ac"), "out");
    REQUIRE(v.size() == 3);
    CHECK(v[2].real() == Approx(1.0 / 3).epsilon(1e-8));
    CHECK(v[2].imag() == -1.0);

    // Cut between "re," and "im": the last point is incomplete.
    nwn::test::write_bytes(dir / "cut.raw", s.substr(0, s.rfind(", ") + 1));
    CHECK_THROWS_WITH(RawFile(dir / "cut.raw"), Contains("only 2 complete points and part of point 2"));
}

TEST_CASE("Xyce-style binary file whose second plot starts at Plotname:", "[raw][xyce]") {
    auto dir = nwn::test::scratch_dir("io_raw_xyce_binary");
    const std::vector<std::string> vars = {"time\ttime", "OUT\tvoltage", "V1#branch\tcurrent"};
    std::string s = "Title: xyce rc\nDate: today\n";
    for (int step = 0; step < 2; ++step) {
        s += xyce_header("Transient Analysis", "real", "4", vars, "Binary:");
        for (int k = 0; k < 4; ++k) {
            const double point[] = {k * 1e-3, step + 0.25 * k, -1e-3 * k};
            s.append(reinterpret_cast<const char*>(point), sizeof point);
        }
    }
    nwn::test::write_bytes(dir / "xyce.raw", s);
    RawFile raw(dir / "xyce.raw");
    REQUIRE(raw.plots().size() == 2);
    CHECK(raw.plots()[1].header_line == 0);  // after binary data, line numbers mean nothing
    auto out = raw.read_vector(raw.plots()[1], "v(out)");
    CHECK(out.real == std::vector<double>{1, 1.25, 1.5, 1.75});
    CHECK(raw.read_vector(raw.plots()[0], "i(v1)").real.at(3) == -3e-3);
}

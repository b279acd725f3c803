// The time-series CSV: exact round trips, comments, and an error naming FILE:LINE:COLUMN for every kind
// of bad input.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>

#include "runner/io/timeseries_csv.h"
#include "ngspice_fixture.h"
#include "support/reference.h"

using namespace nwn::io;
using Catch::Contains;
using nwn::test::write_bytes;

namespace {

std::filesystem::path csv_file(const std::filesystem::path& dir, const std::string& name, const std::string& text) {
    write_bytes(dir / name, text);
    return dir / name;
}

}  // namespace

TEST_CASE("time-series CSV round-trips every double exactly", "[csv]") {
    auto dir = nwn::test::scratch_dir("io_csv_roundtrip");
    TimeSeries ts;
    ts.names = {"time", "v(a,b)", "say \"hi\"", "#count"};
    const double tiny = std::numeric_limits<double>::denorm_min();
    ts.columns = {{0.0, 1e-9, 0.1 + 0.2, 1.0 / 3.0},
                  {-0.0, tiny, std::numeric_limits<double>::max(), -1.2345678901234567e-300},
                  {std::numbers::pi, -std::numbers::e, 1e22, 5e-324},
                  {1, 2, 3, 4}};
    write_timeseries_csv(dir / "ts.csv", ts, {"written by the io tests", "two\nlines"});
    auto back = read_timeseries_csv(dir / "ts.csv");
    CHECK(back.names == ts.names);
    REQUIRE(back.rows() == 4);
    for (std::size_t c = 0; c < ts.columns.size(); ++c)
        for (std::size_t r = 0; r < 4; ++r) {
            CHECK(back.columns[c][r] == ts.columns[c][r]);
            CHECK(std::signbit(back.columns[c][r]) == std::signbit(ts.columns[c][r]));
        }
    CHECK(back.row_lines == std::vector<std::size_t>{5, 6, 7, 8});  // after 3 comment lines and the header
    check_strictly_increasing(back, "time");

    auto picked = read_timeseries_csv(dir / "ts.csv", {.columns = {"#COUNT", "time"}});
    CHECK(picked.names == std::vector<std::string>{"#count", "time"});
    CHECK(picked.column("time")[2] == 0.1 + 0.2);
}

TEST_CASE("time-series CSV reader accepts comments, blank lines, spaces and CRLF", "[csv]") {
    auto dir = nwn::test::scratch_dir("io_csv_lenient");
    auto p = csv_file(dir, "ok.csv", "# produced elsewhere\r\n\r\n time , v1\r\n0, +1.5\r\n  # mid-file note\r\n1e-3,-2E2\r\n\r\n");
    auto ts = read_timeseries_csv(p);
    CHECK(ts.names == std::vector<std::string>{"time", "v1"});
    CHECK(ts.column("v1") == std::vector<double>{1.5, -200});
    CHECK(ts.row_lines == std::vector<std::size_t>{4, 6});

    auto bom = read_timeseries_csv(csv_file(dir, "bom.csv", "\xEF\xBB\xBFtime,v\n0,1\n"));
    CHECK(bom.names.front() == "time");

    auto header_only = read_timeseries_csv(csv_file(dir, "header.csv", "time,v\n"));
    CHECK(header_only.rows() == 0);
    CHECK(header_only.names.size() == 2);
}

TEST_CASE("time-series CSV errors name file, line and column", "[csv][errors]") {
    auto dir = nwn::test::scratch_dir("io_csv_errors");
    auto p = csv_file(dir, "abc.csv", "time,v\n0,1\n1e-3,abc\n");
    CHECK_THROWS_WITH(read_timeseries_csv(p), Contains("abc.csv:3:6: column 'v': 'abc' is not a number"));

    p = csv_file(dir, "nan.csv", "# c\ntime, v\n0, 1\n1, nan\n2, -inf\n");
    CHECK_THROWS_WITH(read_timeseries_csv(p), Contains("nan.csv:4:4: column 'v': 'nan' is not finite"));
    auto with_nan = read_timeseries_csv(p, {.allow_nan = true});
    CHECK(std::isnan(with_nan.column("v")[1]));
    CHECK(with_nan.column("v")[2] == -std::numeric_limits<double>::infinity());

    p = csv_file(dir, "fields.csv", "time,v\n0,1\n1,2,3\n");
    CHECK_THROWS_WITH(read_timeseries_csv(p),
                      Contains("fields.csv:3: expected 2 fields as in the header on line 1, found 3"));
    p = csv_file(dir, "short.csv", "time,v\n0,1\n1\n");
    CHECK_THROWS_WITH(read_timeseries_csv(p), Contains("short.csv:3: expected 2 fields"));
    p = csv_file(dir, "blank.csv", "time,v\n0,\n");
    CHECK_THROWS_WITH(read_timeseries_csv(p), Contains("blank.csv:2:3: column 'v': '' is not a number"));

    CHECK_THROWS_WITH(read_timeseries_csv(csv_file(dir, "empty.csv", "")), Contains("empty.csv: empty file"));
    CHECK_THROWS_WITH(read_timeseries_csv(csv_file(dir, "comments.csv", "# only\n\n# comments\n")),
                      Contains("comments.csv: no header row"));
    CHECK_THROWS_WITH(read_timeseries_csv(dir / "absent.csv"), Contains("absent.csv: cannot open"));

    p = csv_file(dir, "cols.csv", "# x\ntime,v\n0,1\n");
    CHECK_THROWS_WITH(read_timeseries_csv(p, {.columns = {"time", "i"}}),
                      Contains("cols.csv:2: no column 'i'; columns are: time, v"));
    CHECK_THROWS_WITH(read_timeseries_csv(p).column("w"), Contains("cols.csv: no column 'w'"));
    CHECK_THROWS_WITH(read_timeseries_csv(csv_file(dir, "dup.csv", "time,v,v\n")),
                      Contains("dup.csv:1:8: duplicate column name 'v'"));
    CHECK_THROWS_WITH(read_timeseries_csv(csv_file(dir, "unnamed.csv", "time,,v\n")),
                      Contains("unnamed.csv:1:6: empty column name"));
    CHECK_THROWS_WITH(read_timeseries_csv(csv_file(dir, "quote.csv", "time,\"v\n")),
                      Contains("quote.csv:1:6: unterminated quoted column name"));
}

TEST_CASE("strictly increasing check names the offending line", "[csv]") {
    auto dir = nwn::test::scratch_dir("io_csv_increasing");
    auto p = csv_file(dir, "t.csv", "time,v\n0,1\n# note\n1e-3,2\n1e-3,3\n");
    auto ts = read_timeseries_csv(p);
    CHECK_THROWS_WITH(check_strictly_increasing(ts, "time"),
                      Contains("t.csv:5: column 'time' is not strictly increasing: 0.001 follows 0.001 on line 4"));
    CHECK_THROWS_WITH(check_strictly_increasing(ts, "i"), Contains("no column 'i'"));
    TimeSeries mem;
    mem.names = {"t"};
    mem.columns = {{0, 2, 1}};
    CHECK_THROWS_WITH(check_strictly_increasing(mem, "t"), Contains("time series: column 't'") && Contains("at row 2"));
}

TEST_CASE("time-series CSV writer is atomic and checks row widths", "[csv]") {
    auto dir = nwn::test::scratch_dir("io_csv_writer");
    auto path = dir / "out.csv";
    {
        TimeSeriesCsvWriter w(path, {"time", "v"});
        w.write_row({0, 1});
        CHECK_FALSE(std::filesystem::exists(path));
        CHECK_THROWS_WITH(w.write_row({0}), Contains("out.csv: row 1 has 1 values, the header 2 columns"));
    }
    CHECK(std::filesystem::is_empty(dir));
    TimeSeriesCsvWriter w(path, {"time", "v"}, {"note"});
    w.write_row({0, 0.1});
    w.write_row({1e-3, -2.5});
    w.close();
    CHECK(nwn::test::read_bytes(path) == "# note\ntime,v\n0,0.1\n0.001,-2.5\n");
    CHECK_THROWS(TimeSeriesCsvWriter(dir / "x.csv", {"time", ""}));
}

TEST_CASE("a cut-short last row is refused, not read as a shorter number", "[csv][errors]") {
    auto dir = nwn::test::scratch_dir("io_csv_cut");
    // "4.06e-0" is what is left of "4.06e-05": a complete number, so only the missing line end betrays it
    auto p = csv_file(dir, "cut.csv", "t,V,I,G\n0,1,2e-6,2e-6\n0.001,1,4.06e-05,4.06e-0");
    CHECK_THROWS_WITH(read_timeseries_csv(p),
                      Contains("cut.csv:3: the last row has no line end, so the file may be cut short"));
    CHECK_THROWS_WITH(read_timeseries_csv(csv_file(dir, "few.csv", "t,V,I,G\n0,1,2e-6,2e-6\n0.001,1")),
                      Contains("few.csv:3: the last row has no line end"));
    CHECK_THROWS_WITH(read_timeseries_csv(csv_file(dir, "mid.csv", "t,V\n0,1\n1,4.06e-\n")),
                      Contains("mid.csv:3:3: column 'V': '4.06e-' is not a number"));
    // a last line that is a comment or blank needs no line end; CRLF files are complete
    CHECK(read_timeseries_csv(csv_file(dir, "comment.csv", "t,V\n0,1\n# end")).rows() == 1);
    CHECK(read_timeseries_csv(csv_file(dir, "blank.csv", "t,V\n0,1\n  ")).rows() == 1);
    CHECK(read_timeseries_csv(csv_file(dir, "crlf.csv", "t,V\r\n0,1\r\n")).rows() == 1);
    // NaN stays the caller's choice (G is NaN where V = 0 in run outputs)
    CHECK(std::isnan(
        read_timeseries_csv(csv_file(dir, "nan.csv", "t,V,G\n0,0,nan\n"), {.allow_nan = true}).column("G")[0]));
}

TEST_CASE("a series built a row at a time", "[csv]") {
    auto ts = TimeSeries::with_columns({"t", "G"});
    CHECK(ts.rows() == 0);
    ts.add_row({0, 1e-6});
    ts.add_row({0.5, 2e-6});
    CHECK(ts.rows() == 2);
    CHECK(ts.column("G") == std::vector<double>{1e-6, 2e-6});
    CHECK_THROWS_WITH(ts.add_row({1}), Contains("row of 1 values for 2 columns (t, G)"));
}

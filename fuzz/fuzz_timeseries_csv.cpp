// The CSV inputs: the time-series reader (runner/io, `nwn avalanches/powerlaw` recordings) and the
// netlistgen table reader behind --ic, --values and pwl stimuli (csv_table, junction_values).
// Byte 0 picks reader options; the rest is the file. A series that is read must round-trip exactly
// through the writer.
#include <cmath>

#include "fuzz_support.h"
#include "runner/io/timeseries_csv.h"
#include "common/csv_table.h"
#include "netlistgen/network/junction_values.h"

namespace {

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

void timeseries(const std::filesystem::path& path, std::uint8_t flags) {
    nwn::io::CsvReadOptions o;
    o.allow_nan = flags & 1;
    if (flags & 2) o.columns = {"t", "G"};  // as `nwn avalanches --g-column G` asks
    nwn::io::TimeSeries ts;
    try {
        ts = nwn::io::read_timeseries_csv(path, o);
    } catch (const nwn::Error&) {
        return;
    }
    try {
        nwn::io::check_strictly_increasing(ts, ts.names.front());
    } catch (const nwn::Error&) {
    }
    const auto copy = nwn::fuzz::scratch_dir() / "copy.csv";
    try {
        nwn::io::write_timeseries_csv(copy, ts, {"round trip"});
    } catch (const nwn::Error&) {
        return;  // column names the writer cannot represent (e.g. a carriage return inside)
    }
    nwn::io::CsvReadOptions all;
    all.allow_nan = true;
    nwn::io::TimeSeries back;
    try {
        back = nwn::io::read_timeseries_csv(copy, all);
    } catch (const nwn::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        nwn::fuzz::invariant_failed("a written time series is refused when read back");
    }
    if (back.names != ts.names || back.rows() != ts.rows()) nwn::fuzz::invariant_failed("round trip changed the shape");
    for (std::size_t c = 0; c < ts.columns.size(); ++c)
        for (std::size_t r = 0; r < ts.rows(); ++r)
            if (!same(back.columns[c][r], ts.columns[c][r])) nwn::fuzz::invariant_failed("round trip changed a value");
}

void table(const std::filesystem::path& path, const std::string& text) {
    std::size_t rows = 3;
    try {
        rows = nwn::parse_csv(text, "fuzz.csv").rows.size();
    } catch (const nwn::Error&) {
    }
    try {
        (void)nwn::net::read_junction_values(path, {"lambda", "lambda_final"}, rows);
    } catch (const nwn::Error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto path = nwn::fuzz::write_input("in.csv", data + 1, size - 1);
    timeseries(path, data[0]);
    table(path, std::string(reinterpret_cast<const char*>(data + 1), size - 1));
    return 0;
}

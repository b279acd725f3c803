// Running build/bin/nwn from the avalanche tests, and the CSV files they feed it.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "runner/io/timeseries_csv.h"
#include "support/reference.h"

namespace nwn::test {

// Exit status of `nwn ARGS`; stdout and stderr together in *out.
inline int nwn_cli(const std::string& args, std::string* out = nullptr) {
    return run_command(nwn_binary().string() + " " + args, out);
}

inline void write_csv(const std::filesystem::path& file, std::vector<std::string> names,
                      std::vector<std::vector<double>> columns) {
    io::TimeSeries ts;
    ts.names = std::move(names);
    ts.columns = std::move(columns);
    io::write_timeseries_csv(file, ts);
}

inline std::vector<double> times(std::size_t n, double dt, double t0 = 0) {
    std::vector<double> t(n);
    for (std::size_t i = 0; i < n; ++i) t[i] = t0 + static_cast<double>(i) * dt;
    return t;
}

}  // namespace nwn::test

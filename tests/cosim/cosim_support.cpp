#include "cosim_support.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include "common/atomic_file.h"
#include "support/reference.h"

namespace nwn::test {

namespace fs = std::filesystem;

fs::path copy_examples(const fs::path& dir) {
    fs::create_directories(dir);
    const std::string from = "../build/share/nwnspice/";
    const std::string to = (build_dir() / "share" / "nwnspice").string() + "/";
    for (const auto& e : fs::directory_iterator(source_dir() / "examples")) {
        const std::string name = e.path().filename().string();
        if (name.rfind("cosim_", 0) != 0) continue;
        std::string text = nwn::read_file(e.path());
        for (auto p = text.find(from); p != std::string::npos; p = text.find(from, p + to.size()))
            text.replace(p, from.size(), to);
        nwn::write_file_atomic(dir / name, text);
    }
    return dir;
}

io::TimeSeries run_deck(const fs::path& deck, const fs::path& out) {
    std::string log;
    const int rc = run_command(nwn_binary().string() + " run " + deck.string() + " --out " + out.string() + " -q", &log);
    INFO(log);
    REQUIRE(rc == 0);
    return io::read_timeseries_csv(out / "timeseries.csv");
}

std::vector<Window> pulses(const std::vector<double>& drive, double level) {
    std::vector<Window> out;
    bool on = false;
    for (std::size_t i = 0; i < drive.size(); ++i) {
        const bool now = level < 0 ? drive[i] < level : drive[i] > level;
        if (now && !on) out.push_back({i, i});
        if (now) out.back().end = i + 1;
        on = now;
    }
    return out;
}

double max_in(const std::vector<double>& x, const Window& w) {
    return *std::max_element(x.begin() + static_cast<long>(w.begin), x.begin() + static_cast<long>(w.end));
}

double interpolate(const std::vector<double>& t, const std::vector<double>& x, double q) {
    if (q <= t.front()) return x.front();
    if (q >= t.back()) return x.back();
    const auto k = static_cast<std::size_t>(std::lower_bound(t.begin(), t.end(), q) - t.begin());
    const double w = (q - t[k - 1]) / (t[k] - t[k - 1]);
    return x[k - 1] + w * (x[k] - x[k - 1]);
}

}  // namespace nwn::test

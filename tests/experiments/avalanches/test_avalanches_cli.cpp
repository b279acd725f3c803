// nwn avalanches end to end on recordings whose events and avalanches are known by construction.
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

#include "cli_support.h"
#include "common/atomic_file.h"
#include "synthetic_recording.h"

namespace fs = std::filesystem;
using nlohmann::json;
using nwn::test::kBin;

namespace {

constexpr double kDt = 0.01;

json run_json(const fs::path& dir) { return json::parse(nwn::read_file(dir / "avalanches.json")); }

double mean_gap(const std::vector<std::size_t>& ev, std::size_t from, std::size_t to) {
    double sum = 0;
    for (std::size_t k = from + 1; k < to; ++k) sum += static_cast<double>(ev[k] - ev[k - 1]);
    return sum;
}

bool have_gnuplot() { return nwn::test::run_command("command -v gnuplot >/dev/null") == 0; }

void expect_fit_object(const json& f) {
    for (const char* key : {"value", "sigma", "xmin", "xmax", "p"}) {
        INFO(key);
        REQUIRE(f.contains(key));
        CHECK(f[key].is_number());
    }
}

}  // namespace

TEST_CASE("nwn avalanches on a synthetic recording gives the planned events, bins and avalanches") {
    const auto dir = nwn::test::scratch_dir("avalanches_synthetic");
    const auto b = nwn::test::standard_recording(40);
    const auto G = b.conductance();
    nwn::test::write_csv(dir / "rec.csv", {"t", "G"}, {nwn::test::times(G.size(), kDt), G});
    std::string out;
    const auto res = dir / "fixed";
    REQUIRE(nwn::test::nwn_cli("avalanches " + (dir / "rec.csv").string() + " --out " + res.string() +
                                   " --thresh inf --bin 10 --resamples 100 --seed 2",
                               &out) == 0);
    INFO(out);
    CHECK(out.find("avalanches: 40") != std::string::npos);
    const auto j = run_json(res);
    const auto& ev = b.events();
    CHECK(j["events"] == ev.size());
    CHECK(j["event_samples"] == ev.size());
    const double iei = mean_gap(ev, 0, ev.size()) / static_cast<double>(ev.size() - 1);
    CHECK(j["mean_iei"]["samples"].get<double>() == Approx(iei).epsilon(1e-12));
    CHECK(j["mean_iei"]["seconds"].get<double>() == Approx(iei * kDt).epsilon(1e-12));
    CHECK(j["bin"]["samples"] == kBin);
    CHECK(j["bin"]["seconds"].get<double>() == Approx(kBin * kDt));

    const auto& av = j["avalanches"];
    REQUIRE(av["count"] == b.bursts().size());
    double branching = 0;
    for (std::size_t k = 0; k < b.bursts().size(); ++k) {
        const auto& p = b.bursts()[k];
        INFO("avalanche " << k);
        CHECK(av["lifetime"][k] == p.lifetime);
        CHECK(av["size"][k] == static_cast<long>(p.lifetime) * p.per_bin);
        CHECK(av["start_time"][k].get<double>() == Approx(static_cast<double>(p.first_bin * kBin) * kDt));
        branching += p.lifetime > 1 ? 1.0 : 0.0;
    }
    CHECK(j["branching_ratio"].get<double>() == Approx(branching / 40));
    expect_fit_object(j["tau"]);
    expect_fit_object(j["alpha"]);
    CHECK(j["tau"]["xmin"] >= 1);
    CHECK(j["tau"]["xmax"] <= 8);
    for (const char* k : {"predicted", "fitted", "shape_collapse"}) {
        INFO(k);
        CHECK(j["crackling"][k].contains("value"));
        CHECK(j["crackling"][k].contains("sigma"));
    }
    const auto csv = nwn::io::read_timeseries_csv(res / "avalanches.csv");
    REQUIRE(csv.rows() == 40);
    CHECK(csv.column("size")[3] == 4);  // lifetime 4, one event per bin
    CHECK(csv.column("start")[1] == Approx(0.5));

    if (have_gnuplot())
        for (const char* fig : {"size_distribution", "lifetime_distribution", "mean_size", "iei_distribution", "shape_collapse"})
            for (const char* ext : {".png", ".svg"}) {
                INFO(fig << ext);
                CHECK(fs::file_size(res / "plots" / (std::string(fig) + ext)) > 1000);
            }

    // The default bin is the mean inter-event interval, rounded to samples.
    REQUIRE(nwn::test::nwn_cli("avalanches " + (dir / "rec.csv").string() + " --out " + (dir / "iei").string() +
                               " --thresh inf --resamples 20 --no-plots -q") == 0);
    CHECK(run_json(dir / "iei")["bin"]["samples"] == std::llround(iei));
}

TEST_CASE("nwn avalanches: a series column joins recordings without events, intervals or avalanches across") {
    const auto dir = nwn::test::scratch_dir("avalanches_joins");
    nwn::test::RecordingBuilder b;
    b.empty_bins(2);
    for (std::size_t j = 0; j < 20; ++j) b.burst(1 + j % 4, 1 + static_cast<int>(j % 2)), b.empty_bins(2);
    b.burst(2, 1);  // runs into the end of series 0 ...
    const std::size_t split = b.samples(), events_a = b.events().size();
    b.burst(1, 1);  // ... and series 1 starts inside a burst: joined, these would be one avalanche
    b.empty_bins(2);
    for (std::size_t j = 0; j < 20; ++j) b.burst(1 + j % 4, 1 + static_cast<int>(j % 2)), b.empty_bins(2);
    const auto G = b.conductance();
    std::vector<double> series(G.size(), 0.0);
    for (std::size_t i = split; i < G.size(); ++i) series[i] = 1;
    nwn::test::write_csv(dir / "rec.csv", {"t", "G", "series"}, {nwn::test::times(G.size(), kDt), G, series});

    const std::string common = " --thresh inf --bin 10 --resamples 20 --no-plots -q --out ";
    REQUIRE(nwn::test::nwn_cli("avalanches " + (dir / "rec.csv").string() + " --series-column series" + common + (dir / "joined").string()) == 0);
    REQUIRE(nwn::test::nwn_cli("avalanches " + (dir / "rec.csv").string() + common + (dir / "single").string()) == 0);
    const auto joined = run_json(dir / "joined"), single = run_json(dir / "single");
    CHECK(joined["avalanches"]["count"] == 40);
    CHECK(single["avalanches"]["count"] == 41);
    CHECK(joined["events"] == single["events"]);
    const auto& ev = b.events();
    const double iei = (mean_gap(ev, 0, events_a) + mean_gap(ev, events_a, ev.size())) / static_cast<double>(ev.size() - 2);
    CHECK(joined["mean_iei"]["samples"].get<double>() == Approx(iei).epsilon(1e-12));
    CHECK(joined["input"]["series"] == 2);
    const auto& s = joined["avalanches"]["series"];
    CHECK(std::count(s.begin(), s.end(), 0) == 20);
    CHECK(std::count(s.begin(), s.end(), 1) == 20);
}

TEST_CASE("nwn avalanches resamples a non-uniform time base onto --dt") {
    const auto dir = nwn::test::scratch_dir("avalanches_resample");
    const auto b = nwn::test::standard_recording(30);
    const auto G = b.conductance();
    const auto t = nwn::test::times(G.size(), kDt);
    // Extra points between the grid points, on the straight line between them: resampling onto the
    // grid must give back the uniform recording exactly.
    std::vector<double> tn, gn;
    for (std::size_t i = 0; i < G.size(); ++i) {
        tn.push_back(t[i]), gn.push_back(G[i]);
        if (i % 3 == 0 && i + 1 < G.size()) tn.push_back(t[i] + 0.3 * kDt), gn.push_back(G[i] + 0.3 * (G[i + 1] - G[i]));
    }
    nwn::test::write_csv(dir / "spice.csv", {"time", "G"}, {tn, gn});
    std::string out;
    CHECK(nwn::test::nwn_cli("avalanches " + (dir / "spice.csv").string() + " --out " + (dir / "x").string(), &out) == 1);
    CHECK(out.find("not uniform") != std::string::npos);
    CHECK(out.find("--dt") != std::string::npos);
    REQUIRE(nwn::test::nwn_cli("avalanches " + (dir / "spice.csv").string() + " --dt 0.01 --thresh inf --bin 10 --resamples 20 --no-plots -q --out " +
                                   (dir / "r").string(), &out) == 0);
    const auto j = run_json(dir / "r");
    CHECK(j["input"]["resampled"] == true);
    CHECK(j["input"]["samples"] == G.size());
    CHECK(j["events"] == b.events().size());
    CHECK(j["avalanches"]["count"] == 30);
}

TEST_CASE("nwn avalanches: bad input fails with a clear message and exit 1") {
    const auto dir = nwn::test::scratch_dir("avalanches_errors");
    const auto b = nwn::test::standard_recording(2);
    const auto G = b.conductance();
    const auto t = nwn::test::times(G.size(), kDt);
    nwn::write_file_atomic(dir / "empty.csv", "t,G\n");
    nwn::write_file_atomic(dir / "nan.csv", "t,G\n0,1e-6\n0.01,nan\n0.02,1e-6\n");
    nwn::write_file_atomic(dir / "backwards.csv", "t,G\n0,1e-6\n0.02,1e-6\n0.01,1e-6\n");
    nwn::write_file_atomic(dir / "notime.csv", "G\n1e-6\n2e-6\n");
    nwn::write_file_atomic(dir / "iv.csv", "t,I,V\n0,1e-6,1\n0.01,1e-6,0\n");
    nwn::write_file_atomic(dir / "negative.csv", "t,G\n0,1e-6\n0.01,-2e-6\n0.02,1e-6\n");
    nwn::write_file_atomic(dir / "span.csv", "t,G\n0,1e-6\n1,2e-6\n2,1e-6\n");
    nwn::test::write_csv(dir / "few.csv", {"t", "G"}, {t, G});
    fs::create_directories(dir / "notarun");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"empty.csv", "no samples"},
        {"nan.csv", "must be finite"},
        {"backwards.csv", "does not increase"},
        {"few.csv --g-column conductance", "no column 'conductance'"},
        {"notime.csv", "give the sample step with --dt"},
        {"iv.csv --i-column I --v-column V", "V is 0"},
        {"few.csv --thresh inf --bin 10", "need at least 10"},
        {"few.csv --events crossings", "run directory"},
        {"notarun", "not a run directory"},
        {"missing.csv", "no such file"},
        {"few.csv --bin 2.5", "whole number of samples"},
        {"negative.csv", "negative.csv:3: G is -2e-06; a conductance is never negative"},
        {"span.csv --dt 1e-12", "samples: more than 1e9; use a larger --dt"},
    };
    for (const auto& [args, message] : cases) {
        std::string out;
        const int rc = nwn::test::nwn_cli("avalanches " + (dir / args).string() + " --out " + (dir / "o").string(), &out);
        INFO(args << "\n" << out);
        CHECK(rc == 1);
        CHECK(out.find(message) != std::string::npos);
    }
    std::string out;
    CHECK(nwn::test::nwn_cli("avalanches " + (dir / "few.csv").string() + " --events bogus --out " + (dir / "o").string(), &out) == 2);
    CHECK(out.find("'bogus' is not an event method (conductance, crossings or dgg-spike)") != std::string::npos);
}

TEST_CASE("nwn avalanches keeps its JSON and CSV when gnuplot is missing") {
    const auto dir = nwn::test::scratch_dir("avalanches_no_gnuplot");
    const auto G = nwn::test::standard_recording(20).conductance();
    nwn::test::write_csv(dir / "rec.csv", {"t", "G"}, {nwn::test::times(G.size(), kDt), G});
    std::string out;
    const int rc = nwn::test::run_command("env PATH=/nonexistent " + nwn::test::nwn_binary().string() + " avalanches " +
                                              (dir / "rec.csv").string() + " --thresh inf --bin 10 --resamples 20 --out " +
                                              (dir / "o").string(),
                                          &out);
    INFO(out);
    CHECK(rc == 0);
    CHECK(out.find("gnuplot not found") != std::string::npos);
    CHECK(fs::exists(dir / "o" / "avalanches.json"));
    CHECK(fs::exists(dir / "o" / "avalanches.csv"));
    CHECK(fs::exists(dir / "o" / "plots" / "size_distribution.gp"));
}

// Recordings from CSV, run directories and raw files onto uniform grids (recording_input.h).
#include <catch2/catch.hpp>

#include <cmath>

#include "cli_support.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "runner/experiments/avalanches/recording_input.h"
#include "runner/io/raw_writer.h"

namespace fs = std::filesystem;
using nwn::exp::read_recording;
using nwn::exp::RecordingOptions;

TEST_CASE("CSV recordings: G from I and V, a constant bias, series, and no time column") {
    const auto dir = nwn::test::scratch_dir("recording_csv");
    nwn::write_file_atomic(dir / "iv.csv", "# lab recording\ntime,I,V,run\n0,2e-6,-2,3\n0.5,4e-6,-2,3\n1,6e-6,-2,3\n"
                                           "7,1e-6,1,8\n7.5,1e-6,1,8\n");
    RecordingOptions o;
    o.i_column = "I";
    o.v_column = "V";
    o.series_column = "run";
    const auto r = read_recording(dir / "iv.csv", o);
    REQUIRE(r.G.size() == 2);
    CHECK(r.dt == Approx(0.5));
    CHECK(r.G[0][2] == Approx(3e-6));
    CHECK(r.G[1].size() == 2);
    CHECK(r.t0[1] == Approx(7));
    CHECK(r.labels == std::vector<std::string>{"3", "8"});
    CHECK(r.info["quantity"] == "|I/V|");

    RecordingOptions bias;
    bias.i_column = "I";
    bias.voltage = 7;
    bias.dt = 0.03;
    nwn::write_file_atomic(dir / "lab.csv", "current\n7e-8\n1.4e-7\n");
    bias.i_column = "current";
    const auto lab = read_recording(dir / "lab.csv", bias);
    CHECK(lab.dt == 0.03);
    CHECK(lab.G[0][1] == Approx(2e-8));

    nwn::write_file_atomic(dir / "split.csv", "t,G,s\n0,1,1\n1,1,2\n2,1,1\n");
    RecordingOptions split;
    split.series_column = "s";
    CHECK_THROWS_WITH(read_recording(dir / "split.csv", split), Catch::Contains("starts again"));
}

TEST_CASE("run directories resample at the run's tmax, raw files by vector names") {
    const auto dir = nwn::test::scratch_dir("recording_run");
    fs::create_directories(dir / "run");
    nwn::write_file_atomic(dir / "run" / "run.json", R"({"status": "completed", "tmax": 0.001})");
    nwn::write_file_atomic(dir / "run" / "timeseries.csv", "t,V,I,G\n0,1,1e-7,1e-7\n0.0004,1,2e-7,2e-7\n0.003,1,3e-7,3e-7\n");
    const auto r = read_recording(dir / "run", {});
    CHECK(r.dt == 0.001);
    REQUIRE(r.G[0].size() == 4);
    CHECK(r.G[0][1] == Approx(2e-7 + 1e-7 * 0.6 / 2.6));
    CHECK(r.info["resampled"] == true);

    {
        nwn::io::RawPlotSpec spec;
        spec.variables = {{"time", "time"}, {"v(src)", "voltage"}, {"i(vdrn)", "current"}};
        nwn::io::RawWriter w(dir / "x.raw", spec);
        for (int k = 0; k < 5; ++k) w.append({k * 0.01, 0.5, -1e-7 * (k + 1)});
        w.close();
    }
    RecordingOptions o;
    o.i_vector = "i(vdrn)";
    o.v_vector = "v(src)";
    const auto raw = read_recording(dir / "x.raw", o);
    REQUIRE(raw.G[0].size() == 5);
    CHECK(raw.G[0][4] == Approx(1e-6));
    RecordingOptions g;
    g.g_vector = "G";
    CHECK_THROWS_WITH(read_recording(dir / "x.raw", g), Catch::Contains("i(vdrn)"));  // lists the vectors
}

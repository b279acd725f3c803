// run.json, the record of one `nwn run`: written and read in one place (runner/io/run_dir.h). Records
// written before that module existed parse, and are written back byte for byte; bad files are refused
// naming the file and the field; run_status never throws.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "common/atomic_file.h"
#include "common/error.h"
#include "netlistgen/network/junction_params.h"
#include "runner/io/run_dir.h"
#include "support/reference.h"

namespace fs = std::filesystem;
using nwn::io::RunStatus;

namespace {

// Written by `nwn run NET.json --engine native ...` before runner/io/run_dir existed (commit 56d948d).
const char* const kNativeRecord = R"({
  "G_final": 4.175900623481086e-05,
  "G_initial": 4.2470658593855217e-08,
  "command": "nwn run /tmp/rd/out/net.json --engine native --stimulus dc:1 --tstop 0.5 --tmax 1e-3 --save-lambda --save-events --raw --out /tmp/rd/out/native",
  "dt": 0.001,
  "electrodes": {
    "drain": "drn",
    "driven": "src"
  },
  "engine": "native",
  "format": "nwnspice-run",
  "network": {
    "hop_distance": 7,
    "junctions": 264,
    "source": "/tmp/rd/out/net.json",
    "summary": "79 wires, 264 junctions (of 80 generated), electrodes src=wire 58 drn=wire 50, hop distance n = 7",
    "wires": 79
  },
  "nwnsim_compat": false,
  "params": {
    "area": 0.17,
    "binary": 0.0,
    "boost": 10.0,
    "cstate": 1e-08,
    "goff": 7.77e-08,
    "gon": 7.77e-05,
    "lambda0": 0.0,
    "lcrit": 0.01,
    "lmax": 0.015,
    "lsmooth": 1e-05,
    "lzero": 0.0005,
    "phi": 0.81,
    "smax": 5.0,
    "vreset": 0.005,
    "vset": 0.01,
    "vsmooth": 0.0001
  },
  "points": 500,
  "preset": "dc",
  "status": "completed",
  "stimulus": "dc:1",
  "t_last": 0.5,
  "tstop": 0.5,
  "version": 1,
  "versions": {
    "ngspice": "39.3+ds-1",
    "nwnspice": "0.1.0"
  },
  "wall_s": 0.077250957
}
)";

// nwn run NET.json --engine libngspice (OSDI flavour, ngspice 46): the same commit.
const char* const kLibngspiceRecord = R"({
  "G_final": 2.6064606904185012e-05,
  "G_initial": 4.247065859385545e-08,
  "command": "nwn run /tmp/rd/out/net.json --engine libngspice --stimulus dc:1 --tstop 0.1 --tmax 1e-3 --save-lambda --out /tmp/rd/out/lib",
  "electrodes": {
    "drain": "drn",
    "driven": "src"
  },
  "engine": "libngspice",
  "flavour": "osdi",
  "format": "nwnspice-run",
  "network": {
    "hop_distance": 7,
    "junctions": 264,
    "source": "/tmp/rd/out/net.json",
    "summary": "79 wires, 264 junctions (of 80 generated), electrodes src=wire 58 drn=wire 50, hop distance n = 7",
    "wires": 79
  },
  "ngspice_library": "/work/main/build/ngspice46/root/usr/lib/x86_64-linux-gnu/libngspice.so.0.0.15",
  "params": {
    "area": 0.17,
    "binary": 0.0,
    "boost": 10.0,
    "cstate": 1e-08,
    "goff": 7.77e-08,
    "gon": 7.77e-05,
    "lambda0": 0.0,
    "lcrit": 0.01,
    "lmax": 0.015,
    "lsmooth": 1e-05,
    "lzero": 0.0005,
    "phi": 0.81,
    "smax": 5.0,
    "vreset": 0.005,
    "vset": 0.01,
    "vsmooth": 0.0001
  },
  "points": 179,
  "preset": "dc",
  "solver": {
    "accepted_points": 180,
    "analysis_s": 0.0372613,
    "equations": 346,
    "factor_s": 0.00783536,
    "load_s": 0.0167566,
    "newton_iterations": 700,
    "rejected_points": 57,
    "solve_s": 0.00221041,
    "truncation_s": 0.00124717
  },
  "status": "completed",
  "stimulus": "dc:1",
  "t_last": 0.1,
  "tmax": 0.001,
  "tstop": 0.1,
  "version": 1,
  "versions": {
    "ngspice": "46",
    "nwnspice": "0.1.0"
  },
  "wall_s": 0.056797837
}
)";

// nwn run NET.json --engine ngspice-cli: the same commit.
const char* const kCliRecord = R"({
  "G_final": 1.005975804562314e-07,
  "G_initial": 4.247065859385545e-08,
  "command": "nwn run /tmp/rd/out/net.json --engine ngspice-cli --stimulus dc:1 --tstop 0.05 --tmax 1e-3 --out /tmp/rd/out/cli",
  "electrodes": {
    "drain": "drn",
    "driven": "src"
  },
  "engine": "ngspice-cli",
  "flavour": "osdi",
  "format": "nwnspice-run",
  "network": {
    "hop_distance": 7,
    "junctions": 264,
    "source": "/tmp/rd/out/net.json",
    "summary": "79 wires, 264 junctions (of 80 generated), electrodes src=wire 58 drn=wire 50, hop distance n = 7",
    "wires": 79
  },
  "ngspice_binary": "/work/main/build/ngspice46/root/usr/bin/ngspice",
  "params": {
    "area": 0.17,
    "binary": 0.0,
    "boost": 10.0,
    "cstate": 1e-08,
    "goff": 7.77e-08,
    "gon": 7.77e-05,
    "lambda0": 0.0,
    "lcrit": 0.01,
    "lmax": 0.015,
    "lsmooth": 1e-05,
    "lzero": 0.0005,
    "phi": 0.81,
    "smax": 5.0,
    "vreset": 0.005,
    "vset": 0.01,
    "vsmooth": 0.0001
  },
  "points": 64,
  "preset": "dc",
  "status": "completed",
  "stimulus": "dc:1",
  "t_last": 0.05,
  "tmax": 0.001,
  "tstop": 0.05,
  "version": 1,
  "versions": {
    "ngspice": "39.3+ds-1",
    "nwnspice": "0.1.0"
  },
  "wall_s": 0.263947486
}
)";

// nwn run DECK.cir --engine ngspice-cli, failed: the same commit.
const char* const kFailedDeckRecord = R"({
  "command": "nwn run /work/wt-rundir/examples/junction_iv.cir --engine ngspice-cli --out /tmp/rd/out/deckcli",
  "deck": "/work/wt-rundir/examples/junction_iv.cir",
  "engine": "ngspice-cli",
  "format": "nwnspice-run",
  "message": "ngspice exited with status 0 and wrote no raw file",
  "points": 0,
  "status": "failed",
  "t_last": 0.0,
  "version": 1,
  "wall_s": 0.282980647
}
)";

fs::path record_dir(const std::string& name, const std::string& content) {
    const auto dir = nwn::test::scratch_dir("io/run_dir/" + name);
    nwn::write_file_atomic(dir / "run.json", content);
    return dir;
}

std::string refusal(const fs::path& dir) {
    try {
        nwn::io::read_run_record(dir);
    } catch (const nwn::Error& e) {
        return e.what();
    }
    return "(no error)";
}

nwn::io::RunRecord full_record() {
    nwn::io::RunRecord r;
    r.status = "failed";
    r.message = "the circuit matrix is singular";
    r.command = "nwn run net.json --engine libngspice --out r";
    r.engine = "libngspice";
    r.flavour = "osdi";
    r.network = nwn::io::RunNetwork{"/x/net.json", "3 wires, 2 junctions", 3, 2, 1, nlohmann::json::object()};
    r.electrodes = nwn::io::RunElectrodes{"src", "drn", nlohmann::json::object()};
    r.stimulus = "sine:1:5";
    r.tstop = 0.25;
    r.tmax = 1e-4;
    r.preset = "ac";
    r.params = nwn::io::params_by_name(nwn::net::preset_params("ac"));
    r.solver = {{"iterations", 1234}, {"load_s", 0.125}, {"matrix_size", 17}};
    r.G_initial = 1.5e-7;
    r.G_final = std::nan("");
    r.versions = std::map<std::string, std::string>{{"nwnspice", "0.1.0"}, {"ngspice", "46"}};
    r.ngspice_library = "/usr/lib/libngspice.so.0.0.12";
    r.points = 2501;
    r.t_last = 0.125;
    r.wall_s = 3.5;
    return r;
}

}  // namespace

TEST_CASE("run record: a full record survives a write and a read", "[io][run_dir]") {
    const auto dir = nwn::test::scratch_dir("io/run_dir/round_trip");
    const auto r = full_record();
    nwn::io::write_run_record(dir, r);
    const std::string text = nwn::read_file(dir / "run.json");
    CHECK(text.back() == '\n');
    CHECK(text.find("\"G_final\": null") != std::string::npos);
    CHECK(text.find("\"iterations\": 1234,") != std::string::npos);  // counts as integers
    CHECK(text.find("\"load_s\": 0.125") != std::string::npos);

    const auto back = nwn::io::read_run_record(dir);
    CHECK(back.format == "nwnspice-run");
    CHECK(back.version == 1);
    CHECK(back.status == "failed");
    CHECK(back.message == r.message);
    CHECK(back.command == r.command);
    CHECK(back.engine == "libngspice");
    CHECK(back.flavour == r.flavour);
    CHECK_FALSE(back.nwnsim_compat);
    CHECK_FALSE(back.deck);
    REQUIRE(back.network);
    CHECK(back.network->source == "/x/net.json");
    CHECK(back.network->summary == "3 wires, 2 junctions");
    CHECK(back.network->wires == 3);
    CHECK(back.network->junctions == 2);
    CHECK(back.network->hop_distance == 1);
    REQUIRE(back.electrodes);
    CHECK(back.electrodes->driven == "src");
    CHECK(back.electrodes->drain == "drn");
    CHECK(back.stimulus == r.stimulus);
    CHECK(back.tstop == r.tstop);
    CHECK(back.tmax == r.tmax);
    CHECK_FALSE(back.dt);
    CHECK(back.preset == r.preset);
    CHECK(back.params == r.params);
    CHECK(back.solver == r.solver);
    CHECK(back.G_initial == r.G_initial);
    REQUIRE(back.G_final);
    CHECK(std::isnan(*back.G_final));
    CHECK(back.versions == r.versions);
    CHECK(back.ngspice_library == r.ngspice_library);
    CHECK_FALSE(back.ngspice_binary);
    CHECK(back.points == 2501);
    CHECK(back.t_last == 0.125);
    CHECK(back.wall_s == 3.5);
    CHECK(back.extra.empty());

    // Written again: the same bytes.
    const auto again = nwn::test::scratch_dir("io/run_dir/round_trip_again");
    nwn::io::write_run_record(again, back);
    CHECK(nwn::read_file(again / "run.json") == text);

    // The junction parameters: the preset with the record's values.
    const auto p = nwn::io::junction_params(back, "run.json");
    CHECK(nwn::net::param_value(p, "vset") == nwn::net::param_value(nwn::net::preset_params("ac"), "vset"));
}

TEST_CASE("run record: a record of the old writer parses and is written back byte for byte", "[io][run_dir]") {
    const auto dir = record_dir("old_native", kNativeRecord);
    const auto r = nwn::io::read_run_record(dir);
    CHECK(r.status == "completed");
    CHECK(r.engine == "native");
    CHECK(r.nwnsim_compat == false);
    CHECK(r.dt == 0.001);
    CHECK_FALSE(r.tmax);
    REQUIRE(r.network);
    CHECK(r.network->hop_distance == 7);
    CHECK(r.network->wires == 79);
    REQUIRE(r.params);
    CHECK(r.params->at("vset") == 0.01);
    CHECK(r.points == 500);
    CHECK(r.G_initial == 4.2470658593855217e-08);
    CHECK(r.extra.empty());
    CHECK(nwn::io::run_record_json(r).dump(2) + "\n" == kNativeRecord);

    // A deck run's record, and fields this version does not know: kept as they are.
    const std::string deck = R"({
  "command": "nwn run rc.cir --out d",
  "deck": "/tmp/rc.cir",
  "engine": "ngspice-cli",
  "format": "nwnspice-run",
  "future": {
    "a": [
      1,
      2
    ]
  },
  "message": "ngspice exited with status 0 and wrote no raw file",
  "points": 0,
  "status": "failed",
  "t_last": 0.0,
  "version": 1,
  "wall_s": 0.360633
}
)";
    const auto d = nwn::io::read_run_record(record_dir("old_deck", deck));
    CHECK(d.deck == "/tmp/rc.cir");
    CHECK(d.message == "ngspice exited with status 0 and wrote no raw file");
    CHECK_FALSE(d.network);
    CHECK(d.extra.contains("future"));
    CHECK(nwn::io::run_record_json(d).dump(2) + "\n" == deck);
}

TEST_CASE("run record: records of every engine written by the old code are written back byte for byte", "[io][run_dir]") {
    for (const char* text : {kNativeRecord, kLibngspiceRecord, kCliRecord, kFailedDeckRecord}) {
        const auto dir = record_dir("old_engines", text);
        const auto r = nwn::io::read_run_record(dir);
        CHECK(r.extra.empty());
        const auto again = nwn::test::scratch_dir("io/run_dir/old_engines_again");
        nwn::io::write_run_record(again, r);
        CHECK(nwn::read_file(again / "run.json") == text);
    }
    const auto lib = nwn::io::read_run_record(record_dir("old_lib", kLibngspiceRecord));
    CHECK(lib.flavour == "osdi");
    CHECK(lib.tmax == 0.001);
    CHECK(lib.solver.at("accepted_points") == 180);
    CHECK(lib.ngspice_library.has_value());
    CHECK(lib.versions->at("ngspice") == "46");
    const auto cli = nwn::io::read_run_record(record_dir("old_cli", kCliRecord));
    CHECK(cli.ngspice_binary.has_value());
    CHECK(cli.solver.empty());
    const auto deck = nwn::io::read_run_record(record_dir("old_failed_deck", kFailedDeckRecord));
    CHECK(deck.status == "failed");
    CHECK(deck.message == "ngspice exited with status 0 and wrote no raw file");
    CHECK(deck.deck.has_value());
    CHECK(nwn::io::run_status(record_dir("old_failed_deck_status", kFailedDeckRecord)) == RunStatus::Failed);
}

TEST_CASE("run record: bad files are refused naming the file and the field", "[io][run_dir]") {
    const auto none = nwn::test::scratch_dir("io/run_dir/none");
    CHECK_THAT(refusal(none), Catch::Contains((none / "run.json").string()) && Catch::Contains("no such file"));

    const auto truncated = record_dir("truncated", std::string(kNativeRecord).substr(0, 300));
    CHECK_THAT(refusal(truncated), Catch::Contains((truncated / "run.json").string() + ": not valid JSON"));

    const auto not_object = record_dir("array", "[1, 2]\n");
    CHECK_THAT(refusal(not_object), Catch::Contains("run.json: not a run record") && Catch::Contains("an array"));

    const auto no_status = record_dir("no_status", R"({"format": "nwnspice-run", "points": 3})");
    CHECK_THAT(refusal(no_status), Catch::Contains("run.json: no field \"status\""));

    const auto other = record_dir("other_format", R"({"format": "nwnspice-network", "status": "completed"})");
    CHECK_THAT(refusal(other), Catch::Contains("field \"format\" is \"nwnspice-network\""));

    auto with = [&](const std::string& name, const std::string& from, const std::string& to) {
        std::string s = kNativeRecord;
        const auto at = s.find(from);
        REQUIRE(at != std::string::npos);
        s.replace(at, from.size(), to);
        return refusal(record_dir(name, s));
    };
    CHECK_THAT(with("tstop", "\"tstop\": 0.5", "\"tstop\": \"0.5\""),
               Catch::Contains("run.json: field \"tstop\" must be a number, not a string"));
    CHECK_THAT(with("status", "\"status\": \"completed\"", "\"status\": 1"),
               Catch::Contains("field \"status\" must be a string, not a number"));
    CHECK_THAT(with("wires", "\"wires\": 79", "\"wires\": -79"),
               Catch::Contains("field \"network.wires\" must be a non-negative integer"));
    CHECK_THAT(with("param", "\"vset\": 0.01", "\"vset\": null"),
               Catch::Contains("field \"params.vset\" must be a number, not null"));
    CHECK_THAT(with("compat", "\"nwnsim_compat\": false", "\"nwnsim_compat\": \"no\""),
               Catch::Contains("field \"nwnsim_compat\" must be true or false"));
    CHECK_THAT(with("g", "\"G_initial\": 4.2470658593855217e-08", "\"G_initial\": \"x\""),
               Catch::Contains("field \"G_initial\" must be a number or null"));
    CHECK_THAT(with("network", "\"network\": {", "\"network\": 3, \"n\": {"),
               Catch::Contains("field \"network\" must be an object, not a number"));
    CHECK_THAT(with("versions", "\"nwnspice\": \"0.1.0\"", "\"nwnspice\": 1"),
               Catch::Contains("field \"versions.nwnspice\" must be a string"));

    // The junction parameters of a record with an unknown name: the file is named.
    auto r = nwn::io::read_run_record(record_dir("params_ok", kNativeRecord));
    (*r.params)["nosuch"] = 1;
    CHECK_THROWS_WITH(nwn::io::junction_params(r, "x/run.json"), Catch::Contains("x/run.json: unknown junction parameter 'nosuch'"));
}

TEST_CASE("run record: run_status reads the status and never throws", "[io][run_dir]") {
    auto status_of = [](const std::string& name, const std::string& content) {
        return nwn::io::run_status(record_dir("status_" + name, content));
    };
    CHECK(status_of("completed", kNativeRecord) == RunStatus::Completed);
    CHECK(status_of("failed", R"({"status": "failed", "message": "x"})") == RunStatus::Failed);
    CHECK(status_of("interrupted", R"({"status": "interrupted"})") == RunStatus::Interrupted);
    CHECK(status_of("unknown", R"({"status": "running"})") == RunStatus::Missing);
    CHECK(status_of("no_status", R"({"points": 1})") == RunStatus::Missing);
    CHECK(status_of("number", R"({"status": 3})") == RunStatus::Missing);
    CHECK(status_of("array", "[]") == RunStatus::Missing);
    CHECK(status_of("garbled", std::string(kNativeRecord).substr(0, 100)) == RunStatus::Missing);
    CHECK(status_of("empty", "") == RunStatus::Missing);
    CHECK(nwn::io::run_status(nwn::test::scratch_dir("io/run_dir/status_none")) == RunStatus::Missing);
    CHECK(nwn::io::run_status("/nonexistent/run/dir") == RunStatus::Missing);
    CHECK(std::string(nwn::io::run_status_name(RunStatus::Completed)) == "completed");
    CHECK(std::string(nwn::io::run_status_name(RunStatus::Failed)) == "failed");
    CHECK(std::string(nwn::io::run_status_name(RunStatus::Interrupted)) == "interrupted");
    CHECK(std::string(nwn::io::run_status_name(RunStatus::Missing)) == "missing");
}

TEST_CASE("run directory: file names in one place, and a new run clears an old run's files", "[io][run_dir]") {
    const nwn::io::RunPaths p{"d"};
    CHECK(p.record() == fs::path("d/run.json"));
    CHECK(p.timeseries() == fs::path("d/timeseries.csv"));
    CHECK(p.lambda() == fs::path("d/lambda.csv"));
    CHECK(p.events() == fs::path("d/events.csv"));
    CHECK(p.raw() == fs::path("d/run.raw"));
    CHECK(p.deck() == fs::path("d/deck.cir"));
    CHECK(p.log() == fs::path("d/run.log"));
    CHECK(std::string(nwn::io::kRunFiles.front()) == "run.json");

    const auto dir = nwn::test::scratch_dir("io/run_dir/prepare");
    for (const char* name : nwn::io::kRunFiles) nwn::write_file_atomic(dir / name, "old");
    nwn::write_file_atomic(dir / "run.log", "log");
    nwn::write_file_atomic(dir / "mine.txt", "keep");
    nwn::io::prepare_run_dir(dir, {dir / "deck.cir"});
    for (const char* name : nwn::io::kRunFiles) CHECK(fs::exists(dir / name) == (std::string(name) == "deck.cir"));
    CHECK(fs::exists(dir / "run.log"));
    CHECK(fs::exists(dir / "mine.txt"));
}

// The output directory of one `nwn run`: the names of the files a run writes there, clearing them before
// a new run, and its record run.json (the one place that writes and reads it).
//
// run.json is a JSON object (keys sorted, written with dump(2) and a newline, atomically):
//   format "nwnspice-run", version 1, status completed|failed|interrupted, message (when there is one),
//   command, engine; network runs add flavour (SPICE engines) or nwnsim_compat (native), network
//   {source, summary, wires, junctions, hop_distance?}, electrodes {driven, drain}, stimulus, tstop,
//   dt (native) or tmax (SPICE engines), model (the junction model), preset, params {NAME: value}, solver
//   (libngspice counters),
//   G_initial/G_final (null when not finite), versions {nwnspice, ngspice}, ngspice_library,
//   ngspice_binary (ngspice-cli); deck runs add deck. Then points, t_last, wall_s.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "devicemodel/models.h"

namespace nwn::io {

// ---- file names -------------------------------------------------------------------------------------

inline constexpr const char* kRunRecordFile = "run.json";
inline constexpr const char* kTimeseriesFile = "timeseries.csv";
inline constexpr const char* kLambdaFile = "lambda.csv";
inline constexpr const char* kEventsFile = "events.csv";
inline constexpr const char* kRunRawFile = "run.raw";
inline constexpr const char* kDeckFile = "deck.cir";
inline constexpr const char* kNgspiceRawFile = "ngspice.raw";
inline constexpr const char* kNgspiceLogFile = "ngspice.log";
inline constexpr const char* kSpiceinitFile = ".spiceinit";
// The output of the `nwn run` child of an ensemble member; written by the job runner, so not one of
// kRunFiles (clearing it would remove the log being written).
inline constexpr const char* kRunLogFile = "run.log";

// The files a run writes, cleared by prepare_run_dir. run.json first: it is what marks a directory as a
// finished run, so it goes before anything else.
inline constexpr std::array<const char*, 9> kRunFiles = {kRunRecordFile, kTimeseriesFile, kLambdaFile,
                                                         kEventsFile,    kRunRawFile,     kDeckFile,
                                                         kNgspiceRawFile, kNgspiceLogFile, kSpiceinitFile};

// Paths of the files of the run directory dir.
struct RunPaths {
    std::filesystem::path dir;
    std::filesystem::path record() const { return dir / kRunRecordFile; }
    std::filesystem::path timeseries() const { return dir / kTimeseriesFile; }
    std::filesystem::path lambda() const { return dir / kLambdaFile; }
    std::filesystem::path events() const { return dir / kEventsFile; }
    std::filesystem::path raw() const { return dir / kRunRawFile; }
    std::filesystem::path deck() const { return dir / kDeckFile; }
    std::filesystem::path ngspice_raw() const { return dir / kNgspiceRawFile; }
    std::filesystem::path ngspice_log() const { return dir / kNgspiceLogFile; }
    std::filesystem::path log() const { return dir / kRunLogFile; }
};

// Creates dir, or removes from it the files of kRunFiles left by an earlier run (a symlink is removed,
// never its target), except those that are one of this run's inputs (re-running DIR/deck.cir into DIR).
// Throws, naming the path, when dir is not a directory or one of those names is taken by a directory
// or a special file.
void prepare_run_dir(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& inputs = {});

// ---- run.json ---------------------------------------------------------------------------------------

struct RunNetwork {
    std::string source;   // the file the network came from
    std::string summary;  // net::summary
    std::uint64_t wires = 0, junctions = 0;
    std::optional<int> hop_distance;
    nlohmann::json extra = nlohmann::json::object();  // fields not named above, kept as read
};

struct RunElectrodes {
    std::string driven, drain;
    nlohmann::json extra = nlohmann::json::object();
};

struct RunRecord {
    std::string format = "nwnspice-run";
    int version = 1;
    std::string status;   // completed | failed | interrupted
    std::string message;  // why it failed; written when not empty
    std::string command;  // the command line
    std::string engine;   // libngspice | ngspice-cli | native
    std::optional<std::string> flavour;   // SPICE engines
    std::optional<bool> nwnsim_compat;    // native engine
    std::optional<std::string> deck;      // nwn run DECK: the deck's absolute path
    std::optional<RunNetwork> network;
    std::optional<RunElectrodes> electrodes;
    std::optional<std::string> stimulus;  // its spec
    std::optional<double> tstop;
    std::optional<double> dt;    // native: the time step
    std::optional<double> tmax;  // SPICE engines: the maximum step
    std::optional<std::string> model;  // the junction model (absent before models: hochstetter)
    std::optional<std::string> preset;
    std::optional<std::map<std::string, double>> params;  // junction parameters by name
    // libngspice's counters; written when not empty: names ending in _s as seconds, the others as integers
    std::map<std::string, double> solver;
    std::optional<double> G_initial, G_final;  // NaN is written as null, and null read as NaN
    std::optional<std::map<std::string, std::string>> versions;  // nwnspice, ngspice
    std::optional<std::string> ngspice_library, ngspice_binary;
    std::uint64_t points = 0;
    double t_last = 0;
    double wall_s = 0;
    nlohmann::json extra = nlohmann::json::object();  // fields not named above, kept as read
};

// The record as run.json holds it.
nlohmann::json run_record_json(const RunRecord& r);
// Throws nwn::Error naming `where` (the file) and the field for a field of the wrong type, a record
// without status, or one of another format.
RunRecord run_record_from_json(const nlohmann::json& j, const std::string& where);

// Writes dir/run.json atomically.
void write_run_record(const std::filesystem::path& dir, const RunRecord& r);
// Reads dir/run.json. Throws nwn::Error naming the file when it is missing or not valid JSON, and
// the field when a field has the wrong type.
RunRecord read_run_record(const std::filesystem::path& dir);

enum class RunStatus { Completed, Failed, Interrupted, Missing };
const char* run_status_name(RunStatus s);  // "completed", "failed", "interrupted", "missing"
// The status run.json records, without reading the rest: Missing when there is no run.json, when it
// does not parse, or when its status is not one of the others. Never throws for a bad file.
RunStatus run_status(const std::filesystem::path& dir);

// params as a record holds them, by name.
std::map<std::string, double> params_by_name(const device::JunctionParams& p);
// The junction parameters of a run of the hochstetter model: its preset ("dc" when none) with its params
// applied. Throws nwn::Error, naming `where`, for another model or an unknown preset or parameter name.
nwn_junction_params junction_params(const RunRecord& r, const std::string& where);

}  // namespace nwn::io

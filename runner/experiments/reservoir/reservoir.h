// nwn reservoir: a network as a physical reservoir on a standard task. The task's input, held for one
// step time per sample, drives the input electrodes (through a drive table, so every engine runs the same
// waveform); the features are what a chip can read at the end of each step: the currents of grounded
// readout electrodes (or, with a TIA per readout, the amplifiers' output voltages) and the voltages of
// floating probes; optionally also every wire's voltage, which no chip can read (a simulation's view). The readout (analysis/reservoir_readout.h) is
// scored beside two baselines computed the same way: the readout on the raw input, and an echo-state
// network with as many features. With lyapunov, reservoir.json also holds the exponent along the input, so
// nwn phase-diagram --task can put the score beside λ. Writes DIR/reservoir.json, DIR/reservoir.csv (per-delay or per-sample
// detail), DIR/drive.csv and the run in DIR/run.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/progress.h"
#include "netlistgen/netlist/cmos_periphery.h"
#include "netlistgen/network/network.h"
#include "runner/analysis/reservoir_readout.h"
#include "runner/engine/engine_kind.h"

namespace nwn::exp {

struct ReservoirSpec {
    std::string task;                     // memory-capacity | narma10 | mackey-glass | digits
    net::Network network;
    std::string network_source;
    std::vector<std::string> inputs;      // driven with the task's input, mapped onto offset ± amplitude
    std::vector<std::string> readouts;    // grounded; their currents are features
    std::vector<std::string> probes;      // floating; their voltages are features
    // A transimpedance amplifier per readout (--readout-circuit tia[:RF]): the feature is its output,
    // -rf·(current from the network into the readout). SPICE engines: the CMOS cmos_tia of
    // cmos_periphery.lib at every readout, its supplies in the deck; native: the ideal amplifier, a virtual
    // ground at exactly 0 V, i.e. the grounded readout's current times rf. None: the currents themselves.
    std::optional<net::TiaOptions> tia;
    // electrodes (the readouts and probes), wires (every wire's voltage but the source-held ones: not
    // measurable on a chip) or both.
    std::string features = "electrodes";
    std::size_t steps = 2000;             // input samples (digits: images, at most the 1 797 of the data)
    double step_time = 0.01;              // s per input sample
    double amplitude = 1.0;               // V
    double offset = 0;                    // V added to every input: [offset − A, offset + A]
    std::uint64_t seed = 1;               // input stream and echo-state network
    std::optional<std::uint64_t> echo_state_seed;  // the echo-state network's own, when not `seed`
    std::size_t max_delay = 30;           // memory capacity
    std::vector<std::size_t> horizons{1, 5, 10};  // Mackey–Glass: samples ahead predicted
    analysis::RidgeCvOptions readout;
    engine::Engine engine = engine::Engine::Native;
    std::optional<net::Flavour> flavour;  // SPICE engines; none = auto
    double tmax = 1e-3;                   // native step / SPICE maximum step
    std::string preset = "dc";
    std::vector<std::string> params;
    bool nwnsim_compat = false;
    // Also the maximal Lyapunov exponent along the task's input (native two-copy estimate with the same
    // electrodes, one rate per input sample; running_lyapunov.h), whatever engine runs the task.
    std::filesystem::path digits_file;    // digits: the data (empty: found as io::find_digits says)
    std::string digits_scan = "columns";  // digits: columns | rows shown in time
    std::size_t rest_steps = 2;           // digits: steps at the lowest level after each image
    bool read_every_step = false;         // digits: features of every pixel step, not only the last
    bool lyapunov = false;
    double lyapunov_eps = 1e-7;           // V·s
    ProgressFn progress;
    std::filesystem::path out;
    std::string command_line;
};

// The wires whose voltages are wire features: those write_netlist includes (net::active_wires) but the
// single-wire electrodes held by a source (inputs, readouts), whose voltage is fixed. Ascending.
std::vector<int> reservoir_feature_wires(const ReservoirSpec& spec);

// Whether `task` is one of nwn reservoir's tasks, and the key of its score in reservoir.json's
// network_score: memory_capacity or accuracy (higher is better) or nrmse (lower is better).
bool is_reservoir_task(const std::string& task);
std::string reservoir_score_key(const std::string& task);

// Throws nwn::Error for bad input (names, sizes, a failed run); returns reservoir.json's content.
nlohmann::json run_reservoir(const ReservoirSpec& spec);

}  // namespace nwn::exp

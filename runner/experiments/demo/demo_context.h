// What the demo's sections share: the settings of the chosen mode, where things are, and how a section
// runs its nwn children (timed, logged, with a progress bar) and records the commands for the report.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/experiments/demo/demo.h"
#include "runner/experiments/demo/report_page.h"

namespace nwn::exp {

// Sizes of each section per mode (demo_scale.cpp).
struct DemoScale {
    std::vector<double> activation_vstar;   // V* of the G(t) runs (20 = NWNsim's 1.8 V golden run)
    double activation_tstop = 10;
    unsigned ensemble_seeds = 0;           // seeds 0 .. N-1 (those with unconnected bars are skipped)
    double ensemble_lx = 100, ensemble_tstop = 30;
    std::vector<double> drift_vstar;       // V* ≪ 1 and ≫ 1
    unsigned drift_seeds = 0;
    double spice_member_tstop = 10;        // the member re-run through libngspice
    std::vector<double> chaos_frequencies; // Hz, at A = 1.25 V
    double chaos_transient = 30, chaos_periods = 10;
    bool chaos_spice = false;              // also the last frequency through libngspice
    std::vector<double> edge_amplitudes;   // V, at 0.85 Hz: the amplitude sweep across the edge
    double edge_control_duration = 0;      // s under nwn edge-control; 0 = not run
    double nlt_duration = 80;
    std::size_t reservoir_samples = 300;   // NARMA-10 samples
    std::size_t digit_images = 300;
    bool reservoir_spice = false;          // NARMA-10 also through libngspice
    bool reservoir_tia = false;            // and with a CMOS TIA per readout (~18 s of one core at 300 samples)
};
DemoScale demo_scale(DemoMode mode);

struct DemoContext {
    const DemoSpec& spec;
    DemoScale scale;
    std::filesystem::path out;                    // as given (children run in the same directory)
    std::optional<std::filesystem::path> nwnsim;  // NWNsim's reference files, when present
    std::filesystem::path examples;
    unsigned jobs = 2;
    nlohmann::json numbers;                       // DIR/demo.json: every number the report shows
    std::vector<std::string> summary;             // one line or two per section for the terminal
};

// An nwn command line as a user types it ("nwn run ..."), quoted where the shell needs it.
std::string shell_line(const std::vector<std::string>& args);

// Progress of a child that reports none while it runs (nwn ensemble, nwn phase-diagram): counted from
// the files it has finished so far.
struct ChildProgress {
    double total = 0;
    std::function<double()> count;
};

// Runs `nwn ARGS` for each command, ctx.jobs at a time, output in the given log files; a progress bar
// labelled `label` counts finished children (or follows `fine`). Returns the exit statuses (130 and the
// like when interrupted). Each command's line is appended to `section.commands`.
std::vector<int> run_children(DemoContext& ctx, report::Section& section, const std::string& label,
                              const std::vector<std::vector<std::string>>& commands,
                              const std::vector<std::filesystem::path>& logs, const ChildProgress* fine = nullptr);

// Counts the files named `name` in the directories under `dir` matching `prefix*` (one level).
double count_files(const std::filesystem::path& dir, const std::string& prefix, const std::string& name);

// Runs `work` on a thread while the main thread draws a progress bar from `count()` (out of `total`).
void with_progress(const DemoContext& ctx, const std::string& label, double total, const std::function<double()>& count,
                   const std::function<void()>& work);

// The sections (demo_activation.cpp, ...). Each fills its report section and ctx.numbers[id].
report::Section demo_activation(DemoContext& ctx);
report::Section demo_avalanches(DemoContext& ctx);
report::Section demo_chaos(DemoContext& ctx);
// The chaos section's second part (demo_edge.cpp): NLT accuracy across the edge at 0.85 Hz, and the controller.
void demo_edge(DemoContext& ctx, report::Section& section, const std::filesystem::path& network);
report::Section demo_cosim(DemoContext& ctx);
report::Section demo_reservoir(DemoContext& ctx);

// NWNsim's network as nwn import-mat writes it (DIR/activation/nw100.json), imported on first use;
// empty (and the section marked failed) when the import fails.
std::filesystem::path ensure_nw100(DemoContext& ctx, report::Section& section);

// A section that could not run (missing reference data, a failed child): says why and keeps the commands.
report::Section skipped_section(const std::string& id, const std::string& title, const std::string& why);

}  // namespace nwn::exp

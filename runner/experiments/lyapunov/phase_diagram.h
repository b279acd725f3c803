// A phase diagram of the edge of chaos: `nwn lyapunov` (and, with nlt, `nwn nlt` continuing from the
// Lyapunov run's attractor) at every drive amplitude × frequency, as child processes, `jobs` at a time.
//
// DIR/points/A<amp>_f<freq>/   one directory per point: lyapunov.json, trace.csv, attractor.csv, nlt.json,
//                              nwn.log (the children's output)
// DIR/phase_diagram.csv        amplitude, frequency, status, lambda_per_s, sigma, r (+ NLT accuracies)
// DIR/phase_diagram.png        heat map of the exponent (gnuplot), cells with r < min_r marked
// DIR/nlt_vs_lambda.csv/.png   with nlt: accuracy per task against the exponent (points with r >= min_r)
// DIR/phase_diagram.json       the grid and arguments; a rerun with the same ones resumes (points whose
//                              outputs are complete are kept), different ones are refused.
// With a reservoir task (nwn reservoir's memory-capacity, narma10, mackey-glass) every point is instead one
// `nwn reservoir TASK --amplitude A --step-time 1/f --lyapunov`: the amplitude scales the task's input and
// the frequency is its sample rate; λ is measured along that same input (reservoir.json), and the task's
// score goes into phase_diagram.csv and DIR/score_vs_lambda.csv/.png.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "netlistgen/netlist/netlist_writer.h"
#include "runner/engine/engine_kind.h"
#include "runner/jobs/shards.h"

namespace nwn::exp {

struct PhaseDiagramSpec {
    std::filesystem::path network;           // NET.json (read by the children)
    std::string wave = "triangle";           // triangle (NWNsim's ACsaw) | sine
    std::vector<double> amplitudes, frequencies;
    // To both children:
    std::vector<std::string> electrode_args;  // --contacts I,J or --electrodes SPEC, or none
    std::string preset = "ac";
    engine::Engine engine = engine::Engine::Libngspice;
    net::Flavour flavour = net::Flavour::Codemodel;
    std::vector<std::string> params;         // NAME=VALUE junction parameter overrides
    std::vector<std::string> lyapunov_args;  // to nwn lyapunov only
    std::vector<std::string> nlt_args;       // to nwn nlt only
    double transient = 0;                    // s; the NLT continues the attractor from there
    bool nlt = false;
    std::string task;                        // a reservoir task (see above); empty: Lyapunov (and NLT)
    std::vector<std::string> task_args;      // to nwn reservoir (--inputs, --readouts, ...)
    int jobs = 2;                            // local processes (under MPI: one point per worker rank)
    jobs::Shard shard;                       // run only this share of the grid (no plots)
    std::vector<std::filesystem::path> merge;  // gather the points from these shards; run nothing
    double color_range = 15;                 // ± of the heat map's colour scale (NWNsim's Fig. 6: 15 1/s)
    double min_r = 10;                       // cells below are marked (they hardly switch; Fig. 8 drops them)
    double lambda_window = 40;               // x range ± of the NLT plot (Fig. 8: 40 1/s); the CSV has all points
    bool plot = true;
    bool quiet = false;
    std::filesystem::path out;
    std::filesystem::path nwn_binary;        // empty = this executable
};

struct PhaseDiagramResult {
    std::size_t points = 0, ran = 0, reused = 0, failed = 0, unfinished = 0;
    bool interrupted = false;
    bool plotted = false;
    std::string plot_message;  // why a plot is missing
};

PhaseDiagramResult run_phase_diagram(const PhaseDiagramSpec& spec);

// Point directory name, e.g. "A1.25_f0.85".
std::string phase_point_name(double amplitude, double frequency);

// Writes the gnuplot scripts and data next to phase_diagram.csv and runs gnuplot; false (with a reason)
// when gnuplot is missing or fails.
struct PhaseRow {
    double amplitude, frequency;
    std::string status;
    double lambda, sigma, r;
    bool upper_bound;              // lambda only bounds the exponent from above (lost separations)
    std::vector<double> accuracy;  // per NLT task (empty without nlt), or the reservoir task's score
};
bool plot_phase_diagram(const PhaseDiagramSpec& spec, const std::vector<PhaseRow>& rows, std::string& why);

}  // namespace nwn::exp

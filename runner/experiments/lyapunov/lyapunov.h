// Lyapunov exponents of a driven network's junction-state trajectory (docs/model.md §5), in SPICE or in
// NWNsim's discrete scheme.
//
// Method (Benettin): after a transient that brings the reference onto its attractor, K perturbed copies
// start eps away along orthonormal directions and run next to the reference. Every tau they are compared:
// the separations are Gram–Schmidt orthogonalised, ln(|R_jj|/eps)/tau is the j-th segment rate, and the
// copies restart eps away along the new directions. The exponents are the means of the rates after a
// few skipped periods (alignment with the leading directions), with batch-means errors.
//
// SPICE (libngspice): every segment is one deck with the reference and the K copies as instances of the
// network's .subckt, all driven by one source whose time origin is moved to the segment start (the drive
// phase continues), started from .ic states. The separations come from the λ node voltages at the end of
// the segment. One libngspice session runs all segments (load_circuit per segment).
// Native: NWNsim's scheme (nodal solve + explicit Euler at a fixed dt) for all copies in lock step,
// renormalised every tau, or every step as NWNsim does (tau = dt).
//
// DIR/lyapunov.json: lambda_per_s, sigma, r, all K exponents, the convergence trace (running mean per
// drive period), timings; DIR/trace.csv: per drive period the mean rate and the running mean of every
// exponent; DIR/segments.csv: every segment's rates (runs of up to 20000 segments); DIR/attractor.csv:
// the reference state where the measurement began (junction, lambda).
#pragma once
#include "common/progress.h"
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "netlistgen/network/network.h"
#include "netlistgen/network/stimulus.h"
#include "runner/experiments/lyapunov/lyapunov_engines.h"

namespace nwn::exp {

struct LyapunovSpec {
    net::Network network;
    std::string network_source;
    net::Stimulus stimulus = net::Stimulus::dc(1.0);
    double period = 0;  // drive period (s); 0 = from the stimulus (sine, triangle, square, pulse)
    std::string preset = "ac";
    std::vector<std::string> params;  // NAME=VALUE overrides
    EngineChoice sim;                   // engine, solver settings, device files
    double eps = 0;                     // perturbation size (V·s); 0 = 1e-7, NWNsim's 5e-4 with every_step
    std::string direction = "random";   // random | junction:K (NWNsim perturbs one junction)
    std::uint64_t seed = 1;             // random directions
    std::size_t exponents = 1;          // K
    double tau = 0;                     // renormalisation interval (s); 0 = half a drive period
    bool every_step = false;            // native: renormalise after every step (NWNsim's scheme, tau = dt)
    double transient = 0;               // s of reference-only run before the measurement
    std::optional<engine::Engine> transient_engine;  // none = sim.engine; native makes a long SPICE transient cheap
    double periods = 10;                // measured drive periods (after the transient)
    double skip_periods = 1;            // leading periods left out of the mean
    std::vector<double> lambda0;        // initial states of every junction (empty = 0)
    bool quiet = false;
    ProgressFn progress;  // simulated time (transient and segments), s
    std::filesystem::path out;
    std::string command_line;
};

struct LyapunovResult {
    std::string status;   // completed | interrupted | failed
    std::string message;
    std::vector<double> lambda_per_s, sigma;  // per exponent
    std::size_t lost = 0;  // segments where the first separation vanished: lambda_per_s[0] is an upper bound
    double r = 0;  // NaN when no whole drive period was measured
    double wall_s = 0;
    std::vector<std::string> warnings;  // about eps and tau (see lyapunov.json)
    bool ok() const { return status == "completed"; }
};

// Runs and writes DIR; throws nwn::Error for bad input, reports failed simulations in the result.
LyapunovResult run_lyapunov(const LyapunovSpec& spec);

// The drive period of a periodic stimulus (1/FREQ, or PERIOD of a pulse); throws for others.
double drive_period(const net::Stimulus& s);

// Throws unless a sine, triangle or square drive has an amplitude > 0, as phase-diagram requires of its
// --amplitudes (0 drives nothing; a negative one is the same drive half a period later). `who`: "lyapunov".
void check_drive_amplitude(const net::Stimulus& s, const std::string& who);

}  // namespace nwn::exp

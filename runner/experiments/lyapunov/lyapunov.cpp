#include "runner/experiments/lyapunov/lyapunov.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "common/atomic_file.h"
#include "common/cancel.h"
#include "common/error.h"
#include "common/format.h"
#include "runner/engine/run_limits.h"
#include "common/progress.h"
#include "netlistgen/network/junction_params.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "common/text_parse.h"
#include "runner/experiments/lyapunov/lyapunov_engines.h"
#include "runner/experiments/lyapunov/lyapunov_report.h"

namespace nwn::exp {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

State initial_direction(const LyapunovSpec& spec, const std::vector<std::size_t>& junctions) {
    if (spec.direction == "random") return analysis::random_unit(junctions.size(), spec.seed);
    const auto f = nwn::split(spec.direction, ':');
    if (f.size() == 2 && f[0] == "junction") {
        const auto k = nwn::parse_integer(f[1], "--direction junction:K");
        for (std::size_t m = 0; m < junctions.size(); ++m)
            if (static_cast<long long>(junctions[m]) == k) return analysis::unit_axis(junctions.size(), m);
        throw Error("--direction " + spec.direction + ": junction " + f[1] +
                    " is not simulated (not a junction of the network, or in a component without electrodes)");
    }
    throw Error("--direction '" + spec.direction + "': use random or junction:K");
}

void check_spec(const LyapunovSpec& spec) {
    check_drive_amplitude(spec.stimulus, "lyapunov");
    if (!(spec.eps >= 0)) throw Error("--eps must be > 0 (0 = the default)");
    if (spec.exponents < 1) throw Error("--exponents must be >= 1");
    if (!(spec.periods > 0)) throw Error("--periods must be > 0");
    if (!(spec.skip_periods >= 0) || !(spec.skip_periods < spec.periods))
        throw Error("--skip must be >= 0 and smaller than --periods");
    if (!(spec.transient >= 0)) throw Error("--transient must be >= 0");
    if (!(spec.tau >= 0)) throw Error("--tau must be >= 0 (0 = half a drive period)");
    if (!(spec.sim.dt > 0) || !(spec.sim.tmax > 0)) throw Error("--dt and --tmax must be > 0");
    if (spec.every_step && spec.sim.engine != engine::Engine::Native) throw Error("--every-step needs --engine native");
    if (!spec.lambda0.empty() && spec.lambda0.size() != spec.network.junctions.size())
        throw Error("initial states: " + std::to_string(spec.lambda0.size()) + " values for " +
                    std::to_string(spec.network.junctions.size()) + " junctions");
}

// The transient, in chunks of whole drive periods (about 20 s): the reference's change from one chunk end
// to the next (log.transient_drift) shows whether it has settled on a periodic attractor.
State settle(SegmentEngine& engine, const State& start, const LyapunovPlan& plan, LyapunovLog& log, const std::function<void(double)>& bar) {
    const double total = plan.spec.transient, chunk = plan.period * std::max(1.0, std::floor(20 / plan.period));
    std::vector<State> one{start};
    for (double t = 0; t < total - 1e-9 * plan.period;) {
        const double d = std::min(chunk, total - t);
        const State before = one[0];
        engine.advance(one, t, d);
        t += d;
        double s = 0;
        for (std::size_t m = 0; m < before.size(); ++m) s += (one[0][m] - before[m]) * (one[0][m] - before[m]);
        log.transient_drift.push_back({t, std::sqrt(s)});
        bar(t);
    }
    return one[0];
}

// The segments from log.attractor at log.t0: advance, renormalise, record the rates and r.
void measure(SegmentEngine& engine, const State& direction, const LyapunovPlan& plan, LyapunovLog& log, const std::function<void(double)>& bar) {
    const auto& spec = plan.spec;
    auto copies = analysis::perturbed_copies(log.attractor, direction, spec.exponents, spec.eps, spec.seed);
    analysis::PeriodRatio ratio(plan.period, log.t0, 0.01 * spec.stimulus.peak());  // zero crossings ±1 % of the peak
    const RefObserver feed_ratio = [&](const RefPoint& p) { ratio.add(p.t, p.v, p.i); };
    for (long s = 0; s < plan.segments && !cancel_requested(); ++s) {
        engine.advance(copies, log.t0 + s * plan.tau, plan.tau, feed_ratio);
        std::vector<bool> lost;
        const auto f = analysis::renormalise(copies, spec.eps, &lost);
        std::vector<double> rates;
        for (std::size_t j = 0; j < f.size(); ++j) {
            rates.push_back(std::log(f[j]) / plan.tau);
            if (lost[j] && s >= plan.skip) ++log.lost[j];
        }
        log.rates.push_back(std::move(rates));
        bar(spec.transient + (s + 1) * plan.tau);
    }
    log.r = ratio.mean();
    log.r_periods = ratio.periods();
}

}  // namespace

void check_drive_amplitude(const net::Stimulus& s, const std::string& who) {
    const double a = s.amplitude();
    if (!std::isnan(a) && !(a > 0))
        throw Error(who + ": --stimulus " + s.spec() + ": the amplitude must be > 0 (as phase-diagram's --amplitudes)");
}

double drive_period(const net::Stimulus& s) {
    const auto f = nwn::split(s.spec(), ':');
    switch (s.kind()) {
        case net::Stimulus::Kind::Sine:
        case net::Stimulus::Kind::Triangle:
        case net::Stimulus::Kind::Square: return 1 / nwn::parse_number(f[2], "stimulus frequency");
        case net::Stimulus::Kind::Pulse: return nwn::parse_number(f[4], "stimulus period");
        default: throw Error("stimulus '" + s.spec() + "' is not periodic: give the drive period (--period)");
    }
}

// Defaults measured on NWNsim's network at 0.85 Hz (docs/edge_of_chaos.md): eps 5e-4 V*s is 5 % of lcrit
// and tau one period lets separations leave the linear regime (+2.7 1/s); eps 1e-7, tau P/2 give +4.4 +- 0.3
// (NWNsim +4.04). NWNsim's per-step scheme keeps its own eps.
namespace {
LyapunovSpec with_defaults(LyapunovSpec s) {
    if (s.eps == 0) s.eps = s.every_step ? 5e-4 : 1e-7;
    return s;
}
}  // namespace

LyapunovResult run_lyapunov(const LyapunovSpec& spec_in) {
    check_spec(spec_in);
    const LyapunovSpec spec = with_defaults(spec_in);
    if (spec.network.electrodes.size() < 2) throw Error("the network needs two electrodes (give --contacts I,J)");
    LyapunovPlan plan{.spec = spec, .params = net::preset_params(spec.preset)};
    net::apply_overrides(plan.params, spec.params);
    plan.period = spec.period > 0 ? spec.period : drive_period(spec.stimulus);
    plan.tau = spec.every_step ? spec.sim.dt : spec.tau > 0 ? spec.tau : plan.period / 2;
    // nwn run's step cap (runner/engine/run_limits.h), for the transient and the measured periods together;
    // every segment is at least one step.
    const auto step_of = [&](engine::Engine e) { return e == engine::Engine::Native ? spec.sim.dt : spec.sim.tmax; };
    const double measured = spec.periods * plan.period;
    engine::check_steps(spec.transient / step_of(spec.transient_engine.value_or(spec.sim.engine)) +
                            std::max(measured / step_of(spec.sim.engine), measured / plan.tau),
                        "lyapunov: (--transient " + fmt("%g", spec.transient) + " s + --periods " + fmt("%g", spec.periods) +
                            " x the drive period " + fmt("%g", plan.period) + " s) / the time step",
                        "lower --periods or --transient, raise the drive frequency, --tmax or --dt");
    plan.segments = std::lround(measured / plan.tau);
    plan.skip = std::lround(spec.skip_periods * plan.period / plan.tau);
    plan.block = std::max(1L, std::lround(plan.period / plan.tau));
    if (plan.segments < 1) throw Error("--periods gives no whole renormalisation interval");
    plan.junctions = net::active_junctions(spec.network);
    const State direction = initial_direction(spec, plan.junctions);

    State ref(plan.junctions.size(), 0.0);
    if (!spec.lambda0.empty())
        for (std::size_t m = 0; m < ref.size(); ++m) ref[m] = spec.lambda0[plan.junctions[m]];

    const EngineSetup setup{spec.network, spec.stimulus, plan.params, spec.sim};
    auto engine = make_segment_engine(setup);
    std::unique_ptr<SegmentEngine> other;
    SegmentEngine* transient_engine = engine.get();
    if (spec.transient_engine && *spec.transient_engine != spec.sim.engine) {
        other = make_segment_engine(setup, *spec.transient_engine);
        transient_engine = other.get();
    }
    std::filesystem::create_directories(spec.out);
    remove_stale_temp_files(spec.out);  // of a killed earlier run into the same directory

    LyapunovLog log;
    log.status = "completed";
    log.lost.assign(spec.exponents, 0);
    const auto start = Clock::now();
    const double total = spec.transient + plan.segments * plan.tau;
    const auto bar = [&](double done) { report_progress(spec.progress, done, total); };
    double t = 0;
    try {
        log.attractor = settle(*transient_engine, ref, plan, log, bar);
        log.transient_s = seconds_since(start);
        t = log.t0 = spec.transient;
        measure(*engine, direction, plan, log, bar);
        t += log.rates.size() * plan.tau;
        log.segments_s = seconds_since(start) - log.transient_s;
    } catch (const Cancelled& e) {  // a stop request: what was measured so far is kept
        log.status = "interrupted";
        log.message = e.what();
    } catch (const Error& e) {
        log.status = "failed";
        log.message = e.what();
    }
    if (cancel_requested() && log.status == "completed") {
        log.status = "interrupted";
        log.message = "interrupted at t = " + std::to_string(t) + " s";
    }
    log.wall_s = seconds_since(start);
    log.engine_stats = engine->stats();
    if (other) log.transient_engine_stats = other->stats();
    return write_lyapunov_outputs(plan, log);
}

}  // namespace nwn::exp

#include "runner/experiments/lyapunov/lyapunov_report.h"

#include "runner/experiments/lyapunov/lyapunov_json.h"

#include <cmath>
#include <sstream>

#include "common/atomic_file.h"
#include "netlistgen/network/junction_params.h"
#include "common/text_parse.h"

namespace nwn::exp {

std::vector<double> all_states(std::size_t network_junctions, const std::vector<std::size_t>& junctions, const State& states) {
    std::vector<double> all(network_junctions, 0.0);
    for (std::size_t m = 0; m < junctions.size(); ++m) all[junctions[m]] = states[m];
    return all;
}

void write_states_csv(const std::filesystem::path& file, std::size_t network_junctions, const std::vector<std::size_t>& junctions,
                      const State& states) {
    const auto all = all_states(network_junctions, junctions, states);
    std::ostringstream os;
    os << "junction,lambda\n";
    for (std::size_t k = 0; k < all.size(); ++k) os << k << "," << nwn::format_number(all[k]) << "\n";
    write_file_atomic(file, os.str());
}

namespace {


std::string csv_num(double x) { return std::isfinite(x) ? nwn::format_number(x) : std::string("nan"); }

std::vector<double> column(const LyapunovLog& log, std::size_t j) {
    std::vector<double> c;
    for (const auto& r : log.rates) c.push_back(r[j]);
    return c;
}

// Per drive period: the mean rate within it and the running mean since the skipped periods.
struct TraceRow {
    double t;
    std::vector<double> period_mean, running;
};

std::vector<TraceRow> trace(const LyapunovPlan& plan, const LyapunovLog& log, std::size_t k) {
    std::vector<TraceRow> rows;
    std::vector<double> sum(k, 0), n(k, 0), bsum(k, 0), bn(k, 0);
    for (std::size_t s = 0; s < log.rates.size(); ++s) {
        for (std::size_t j = 0; j < k; ++j) {
            const double x = log.rates[s][j];
            if (!std::isfinite(x)) continue;
            bsum[j] += x, bn[j] += 1;
            if (static_cast<long>(s) >= plan.skip) sum[j] += x, n[j] += 1;
        }
        if ((s + 1) % plan.block == 0 || s + 1 == log.rates.size()) {
            TraceRow row{log.t0 + (s + 1) * plan.tau, {}, {}};
            for (std::size_t j = 0; j < k; ++j) {
                row.period_mean.push_back(bn[j] ? bsum[j] / bn[j] : NAN);
                row.running.push_back(n[j] ? sum[j] / n[j] : NAN);
                bsum[j] = bn[j] = 0;
            }
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

void write_trace_csv(const LyapunovPlan& plan, const std::vector<TraceRow>& rows, std::size_t k) {
    std::ostringstream os;
    os << "period,t";
    for (std::size_t j = 1; j <= k; ++j) os << ",rate_" << j;
    for (std::size_t j = 1; j <= k; ++j) os << ",running_" << j;
    os << "\n";
    for (std::size_t b = 0; b < rows.size(); ++b) {
        os << b << "," << csv_num(rows[b].t);
        for (double x : rows[b].period_mean) os << "," << csv_num(x);
        for (double x : rows[b].running) os << "," << csv_num(x);
        os << "\n";
    }
    write_file_atomic(plan.spec.out / "trace.csv", os.str());
}

void write_attractor_csv(const LyapunovPlan& plan, const LyapunovLog& log) {
    if (log.attractor.size() != plan.junctions.size()) return;
    write_states_csv(plan.spec.out / "attractor.csv", plan.spec.network.junctions.size(), plan.junctions, log.attractor);
}

void write_segments_csv(const LyapunovPlan& plan, const LyapunovLog& log, std::size_t k) {
    std::ostringstream os;
    os << "segment,t";
    for (std::size_t j = 1; j <= k; ++j) os << ",rate_" << j;
    os << "\n";
    for (std::size_t s = 0; s < log.rates.size(); ++s) {
        os << s << "," << csv_num(log.t0 + (s + 1) * plan.tau);
        for (double x : log.rates[s]) os << "," << csv_num(x);
        os << "\n";
    }
    write_file_atomic(plan.spec.out / "segments.csv", os.str());
}

// The two ways a finite eps and a long tau go wrong, read off the per-segment stretch of the first copy:
// a separation that grows large leaves the linear regime (the exponent comes out low), one that shrinks
// by ~e^-20 nears the rounding noise of the states (and of SPICE's solution).
std::vector<std::string> warnings(const LyapunovPlan& plan, const LyapunovLog& log) {
    double hi = -INFINITY, lo = INFINITY;
    for (std::size_t s = plan.skip; s < log.rates.size(); ++s) {
        hi = std::max(hi, log.rates[s][0] * plan.tau);
        lo = std::min(lo, log.rates[s][0] * plan.tau);
    }
    std::vector<std::string> w;
    char buf[300];
    // Measured on NWNsim's network at 0.85 Hz (bench/lyapunov_reference.sh): separations reaching ~1e-3 V·s
    // (7 % of lmax) bias the exponent low by 10–40 %; ~1e-4 V·s do not.
    const double largest = plan.spec.eps * std::exp(hi);
    if (largest > 0.05 * plan.params.lmax) {
        std::snprintf(buf, sizeof buf,
                      "separations grew to %.2g V*s (e^%.1f eps) within a segment, beyond the linear regime: the "
                      "exponent comes out low; shorten --tau or lower --eps", largest, hi);
        w.push_back(buf);
    }
    if (lo < -20) {
        std::snprintf(buf, sizeof buf,
                      "separations shrank down to e^%.1f eps within a segment, near the rounding noise of the states: "
                      "shorten --tau", lo);
        w.push_back(buf);
    }
    if (!log.lost.empty() && log.lost[0] > 0)
        w.push_back(std::to_string(log.lost[0]) + " segments lost the separation entirely; the exponent is an upper bound");
    return w;
}

}  // namespace

LyapunovResult write_lyapunov_outputs(const LyapunovPlan& plan, const LyapunovLog& log) {
    const auto& spec = plan.spec;
    const std::size_t k = spec.exponents;
    LyapunovResult res;
    res.status = log.status;
    res.message = log.message;
    res.r = log.r;
    res.lost = log.lost.empty() ? 0 : log.lost[0];
    res.wall_s = log.wall_s;

    nlohmann::json j;
    j["format"] = "nwnspice-lyapunov";
    j["version"] = 1;
    j["status"] = log.status;
    if (!log.message.empty()) j["message"] = log.message;
    j["command"] = spec.command_line;
    nlohmann::json exps = nlohmann::json::array();
    for (std::size_t e = 0; e < k; ++e) {
        const auto st = analysis::exponent_stats(column(log, e), plan.skip, plan.block);
        res.lambda_per_s.push_back(st.mean);
        res.sigma.push_back(st.sigma);
        const std::size_t lost = e < log.lost.size() ? log.lost[e] : 0;
        exps.push_back({{"lambda_per_s", num_or_null(st.mean)}, {"sigma", num_or_null(st.sigma)}, {"segments_used", st.used},
                        {"batches", st.batches}, {"segments_lost", lost},
                        // Lost segments count at the noise-floor rate: the value is then an upper bound.
                        {"bound", lost ? nlohmann::json("upper") : nlohmann::json(nullptr)}});
    }
    j["lambda_per_s"] = num_or_null(res.lambda_per_s.empty() ? NAN : res.lambda_per_s[0]);
    j["lambda_is_upper_bound"] = !log.lost.empty() && log.lost[0] > 0;
    j["sigma"] = num_or_null(res.sigma.empty() ? NAN : res.sigma[0]);
    j["r"] = num_or_null(log.r);
    j["r_periods"] = log.r_periods;
    j["exponents"] = exps;

    j["engine"] = engine::engine_name(spec.sim.engine);
    j["transient_engine"] = engine::engine_name(spec.transient_engine.value_or(spec.sim.engine));
    j["solver"] = engine_choice_json(spec.sim, spec.sim.engine, spec.transient_engine.value_or(spec.sim.engine));
    j["network"] = {{"source", spec.network_source},
                    {"summary", net::summary(spec.network)},
                    {"junctions", spec.network.junctions.size()},
                    {"simulated_junctions", plan.junctions.size()}};
    j["stimulus"] = spec.stimulus.spec();
    j["period"] = plan.period;
    j["preset"] = spec.preset;
    j["params"] = params_json(plan.params);
    j["eps"] = spec.eps;
    j["direction"] = spec.direction;
    j["seed"] = spec.seed;
    j["tau"] = plan.tau;
    j["every_step"] = spec.every_step;
    j["transient"] = spec.transient;
    j["periods"] = spec.periods;
    j["skip_periods"] = spec.skip_periods;
    j["segments"] = plan.segments;
    j["segments_done"] = log.rates.size();
    j["segments_skipped"] = plan.skip;
    j["t0"] = log.t0;

    const auto rows = trace(plan, log, k);
    nlohmann::json tr = nlohmann::json::array();
    for (const auto& row : rows) {
        nlohmann::json running = nlohmann::json::array(), period = nlohmann::json::array();
        for (double x : row.running) running.push_back(num_or_null(x));
        for (double x : row.period_mean) period.push_back(num_or_null(x));
        tr.push_back({{"t", row.t}, {"period_mean", period}, {"running_mean", running}});
    }
    j["trace"] = tr;
    nlohmann::json drift = nlohmann::json::array();
    for (const auto& [t, d] : log.transient_drift) drift.push_back({{"t", t}, {"change", d}});
    j["transient_drift"] = drift;
    j["timing"] = {{"wall_s", log.wall_s}, {"transient_s", log.transient_s}, {"segments_s", log.segments_s},
                   {"engine", log.engine_stats}};
    if (!log.transient_engine_stats.is_null()) j["timing"]["transient_engine"] = log.transient_engine_stats;

    res.warnings = warnings(plan, log);
    j["warnings"] = res.warnings;
    write_trace_csv(plan, rows, k);
    if (log.rates.size() <= 20000) write_segments_csv(plan, log, k);
    write_attractor_csv(plan, log);
    write_file_atomic(spec.out / "lyapunov.json", j.dump(2) + "\n");
    return res;
}

}  // namespace nwn::exp

#include "runner/experiments/lyapunov/edge_control.h"

#include <algorithm>
#include <cmath>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/format.h"
#include "netlistgen/network/junction_params.h"
#include "common/text_parse.h"
#include "runner/experiments/lyapunov/lyapunov.h"
#include "runner/experiments/lyapunov/lyapunov_json.h"
#include "runner/experiments/lyapunov/lyapunov_report.h"
#include "runner/experiments/lyapunov/nlt_run.h"
#include "runner/experiments/lyapunov/running_lyapunov.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace nwn::exp {

namespace {

void check_spec(const EdgeControlSpec& s) {
    const auto k = s.stimulus.kind();
    if (k != net::Stimulus::Kind::Sine && k != net::Stimulus::Kind::Triangle && k != net::Stimulus::Kind::Square)
        throw Error("edge-control: --stimulus must be a sine, triangle or square (the controller scales its amplitude)");
    check_drive_amplitude(s.stimulus, "edge-control");
    const auto positive = [](double x, const char* name) {
        if (!(x > 0) || !std::isfinite(x)) throw Error(std::string("edge-control: ") + name + " must be > 0");
    };
    positive(s.dt, "--dt");
    positive(s.eps, "--eps");
    positive(s.gain, "--gain");
    positive(s.clip, "--clip");
    positive(s.window_periods, "--window");
    positive(s.duration, "--duration");
    positive(s.tolerance, "--tolerance");
    positive(s.nlt_dt, "--nlt-dt");
    positive(s.amplitude_min, "--amplitude-min");
    if (!(s.amplitude_max > s.amplitude_min)) throw Error("edge-control: --amplitude-max must be > --amplitude-min");
    if (!(s.transient >= 0)) throw Error("edge-control: --transient must be >= 0");
    if (!std::isfinite(s.target)) throw Error("edge-control: --target must be finite");
    if (s.settle_windows < 2) throw Error("edge-control: --settle-windows must be >= 2");
    for (const auto& st : s.steps)
        if (!(st.time >= 0) || !(st.factor > 0)) throw Error("edge-control: --step T:FACTOR needs T >= 0 and FACTOR > 0");
}

struct Window {
    double t_end, amplitude, lambda, mean;
    bool lost;
};

// The first window end after which the running mean stays within target ± tolerance, counted from `since`.
double settle_time(const std::vector<Window>& w, double since, double target, double tol) {
    double settled = NAN;
    for (const auto& x : w) {
        if (x.t_end < since) continue;
        const bool in = std::isfinite(x.mean) && std::abs(x.mean - target) <= tol;
        if (!in) settled = NAN;
        else if (std::isnan(settled)) settled = x.t_end;
    }
    return std::isnan(settled) ? NAN : settled - since;
}

std::string wave_name(net::Stimulus::Kind k) {
    return k == net::Stimulus::Kind::Sine ? "sine" : k == net::Stimulus::Kind::Triangle ? "triangle" : "square";
}

}  // namespace

AmplitudeStep parse_amplitude_step(const std::string& item) {
    const auto colon = item.find(':');
    if (colon == std::string::npos) throw Error("--step '" + item + "': give TIME:FACTOR (s, multiplier)");
    return {nwn::parse_number(item.substr(0, colon), "--step time"), nwn::parse_number(item.substr(colon + 1), "--step factor")};
}

json run_edge_control(const EdgeControlSpec& s) {
    check_spec(s);
    const double period = drive_period(s.stimulus), a0 = std::abs(s.stimulus.amplitude());
    auto params = net::preset_params(s.preset);
    net::apply_overrides(params, s.params);
    const auto roles = net::resolve_roles(s.network, s.roles, s.stimulus);
    fs::create_directories(s.out);

    RunningLyapunov rl(s.network, roles, params, s.dt, s.nwnsim_compat, s.eps, s.seed, s.lambda0);
    // Control starts on a period boundary, where a sine or triangle is 0, so a new amplitude never makes
    // the drive jump.
    const double t0 = std::ceil(s.transient / period - 1e-9) * period;
    const double total = t0 + s.duration;
    if (t0 > 0) rl.advance_reference(t0);
    report_progress(s.progress, t0, total);

    const long per_window = std::max(1L, std::lround(2 * s.window_periods));  // rates of half a period each
    const double tau = period / 2, window = static_cast<double>(per_window) * tau;
    const long windows = std::max(1L, std::lround(s.duration / window));
    double log_a = std::log(std::clamp(a0, s.amplitude_min, s.amplitude_max));
    std::vector<Window> rows;
    std::vector<bool> applied(s.steps.size(), false);
    double last_step = t0;
    for (long w = 0; w < windows; ++w) {
        const double a = std::exp(log_a);
        rl.copies().set_drive_scale(a / a0);
        double sum = 0;
        bool lost = false;
        for (long k = 0; k < per_window; ++k) {
            sum += rl.advance(tau);
            lost |= rl.lost();
        }
        const double lambda = sum / static_cast<double>(per_window), t = rl.time();
        rows.push_back({t, a, lambda, NAN, lost});
        if (rows.size() >= s.settle_windows) {
            double m = 0;
            for (std::size_t j = rows.size() - s.settle_windows; j < rows.size(); ++j) m += rows[j].lambda;
            rows.back().mean = m / static_cast<double>(s.settle_windows);
        }
        log_a -= s.gain * std::clamp(lambda - s.target, -s.clip, s.clip);
        for (std::size_t j = 0; j < s.steps.size(); ++j)
            if (!applied[j] && s.steps[j].time <= t + 1e-9 * period) {
                applied[j] = true;
                log_a += std::log(s.steps[j].factor);
                last_step = t;
            }
        log_a = std::clamp(log_a, std::log(s.amplitude_min), std::log(s.amplitude_max));
        report_progress(s.progress, t, total);
    }

    auto csv = io::TimeSeries::with_columns({"t", "amplitude", "lambda_window", "lambda_mean", "lost"});
    for (const auto& r : rows) csv.add_row({r.t_end, r.amplitude, r.lambda, r.mean, r.lost ? 1.0 : 0.0});
    io::write_timeseries_csv(s.out / "edge_control.csv", csv);
    write_states_csv(s.out / "attractor.csv", s.network.junctions.size(), rl.copies().junctions(), rl.reference());

    // The settled point: the last settle_windows windows.
    const std::size_t n = std::min(rows.size(), s.settle_windows);
    double mean = 0, amp = 0, var = 0;
    for (std::size_t j = rows.size() - n; j < rows.size(); ++j) mean += rows[j].lambda / static_cast<double>(n);
    for (std::size_t j = rows.size() - n; j < rows.size(); ++j) {
        var += (rows[j].lambda - mean) * (rows[j].lambda - mean) / static_cast<double>(n > 1 ? n - 1 : 1);
        amp += rows[j].amplitude / static_cast<double>(n);
    }
    const double settle = settle_time(rows, last_step, s.target, s.tolerance);
    json steps = json::array();
    for (const auto& st : s.steps) steps.push_back({{"time", st.time}, {"factor", st.factor}});
    json doc = {{"format", "nwnspice-edge-control"}, {"version", 1}, {"status", "completed"}, {"command", s.command_line},
                {"network", s.network_source}, {"stimulus", s.stimulus.spec()}, {"period", period},
                {"settings", {{"preset", s.preset}, {"params", s.params}, {"dt", s.dt}, {"nwnsim_compat", s.nwnsim_compat},
                              {"eps", s.eps}, {"seed", s.seed}, {"target", s.target}, {"gain", s.gain}, {"clip", s.clip},
                              {"window_periods", static_cast<double>(per_window) / 2}, {"transient", t0},
                              {"duration", static_cast<double>(windows) * window}, {"amplitude_min", s.amplitude_min},
                              {"amplitude_max", s.amplitude_max}, {"settle_windows", s.settle_windows},
                              {"tolerance", s.tolerance}, {"steps", steps}, {"nlt_dt", s.nlt_dt}}},
                {"windows", rows.size()},
                {"settled", {{"amplitude", amp}, {"final_amplitude", rows.back().amplitude}, {"lambda_per_s", mean},
                             {"sigma", std::sqrt(var / static_cast<double>(n))}, {"windows", n},
                             {"within_tolerance", std::abs(mean - s.target) <= s.tolerance},
                             {"settle_time_s", num_or_null(settle)}, {"since", last_step}}}};

    if (s.nlt) {
        NltSpec nlt;
        nlt.network = s.network;
        nlt.network_source = s.network_source;
        const double a = rows.back().amplitude * (s.stimulus.amplitude() < 0 ? -1 : 1);
        nlt.stimulus = net::Stimulus::parse(wave_name(s.stimulus.kind()) + ":" + nwn::format_number(a) + ":" + nwn::format_number(1 / period));
        nlt.preset = s.preset;
        nlt.params = s.params;
        nlt.sim.engine = engine::Engine::Native;
        nlt.sim.dt = s.nlt_dt;
        nlt.sim.nwnsim_compat = s.nwnsim_compat;
        nlt.lambda0 = all_states(s.network.junctions.size(), rl.copies().junctions(), rl.reference());
        nlt.t0 = rl.time();
        nlt.duration = s.nlt_duration;
        nlt.quiet = true;
        nlt.out = s.out;
        nlt.command_line = s.command_line;
        const auto r = run_nlt(nlt);
        if (!r.ok()) throw Error("edge-control: the NLT run " + r.status + ": " + r.message);
        json acc = json::object();
        for (const auto& t : r.tasks) acc[t.task] = t.accuracy;
        doc["nlt"] = {{"stimulus", nlt.stimulus.spec()}, {"accuracy", acc}};
    }
    write_file_atomic(s.out / "edge_control.json", doc.dump(2) + "\n");
    return doc;
}

}  // namespace nwn::exp

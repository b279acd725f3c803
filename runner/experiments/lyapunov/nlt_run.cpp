#include "runner/experiments/lyapunov/nlt_run.h"

#include <chrono>
#include <cmath>
#include <numbers>

#include <Eigen/Dense>

#include "common/atomic_file.h"
#include "common/cancel.h"
#include "common/error.h"
#include "common/format.h"
#include "runner/engine/run_limits.h"
#include "common/progress.h"
#include "netlistgen/network/junction_params.h"
#include "netlistgen/netlist/netlist_writer.h"
#include "common/text_parse.h"
#include "runner/experiments/lyapunov/lyapunov.h"
#include "runner/experiments/lyapunov/lyapunov_json.h"
#include "runner/io/timeseries_csv.h"

namespace nwn::exp {

namespace {

using Clock = std::chrono::steady_clock;

// Linear interpolation of the streamed points onto t_k = t_begin + k·h, k = 1..n: SPICE's accepted points
// are irregular, the readout wants one sample per grid time (as NWNsim's fixed step gives).
class GridSampler {
public:
    GridSampler(double t_begin, double h, long n, std::size_t width) : t_begin_(t_begin), h_(h), n_(n), width_(width) {
        data_.reserve(static_cast<std::size_t>(n) * width);
    }

    void add(double t, double v, const std::vector<double>& wires) {
        if (!have_prev_) prev_t_ = t, prev_v_ = v, prev_ = wires, have_prev_ = true;  // grid times before it hold it
        while (next_ <= n_ && grid(next_) <= t + 1e-9 * h_) {
            const double u = t > prev_t_ ? (grid(next_) - prev_t_) / (t - prev_t_) : 1.0;
            const double w = std::clamp(u, 0.0, 1.0);
            input_.push_back(prev_v_ + w * (v - prev_v_));
            for (std::size_t m = 0; m < width_; ++m) data_.push_back(prev_[m] + w * (wires[m] - prev_[m]));
            ++next_;
        }
        prev_t_ = t, prev_v_ = v, prev_ = wires;
    }

    // Grid times after the last point (rounding at the very end) repeat it.
    void finish() {
        if (!have_prev_) throw Error("NLT: the run delivered no points");
        while (next_ <= n_) add(grid(next_), prev_v_, std::vector<double>(prev_));
    }

    double grid(long k) const { return t_begin_ + k * h_; }
    long rows() const { return next_ - 1; }
    const std::vector<double>& input() const { return input_; }
    analysis::Features features() const { return {static_cast<std::size_t>(rows()), width_, data_}; }

private:
    double t_begin_, h_;
    long n_, next_ = 1;
    std::size_t width_;
    std::vector<double> data_, input_, prev_;
    double prev_t_ = 0, prev_v_ = 0;
    bool have_prev_ = false;
};

void check_spec(const NltSpec& spec) {
    const auto kind = spec.stimulus.kind();
    if (kind != net::Stimulus::Kind::Triangle && kind != net::Stimulus::Kind::Sine)
        throw Error("NLT: the drive must be triangle:AMP:FREQ (NWNsim's task) or sine:AMP:FREQ");
    check_drive_amplitude(spec.stimulus, "NLT");
    if (!(spec.duration > 0) || !(spec.sample_dt > 0) || spec.sample_dt > spec.duration)
        throw Error("NLT: need --duration > 0 and 0 < --sample <= --duration");
    if (!(spec.transient >= 0) || !(spec.t0 >= 0)) throw Error("NLT: --transient and --t0 must be >= 0");
    if (spec.readout.washout >= static_cast<std::size_t>(std::lround(spec.duration / spec.sample_dt)))
        throw Error("NLT: the washout is as long as the recording (--washout < --duration)");
    if (spec.cross_validated && spec.save_series) throw Error("NLT: --save-series needs the NWNsim readout (not --readout ridge-cv)");
    if (!spec.lambda0.empty() && spec.lambda0.size() != spec.network.junctions.size())
        throw Error("initial states: " + std::to_string(spec.lambda0.size()) + " values for " +
                    std::to_string(spec.network.junctions.size()) + " junctions");
    if (spec.network.electrodes.size() < 2) throw Error("the network needs two electrodes (give --contacts I,J)");
    // nwn run's caps (runner/engine/run_limits.h): the steps, and the sampled grid (one value per wire and
    // sample, held in memory for the readout).
    const double step = spec.sim.engine == engine::Engine::Native ? spec.sim.dt : spec.sim.tmax;
    engine::check_steps((spec.transient + spec.duration) / step,
                        "NLT: (--transient " + fmt("%g", spec.transient) + " s + --duration " + fmt("%g", spec.duration) +
                            " s) / the time step " + fmt("%g", step) + " s",
                        "lower --duration or --transient, or raise --tmax or --dt");
    const double rows = spec.duration / spec.sample_dt;
    engine::check_grid(rows * static_cast<double>(spec.network.wires.size() + 1),
                       "NLT: --duration / --sample = " + fmt("%g", rows) + " samples x (" +
                           std::to_string(spec.network.wires.size()) + " wires + the input)",
                       "lower --duration or raise --sample");
}

void write_series(const NltSpec& spec, const GridSampler& s, const std::vector<analysis::Series>& targets,
                  const std::vector<analysis::TaskScore>& scores, const analysis::Features& features) {
    using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::MatrixXd x = Eigen::Map<const RowMajor>(features.data.data(), static_cast<Eigen::Index>(features.rows),
                                                         static_cast<Eigen::Index>(features.cols));
    std::vector<std::string> names{"t", "input"};
    for (const auto& sc : scores) names.push_back(sc.task), names.push_back(sc.task + "_prediction");
    io::TimeSeriesCsvWriter w(spec.out / "nlt_series.csv", names);
    std::vector<Eigen::VectorXd> pred;
    const analysis::ReadoutOptions& o = spec.readout;
    for (const auto& sc : scores) {
        const Eigen::VectorXd weights =
            Eigen::Map<const Eigen::VectorXd>(sc.weights.data(), static_cast<Eigen::Index>(sc.weights.size()));
        Eigen::VectorXd y = x * weights.head(x.cols());
        if (o.bias) y.array() += weights(x.cols());
        pred.push_back(std::move(y));
    }
    std::vector<double> row(names.size());
    for (long k = 0; k < s.rows(); ++k) {
        row[0] = s.grid(k + 1);
        row[1] = s.input()[k];
        for (std::size_t j = 0; j < scores.size(); ++j) row[2 + 2 * j] = targets[j][k], row[3 + 2 * j] = pred[j][k];
        w.write_row(row);
    }
    w.close();
}

}  // namespace

std::vector<std::string> nlt_task_names() { return {"sine", "square", "phase", "double"}; }

std::vector<analysis::Series> nlt_targets(const net::Stimulus& drive, const std::vector<double>& t) {
    const double a = drive.peak(), f = 1 / drive_period(drive);
    const std::string af = nwn::format_number(a) + ":" + nwn::format_number(f);
    const auto square = net::Stimulus::parse("square:" + af);
    const auto triangle = net::Stimulus::parse("triangle:" + af);
    const auto doubled = net::Stimulus::parse("triangle:" + nwn::format_number(a) + ":" + nwn::format_number(2 * f));
    std::vector<analysis::Series> out(4, analysis::Series(t.size()));
    for (std::size_t k = 0; k < t.size(); ++k) {
        out[0][k] = a * std::sin(2 * std::numbers::pi * f * t[k]);
        out[1][k] = square.value(t[k]);
        out[2][k] = triangle.value(t[k] + 0.25 / f);  // phase π/2: a quarter period ahead, starting at +A
        out[3][k] = doubled.value(t[k]);
    }
    return out;
}

namespace {

// accuracy = 1 − RNMSE on the test samples, as NWNsim scores; the chosen penalty per task goes into nlt.json.
std::vector<analysis::TaskScore> cross_validated_scores(const analysis::Features& x, const std::vector<analysis::Series>& targets,
                                                        const analysis::RidgeCvOptions& cv, nlohmann::json& j) {
    std::vector<analysis::TaskScore> out;
    const auto names = nlt_task_names();
    for (std::size_t k = 0; k < targets.size(); ++k) {
        const auto r = analysis::ridge_cv(x, targets[k], cv);
        const analysis::Series test(targets[k].end() - static_cast<std::ptrdiff_t>(r.test), targets[k].end());
        analysis::TaskScore s;
        s.task = names[k];
        s.rnmse = analysis::rnmse(r.prediction, test);
        s.accuracy = 1 - s.rnmse;
        s.train_accuracy = NAN;  // ridge_cv reports the training NRMSE, not RNMSE
        s.rank = x.cols;
        out.push_back(s);
        j["cross_validation"][names[k]] = {{"penalty", r.penalty}, {"cv_nrmse", r.cv_nrmse}, {"test_nrmse", r.test_nrmse}};
    }
    return out;
}

}  // namespace

NltResult run_nlt(const NltSpec& spec) {
    check_spec(spec);
    auto params = net::preset_params(spec.preset);
    net::apply_overrides(params, spec.params);
    const EngineSetup setup{spec.network, spec.stimulus, params, spec.sim};
    auto engine = make_segment_engine(setup);
    const auto junctions = net::active_junctions(spec.network);
    std::vector<State> one{State(junctions.size(), 0.0)};
    if (!spec.lambda0.empty())
        for (std::size_t m = 0; m < junctions.size(); ++m) one[0][m] = spec.lambda0[junctions[m]];
    std::filesystem::create_directories(spec.out);
    remove_stale_temp_files(spec.out);  // of a killed earlier run into the same directory

    NltResult res;
    res.status = "completed";
    const auto start = Clock::now();
    const long n = std::lround(spec.duration / spec.sample_dt);
    const double t_rec = spec.t0 + spec.transient;
    GridSampler sampler(t_rec, spec.sample_dt, n, engine->wires().size());
    const auto bar = [&](double done) { report_progress(spec.progress, done, spec.transient + spec.duration); };
    double run_s = 0;
    try {
        if (spec.transient > 0) engine->advance(one, spec.t0, spec.transient);
        bar(spec.transient);
        engine->advance(one, t_rec, n * spec.sample_dt, [&](const RefPoint& p) {
            sampler.add(p.t, p.v, *p.wires);
            bar(p.t - spec.t0);
        }, true);
        sampler.finish();
        run_s = std::chrono::duration<double>(Clock::now() - start).count();
    } catch (const Cancelled& e) {  // a stop request
        res.status = "interrupted";
        res.message = e.what();
    } catch (const Error& e) {
        res.status = "failed";
        res.message = e.what();
    }

    nlohmann::json j;
    j["format"] = "nwnspice-nlt";
    j["version"] = 1;
    j["command"] = spec.command_line;
    j["engine"] = nwn::engine::engine_name(spec.sim.engine);
    j["solver"] = engine_choice_json(spec.sim, spec.sim.engine);
    j["network"] = {{"source", spec.network_source}, {"summary", net::summary(spec.network)}};
    j["stimulus"] = spec.stimulus.spec();
    j["preset"] = spec.preset;
    j["params"] = params_json(params);
    j["t0"] = spec.t0;
    j["transient"] = spec.transient;
    j["duration"] = spec.duration;
    j["sample_dt"] = spec.sample_dt;
    j["readout"] = spec.cross_validated
                       ? nlohmann::json{{"kind", "ridge-cv"}, {"washout_samples", spec.cv.washout}, {"train_fraction", spec.cv.train_fraction},
                                        {"folds", spec.cv.folds}, {"penalties", spec.cv.penalties}}
                       : nlohmann::json{{"ridge", spec.readout.ridge}, {"bias", spec.readout.bias}, {"washout_samples", spec.readout.washout},
                                        {"train_fraction", spec.readout.train_fraction}};
    if (res.ok()) {
        std::vector<double> t;
        for (long k = 1; k <= sampler.rows(); ++k) t.push_back(sampler.grid(k));
        const auto targets = nlt_targets(spec.stimulus, t);
        const analysis::Features x = sampler.features();
        res.tasks = spec.cross_validated ? cross_validated_scores(x, targets, spec.cv, j) : analysis::score_tasks(x, nlt_task_names(), targets, spec.readout);
        j["samples"] = x.rows;
        j["features"] = x.cols;
        for (const auto& s : res.tasks) {
            j["accuracy"][s.task] = num_or_null(s.accuracy);
            j["tasks"][s.task] = {{"accuracy", num_or_null(s.accuracy)}, {"rnmse", num_or_null(s.rnmse)},
                                  {"train_accuracy", num_or_null(s.train_accuracy)}, {"rank", s.rank}};
        }
        if (spec.save_series) write_series(spec, sampler, targets, res.tasks, x);
    }
    res.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
    j["status"] = res.status;
    if (!res.message.empty()) j["message"] = res.message;
    j["timing"] = {{"wall_s", res.wall_s}, {"simulation_s", run_s}, {"engine", engine->stats()}};
    write_file_atomic(spec.out / "nlt.json", j.dump(2) + "\n");
    return res;
}

}  // namespace nwn::exp

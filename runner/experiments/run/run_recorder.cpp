#include "runner/experiments/run/run_recorder.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/cancel.h"
#include "common/error.h"
#include "runner/analysis/junction_events.h"
#include "runner/io/raw_writer.h"
#include "runner/io/run_dir.h"
#include "runner/io/timeseries_csv.h"

namespace nwn::exp {

namespace {
double conductance(double v, double i) {
    return v != 0 ? std::fabs(i / v) : std::numeric_limits<double>::quiet_NaN();
}

// G(λ) of the tunnelling model (either form) grows with |λ|, so the event count needs G only for states
// near the level: with |λ| below lo, G is under it; above hi, over it. The bisection runs on the same G,
// and the bracket is widened by 1e-6 of λ's scale, far more than rounding can move G across the level;
// states inside get G exactly, so the counts are those of evaluating G for every junction (and far cheaper:
// the exp per junction and sample was a tenth of a native ensemble member's time).
struct LevelBracket {
    double lo, hi;
};
LevelBracket level_bracket(const nwn_junction_params& p, double level) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const auto above = [&](double a) {
        double slope;
        return nwn_conductance(&p, a, &slope) > level;
    };
    const double scale = 2 * std::max(p.lmax, p.lcrit);
    if (!(scale > 0) || !std::isfinite(scale)) return {-inf, inf};  // G everywhere
    if (above(0)) return {-inf, -1.0};                               // every state is over the level
    if (!above(scale)) return {scale * (1 - 1e-6), inf};             // under it up to the scale
    double a = 0, b = scale;                                         // G(a) <= level < G(b)
    for (int k = 0; k < 200 && b - a > 1e-15 * scale; ++k) (above(0.5 * (a + b)) ? b : a) = 0.5 * (a + b);
    return {a - 1e-6 * scale, b + 1e-6 * scale};
}
}  // namespace

RunRecorder::RunRecorder(RecorderOptions options) : opt_(std::move(options)) {
    std::vector<std::string> columns{"t", "V", "I", "G"};
    columns.insert(columns.end(), opt_.extra_columns.begin(), opt_.extra_columns.end());
    ts_ = std::make_unique<io::TimeSeriesCsvWriter>(io::RunPaths{opt_.dir}.timeseries(), columns);
    ts_row_.resize(columns.size());
    pext_.resize(opt_.extra_columns.size());
    if (opt_.save_lambda && !opt_.lambda_names.empty()) {
        std::vector<std::string> names{"t"};
        names.insert(names.end(), opt_.lambda_names.begin(), opt_.lambda_names.end());
        lam_ = std::make_unique<io::TimeSeriesCsvWriter>(io::RunPaths{opt_.dir}.lambda(), names);
    }
    if (opt_.event_params && !opt_.lambda_names.empty()) {
        ev_ = std::make_unique<io::TimeSeriesCsvWriter>(io::RunPaths{opt_.dir}.events(), std::vector<std::string>{"t", "events"},
                                                        std::vector<std::string>{kJunctionEventsComment});
        const double level = analysis::on_level(opt_.event_params->goff);
        counter_ = std::make_unique<analysis::LevelCrossingCounter>(level);
        const LevelBracket b = level_bracket(*opt_.event_params, level);
        level_lo_ = b.lo;
        level_hi_ = b.hi;
        g_.resize(opt_.lambda_names.size());
    }
    if (opt_.raw) {
        io::RawPlotSpec spec;
        spec.title = "nwnspice run";
        spec.variables = {{"time", "time"}, {"V", "voltage"}, {"I", "current"}, {"G", ""}};
        for (const auto& n : opt_.extra_columns) spec.variables.push_back({n, n[0] == 'I' ? "current" : "voltage"});
        if (opt_.save_lambda)
            for (const auto& n : opt_.lambda_names) spec.variables.push_back({"v(" + n + ")", "voltage"});
        raw_ = std::make_unique<io::RawWriter>(io::RunPaths{opt_.dir}.raw(), spec);
    }
    plam_.resize(opt_.lambda_names.size());
    row_.resize(opt_.lambda_names.size() + 1);
}

RunRecorder::~RunRecorder() = default;

void RunRecorder::emit(double t, double v, double i, const double* lambda, const double* extra) {
    ts_row_[0] = t;
    ts_row_[1] = v;
    ts_row_[2] = i;
    ts_row_[3] = conductance(v, i);
    if (extra) std::copy(extra, extra + opt_.extra_columns.size(), ts_row_.begin() + 4);
    ts_->write_row(ts_row_);
    if (lam_ && lambda) {
        row_[0] = t;
        std::copy(lambda, lambda + opt_.lambda_names.size(), row_.begin() + 1);
        lam_->write_row(row_);
    }
    if (ev_ && lambda) {
        // Outside the bracket, 0 and inf stand for "under" and "over" the level (the counter compares G > level).
        double slope;
        for (std::size_t k = 0; k < g_.size(); ++k) {
            const double a = std::fabs(lambda[k]);
            g_[k] = a < level_lo_ ? 0.0
                    : a > level_hi_ ? std::numeric_limits<double>::infinity()
                                    : nwn_conductance(&*opt_.event_params, lambda[k], &slope);
        }
        ev_->write_row({t, static_cast<double>(counter_->push(g_))});
    }
}

void RunRecorder::record(double t, double v, double i, const double* lambda, const double* extra) {
    if (!opt_.extra_columns.empty() && !extra) throw Error("run recorder: the extra columns' values are missing");
    const double g = conductance(v, i);
    if (points_ == 0) {
        t_first_ = t;
        g_first_ = g;
    }
    t_last_ = t;
    g_last_ = g;
    if (raw_) {
        std::vector<double> vals{t, v, i, std::isnan(g) ? 0.0 : g};
        if (opt_.save_lambda) {
            if (lambda) vals.insert(vals.end(), lambda, lambda + opt_.lambda_names.size());
            else vals.resize(4 + opt_.lambda_names.size(), 0.0);
        }
        if (extra) vals.insert(vals.begin() + 4, extra, extra + opt_.extra_columns.size());
        raw_->append(vals);
    }
    if (opt_.resample_dt <= 0) {
        emit(t, v, i, lambda, extra);
    } else {
        // Linear interpolation onto k·dt between the previous and this point.
        for (;; ++next_k_) {
            if ((next_k_ & 0xffff) == 0 && cancel_requested()) break;  // the engine then ends the run as interrupted
            const double tg = next_k_ * opt_.resample_dt;
            if (tg > t * (1 + 1e-12) + 1e-300) break;
            if (points_ == 0 || t <= pt_) {
                if (std::fabs(tg - t) <= 1e-12 * std::max(1.0, std::fabs(t))) emit(tg, v, i, lambda, extra);
                else if (tg < t) continue;  // grid point before the first sample: skip
                continue;
            }
            const double w = (tg - pt_) / (t - pt_);
            if (w < 0) continue;
            std::vector<double> lam(plam_.size());
            for (std::size_t k = 0; k < lam.size() && lambda; ++k) lam[k] = plam_[k] + w * (lambda[k] - plam_[k]);
            std::vector<double> ext(pext_.size());
            for (std::size_t k = 0; k < ext.size(); ++k) ext[k] = pext_[k] + w * (extra[k] - pext_[k]);
            emit(tg, pv_ + w * (v - pv_), pi_ + w * (i - pi_), lambda ? lam.data() : nullptr, ext.data());
        }
        pt_ = t;
        if (extra) std::copy(extra, extra + pext_.size(), pext_.begin());
        pv_ = v;
        pi_ = i;
        if (lambda) std::copy(lambda, lambda + plam_.size(), plam_.begin());
    }
    ++points_;
}

void RunRecorder::close() {
    if (ts_) ts_->close();
    if (lam_) lam_->close();
    if (ev_) ev_->close();
    if (raw_) raw_->close();
    ts_.reset();
    lam_.reset();
    ev_.reset();
    raw_.reset();
}

}  // namespace nwn::exp

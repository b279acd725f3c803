#include "runner/experiments/avalanches/recording_input.h"

#include <cmath>
#include <map>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/format.h"
#include "common/text_parse.h"
#include "runner/analysis/recording_input_grid.h"
#include "runner/io/raw_reader.h"
#include "runner/io/run_dir.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;

namespace nwn::exp {

namespace {

std::string num(double x) { return fmt("%.10g", x); }

// Which quantity becomes G, by column or vector names; `g_default` is used when nothing was asked for.
struct Quantity {
    std::string g, i, v;
    std::optional<double> voltage;
    std::string describe() const {
        if (!g.empty()) return g;
        return "|" + i + "/" + (v.empty() ? num(*voltage) + " V" : v) + "|";
    }
};

Quantity choose_quantity(const std::string& g, const std::string& i, const std::string& v,
                         std::optional<double> voltage, const std::string& g_default, const std::string& flag) {
    if (!g.empty() && (!i.empty() || !v.empty() || voltage))
        throw Error("give --g-" + flag + " or --i-" + flag + " with --v-" + flag + "/--voltage, not both");
    if (!i.empty() || !v.empty() || voltage) {
        if (i.empty()) throw Error("--v-" + flag + "/--voltage needs --i-" + flag);
        if (v.empty() == !voltage) throw Error("--i-" + flag + " needs exactly one of --v-" + flag + " and --voltage");
        if (voltage && !(std::isfinite(*voltage) && *voltage != 0)) throw Error("--voltage must be finite and non-zero");
        return {"", i, v, voltage};
    }
    return {g.empty() ? g_default : g, "", "", std::nullopt};
}

// G = |I/V| sample by sample; `where(k)` names sample k in messages.
template <class Where>
std::vector<double> conductance(const Quantity& q, const std::vector<double>* g, const std::vector<double>* i,
                                const std::vector<double>* v, Where where) {
    std::vector<double> out;
    const std::size_t n = g ? g->size() : i->size();
    out.reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
        double value;
        if (g) {
            value = (*g)[k];
        } else {
            const double volts = v ? (*v)[k] : *q.voltage;
            if (volts == 0) throw Error(where(k) + ": " + q.v + " is 0, so G = |I/V| is undefined there");
            value = std::fabs((*i)[k] / volts);
        }
        if (!std::isfinite(value))
            throw Error(where(k) + ": " + q.describe() + " is " + num(value) + "; the conductance must be finite");
        if (value < 0)
            throw Error(where(k) + ": " + q.describe() + " is " + num(value) +
                        "; a conductance is never negative (for a signed current give the current and voltage: "
                        "--i-column/--v-column, or --i-vector/--v-vector for raw files, and G = |I/V|)");
        out.push_back(value);
    }
    return out;
}

// Contiguous runs of equal values; a value that comes back later is an error (its series would be split).
std::vector<std::pair<std::size_t, std::size_t>> series_ranges(const std::vector<double>& ids, const io::TimeSeries& ts,
                                                               const std::string& column) {
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    std::map<double, std::size_t> seen;
    for (std::size_t r = 0; r < ids.size(); ++r) {
        if (!std::isfinite(ids[r]))
            throw file_error(ts.source.string(), ts.row_lines[r], "series column '" + column + "' is not finite");
        if (r > 0 && ids[r] == ids[r - 1]) {
            ranges.back().second = r + 1;
            continue;
        }
        if (auto it = seen.find(ids[r]); it != seen.end())
            throw file_error(ts.source.string(), ts.row_lines[r],
                             "series " + num(ids[r]) + " starts again after other series (its first row is line " +
                                 std::to_string(ts.row_lines[ranges[it->second].first]) +
                                 "); rows of one series must be contiguous");
        seen[ids[r]] = ranges.size();
        ranges.push_back({r, r + 1});
    }
    return ranges;
}

const char* const kStepHint = "give --dt S to resample onto a uniform grid of step S";

Recording from_table(const fs::path& csv, const RecordingOptions& o, double fallback_dt, const std::string& kind) {
    const Quantity q = choose_quantity(o.g_column, o.i_column, o.v_column, o.voltage, "G", "column");
    std::vector<std::string> cols;
    for (const auto* c : {&q.g, &q.i, &q.v, &o.series_column})
        if (!c->empty()) cols.push_back(*c);
    // Only the needed columns are parsed (a lab file may hold text columns too). Without
    // --time-column, "t" and then "time" are tried; a missing default is no error.
    std::string tcol = o.time_column;
    io::TimeSeries ts;
    const std::vector<std::string> candidates =
        tcol.empty() ? std::vector<std::string>{"t", "time", ""} : std::vector<std::string>{tcol};
    for (const auto& candidate : candidates) {
        std::vector<std::string> want = cols;
        if (!candidate.empty()) want.insert(want.begin(), candidate);
        try {
            ts = io::read_timeseries_csv(csv, {want, true});
            tcol = candidate;
            break;
        } catch (const Error& e) {
            const bool default_absent = o.time_column.empty() && !candidate.empty() &&
                                        std::string(e.what()).find("no column '" + candidate + "'") != std::string::npos;
            if (!default_absent) throw;
        }
    }
    if (ts.rows() == 0) throw file_error(csv.string(), 0, "no samples (the file has a header but no rows)");
    auto col = [&](const std::string& name) { return name.empty() ? nullptr : &ts.column(name); };
    auto where = [&](std::size_t r) { return csv.string() + ":" + std::to_string(ts.row_lines[r]); };
    const std::vector<double> G = conductance(q, col(q.g), col(q.i), col(q.v), where);
    const std::vector<double>* t = col(tcol);
    if (!t && !(o.dt > 0))
        throw file_error(csv.string(), 0, "no time column (t or time; or give --time-column); give the sample step with --dt S");

    std::vector<std::pair<std::size_t, std::size_t>> ranges{{0, ts.rows()}};
    if (!o.series_column.empty()) ranges = series_ranges(ts.column(o.series_column), ts, o.series_column);

    Recording rec;
    rec.dt = o.dt;
    bool resampled = false;
    for (const auto& [b, e] : ranges) {
        const std::string what = where(b) + " (series from this line)";
        if (!t) {
            rec.G.add(std::span<const double>(G.data() + b, e - b));
            rec.t0.push_back(0);
        } else {
            const std::span<const double> tt(t->data() + b, e - b);
            for (std::size_t r = b; r < e; ++r)
                if (!std::isfinite((*t)[r])) throw Error(where(r) + ": time '" + tcol + "' is not finite");
            for (std::size_t r = b + 1; r < e; ++r)
                if (!((*t)[r] > (*t)[r - 1]))
                    throw Error(where(r) + ": time '" + tcol + "' does not increase (" + num((*t)[r]) + " s after " +
                                num((*t)[r - 1]) + " s)");
            auto u = analysis::to_uniform(tt, std::span<const double>(G.data() + b, e - b), rec.dt, fallback_dt, what, kStepHint);
            rec.dt = u.dt;  // the first series fixes the step for the others
            resampled |= u.resampled;
            rec.G.add(u.x);
            rec.t0.push_back(u.t0);
        }
        if (!o.series_column.empty()) rec.labels.push_back(num(ts.column(o.series_column)[b]));
    }
    rec.info = {{"kind", kind},
                {"source", fs::absolute(csv).string()},
                {"quantity", q.describe()},
                {"time_column", tcol.empty() ? nlohmann::json(nullptr) : nlohmann::json(tcol)},
                {"input_samples", ts.rows()},
                {"series", rec.G.size()},
                {"samples", rec.G.total()},
                {"dt", rec.dt},
                {"resampled", resampled}};
    if (!o.series_column.empty()) rec.info["series_column"] = o.series_column;
    return rec;
}

Recording from_raw(const fs::path& path, const RecordingOptions& o) {
    if (!o.series_column.empty() || !o.time_column.empty())
        throw Error("--series-column and --time-column apply to CSV recordings, not to raw files");
    const Quantity q = choose_quantity(o.g_vector, o.i_vector, o.v_vector, o.voltage, "G", "vector");
    io::RawFile raw(path);
    const io::RawPlot* plot = nullptr;
    for (const auto& p : raw.plots())
        if (!p.variables.empty() && p.variables[0].type == "time" && !p.complex) {
            plot = &p;
            break;
        }
    if (!plot) throw Error(path.string() + ": no real plot with a time scale (a transient analysis) in the raw file");
    std::vector<std::string> names{plot->variables[0].name};
    for (const auto* n : {&q.g, &q.i, &q.v})
        if (!n->empty()) names.push_back(*n);
    const auto vecs = raw.read_vectors(*plot, names);
    const auto& t = vecs[0].real;
    auto vec = [&](const std::string& name) -> const std::vector<double>* {
        for (std::size_t k = 1; k < names.size(); ++k)
            if (names[k] == name && !name.empty()) return &vecs[k].real;
        return nullptr;
    };
    auto where = [&](std::size_t k) { return path.string() + ": point " + std::to_string(k); };
    if (t.empty()) throw Error(path.string() + ": the plot '" + plot->plotname + "' holds no points");
    const auto G = conductance(q, vec(q.g), vec(q.i), vec(q.v), where);
    std::optional<double> run_dt;
    if (o.dt == 0) run_dt = run_time_step(path.parent_path());
    auto u = analysis::to_uniform(t, G, o.dt, run_dt.value_or(0), path.string(), kStepHint);
    Recording rec;
    rec.dt = u.dt;
    rec.G.add(u.x);
    rec.t0.push_back(u.t0);
    rec.info = {{"kind", "raw"},         {"source", fs::absolute(path).string()}, {"plot", plot->plotname},
                {"quantity", q.describe()}, {"input_samples", t.size()},           {"series", 1},
                {"samples", rec.G.total()}, {"dt", rec.dt},                        {"resampled", u.resampled}};
    return rec;
}

void require_csv_options_only(const RecordingOptions& o, const std::string& kind) {
    if (!o.g_vector.empty() || !o.i_vector.empty() || !o.v_vector.empty())
        throw Error("--g-vector, --i-vector and --v-vector apply to raw files, not to " + kind);
}

}  // namespace

std::optional<double> run_time_step(const fs::path& run_dir) {
    if (!fs::exists(io::RunPaths{run_dir}.record())) return std::nullopt;
    const io::RunRecord r = io::read_run_record(run_dir);
    return r.tmax ? r.tmax : r.dt;
}

Recording read_recording(const fs::path& input, const RecordingOptions& o) {
    if (o.dt < 0 || !std::isfinite(o.dt)) throw Error("--dt must be positive");
    if (!fs::exists(input)) throw Error(input.string() + ": no such file or directory");
    if (fs::is_directory(input)) {
        require_csv_options_only(o, "run directories");
        if (!o.series_column.empty()) throw Error("--series-column applies to CSV recordings, not to run directories");
        const fs::path csv = io::RunPaths{input}.timeseries();
        if (!fs::exists(csv))
            throw Error(input.string() + ": not a run directory of nwn run (no timeseries.csv)");
        return from_table(csv, o, run_time_step(input).value_or(0), "run");
    }
    const auto ext = nwn::lower(input.extension().string());
    if (ext == ".raw") return from_raw(input, o);
    require_csv_options_only(o, "CSV files");
    return from_table(input, o, 0, "csv");
}

}  // namespace nwn::exp

#include "runner/experiments/run/deck_run.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <cmath>
#include <memory>

#include "common/error.h"
#include "common/format.h"
#include "netlistgen/netlist/deck_files.h"
#include "common/text_parse.h"
#include "netlistgen/netlist/resource_paths.h"
#include "netlistgen/netlist/solver_options.h"
#include "runner/engine/ngspice_session.h"
#include "runner/engine/ngspice_cli.h"
#include "runner/io/raw_writer.h"
#include "runner/io/run_dir.h"
#include "runner/io/timeseries_csv.h"
#include "runner/io/vector_names.h"
#include "nwn_config.h"

namespace nwn::exp {

namespace {

// One spelling for both engines (libngspice says "out", "v1#branch"; raw files "v(out)", "i(v1)").
std::string display_name(const std::string& name) {
    std::string c = io::canonical_vector_name(name);
    const std::string branch = "#branch";
    if (c.size() > branch.size() && c.compare(c.size() - branch.size(), branch.size(), branch) == 0)
        return "i(" + c.substr(0, c.size() - branch.size()) + ")";
    if (c.find_first_of("(),#") == std::string::npos) return "v(" + c + ")";
    return c;
}

// Streams points with all vectors to timeseries.csv (and run.raw).
class AllVectors {
public:
    AllVectors(const std::filesystem::path& dir, bool raw) : dir_(dir), raw_(raw) {}
    // A plot whose scale is not time (an .ac or .dc analysis next to the .tran) is not recorded:
    // timeseries.csv holds transients, and its "t" column would hold frequencies.
    void layout(std::vector<std::string> names, std::size_t scale) {
        active_ = scale < names.size() && nwn::lower(names[scale]) == "time";
        if (!active_) {
            if (scale < names.size()) other_scale_ = names[scale];
            return;
        }
        names_ = std::move(names);
        scale_ = scale;
        std::vector<std::string> cols{"t"};
        io::RawPlotSpec spec;
        spec.title = "nwnspice deck run";
        spec.variables.push_back({"time", "time"});
        for (std::size_t k = 0; k < names_.size(); ++k)
            if (k != scale_) {
                cols.push_back(display_name(names_[k]));
                spec.variables.push_back({cols.back(), ""});
            }
        csv_ = std::make_unique<io::TimeSeriesCsvWriter>(io::RunPaths{dir_}.timeseries(), cols);
        if (raw_) raw_writer_ = std::make_unique<io::RawWriter>(io::RunPaths{dir_}.raw(), spec);
        row_.resize(cols.size());
    }
    void point(double t, const double* values) {
        if (!active_) return;
        row_[0] = t;
        std::size_t c = 1;
        for (std::size_t k = 0; k < names_.size(); ++k)
            if (k != scale_) row_[c++] = values[k];
        csv_->write_row(row_);
        if (raw_writer_) raw_writer_->append(row_);
        ++points_;
        last_t_ = t;
    }
    void close() {
        if (csv_) csv_->close();
        if (raw_writer_) raw_writer_->close();
    }
    std::size_t points_ = 0;
    double last_t_ = 0;
    std::string other_scale_;  // the scale of a plot not recorded, e.g. "frequency"

private:
    std::filesystem::path dir_;
    bool raw_;
    std::vector<std::string> names_;
    std::size_t scale_ = 0;
    std::unique_ptr<io::TimeSeriesCsvWriter> csv_;
    std::unique_ptr<io::RawWriter> raw_writer_;
    std::vector<double> row_;
    bool active_ = false;
};

std::string analysis_of_scale(const std::string& scale) {
    return nwn::lower(scale) == "frequency" ? "an .ac analysis" : "a sweep over " + scale + " (.dc)";
}

// nwn run records transients: a deck whose analyses outside .control include no .tran is refused before
// it runs (its .ac frequencies would land in the "t" column).
void require_transient(const net::DeckScan& scan, const std::filesystem::path& deck) {
    if (scan.control || scan.analyses.empty() ||
        std::find(scan.analyses.begin(), scan.analyses.end(), ".tran") != scan.analyses.end())
        return;
    std::string cards;
    for (const auto& a : scan.analyses)
        if (cards.find(a) == std::string::npos) cards += (cards.empty() ? "" : ", ") + a;
    throw Error(deck.string() + ": its analysis is " + cards + " and no .tran; nwn run records transient analyses (.tran) "
                "only (run " + cards + " in ngspice itself)");
}

std::optional<std::filesystem::path> optional_codemodel(const std::optional<std::filesystem::path>& given) {
    try {
        return net::find_codemodel(given);
    } catch (const Error&) {
        // Decks without nwnjunction need no code model, but one asked for (--cm, NWN_CODEMODEL) must load.
        const char* env = std::getenv("NWN_CODEMODEL");
        if (given || (env && *env)) throw;
        return std::nullopt;
    }
}

}  // namespace

RunResult run_deck(const DeckRunSpec& spec) {
    if (!std::filesystem::exists(spec.deck)) throw Error(spec.deck.string() + ": no such deck");
    if (spec.engine == Engine::Native) throw Error("the native engine runs networks, not decks");
    // Before the run directory exists: a deck refused here leaves nothing behind.
    require_transient(net::scan_deck(spec.deck), spec.deck);
    io::prepare_run_dir(spec.out, {spec.deck});
    const auto cm = optional_codemodel(spec.codemodel);
    AllVectors out(spec.out, spec.raw);
    RunResult res;
    const auto start = std::chrono::steady_clock::now();
    try {
        if (spec.engine == Engine::Libngspice) {
            // A user's deck may rely on .meas or .control over its vectors, so ngspice keeps them here
            // (network runs stream with .save none instead).
            engine::Session session;
            if (cm) session.load_codemodel(cm->string());
            session.load_deck_file(std::filesystem::absolute(spec.deck).string());
            session.set_layout_callback([&](const engine::VectorLayout& l) {
                if (l.scale_index() == engine::VectorLayout::npos) throw Error("the deck's analysis has no time scale");
                out.layout(l.names(), l.scale_index());
            });
            session.set_recorder([&](const engine::Point& p) { out.point(p.time, p.values); });
            engine::RunOptions ro;
            ro.wall_limit_s = spec.wall_limit_s;
            ro.on_progress = spec.progress;
            auto o = session.run(ro);
            res.ngspice_version = session.ngspice_version();
            res.status = engine::to_string(o.status);
            res.message = o.message;
        } else {
            engine::CliOptions co;
            co.device = cm;
            co.wall_limit_s = spec.wall_limit_s;
            const auto o = engine::run_ngspice_cli(
                spec.out, std::filesystem::absolute(spec.deck), co, [&](const engine::Point& p) { out.point(p.time, p.values); },
                [&](const engine::VectorLayout& l) { out.layout(l.names(), l.scale_index()); });
            res.ngspice_version = o.ngspice_version;
            res.status = engine::to_string(o.status);
            res.message = o.message;
        }
    } catch (const Error& e) {
        if (out.points_ == 0 && res.status.empty()) {
            out.close();
            throw Error(message_lines(e.what()));
        }
        res.status = "failed";
        res.message = e.what();
    }
    if (out.points_ == 0 && !out.other_scale_.empty() && res.status == "completed") {
        res.status = "failed";
        res.message = "the deck ran " + analysis_of_scale(out.other_scale_) +
                      " and no transient; nwn run records transient analyses (.tran) only";
    }
    // ngspice's messages quote the deck (a 50 MB title was once copied into run.json, and bytes that are not
    // UTF-8 made it unwritable).
    res.message = message_lines(res.message);
    out.close();
    res.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    res.points = out.points_;
    res.t_last = out.last_t_;
    io::RunRecord record;
    record.status = res.status;
    record.message = res.message;
    record.command = spec.command_line;
    record.engine = engine::engine_name(spec.engine);
    record.deck = std::filesystem::absolute(spec.deck).string();
    record.points = res.points;
    record.t_last = res.t_last;
    record.wall_s = res.wall_s;
    // The ngspice that ran (its own report), as network runs record it.
    record.versions = std::map<std::string, std::string>{{"nwnspice", NWN_VERSION}};
    if (!res.ngspice_version.empty()) (*record.versions)["ngspice"] = res.ngspice_version;
    io::write_run_record(spec.out, record);
    return res;
}

}  // namespace nwn::exp

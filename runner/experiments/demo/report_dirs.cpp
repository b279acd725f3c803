#include "runner/experiments/demo/report_dirs.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/format.h"
#include "common/text_parse.h"
#include "runner/analysis/criticality_json.h"
#include "runner/experiments/avalanches/avalanche_summary.h"
#include "runner/experiments/plots/plots_gnuplot.h"
#include "runner/experiments/plots/plots_run.h"
#include "runner/io/run_dir.h"
#include "runner/io/json_file.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace nwn::exp {

namespace {

std::string text(const json& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || j[key].is_null()) return "n/a";
    const auto& v = j[key];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number()) return report::num(v.get<double>(), 6);
    return v.dump();
}

std::string fit_text(const json& f) {
    if (!f.is_object() || !f["value"].is_number()) return "no fit";
    const analysis::PowerLawFit p = analysis::power_law_fit_from_json(f);
    const auto caveat = fit_caveat(p);
    return report::num_pm(p.value, p.sigma) + " on [" + std::to_string(p.xmin) + ", " + std::to_string(p.xmax) + "], p = " +
           report::num(p.p, 2) + ", n = " + std::to_string(p.n_in) + (caveat.empty() ? "" : "; NOT RELIABLE: " + caveat);
}

// The figures an analysis wrote into DIR/plots (or DIR).
void add_plots(report::Section& s, const fs::path& page_dir, const fs::path& plots) {
    const std::vector<std::pair<std::string, std::string>> known = {
        {"conductance", "Network conductance and events."},
        {"size_distribution", "Avalanche sizes with the power-law fit."},
        {"lifetime_distribution", "Avalanche lifetimes with the power-law fit."},
        {"mean_size", "<S>(T): fitted and predicted crackling exponent."},
        {"iei_distribution", "Inter-event intervals."},
        {"shape_collapse", "Shape collapse."}};
    for (const auto& [stem, caption] : known) {
        auto f = report::gnuplot_figure(page_dir, plots, stem, caption);
        if (!f.src.empty()) s.figures.push_back(f);
    }
}

std::vector<std::string> criticality_rows(const json& r) {
    // avalanches.json holds {count, size, ...}; an ensemble group's result only the count.
    const std::string count = !r.contains("avalanches") ? "n/a" : r["avalanches"].is_object() ? text(r["avalanches"], "count") : text(r, "avalanches");
    return {text(r, "events"), count, fit_text(r.value("tau", json())),
            fit_text(r.value("alpha", json())),
            r.contains("crackling") ? report::num_pm(analysis::number_or_nan(r["crackling"]["predicted"], "value"), analysis::number_or_nan(r["crackling"]["predicted"], "sigma")) + " / " +
                                          report::num_pm(analysis::number_or_nan(r["crackling"]["fitted"], "value"), analysis::number_or_nan(r["crackling"]["fitted"], "sigma"))
                                    : "n/a"};
}

// A multi-electrode run: its roles, and every electrode's voltage and current (into the network) over time.
void electrode_figure(report::Section& s, const json& roles, const io::TimeSeries& ts, const fs::path& page_dir,
                      const fs::path& out) {
    report::Table t{"electrodes", {"electrode", "node", "role", "stimulus / load"}, {}};
    io::TimeSeries vi;
    vi.names = {"t"};
    vi.columns = {ts.column("t")};
    std::string names;
    for (const char* q : {"V_", "I_"})
        for (const auto& r : roles) {
            const std::string name = r.at("name").get<std::string>();
            if (ts.find(q + name) == io::TimeSeries::npos)
                throw Error("timeseries.csv has no column " + std::string(q) + name + " for electrode " + name + " of run.json");
            vi.names.push_back(q + name);
            vi.columns.push_back(ts.column(q + name));
        }
    for (const auto& r : roles) {
        names += (names.empty() ? "" : " ") + r.at("name").get<std::string>();
        t.rows.push_back({text(r, "name"), text(r, "node"), text(r, "role"),
                          r.contains("stimulus") ? text(r, "stimulus")
                          : r.contains("load_ohms") ? report::num(r["load_ohms"].get<double>()) + " Ohm"
                                                    : ""});
    }
    s.tables.push_back(t);
    fs::create_directories(out);
    io::write_timeseries_csv(out / "electrodes.csv", vi);
    // Columns 2..n+1 hold V_, n+2..2n+1 I_; past eight electrodes the colours repeat, so those lines are dashed.
    const std::size_t n = roles.size();
    auto curves = [&](std::size_t first) {
        std::string p;
        for (std::size_t from = 0; from < n; from += 8) {
            const std::size_t to = std::min(n, from + 8);
            p += std::string(from ? ", " : "  plot ") + "for [c=" + std::to_string(first + from) + ":" +
                 std::to_string(first + to - 1) + "] \"electrodes.csv\" skip 1 using 1:c with lines lw 2 dt " +
                 std::to_string(from / 8 + 1) + " title word(names, c-" + std::to_string(first - 1) + ")";
        }
        return p + "\n";
    };
    const std::string body = "  names = " + gp_string(names) + "\n  set grid\n  set key outside right\n  set multiplot layout 2,1\n"
                             "  set ylabel \"V (V)\"\n" + curves(2) + "  set xlabel \"t (s)\"\n  set ylabel \"I into the network (A)\"\n" +
                             curves(n + 2) + "  unset multiplot\n";
    render_figures(out, {{"electrodes", body}});
    s.figures.push_back(report::gnuplot_figure(page_dir, out, "electrodes",
                                               "Every electrode's voltage and its current into the network (timeseries.csv's V_ and I_ columns)."));
}

report::Section run_section(const fs::path& dir, const fs::path& page_dir, const fs::path& figs) {
    const io::RunRecord rec = io::read_run_record(dir);
    const json j = io::run_record_json(rec);
    report::Section s;
    s.title = "Run " + dir.filename().string();
    s.status = rec.status == "completed" ? "ok" : rec.status;
    s.engines = rec.engine + (rec.flavour ? " (" + *rec.flavour + ")" : "");
    s.wall_s = rec.wall_s;
    report::Table t{"run.json", {"field", "value"}, {}};
    for (const char* k : {"status", "message", "engine", "flavour", "stimulus", "tstop", "tmax", "dt", "points", "G_initial", "G_final"})
        if (j.contains(k)) t.rows.push_back({k, text(j, k)});
    if (j.contains("network")) t.rows.push_back({"network", text(j["network"], "summary")});
    s.tables.push_back(t);
    if (j.contains("command")) s.commands.push_back(rec.command);
    if (fs::exists(io::RunPaths{dir}.timeseries())) {
        const auto ts = io::read_timeseries_csv(io::RunPaths{dir}.timeseries(), {{}, true});
        const fs::path out = figs / dir.filename();
        if (ts.find("G") != io::TimeSeries::npos && ts.find("t") != io::TimeSeries::npos) {
            plot_conductance(out, ts.column("t"), ts.column("G"), {}, 0, 0, "Network conductance of " + dir.filename().string());
            s.figures.push_back(report::gnuplot_figure(page_dir, out, "conductance", "G(t) from timeseries.csv."));
            if (j.contains("electrodes") && j["electrodes"].contains("roles")) electrode_figure(s, j["electrodes"]["roles"], ts, page_dir, out);
        } else if (ts.names.size() >= 2) {  // a deck: every saved vector against time, on its own axis
            fs::create_directories(out);
            io::write_timeseries_csv(out / "vectors.csv", ts);
            const std::size_t shown = std::min<std::size_t>(ts.names.size() - 1, 4);
            std::string body = "  set grid\n  set xlabel " + gp_string(ts.names[0]) + "\n  set key top left\n  set multiplot layout " +
                               std::string(shown > 2 ? "2,2" : shown == 2 ? "2,1" : "1,1") + "\n";
            for (std::size_t c = 1; c <= shown; ++c)
                body += "  plot \"vectors.csv\" skip 1 using 1:" + std::to_string(c + 1) + " with lines lw 2 title " + gp_string(ts.names[c]) + "\n";
            body += "  unset multiplot\n";
            render_figures(out, {{"vectors", body}});
            s.figures.push_back(report::gnuplot_figure(page_dir, out, "vectors", "The first saved vectors (up to four) against time; all are in the run's timeseries.csv."));
        }
    }
    add_plots(s, page_dir, dir / "plots");
    return s;
}

report::Section avalanches_section(const fs::path& dir, const fs::path& page_dir) {
    const json r = io::read_json_file(dir / "avalanches.json");
    report::Section s;
    s.title = "Avalanches " + dir.filename().string();
    s.tables.push_back({"avalanches.json", {"events", "avalanches", "tau", "alpha", "crackling predicted / fitted"}, {criticality_rows(r)}});
    add_plots(s, page_dir, dir / "plots");
    return s;
}

report::Section ensemble_section(const fs::path& dir, const fs::path& page_dir) {
    const json j = io::read_json_file(dir / "ensemble.json");
    report::Section s;
    s.title = "Ensemble " + dir.filename().string();
    s.engines = j.contains("settings") ? text(j["settings"], "engine") : "n/a";
    report::Table t{"Groups", {"L", "V*", "members completed", "events", "avalanches", "tau", "alpha", "crackling predicted / fitted"}, {}};
    for (const auto& g : j.value("groups", json::array())) {
        std::vector<std::string> row{text(g, "lx"), text(g, "vstar"), text(g, "completed")};
        if (g.contains("result")) {
            auto c = criticality_rows(g["result"]);
            row.insert(row.end(), c.begin(), c.end());
        } else {
            row.push_back(g.value("analysis_error", std::string("not analysed")));
        }
        t.rows.push_back(row);
        const fs::path gdir = dir / g.value("dir", "");
        report::Section sub;
        add_plots(sub, page_dir, gdir / "plots");
        for (auto& f : sub.figures) f.caption = "L = " + text(g, "lx") + ", V* = " + text(g, "vstar") + ": " + f.caption;
        s.figures.insert(s.figures.end(), sub.figures.begin(), sub.figures.end());
    }
    s.tables.push_back(t);
    if (j.contains("settings")) s.paragraphs.push_back("Settings: " + j["settings"].dump());
    return s;
}

report::Section lyapunov_section(const fs::path& dir, const fs::path& page_dir, const fs::path& figs) {
    report::Section s;
    s.title = "Lyapunov / NLT " + dir.filename().string();
    if (fs::exists(dir / "lyapunov.json")) {
        const json j = io::read_json_file(dir / "lyapunov.json");
        s.status = j.value("status", "unknown") == "completed" ? "ok" : j.value("status", "unknown");
        s.wall_s = analysis::number_or_nan(j, "wall_s");
        report::Table t{"lyapunov.json", {"field", "value"}, {}};
        for (const char* k : {"status", "lambda_per_s", "sigma", "r", "lambda_is_upper_bound", "eps", "tau", "period", "engine"})
            if (j.contains(k)) t.rows.push_back({k, text(j, k)});
        s.tables.push_back(t);
        for (const auto& w : j.value("warnings", json::array())) s.paragraphs.push_back("Warning: " + w.get<std::string>());
        if (j.contains("command")) s.commands.push_back(j["command"].get<std::string>());
        if (fs::exists(dir / "trace.csv")) {
            const auto tr = io::read_timeseries_csv(dir / "trace.csv", {{}, true});
            const fs::path out = figs / dir.filename();
            fs::create_directories(out);
            io::write_timeseries_csv(out / "trace.csv", tr);
            // trace.csv: period, t, then rate_K and running_K per exponent; the first exponent's pair is drawn.
            std::string body = "  set grid\n  set xlabel \"drive period\"\n  set ylabel \"1/s\"\n  set key top right\n  plot ";
            bool any = false;
            for (std::size_t c = 0; c < tr.names.size(); ++c)
                if (tr.names[c] == "rate_1" || tr.names[c] == "running_1") {
                    body += std::string(any ? ", " : "") + "\"trace.csv\" skip 1 using 1:" + std::to_string(c + 1) +
                            " with linespoints pt 7 ps 0.5 title " +
                            gp_string(tr.names[c] == "rate_1" ? "mean rate in the period" : "running mean (the estimate)");
                    any = true;
                }
            if (!any) body += "0 notitle";
            render_figures(out, {{"trace", body + "\n"}});
            s.figures.push_back(report::gnuplot_figure(page_dir, out, "trace", "Convergence of the exponent over the drive periods (trace.csv)."));
        }
    }
    if (fs::exists(dir / "nlt.json")) {
        const json j = io::read_json_file(dir / "nlt.json");
        report::Table t{"nlt.json: accuracy (1 - RNMSE)", {"task", "accuracy"}, {}};
        if (j.contains("tasks") && j["tasks"].is_array())
            for (const auto& k : j["tasks"]) t.rows.push_back({text(k, "name"), text(k, "accuracy")});
        else if (j.contains("accuracy") && j["accuracy"].is_object())
            for (const auto& [k, v] : j["accuracy"].items()) t.rows.push_back({k, v.is_number() ? report::num(v.get<double>(), 4) : v.dump()});
        s.tables.push_back(t);
    }
    return s;
}

// What a table's columns must hold, so the page shows what nwn wrote and not whatever the file holds
// now (random bytes, "abc" amplitudes were once shown under "ok").
struct TableRules {
    std::vector<std::string> header_prefix;            // the header's first columns, exactly
    std::string last_column;                           // the header's last column
    std::vector<std::string> numbers;                  // columns holding a number
    std::vector<std::string> optional_numbers;         // columns holding a number or nothing
    std::string optional_numbers_from, optional_numbers_to;  // and every column strictly between these
    std::vector<std::string> status_words;             // the status column's words (empty: any lower-case word)
};

bool utf8_text(std::string_view s) {
    if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) return false;
    return message_text(s, s.size() + 1) == s;  // nothing replaced: valid UTF-8
}

bool number(const std::string& c) {
    char* end = nullptr;
    std::strtod(c.c_str(), &end);
    return !c.empty() && end && *end == 0;
}

// A CSV file nwn wrote as a table of its cells (text as written; comment lines skipped; the first
// max_rows rows). Throws nwn::Error naming the file and line when a row breaks `rules`.
report::Table csv_table(const fs::path& file, const std::string& caption, std::size_t max_rows, const TableRules& rules) {
    std::ifstream in = open_input(file);
    auto bad = [&](std::size_t line, const std::string& why) {
        throw file_error(file.string(), line, why + "; not a table nwn wrote (rerun the command that writes it)");
    };
    report::Table t{caption, {}, {}};
    std::vector<char> kind;  // per column: 'n' number, 'o' number or empty, 's' status, 't' text
    std::string line;
    for (std::size_t no = 1; std::getline(in, line); ++no) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        if (!utf8_text(line)) bad(no, "control characters or bytes that are not UTF-8 text");
        auto row = nwn::split(line, ',');
        if (t.header.empty()) {
            const bool prefix = row.size() >= rules.header_prefix.size() &&
                                std::equal(rules.header_prefix.begin(), rules.header_prefix.end(), row.begin());
            const bool has_from = rules.optional_numbers_from.empty() ||
                                  std::find(row.begin(), row.end(), rules.optional_numbers_from) != row.end();
            if (!prefix || !has_from || row.back() != rules.last_column) bad(no, "unexpected header '" + line + "'");
            t.header = row;
            bool between = false;
            for (const auto& c : row) {
                if (c == rules.optional_numbers_to) between = false;
                const auto in_list = [&](const std::vector<std::string>& l) { return std::find(l.begin(), l.end(), c) != l.end(); };
                kind.push_back(c == "status" ? 's' : in_list(rules.numbers) ? 'n' : between || in_list(rules.optional_numbers) ? 'o' : 't');
                if (c == rules.optional_numbers_from) between = true;
            }
            continue;
        }
        if (row.size() != t.header.size())
            bad(no, std::to_string(row.size()) + " cells under a header of " + std::to_string(t.header.size()));
        for (std::size_t k = 0; k < row.size(); ++k) {
            const std::string& c = row[k];
            const bool ok = kind[k] == 'n' ? number(c)
                          : kind[k] == 'o' ? c.empty() || number(c)
                          : kind[k] == 's' ? (rules.status_words.empty()
                                                  ? !c.empty() && std::all_of(c.begin(), c.end(), [](char x) { return x >= 'a' && x <= 'z'; })
                                                  : std::find(rules.status_words.begin(), rules.status_words.end(), c) !=
                                                        rules.status_words.end())
                                           : true;
            if (!ok) bad(no, "column " + t.header[k] + ": '" + c + "' is not " + (kind[k] == 's' ? "a status" : "a number"));
        }
        if (t.rows.size() < max_rows) {
            for (std::size_t k = 0; k < row.size(); ++k)  // numbers at table precision; the file keeps all digits
                if (kind[k] != 't' && kind[k] != 's' && !row[k].empty()) row[k] = report::num(std::strtod(row[k].c_str(), nullptr), 4);
            t.rows.push_back(row);
        }
    }
    if (t.header.empty()) bad(0, "no header");
    return t;
}

report::Section phase_section(const fs::path& dir, const fs::path& page_dir) {
    report::Section s;
    s.title = "Phase diagram " + dir.filename().string();
    // runner/experiments/lyapunov/phase_diagram.cpp's write_csv
    const TableRules rules{{"amplitude", "frequency", "status", "lambda_per_s", "sigma", "r", "upper_bound"}, "dir",
                           {"amplitude", "frequency", "upper_bound"}, {"lambda_per_s", "sigma", "r"}, "upper_bound", "dir", {}};
    s.tables.push_back(csv_table(dir / "phase_diagram.csv", "phase_diagram.csv", 400, rules));
    for (const auto& [stem, caption] : std::vector<std::pair<std::string, std::string>>{
             {"phase_diagram", "Heat map of the maximal Lyapunov exponent."}, {"nlt_vs_lambda", "NLT accuracy against the exponent."}}) {
        auto f = report::gnuplot_figure(page_dir, dir, stem, caption);
        if (!f.src.empty()) s.figures.push_back(f);
    }
    return s;
}

report::Section sweep_section(const fs::path& dir, const fs::path& page_dir) {
    report::Section s;
    s.title = "Sweep " + dir.filename().string();
    // runner/experiments/sweep/sweep.cpp: the parameters as written, status, then tracked values and measures
    const TableRules rules{{}, "run", {}, {}, "status", "run", {"completed", "failed"}};
    s.tables.push_back(csv_table(dir / "sweep.csv", "sweep.csv (first 50 rows)", 50, rules));
    auto f = report::gnuplot_figure(page_dir, dir, "sweep", "The sweep's first measure (or tracked value) against its first parameter.");
    if (!f.src.empty()) s.figures.push_back(f);
    return s;
}

// A demo page kept as report.json, with its figure paths moved to be relative to the new page.
std::vector<report::Section> demo_sections(const fs::path& dir, const fs::path& page_dir, report::Page& page, bool only) {
    auto p = report::page_from_json(io::read_json_file(dir / "report.json"));
    for (auto& s : p.sections)
        for (auto& f : s.figures) {
            if (!f.src.empty()) f.src = report::relative_to(page_dir, dir / f.src);
            for (auto& l : f.links) l = report::relative_to(page_dir, dir / l);
        }
    if (only) page.title = p.title, page.intro = p.intro, page.footer = p.footer;
    return p.sections;
}

}  // namespace

report::Page report_for_directories(const std::vector<fs::path>& dirs, const fs::path& page_file) {
    if (dirs.empty()) throw Error("no directory given");
    const fs::path page_dir = page_file.parent_path().empty() ? fs::path(".") : page_file.parent_path();
    const fs::path figs = page_dir / "report-figures";
    report::Page page;
    page.title = "nwnspice report";
    for (const auto& dir : dirs) {
        if (!fs::is_directory(dir)) throw Error(dir.string() + ": not a directory");
        std::vector<report::Section> add;
        try {
            if (fs::exists(dir / "report.json")) add = demo_sections(dir, page_dir, page, dirs.size() == 1);
            else if (fs::exists(dir / "ensemble.json")) add.push_back(ensemble_section(dir, page_dir));
            else if (fs::exists(dir / "phase_diagram.csv")) add.push_back(phase_section(dir, page_dir));
            else if (fs::exists(dir / "lyapunov.json") || fs::exists(dir / "nlt.json")) add.push_back(lyapunov_section(dir, page_dir, figs));
            else if (fs::exists(dir / "sweep.csv")) add.push_back(sweep_section(dir, page_dir));
            else if (fs::exists(dir / "avalanches.json")) add.push_back(avalanches_section(dir, page_dir));
            else if (fs::exists(io::RunPaths{dir}.record())) add.push_back(run_section(dir, page_dir, figs));
            else
                throw Error(dir.string() + ": not an nwn output directory (no report.json, ensemble.json, phase_diagram.csv, "
                                           "lyapunov.json, nlt.json, sweep.csv, avalanches.json or run.json)");
        } catch (const json::exception& e) {  // valid JSON of another shape (e.g. an ensemble.json holding [])
            throw Error(dir.string() + ": a record in it is not what nwn writes (" + e.what() + ")");
        }
        for (auto& s : add) {
            if (s.id.empty() || dirs.size() > 1) s.id = "d" + std::to_string(page.sections.size()) + (s.id.empty() ? "" : "-" + s.id);
            page.sections.push_back(std::move(s));
        }
    }
    if (page.footer.empty()) {
        page.footer = "nwn report";
        for (const auto& d : dirs) page.footer += " " + d.string();
    }
    return page;
}

}  // namespace nwn::exp

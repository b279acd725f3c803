#include "runner/engine/ngspice_session.h"

#include "common/atomic_file.h"
#include "common/cancel.h"
#include "common/error.h"
#include "netlistgen/netlist/deck_files.h"
#include "netlistgen/netlist/resource_paths.h"
#include "common/format.h"
#include "common/text_parse.h"
#include "netlistgen/netlist/solver_options.h"
#include "runner/engine/ngspice_library.h"
#include "runner/engine/ngspice_output.h"
#include "runner/engine/ngspice_process.h"
#include "runner/io/vector_names.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>

namespace nwn::engine {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using detail::g_session_claimed;
using detail::g_halt_requested;
using detail::kNaN;
using detail::ng;
using detail::ng_command;
using detail::NgspiceProcess;
using detail::ngspice_process;
using detail::OutputCapture;

namespace {

// Whether run() must halt: its owner called halt(), or a stop was requested (common/cancel.h) and the owner
// left the reaction to the run. take_halt_request() also consumes the owner's halt (the stop request stays:
// it is the process's, and served by every engine).
bool halt_requested(const RunOptions& opts) {
    return g_halt_requested.load() || (opts.halt_on_stop_request && cancel_requested());
}
bool take_halt_request(const RunOptions& opts) {
    const bool owner = g_halt_requested.exchange(false);
    return owner || (opts.halt_on_stop_request && cancel_requested());
}

}  // namespace

// The deck cards the session itself reads: the .tran stop time for progress, where ngSpice_Circ stops,
// and ".save none" (see vector()).
namespace {

std::optional<double> deck_tstop(const std::vector<std::string>& lines) {
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::string l = nwn::lower(nwn::trim(lines[i]));
        if (!l.starts_with(".tran") || (l.size() > 5 && !std::isspace(static_cast<unsigned char>(l[5]))))
            continue;
        std::istringstream in(l.substr(5));
        std::string tstep, tstop;
        if (!(in >> tstep >> tstop)) return std::nullopt;
        try {
            return nwn::parse_spice_number(tstop);
        } catch (const nwn::Error&) {
            return std::nullopt;  // e.g. a {param} expression
        }
    }
    return std::nullopt;
}

bool is_end_card(const std::string& line) {
    std::string l = nwn::lower(nwn::trim(line));
    return l == ".end" || (l.starts_with(".end") && std::isspace(static_cast<unsigned char>(l[4])));
}

bool is_save_none(const std::string& line) {
    std::string l = nwn::lower(nwn::trim(line));
    if (!l.starts_with(".save")) return false;
    std::istringstream in(l);
    std::string tok;
    in >> tok;
    if (tok != ".save") return false;
    while (in >> tok)
        if (tok == "none") return true;
    return false;
}

}  // namespace

// Session::run in three phases: prepare (in run itself), run in the background and poll, classify
// how the run ended. Defined after Session::run, in the order they run.
namespace {

enum class Halt { none, user, watchdog, recorder, stuck };  // why the polling halted ngspice's thread
struct RunEnd {
    Halt halt = Halt::none;
    bool started = false, gave_up = false;  // whether bg_run started a thread; given up on it
    std::vector<std::string> lines;          // ngspice's output during the run
};
RunEnd run_in_background(NgspiceProcess& c, const RunOptions& opts, double tstop, Clock::time_point t0);
void classify_run(RunOutcome& out, const RunEnd& end, const Session& session, const RunOptions& opts, double tstop,
                  Clock::time_point t0);

}  // namespace

// ------------------------------------------------------------------------------------ Session
Session::Session(SessionOptions opts) : opts_(std::move(opts)) {
    if (g_session_claimed.exchange(true))
        throw nwn::Error(
            "an ngspice session is already active in this process: libngspice keeps its state in "
            "globals, so only one Session may exist at a time (run parallel simulations as "
            "separate processes)");
    // gives the process slot back when the constructor throws
    struct Claim {
        bool held = true;
        ~Claim() {
            if (held) g_session_claimed.store(false);
        }
    } claim;
    NgspiceProcess& c = ngspice_process();
    {
        std::lock_guard lk(c.mu);
        if (c.dead) {
            throw nwn::Error("ngspice asked to exit earlier in this process (status " +
                             std::to_string(c.exit_status) + (c.exit_context.empty() ? "" : ": " + c.exit_context) +
                             "); libngspice cannot be used again in this process");
        }
        c.ring_capacity = std::max<std::size_t>(opts_.log_capacity, 1);
        const char* env = std::getenv("NWN_NGSPICE_ECHO");
        c.echo = opts_.echo || (env && *env && std::strcmp(env, "0") != 0);
    }
    const NgspiceLibrary& lib = load_ngspice_library(opts_.library);
    if (!c.initialized) {
        if (!opts_.scripts_dir.empty()) {
            std::error_code ec;
            if (!fs::is_directory(opts_.scripts_dir, ec))
                throw nwn::Error("ngspice scripts directory " + opts_.scripts_dir +
                                 " does not exist (it should hold the spinit for " + lib.file + ")");
            // ngSpice_Init runs $SPICE_SCRIPTS/spinit
            setenv("SPICE_SCRIPTS", opts_.scripts_dir.c_str(), 1);
        }
        std::vector<std::string> banner;
        const int rc = detail::init_ngspice(lib, banner);
        if (rc != 0) throw nwn::Error("ngSpice_Init failed (" + std::to_string(rc) + ")");
        c.initialized = true;
        c.scripts_dir = opts_.scripts_dir;
        c.version = parse_ngspice_version(banner);
    } else if (!opts_.scripts_dir.empty() && opts_.scripts_dir != c.scripts_dir) {
        throw nwn::Error("ngspice was initialised in this process with " +
                         (c.scripts_dir.empty() ? std::string("the default scripts directory")
                                                : "scripts directory " + c.scripts_dir) +
                         "; its spinit cannot be switched to " + opts_.scripts_dir +
                         " (use a separate process)");
    }
    claim.held = false;
}

Session::~Session() {
    NgspiceProcess& c = ngspice_process();
    try {
        if (usable() && c.circuit_loaded) reset();
    } catch (...) {
    }
    {
        std::lock_guard lk(c.data_mu);
        c.recorder = nullptr;
        c.layout_cb = nullptr;
    }
    set_external_source(nullptr);
    g_session_claimed.store(false);
}

std::string Session::ngspice_version() {
    NgspiceProcess& c = ngspice_process();
    if (c.version.empty()) {
        require_usable("ask ngspice for its version");
        c.version = parse_ngspice_version(run_command("version -s"));
        if (c.version.empty())
            throw nwn::Error("ngspice did not report its version ('version -s' printed no "
                             "'ngspice-N' line)");
    }
    return c.version;
}

std::string Session::library_path() const { return ngspice_process().lib->file; }

bool Session::usable() const {
    NgspiceProcess& c = ngspice_process();
    std::lock_guard lk(c.mu);
    return !c.dead;
}

void Session::require_usable(const char* what) const {
    NgspiceProcess& c = ngspice_process();
    std::lock_guard lk(c.mu);
    if (c.dead)
        throw nwn::Error(std::string("cannot ") + what + ": ngspice asked to exit earlier (status " +
                         std::to_string(c.exit_status) + (c.exit_context.empty() ? "" : ": " + c.exit_context) +
                         ") and cannot be used again in this process");
}

std::vector<std::string> Session::run_command(const std::string& cmd) {
    OutputCapture cap;
    ng_command(cmd);
    return cap.take();
}

std::vector<std::string> Session::command(const std::string& cmd, bool check) {
    require_usable(("run command '" + cmd + "'").c_str());
    {
        std::istringstream in(nwn::lower(cmd));
        std::string verb;
        in >> verb;
        if (verb.starts_with("bg_"))
            throw nwn::Error("command '" + cmd + "' refused: background runs are managed by run()/halt()");
        if (verb == "quit" || verb == "exit")
            throw nwn::Error("command '" + cmd + "' refused: it would make ngspice ask to be unloaded");
    }
    auto lines = run_command(cmd);
    if (!usable())
        throw nwn::Error("ngspice command '" + cmd + "' made ngspice exit: " +
                         extract_errors(lines, false) + " (the session is now unusable)");
    if (check) {
        std::string err = extract_errors(lines, true);
        if (!err.empty()) throw nwn::Error("ngspice command '" + cmd + "' failed: " + err);
    }
    std::vector<std::string> out;
    out.reserve(lines.size());
    for (auto& l : lines) {
        auto text = split_stream(l).second;
        // printed by the first command after a background run, when ngspice joins its thread
        if (text.starts_with("Background thread stopped with timeout")) continue;
        out.emplace_back(text);
    }
    return out;
}

SolverStats Session::solver_stats() {
    SolverStats st;
    const std::pair<const char*, double SolverStats::*> keys[] = {
        {"Circuit Equations", &SolverStats::equations},      {"Transient iterations", &SolverStats::iterations},
        {"Transient timepoints", &SolverStats::timepoints},  {"Accepted timepoints", &SolverStats::accepted},
        {"Rejected timepoints", &SolverStats::rejected},     {"Transient analysis time", &SolverStats::analysis_s},
        {"Transient load time", &SolverStats::load_s},       {"Transient factor time", &SolverStats::factor_s},
        {"Transient solve time", &SolverStats::solve_s},     {"Transient trunc time", &SolverStats::trunc_s}};
    for (const auto& line : command("rusage all", false)) {
        const auto eq = line.find(" = ");
        if (eq == std::string::npos) continue;
        std::string name = line.substr(0, eq);
        const auto paren = name.find(" (");
        if (paren != std::string::npos) name.resize(paren);
        for (const auto& [key, field] : keys)
            if (name == key) {
                char* end = nullptr;
                const double v = std::strtod(line.c_str() + eq + 3, &end);
                if (end != line.c_str() + eq + 3) st.*field = v;
            }
    }
    return st;
}

bool Session::load_codemodel(const std::string& path) {
    require_usable(("load code model " + path).c_str());
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw nwn::Error("code model not found: " + path +
                         (fs::exists(path, ec) ? " (not a regular file)" : " (no such file)"));
    std::string canon = fs::weakly_canonical(path, ec).string();
    if (ec) canon = path;
    NgspiceProcess& c = ngspice_process();
    if (c.codemodels.count(canon)) return false;
    net::check_codemodel_file(path);  // a truncated library crashes ngspice's dlopen (SIGBUS)
    auto lines = run_command(net::device_load_command(canon));
    if (!usable())
        throw nwn::Error("cannot load code model " + path + ": ngspice asked to exit (" +
                         extract_errors(lines, false) + "); the session is now unusable");
    // ngspice prints "Error opening code model …" on stdout and "Error: Library … couldn't be
    // loaded!" on stderr; scan both.
    std::string err = extract_errors(lines, false);
    if (!err.empty()) throw nwn::Error("cannot load code model " + path + ": " + err);
    c.codemodels.insert(canon);
    return true;
}

bool Session::has_circuit() const { return ngspice_process().circuit_loaded; }

void Session::load_circuit(const std::vector<std::string>& input) {
    require_usable("load a circuit");
    NgspiceProcess& c = ngspice_process();
    if (input.empty()) throw nwn::Error("cannot load an empty circuit (the first line is the title)");
    if (c.circuit_loaded) reset();

    std::vector<std::string> lines;
    lines.reserve(input.size() + 1);
    bool has_end = false;
    for (const auto& l : input) {
        std::string s = l;
        while (!s.empty() && (s.back() == '\r' || s.back() == '\n')) s.pop_back();
        if (s.find('\n') != std::string::npos)
            throw nwn::Error("circuit line contains a newline; pass one card per element: " + s);
        lines.push_back(std::move(s));
        // ngSpice_Circ stops at the first .end card
        if (lines.size() > 1 && is_end_card(lines.back())) {
            has_end = true;
            break;
        }
    }
    if (!opts_.keep_vectors) {
        if (has_end)
            lines.insert(lines.end() - 1, ".save none");
        else
            lines.emplace_back(".save none");
    }
    // Without .end ngSpice_Circ drops the last line (NGSPICE.md).
    if (!has_end) lines.emplace_back(".end");
    for (const auto& l : lines)
        if (is_save_none(l)) c.save_none_seen = true;
    deck_tstop_ = deck_tstop(lines).value_or(0.0);

    std::vector<char*> ptrs;
    ptrs.reserve(lines.size() + 1);
    for (auto& l : lines) ptrs.push_back(l.data());
    ptrs.push_back(nullptr);

    std::vector<std::string> out;
    int rc;
    {
        OutputCapture cap;
        rc = ng().ngSpice_Circ(ptrs.data());
        out = cap.take();
    }
    if (!usable())
        throw nwn::Error("ngspice could not load the circuit and asked to exit; it cannot be used "
                         "again in this process:\n" +
                         extract_errors(out, false));
    c.circuit_loaded = true;  // whatever ngspice kept, reset() will remove it
    std::string err = extract_errors(out, true);
    if (err.empty() && rc != 0) err = "ngSpice_Circ returned " + std::to_string(rc);
    if (err.empty()) {
        // ngSpice_Circ does not report failure: make sure a circuit exists now.
        auto st = run_command("state");
        bool found = false;
        for (const auto& l : st)
            if (split_stream(l).second.find("Current circuit:") != std::string_view::npos) found = true;
        if (!found)
            err = "no circuit is loaded after ngSpice_Circ" +
                  (extract_errors(st, true).empty() ? std::string() : ": " + extract_errors(st, true));
    }
    if (!err.empty()) {
        try {
            reset();
        } catch (...) {
        }
        throw nwn::Error("ngspice rejected the circuit \"" + message_text(nwn::trim(lines.front()), 200) + "\":\n" + err);
    }
}

void Session::load_deck_file(const std::string& path) {
    // ngspice would recurse through an include cycle until it crashes, and block on a FIFO: refused first.
    net::scan_deck(path);
    const std::vector<std::string> lines = nwn::split_lines(read_file(path));
    if (lines.empty()) throw nwn::file_error(path, 0, "empty deck");
    // Relative .include/.lib paths: ngSpice_Circ resolves them against the current directory and
    // then the 'sourcepath' list; put the deck's directory first.
    std::error_code ec;
    fs::path dir = fs::absolute(fs::path(path), ec).parent_path();
    if (!ec && dir.string().find_first_of("\"'()") == std::string::npos) {
        require_usable("load a deck");
        run_command("set sourcepath = ( \"" + dir.string() + "\" )");
    }
    try {
        load_circuit(lines);
    } catch (const nwn::Error& e) {
        throw nwn::Error(path + ": " + e.what());
    }
}

void Session::reset() {
    require_usable("reset");
    NgspiceProcess& c = ngspice_process();
    run_command("remcirc");
    run_command("destroy all");
    c.circuit_loaded = false;
    deck_tstop_ = 0;
}

void Session::set_recorder(Recorder r) {
    NgspiceProcess& c = ngspice_process();
    std::lock_guard lk(c.data_mu);
    c.recorder = std::move(r);
}

void Session::set_layout_callback(LayoutCallback cb) {
    NgspiceProcess& c = ngspice_process();
    std::lock_guard lk(c.data_mu);
    c.layout_cb = std::move(cb);
}

void Session::set_external_source(ExternalSource fn) {
    NgspiceProcess& c = ngspice_process();
    std::lock_guard lk(c.ext_mu);
    c.external_source = std::move(fn);
}

bool Session::set_breakpoint(double t) {
    require_usable("set a breakpoint");
    return ng().ngSpice_SetBkpt(t);
}

const VectorLayout& Session::layout() const { return ngspice_process().layout; }

void Session::halt() noexcept { g_halt_requested.store(true); }

std::vector<double> Session::vector(const std::string& name) const {
    require_usable(("read vector " + name).c_str());
    NgspiceProcess& c = ngspice_process();
    if (c.save_none_seen)
        throw nwn::Error("cannot read vector " + name +
                         ": a deck loaded in this process used '.save none', which makes ngspice "
                         "39.3 keep only the last point of every vector for the rest of the "
                         "process; use a recorder instead");
    std::string n = nwn::trim(name);
    std::vector<char> buf(n.begin(), n.end());
    buf.push_back('\0');
    pvector_info vi = ng().ngGet_Vec_Info(buf.data());
    if (!vi) {
        // try the plain node name for "v(x)" and the branch form for "i(x)"
        std::string alt = io::canonical_vector_name(n);
        std::vector<char> b2(alt.begin(), alt.end());
        b2.push_back('\0');
        vi = ng().ngGet_Vec_Info(b2.data());
    }
    if (!vi) {
        const char* cur = ng().ngSpice_CurPlot();
        std::string plot = cur ? cur : "";
        std::string avail;
        if (char** all = ng().ngSpice_AllVecs(plot.data()))
            for (int i = 0; all[i] && i < 30; ++i) avail += (i ? ", " : "") + std::string(all[i]);
        throw nwn::Error("no vector '" + name + "' in ngspice plot " + plot + " (vectors: " +
                         (avail.empty() ? std::string("none") : avail) + ")");
    }
    std::vector<double> out(static_cast<std::size_t>(std::max(vi->v_length, 0)));
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = vi->v_realdata ? vi->v_realdata[i] : vi->v_compdata ? vi->v_compdata[i].cx_real : kNaN;
    return out;
}

std::vector<std::string> Session::log() const {
    NgspiceProcess& c = ngspice_process();
    std::lock_guard lk(c.mu);
    return {c.ring.begin(), c.ring.end()};
}

std::string Session::log_tail(std::size_t n) const {
    auto lines = log();
    std::size_t from = lines.size() > n ? lines.size() - n : 0;
    std::string out;
    for (std::size_t i = from; i < lines.size(); ++i) {
        if (!out.empty()) out += '\n';
        out += lines[i];
    }
    return out;
}

RunOutcome Session::run(const RunOptions& opts) {
    require_usable("run");
    NgspiceProcess& c = ngspice_process();
    if (!c.circuit_loaded) throw nwn::Error("cannot run: no circuit loaded");

    RunOutcome out;
    const auto t0 = Clock::now();
    c.points.store(0);
    c.last_time.store(kNaN);
    c.stat_fraction.store(kNaN);
    {
        std::lock_guard lk(c.data_mu);
        c.recorder_failed = false;
        c.recorder_error.clear();
        c.layout = VectorLayout{};  // a stale layout must not describe this run
    }
    if (take_halt_request(opts)) {
        out.status = RunStatus::interrupted;
        out.message = "stop requested before the run started";
        out.last_time = kNaN;
        return out;
    }

    const double tstop = opts.tstop > 0 ? opts.tstop : deck_tstop_;
    const RunEnd end = run_in_background(c, opts, tstop, t0);
    classify_run(out, end, *this, opts, tstop, t0);
    return out;
}

namespace {

// The fraction of the run done (of tstop, or ngspice's own percentage), to opts.on_progress.
void report_fraction(const NgspiceProcess& c, const RunOptions& opts, double tstop) {
    const double t = c.last_time.load(std::memory_order_relaxed);
    double f = kNaN;
    if (tstop > 0 && !std::isnan(t))
        f = t / tstop;
    else
        f = c.stat_fraction.load(std::memory_order_relaxed);
    if (std::isnan(f)) f = 0;
    f = std::clamp(f, 0.0, 1.0);
    report_progress(opts.on_progress, f, 1.0);
}

// bg_run, then polling until ngspice's thread ends: halting it (bg_halt) on a stop request, a failed
// recorder or the wall-clock limit, and giving up on a thread that never started or does not halt.
RunEnd run_in_background(NgspiceProcess& c, const RunOptions& opts, double tstop, Clock::time_point t0) {
    auto progress_now = [&] { report_fraction(c, opts, tstop); };
    OutputCapture cap;
    std::uint64_t starts0, exits0;
    {
        std::lock_guard lk(c.mu);
        starts0 = c.bg_starts;
        exits0 = c.bg_exits;
    }
    ng_command("bg_run");

    Halt halt = Halt::none;
    Clock::time_point halt_at{};
    bool ended = false, started = false, gave_up = false;
    const auto poll = std::chrono::duration<double>(std::max(opts.poll_interval_s, 0.001));
    while (true) {
        {
            std::unique_lock lk(c.mu);
            c.cv.wait_for(lk, poll, [&] { return c.bg_exits != exits0 || c.dead; });
            started = c.bg_starts != starts0;
            ended = c.bg_exits != exits0 || c.dead;
        }
        if (ended) break;
        progress_now();
        const auto now = Clock::now();
        const double elapsed = std::chrono::duration<double>(now - t0).count();
        if (!started && elapsed > 10) {
            // bg_run did not start a thread (e.g. "cannot execute … type bg_halt first")
            gave_up = true;
            break;
        }
        if (halt == Halt::none) {
            bool rec_failed;
            {
                std::lock_guard lk(c.data_mu);
                rec_failed = c.recorder_failed;
            }
            if (halt_requested(opts))
                halt = Halt::user;
            else if (rec_failed)
                halt = Halt::recorder;
            else if (opts.wall_limit_s > 0 && elapsed > opts.wall_limit_s)
                halt = Halt::watchdog;
            if (halt != Halt::none) {
                halt_at = now;
                ng_command("bg_halt");  // waits up to ~1 s for the thread to leave
            }
        } else if (std::chrono::duration<double>(now - halt_at).count() > 2) {
            // still running: retry, and after 15 s give up on this ngspice
            if (std::chrono::duration<double>(now - halt_at).count() > 15) {
                gave_up = true;
                halt = Halt::stuck;
                break;
            }
            ng_command("bg_halt");
        }
    }
    g_halt_requested.store(false);  // the owner's halt has been served (or the run ended anyway)
    progress_now();  // the final state
    auto lines = cap.take();
    return {halt, started, gave_up, std::move(lines)};
}

// How a run ended that was halted, lost its ngspice or its recorder: true when `out` says so.
bool classify_halt(RunOutcome& out, const RunEnd& end, const Session& session, const RunOptions& opts,
                   const std::string& err, const std::string& at) {
    NgspiceProcess& c = ngspice_process();
    bool dead;
    int status;
    {
        std::lock_guard lk(c.mu);
        dead = c.dead;
        status = c.exit_status;
    }
    std::string rec_error;
    {
        std::lock_guard lk(c.data_mu);
        rec_error = c.recorder_error;
    }

    if (dead) {
        out.status = RunStatus::failed;
        out.message = (err.empty() ? extract_errors(session.log(), false) : err) +
                      "\nngspice asked to exit (status " + std::to_string(status) +
                      "); the session is unusable" + at;
        return true;
    }
    if (end.gave_up) {
        // ngspice's thread is in an unknown state: never touch it again in this process
        std::lock_guard lk(c.mu);
        c.dead = true;
        c.exit_context = end.started ? "the background thread did not stop after bg_halt"
                                     : "bg_run did not start a background thread";
        out.status = RunStatus::failed;
        out.message = c.exit_context + (err.empty() ? "" : ":\n" + err) + at;
        out.timed_out = end.halt == Halt::stuck;
        return true;
    }
    switch (end.halt) {
        case Halt::user:
            out.status = RunStatus::interrupted;
            out.message = "stopped on request" + at;
            return true;
        case Halt::watchdog:
            out.status = RunStatus::failed;
            out.timed_out = true;
            out.message = "wall-clock limit of " + std::to_string(opts.wall_limit_s) +
                          " s exceeded; halted" + at;
            return true;
        default: break;
    }
    if (!rec_error.empty()) {  // the recorder missed points: whatever ngspice did, this failed
        out.status = RunStatus::failed;
        out.message = "recorder failed: " + rec_error + at;
        return true;
    }
    return false;
}

// How an analysis ended that ran on its own: completed, or failed by ngspice's messages, short of
// tstop, or without a point.
void classify_analysis(RunOutcome& out, const std::vector<std::string>& lines, const VectorLayout& layout,
                       double tstop, const std::string& err, const std::string& at) {
    const bool is_time = layout.scale_index() != VectorLayout::npos &&
                         nwn::lower(layout.names()[layout.scale_index()]) == "time";
    const bool reached_end = tstop > 0 && is_time && !std::isnan(out.last_time) &&
                             out.last_time >= tstop * (1 - 1e-9);
    bool aborted = false, interrupted = false;
    for (const auto& l : lines) {
        auto [stream, text] = split_stream(l);
        if (stream != 'e') continue;
        if (text.find("simulation(s) aborted") != std::string_view::npos ||
            text.find("simulation not started") != std::string_view::npos)
            aborted = true;
        if (text.find("simulation interrupted") != std::string_view::npos) interrupted = true;
    }
    if (aborted || interrupted || (!err.empty() && !reached_end)) {
        out.status = RunStatus::failed;
        std::string all;
        for (const auto& l : lines) all += std::string(split_stream(l).second) + "\n";
        const std::string hint = singular_matrix_hint(all);
        out.message = (hint.empty() ? "" : hint + "\n") + (err.empty() ? std::string("ngspice stopped the simulation") : err) + at;
        return;
    }
    if (tstop > 0 && is_time && !reached_end) {
        out.status = RunStatus::failed;
        out.message = "the analysis ended before tstop = " + format_time(tstop) + " without an error message" + at;
        return;
    }
    if (out.accepted_points == 0 && tstop > 0) {
        out.status = RunStatus::failed;
        out.message = "the analysis delivered no points" + at;
        return;
    }
    out.status = RunStatus::completed;
    if (!err.empty()) out.message = "completed; ngspice reported: " + err;
}

// The outcome of a run from what it left: its counters, ngspice's messages and how the polling ended.
void classify_run(RunOutcome& out, const RunEnd& end, const Session& session, const RunOptions& opts, double tstop,
                  Clock::time_point t0) {
    const NgspiceProcess& c = ngspice_process();
    out.accepted_points = c.points.load(std::memory_order_acquire);
    out.last_time = c.last_time.load();
    out.wall_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const std::string at = " (last accepted time point t = " + format_time(out.last_time) + ", " +
                           std::to_string(out.accepted_points) + " points)";
    const std::string err = extract_errors(end.lines, true);
    if (!classify_halt(out, end, session, opts, err, at)) classify_analysis(out, end.lines, c.layout, tstop, err, at);
}

}  // namespace

}  // namespace nwn::engine

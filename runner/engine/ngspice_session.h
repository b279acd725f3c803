// The in-process libngspice engine: one ngspice simulator per process, driven through
// sharedspice.h (libngspice is loaded at run time: ngspice_library.h). Loads code models and circuits, runs the analysis on ngspice's background
// thread under a wall-clock watchdog, streams every accepted time point to a recorder, and turns
// ngspice's console output into errors and run outcomes.
//
// Threading: every method except halt() must be called from one thread at a time (the "owner"
// thread). The recorder runs on ngspice's background thread; progress callbacks run on the owner
// thread inside run(). halt() is async-signal-safe (one atomic store) and may be called from any thread.
// A stop request (common/cancel.h: Ctrl-C) halts a run as well; the session has no stop flag of its own.
//
// libngspice keeps its state in globals: only one Session may exist at a time in a process, a
// code model (.cm) can be loaded only once per process, after ngspice asked to exit
// (ControlledExit) the library cannot be used again in this process, and only one libngspice
// build can be loaded per process. Run parallel simulations, or other builds, as separate
// processes.
#pragma once
#include <cmath>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "runner/engine/run_types.h"

namespace nwn::engine {

// ngspice's own counters of the last analysis (`rusage all`); NaN where ngspice did not print one.
struct SolverStats {
    double equations = NAN;         // circuit equations (matrix size)
    double iterations = NAN;        // transient Newton iterations
    double timepoints = NAN;        // transient time points tried
    double accepted = NAN, rejected = NAN;
    double analysis_s = NAN;        // transient analysis time
    double load_s = NAN;            // device evaluation and matrix stamping (all devices)
    double factor_s = NAN, solve_s = NAN;
    double trunc_s = NAN;           // truncation-error checks
};
struct RunOptions {
    double wall_limit_s = 0;   // watchdog: bg_halt after this many seconds of wall time (0 = none)
    double tstop = 0;          // for progress; 0 = taken from the deck's .tran line when there is one
    // Called on the owner thread about every poll_interval_s with the fraction done (of tstop, or
    // ngspice's percentage) out of 1.
    ProgressFn on_progress;
    double poll_interval_s = 0.05;
    // A stop request (common/cancel.h) halts the run, which ends as interrupted (also one requested before
    // it starts); false leaves the reaction to the owner (a co-simulation pauses instead, and can go on).
    bool halt_on_stop_request = true;
};

// Value of an EXTERNAL voltage source at a time: (name as ngspice spells it, lower-case; t) -> volts.
using ExternalSource = std::function<double(const std::string& name, double t)>;

struct SessionOptions {
    std::size_t log_capacity = 200;  // ngspice output lines kept for error messages
    bool echo = false;               // also copy every ngspice line to stderr (or NWN_NGSPICE_ECHO=1)
    // ngspice itself keeps every saved vector of every point in RAM (~8 bytes x vectors x points).
    // false appends ".save none" to each deck: ngspice 39.3's shared library then stores only the
    // last point (memory stays flat) while SendData still streams every vector to the recorder.
    // vector() is unavailable then, and ngspice never clears this: it holds for every later
    // circuit of the process (vector() refuses with a clear error once any deck used it).
    bool keep_vectors = true;
    // libngspice to load: a path, or empty for the system's (soname libngspice.so.0). The first
    // Session of a process decides; a later one asking for a different build throws.
    std::string library;
    // Directory holding the spinit that ngspice runs at initialisation, exported as SPICE_SCRIPTS
    // before it (empty = leave SPICE_SCRIPTS alone). Needed for a non-system build: the system's
    // spinit loads the system's code models, which crash another ngspice version.
    std::string scripts_dir;
};

class Session {
public:
    // Loads (opts.library) and initialises libngspice on first use. Throws nwn::Error if another
    // Session is alive in this process, if ngspice asked to exit earlier in this process, if the
    // library cannot be loaded or another build is already loaded, or if ngspice was already
    // initialised with a different scripts_dir.
    explicit Session(SessionOptions opts = {});
    ~Session();  // halts a running analysis, removes circuits, releases the process slot
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // `codemodel PATH`. Throws nwn::Error naming the path if the file is missing or ngspice
    // cannot load it. A path already loaded in this process is skipped (returns false).
    bool load_codemodel(const std::string& path);

    // Replace the current circuit by this deck (first line = title). Appends ".end" when missing;
    // lines after the first .end are ignored. Throws nwn::Error with ngspice's message when the
    // deck does not parse. Decks should hold no .control section (run() starts the analysis).
    void load_circuit(const std::vector<std::string>& lines);
    // Reads the file and loads it as above; relative .include/.lib paths resolve against its
    // directory.
    void load_deck_file(const std::string& path);
    bool has_circuit() const;

    // Runs the deck's analysis (bg_run) and blocks until it ends, fails, is stopped, or the
    // watchdog fires. Never throws for simulation failures (see RunOutcome); throws nwn::Error
    // when there is no circuit or the session is unusable. Each run adds a plot (tran1, tran2, …)
    // that stays in memory until reset() or the next load_circuit().
    // Note (ngspice 39.3): with 'uic' no point is saved or streamed at t = 0; the first is at
    // about tstep/100.
    RunOutcome run(const RunOptions& opts = {});

    // Halts the current run (or the next run(), if none is in progress: the request stays pending until a
    // run() consumes it), which ends as interrupted: for an owner done with a run (a co-simulation being
    // closed). A user's stop is common/cancel.h's request, which run() serves itself. Async-signal-safe.
    void halt() noexcept;

    void set_recorder(Recorder r);              // empty function = no recorder
    void set_layout_callback(LayoutCallback cb);
    // The values of the deck's EXTERNAL voltage sources (`V<name> n+ n- DC 0 EXTERNAL`), asked by ngspice
    // on its thread at every evaluation (sharedspice's GetVSRCData): fn(source name as ngspice spells it,
    // lower-case, time) -> volts. Empty = 0 V. Cleared by the destructor.
    void set_external_source(ExternalSource fn);
    // A time point the running analysis must land on (ngSpice_SetBkpt); false when ngspice refused it.
    bool set_breakpoint(double t);

    // A whole saved vector of the current plot after a run (ngGet_Vec_Info), real parts.
    // Accepts "v(a)", "a", "i(v1)", "v1#branch", "time", "tran1.a". Throws when absent.
    std::vector<double> vector(const std::string& name) const;
    // The counters of the last analysis (iterations, points, time split), from `rusage all`.
    SolverStats solver_stats();
    // Layout of the last plot announced by ngspice (read it between runs, not during one).
    const VectorLayout& layout() const;

    // Any ngspice command, executed immediately. Returns the output lines it produced; throws
    // nwn::Error when it printed an error (unless check = false) or made ngspice exit.
    // bg_* and quit/exit are refused (use run(), halt(), and the destructor).
    std::vector<std::string> command(const std::string& cmd, bool check = true);

    // remcirc + destroy all: forget the circuit and free every plot, so that the next circuit
    // starts from flat memory. load_circuit() does this itself when a circuit is loaded.
    void reset();

    // The version ngspice reports ("39" for Debian's 39.3, "46"), from its banner or `version -s`.
    std::string ngspice_version();
    // The libngspice file in use, symlinks resolved (e.g. /usr/lib/x86_64-linux-gnu/libngspice.so.0.0.6).
    std::string library_path() const;

    bool usable() const;                       // false after ngspice asked to exit
    std::vector<std::string> log() const;      // last log_capacity lines, "stdout …"/"stderr …"
    std::string log_tail(std::size_t n) const; // last n lines joined by '\n'

private:
    void require_usable(const char* what) const;
    std::vector<std::string> run_command(const std::string& cmd);  // lines printed by it
    SessionOptions opts_;
    double deck_tstop_ = 0;
};


}  // namespace nwn::engine

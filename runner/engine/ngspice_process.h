// The process-wide half of the libngspice engine, used by ngspice_session.cpp only. libngspice is a
// set of globals that calls back into C functions registered once per process (ngSpice_Init), from
// its own background thread too; those callbacks talk to the one NgspiceProcess object here, never
// to a Session, which may be gone while an unstoppable background thread still calls back.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "runner/engine/ngspice_library.h"
#include "runner/engine/ngspice_session.h"
#include "runner/engine/run_types.h"

namespace nwn::engine::detail {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Constant-initialised and lock-free, unlike NgspiceProcess (allocated on first use): halt() is
// async-signal-safe.
extern std::atomic<bool> g_halt_requested;   // Session::halt(), served by the next run
extern std::atomic<bool> g_session_claimed;  // a Session exists in this process

struct NgspiceProcess {
    // --- console output, thread exit, controlled exit: guarded by mu
    std::mutex mu;
    std::condition_variable cv;
    std::deque<std::string> ring;
    std::size_t ring_capacity = 200;
    bool echo = false;
    bool capturing = false;
    std::vector<std::string> captured;  // lines printed during the current operation
    std::size_t captured_dropped = 0;
    std::uint64_t bg_starts = 0, bg_exits = 0;
    bool dead = false;  // ngspice called ControlledExit: never use it again in this process
    int exit_status = 0;
    bool exit_on_quit = false;
    std::string exit_context;  // error lines seen before the exit

    // --- streaming: guarded by data_mu (taken on ngspice's thread for every point)
    std::mutex data_mu;
    Recorder recorder;
    LayoutCallback layout_cb;
    VectorLayout layout;
    std::vector<double> buffer;
    bool recorder_failed = false;
    std::string recorder_error;

    // --- EXTERNAL voltage sources (GetVSRCData, on ngspice's thread): guarded by ext_mu
    std::mutex ext_mu;
    ExternalSource external_source;

    std::atomic<std::size_t> points{0};
    std::atomic<double> last_time{kNaN};
    std::atomic<double> stat_fraction{kNaN};

    // --- owner-thread only
    const NgspiceLibrary* lib = nullptr;  // set before ngSpice_Init, never changes afterwards
    std::string scripts_dir;              // SessionOptions::scripts_dir at ngSpice_Init
    std::string version;                  // as ngspice reports it, "" until known
    bool initialized = false;
    bool circuit_loaded = false;
    bool save_none_seen = false;  // see Session::vector(): ngspice 39.3 never clears ".save none"
    std::set<std::string> codemodels;
};

// Allocated once and deliberately never freed: ngspice may call back during exit.
NgspiceProcess& ngspice_process();

// The loaded library's functions (valid once a Session has been constructed).
const NgspiceApi& ng();

// ngSpice_Init and ngSpice_Init_Sync with this file's callbacks; sets ngspice_process().lib first. Returns ngSpice_Init's
// result and the lines ngspice printed meanwhile (its banner).
int init_ngspice(const NgspiceLibrary& lib, std::vector<std::string>& banner);

// ngSpice_Command on a copy (it takes a non-const char*).
int ng_command(const std::string& cmd);

// RAII capture of the lines ngspice prints during one operation.
class OutputCapture {
public:
    OutputCapture();
    ~OutputCapture() { take(); }
    OutputCapture(const OutputCapture&) = delete;
    OutputCapture& operator=(const OutputCapture&) = delete;
    std::vector<std::string> take();  // stops the capture
};

}  // namespace nwn::engine::detail

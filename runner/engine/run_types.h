// What every engine delivers: accepted time points (to a recorder, with the layout of their vectors) and
// how the run ended. The libngspice session streams them from ngspice's thread; the ngspice CLI engine
// reads them from its raw file once ngspice has ended; the native engine delivers each of its steps.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "common/progress.h"
#include "runner/engine/vector_layout.h"

namespace nwn::engine {

// One accepted time point. Valid only during the recorder call: copy what you need.
struct Point {
    double time = 0;              // value of the plot's scale vector (time, frequency, sweep)
    std::size_t step = 0;         // 0-based index of the accepted point in this run
    const VectorLayout* layout = nullptr;
    const double* values = nullptr;  // layout->size() values (real part), in layout order

    std::size_t size() const { return layout ? layout->size() : 0; }
    double operator[](std::size_t i) const { return values[i]; }
    double operator[](std::string_view name) const { return values[layout->index(name)]; }
};

using Recorder = std::function<void(const Point&)>;

// Called once per plot, before its first point, on the thread that delivers the points (ngspice's for
// libngspice): resolve indices here.
using LayoutCallback = std::function<void(const VectorLayout&)>;

enum class RunStatus { completed, interrupted, failed };
inline const char* to_string(RunStatus s) {
    switch (s) {
        case RunStatus::completed: return "completed";
        case RunStatus::interrupted: return "interrupted";
        case RunStatus::failed: return "failed";
    }
    return "?";
}

struct RunOutcome {
    RunStatus status = RunStatus::failed;
    std::string message;             // ngspice's error text (with the time point) or why it stopped
    double last_time = 0;            // time of the last accepted point (NaN if none)
    std::size_t accepted_points = 0; // points delivered to the recorder in this run (native: steps taken)
    double wall_seconds = 0;
    bool timed_out = false;          // the wall-clock watchdog halted the run (status failed)
    std::string ngspice_version;     // the ngspice CLI engine: what the binary that ran says (-v); else empty
    bool ok() const { return status == RunStatus::completed; }
};

}  // namespace nwn::engine

// The one stop mechanism: a process-wide stop request. SIGINT/SIGTERM/SIGHUP set it (common/stop_signals.h;
// the Python bindings' Ctrl-C too); every engine serves it by ending its run as interrupted with what it
// recorded (status interrupted, the libngspice session by halting ngspice's thread), and long loops in any
// layer (resampling, power-law fits, network generation, native Lyapunov segments) poll it and throw
// Cancelled, which the CLI turns into exit status 130 once the command has kept what was complete.
// A stop is not a failure: Cancelled is deliberately not an nwn::Error, so the `catch (const Error&)`
// sites that turn bad input into a "failed" status do not swallow a stop request. The request stays
// until reset_cancel() (the owner of a stop that can go on, e.g. a Python call that raised KeyboardInterrupt).
#pragma once
#include <stdexcept>
#include <string>

namespace nwn {

struct Cancelled : std::runtime_error {
    Cancelled() : std::runtime_error("interrupted") {}
    explicit Cancelled(const std::string& what) : std::runtime_error(what) {}  // where or how far it got
};

void request_cancel() noexcept;  // async-signal-safe
void reset_cancel() noexcept;
bool cancel_requested() noexcept;

inline void throw_if_cancelled() {
    if (cancel_requested()) throw Cancelled();
}

}  // namespace nwn

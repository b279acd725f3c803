// Cooperative stop on SIGINT/SIGTERM. The signal handler (runner/experiments/run/interrupt.h) only sets a
// flag; long loops in any layer (resampling, power-law fits, network generation) poll it and throw
// Cancelled, which the CLI turns into exit status 130 once the command has kept what was complete.
// Cancelled is deliberately not an nwn::Error, so the `catch (const Error&)` sites that turn bad input
// into a "failed" status do not swallow a stop request.
#pragma once
#include <stdexcept>

namespace nwn {

struct Cancelled : std::runtime_error {
    Cancelled() : std::runtime_error("interrupted") {}
};

void request_cancel() noexcept;  // async-signal-safe
void reset_cancel() noexcept;
bool cancel_requested() noexcept;

inline void throw_if_cancelled() {
    if (cancel_requested()) throw Cancelled();
}

}  // namespace nwn

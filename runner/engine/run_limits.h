// The size limits every simulating command shares (nwn run, lyapunov, nlt, and phase-diagram's points, which
// are lyapunov and nlt runs): a typo such as --tmax 1e-12 or a drive of 1e-9 Hz would otherwise run for days
// or end in std::bad_alloc. Checked before any work starts; the message names the options and the way out.
#pragma once
#include <string>

#include "common/error.h"
#include "common/format.h"

namespace nwn::engine {

// (The messages spell the numbers as written here.)
inline constexpr double kMaxSteps = 1e9;         // time steps of one command (1e9 native steps: hours on a small network)
inline constexpr double kMaxGridValues = 1e8;    // values of a sampled grid held in memory or written (0.8 GB of doubles)

// Throws "WHAT = N steps: more than 1e9; HINT" when steps > kMaxSteps (or is NaN).
inline void check_steps(double steps, const std::string& what, const std::string& hint) {
    if (!(steps <= kMaxSteps))
        throw Error(what + " = " + fmt("%g", steps) + " steps: more than 1e9; " + hint);
}

// Throws "WHAT = N values: more than 1e8; HINT" when values > kMaxGridValues (or is NaN).
inline void check_grid(double values, const std::string& what, const std::string& hint) {
    if (!(values <= kMaxGridValues))
        throw Error(what + " = " + fmt("%g", values) + " values: more than 1e8; " + hint);
}

}  // namespace nwn::engine

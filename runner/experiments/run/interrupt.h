// Transitional: the old names of common/stop_signals.h and common/cancel.h, kept only for the two files being
// reworked in parallel (experiments/sweep/sweep.cpp, cli/commands/reservoir.cpp); they move to those headers
// and this file goes once that work has landed. New code uses the common/ headers.
#pragma once
#include "common/cancel.h"
#include "common/stop_signals.h"

namespace nwn::exp {

inline void install_interrupt_handler() { install_stop_signal_handler(); }
inline bool interrupted() { return cancel_requested(); }

}  // namespace nwn::exp

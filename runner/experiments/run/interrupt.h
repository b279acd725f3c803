// Ctrl-C for long runs: the first SIGINT, SIGTERM or SIGHUP asks the running engine to stop (the run then ends
// as "interrupted" and keeps what it recorded) and sets common/cancel.h's flag for every other long
// loop; a second one ends the process at once, and so does SIGALRM 30 s after the first if the
// stop has not finished by then. The handler only touches atomics.
#pragma once
#include <sys/types.h>

namespace nwn::exp {

void install_interrupt_handler();
bool interrupted();
void clear_interrupt();

}  // namespace nwn::exp

// Children (ngspice, run workers, gnuplot) must not outlive nwn, even when nwn is killed with SIGKILL
// and cannot clean up: call this in the child right after fork(), before exec.
#pragma once
#include <sys/types.h>

namespace nwn {

// Asks the kernel to SIGKILL this process when its parent dies (Linux PR_SET_PDEATHSIG, kept across
// exec), and exits at once if the parent `parent` already died between fork() and this call.
void die_with_parent(pid_t parent);

}  // namespace nwn

#include "common/child_process.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace nwn {

void die_with_parent(pid_t parent) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
}

}  // namespace nwn

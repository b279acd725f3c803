#include "common/stop_signals.h"

#include <signal.h>
#include <unistd.h>

#include "common/cancel.h"

namespace nwn {

namespace {
// A second signal while the first is being honoured stops the process at once: nothing can make
// nwn deaf to Ctrl-C.
extern "C" void on_stop_signal(int sig) {
    if (cancel_requested()) {
        ::signal(sig, SIG_DFL);
        ::raise(sig);
        return;
    }
    request_cancel();
    ::alarm(30);  // a backstop: SIGALRM's default action ends a process whose stop got stuck
}
}  // namespace

void install_stop_signal_handler() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGHUP, &sa, nullptr);  // a closed terminal or ssh session: stop as for SIGTERM, keeping the record
}

}  // namespace nwn

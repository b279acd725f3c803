#include "runner/experiments/interrupt.h"

#include <signal.h>

#include <atomic>

#include "runner/engine/ngspice_session.h"

namespace nwn::exp {

namespace {
std::atomic<bool> g_interrupted{false};
std::atomic<pid_t> g_child{0};

extern "C" void on_sigint(int) {
    g_interrupted.store(true);
    engine::Session::interrupt();
    if (pid_t c = g_child.load(); c > 0) ::kill(c, SIGTERM);
}
}  // namespace

void install_interrupt_handler() {
    struct sigaction sa {};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
}

bool interrupted() { return g_interrupted.load(); }
void clear_interrupt() { g_interrupted.store(false); }
void set_interrupt_child(pid_t pid) { g_child.store(pid); }

}  // namespace nwn::exp

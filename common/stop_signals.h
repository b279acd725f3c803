// Ctrl-C for long commands: the first SIGINT, SIGTERM or SIGHUP requests a stop (common/cancel.h's flag, which
// the engines serve by ending their run as interrupted, keeping what it recorded, and long loops by throwing
// Cancelled); a second one ends the process at once, and so does SIGALRM 30 s after the first if the stop has
// not finished by then. The handler only touches the flag and alarm().
#pragma once

namespace nwn {

void install_stop_signal_handler();

}  // namespace nwn

// Activation times of a DC run: first time the network conductance exceeds a multiple of its initial value
// (the one definition is the demo's, which reports the same comparison).
#pragma once
#include "runner/experiments/demo/demo_activation_analysis.h"

namespace nwn::test {

using exp::first_crossing;

}  // namespace nwn::test

// The segment engines of the Lyapunov and NLT loops (interface: runner/engine/segment_engine.h): the
// two-copy SPICE deck (lyapunov_spice.cpp) and the native copies (native_lyapunov.cpp).
#pragma once
#include <memory>
#include <optional>

#include "runner/engine/segment_engine.h"
#include "runner/analysis/lyapunov_math.h"

namespace nwn::exp {

using analysis::State;

using engine::EngineChoice;
using engine::EngineSetup;
using engine::RefObserver;
using engine::RefPoint;
using engine::SegmentEngine;

// The engine named by choice.engine (or by `engine` when given): libngspice or native.
std::unique_ptr<SegmentEngine> make_segment_engine(const EngineSetup& setup, std::optional<engine::Engine> which = {});

}  // namespace nwn::exp

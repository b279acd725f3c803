// `.meas tran` functions evaluated on sampled vectors, with ngspice 39's own semantics
// (src/frontend/com_measure2.c: sample values, linear interpolation of crossings, its rise/fall/cross
// counting, trapezoid AVG, Simpson INTEG/RMS). The statements are parsed, and the vectors looked up in
// a recorded run, by runner/experiments/sweep/sweep_measure.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace nwn::analysis {

constexpr double kMeasureUnset = 1e99;  // ngspice's "not given" for VAL and AT
constexpr int kMeasureDefault = -1, kMeasureLast = -2;  // rise/fall/cross not given, or LAST

// com_measure2's struct measure: one condition on one vector.
struct MeasureCond {
    std::string vec, vec2;  // vec2: the other vector of WHEN vec=vec2 (else empty)
    double val = kMeasureUnset, td = 0, from = 0, to = 0, at = kMeasureUnset;
    int rise = kMeasureDefault, fall = kMeasureDefault, cross = kMeasureDefault;
};

enum class MeasureFn { Trig, Find, When, Avg, Min, Max, MinAt, MaxAt, Rms, Pp, Integ };

struct MeasureSpec {
    MeasureFn fn;
    MeasureCond a, b;  // Trig: a = trig, b = targ. Find: a = the found vector, b = its WHEN (unless AT)
};

// The measured value over time t, with `values(name)` giving a vector's samples (it may throw); NaN
// where ngspice reports the measure as failed (out of interval, never crossed).
double evaluate_measure(const MeasureSpec& m, const std::vector<double>& t,
                        const std::function<std::vector<double>(const std::string&)>& values);

}  // namespace nwn::analysis

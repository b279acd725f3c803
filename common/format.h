// printf-style formatting of one number, for messages and summaries.
#pragma once
#include <cmath>
#include <cstdio>
#include <string>

namespace nwn {

inline std::string fmt(const char* f, double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, x);
    return buf;
}

// A time in seconds to 9 significant digits ("0.125 s"), or "none" for NaN (no time point yet).
inline std::string format_time(double t) { return std::isnan(t) ? "none" : fmt("%.9g s", t); }

}  // namespace nwn

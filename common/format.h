// printf-style formatting of one number, for messages and summaries.
#pragma once
#include <cstdio>
#include <string>

namespace nwn {

inline std::string fmt(const char* f, double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, x);
    return buf;
}

}  // namespace nwn

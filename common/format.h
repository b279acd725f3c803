// printf-style formatting of one number, for messages and summaries.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace nwn {

inline std::string fmt(const char* f, double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, x);
    return buf;
}

// Text from outside (a deck's title, ngspice's messages quoting it) made fit for a message and for JSON:
// bytes that are not UTF-8 become '?', and what is longer than max_bytes is cut, saying how much was.
inline std::string message_text(std::string_view s, std::size_t max_bytes = 2000) {
    std::string out;
    for (std::size_t i = 0; i < s.size() && out.size() < max_bytes;) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool ok = n > 0 && i + n <= s.size();
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) >> 6) == 2;
        if (ok) out.append(s.substr(i, n)), i += n;
        else out += '?', ++i;
        if (out.size() >= max_bytes && i < s.size())
            return out + " ... (" + std::to_string(s.size() - i) + " more bytes)";
    }
    return out;
}

// message_text of every line (a 50 MB title echoed by ngspice is one line; the error is on the next),
// then of the whole.
inline std::string message_lines(std::string_view s, std::size_t line_bytes = 500, std::size_t max_bytes = 8000) {
    std::string out;
    for (std::size_t at = 0; at <= s.size();) {
        const std::size_t nl = std::min(s.find('\n', at), s.size());
        out += message_text(s.substr(at, nl - at), line_bytes);
        if (nl < s.size()) out += '\n';
        at = nl + 1;
    }
    return message_text(out, max_bytes);
}

// A time in seconds to 9 significant digits ("0.125 s"), or "none" for NaN (no time point yet).
inline std::string format_time(double t) { return std::isnan(t) ? "none" : fmt("%.9g s", t); }

}  // namespace nwn

#include "netlistgen/text_parse.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "common/error.h"

namespace nwn::net {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string::size_type start = 0;
    for (;;) {
        const auto pos = s.find(sep, start);
        out.push_back(s.substr(start, pos - start));
        if (pos == std::string::npos) return out;
        start = pos + 1;
    }
}

double parse_number(const std::string& text, const std::string& what) {
    const std::string t = trim(text);
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v))
        throw Error(what + ": '" + text + "' is not a number");
    return v;
}

long long parse_integer(const std::string& text, const std::string& what) {
    const std::string t = trim(text);
    long long v = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || ptr != t.data() + t.size())
        throw Error(what + ": '" + text + "' is not an integer");
    return v;
}

std::string format_number(double x) {
    char buf[32];
    const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, ptr);
}

}  // namespace nwn::net

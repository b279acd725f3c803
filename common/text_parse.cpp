#include "common/text_parse.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "common/error.h"

namespace nwn {

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

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream is(text);
    for (std::string l; std::getline(is, l);) lines.push_back(l);
    return lines;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
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

double parse_spice_number(std::string_view text) {
    const std::string s = lower(trim(std::string(text)));
    const char* b = s.c_str();
    char* end = nullptr;
    double v = std::strtod(b, &end);
    if (end == b || s.empty()) throw Error("not a SPICE number: '" + std::string(text) + "'");
    std::string_view rest(end);
    double scale = 1;
    if (rest.starts_with("meg")) scale = 1e6;
    else if (rest.starts_with("mil")) scale = 25.4e-6;
    else if (!rest.empty()) {
        switch (rest[0]) {
            case 't': scale = 1e12; break;
            case 'g': scale = 1e9; break;
            case 'k': scale = 1e3; break;
            case 'm': scale = 1e-3; break;
            case 'u': scale = 1e-6; break;
            case 'n': scale = 1e-9; break;
            case 'p': scale = 1e-12; break;
            case 'f': scale = 1e-15; break;
            case 'a': scale = 1e-18; break;
            default:
                if (!std::isalpha(static_cast<unsigned char>(rest[0])))
                    throw Error("not a SPICE number: '" + std::string(text) + "'");
        }
    }
    return v * scale;
}

}  // namespace nwn

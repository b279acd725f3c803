#include "runner/io/numbers.h"

#include <charconv>
#include <cstdlib>

namespace nwn::io::detail {

std::optional<double> parse_double(std::string_view s) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (p != s.data() + s.size()) return std::nullopt;
    // libstdc++ reports subnormal and overflowing values as out of range; strtod gives the nearest double.
    if (ec == std::errc::result_out_of_range) return std::strtod(std::string(s).c_str(), nullptr);
    if (ec != std::errc()) return std::nullopt;
    return v;
}

void append_double(std::string& out, double v) {
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, p);
}

}  // namespace nwn::io::detail

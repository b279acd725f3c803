// Internal to nwn_io: the one way numbers are parsed from and printed to our text formats.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace nwn::io::detail {

// The whole of `s` as a double ("1e-3", "+2", "-0", "nan", "inf"); nullopt if anything else is in it.
std::optional<double> parse_double(std::string_view s);

// Shortest text that parses back to exactly `v`.
void append_double(std::string& out, double v);

}  // namespace nwn::io::detail

// Strict parsing of numbers and lists in command-line specs and CSV cells: the whole text must be
// consumed, so "1.8V" or "3x" is an error naming what was expected, never a silent 1.8 or 3.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace nwn {

std::string trim(const std::string& s);
std::vector<std::string> split(const std::string& s, char sep);  // keeps empty fields
// The lines of `text` without their '\n' ('\r' kept), as std::getline gives them.
std::vector<std::string> split_lines(const std::string& text);
std::string lower(std::string_view s);  // ASCII lower case (std::tolower of each byte)
double parse_number(const std::string& text, const std::string& what);  // finite doubles only
long long parse_integer(const std::string& text, const std::string& what);
// SPICE number with scale suffix ("10m", "1meg", "2.5u", "1e-3s"); throws nwn::Error on garbage.
double parse_spice_number(std::string_view text);
// Shortest text that reads back as the same double ("0.01", "7.77e-05").
std::string format_number(double x);

}  // namespace nwn

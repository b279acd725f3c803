// The one check of numeric command-line options, applied by parse_command_line to every subcommand.
// Boost.Program_options reads "-1" into an unsigned option as its largest value and accepts nan and inf
// for a double; here every numeric option must be finite, an unsigned one must not be negative, and an
// option named in the table (option_limits.cpp; the same name means the same quantity in every
// subcommand) must lie in its range. Cross-checks between options (tstop >= tmax, grid sizes) stay with
// the work that knows them.
#pragma once
#include <optional>
#include <string>

#include <boost/program_options.hpp>

namespace nwn::cli {

struct OptionRange {
    double lo, hi;
    bool lo_open = false;  // lo itself excluded
    bool inf_ok = false;   // +inf accepted (a threshold that is off)
};

// The range of option `name` (without dashes), if the table has one.
std::optional<OptionRange> option_range(const std::string& name);

// "[0, 1e+06]" or "(0, 1e+06]".
std::string describe(const OptionRange& r);

bool in_range(const OptionRange& r, double x);

// The same check for a value that reaches an option another way (a swept parameter): throws
// nwn::Error "NAME = VALUE is out of range [lo, hi]" (or not finite).
void check_option_value(const std::string& name, double value);

// Throws boost::program_options::error naming the option and the offending text.
void check_numeric_options(const boost::program_options::parsed_options& parsed,
                           const boost::program_options::variables_map& vm);

}  // namespace nwn::cli

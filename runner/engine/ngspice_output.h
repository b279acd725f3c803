// What ngspice prints, read by both ngspice engines (the libngspice session and the ngspice CLI): which
// lines report errors (one classifier), ngspice's message for a failed operation, the hint for a singular
// matrix, and the version in its banner.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nwn::engine {

// "stderr Error: …" -> {'e', "Error: …"}, "stdout …" -> {'o', …}; lines sent without a prefix get '?'
// (libngspice prefixes every line with its stream).
std::pair<char, std::string_view> split_stream(std::string_view line);

// Does this ngspice output line report an error (rather than a warning, note or table)?
bool is_error_text(std::string_view text);

// ngspice's message for a failed operation: the first error line, the line before it when it
// introduces it ("Netlist line no. 4:"), and the lines that follow (the offending card, the
// reason), up to a few lines. Empty when no line looks like an error. stderr_only: only lines that
// came on stderr (split_stream).
std::string extract_errors(const std::vector<std::string>& lines, bool stderr_only);

// Every line of an ngspice log (the CLI's combined stdout and stderr) that reports an error.
std::string ngspice_error_lines(const std::string& log);

// ngspice reports the cause of a failed operating point only as a warning ("singular matrix: check
// node v1#branch"); for a failed run, this turns the first such line into a sentence naming the node and
// what usually makes it singular. Empty when the output holds none.
std::string singular_matrix_hint(const std::string& output);

// "** ngspice-39 shared library", "** ngspice-46 : Circuit level …" -> "39", "46"; "" if no
// line carries a version.
std::string parse_ngspice_version(const std::vector<std::string>& lines);

}  // namespace nwn::engine

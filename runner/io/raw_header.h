// Internal to nwn_io: parsing of one plot header of a raw file.
#pragma once
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

#include "common/error.h"
#include "runner/io/raw_reader.h"

namespace nwn::io::detail {

// Where a header sits, for error messages.
struct HeaderContext {
    std::string file;
    std::size_t plot_number = 0;
    std::uint64_t offset = 0;
    std::size_t line = 0;  // line number of the header's first line; 0 when unknown (after binary data)
};

// "FILE:LINE: msg" when line numbers are known, else "FILE: plot N (byte B), header line K: msg".
nwn::Error header_error(const HeaderContext& ctx, std::size_t header_line_index, const std::string& msg);

// Parses the header at ctx.offset up to and including its "Binary:" or "Values:" line and fills every
// field of the plot except n_points and truncated.
RawPlot parse_header(std::istream& in, const HeaderContext& ctx);

// True for text that starts a plot header ("Title:", "Date:" or "Plotname:", any case): what may follow
// the last point of a plot.
bool starts_header(std::string_view text);

// A short printable rendering of file content for messages (binary garbage is escaped, long text cut).
std::string quote_excerpt(std::string_view text);

}  // namespace nwn::io::detail

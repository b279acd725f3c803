#include "runner/io/raw_header.h"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <optional>
#include <sstream>

#include "runner/io/vector_names.h"

namespace nwn::io::detail {

namespace {

// Binary data where a header was expected must not be slurped as one enormous "line".
constexpr std::size_t max_header_line = 1 << 16;

enum class LineStatus { ok, eof, too_long };

LineStatus read_line(std::istream& in, std::string& line) {
    line.clear();
    std::streambuf* sb = in.rdbuf();
    for (;;) {
        int c = sb->sbumpc();
        if (c == std::char_traits<char>::eof()) {
            in.setstate(std::ios::eofbit);
            return line.empty() ? LineStatus::eof : LineStatus::ok;
        }
        if (c == '\n') break;
        if (line.size() >= max_header_line) return LineStatus::too_long;
        line.push_back(static_cast<char>(c));
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return LineStatus::ok;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split_ws(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        std::size_t j = i;
        while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

std::optional<std::size_t> parse_count(std::string_view s) {
    s = trim(s);
    std::size_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

}  // namespace

nwn::Error header_error(const HeaderContext& ctx, std::size_t k, const std::string& msg) {
    if (ctx.line) return nwn::file_error(ctx.file, ctx.line + k, msg);
    return nwn::file_error(ctx.file, 0,
                           "plot " + std::to_string(ctx.plot_number + 1) + " (byte " + std::to_string(ctx.offset) +
                               "), header line " + std::to_string(k + 1) + ": " + msg);
}

bool starts_header(std::string_view text) {
    return istarts_with(text, "Title:") || istarts_with(text, "Date:") || istarts_with(text, "Plotname:");
}

std::string quote_excerpt(std::string_view text) {
    std::string out = "'";
    std::size_t n = 0;
    for (char ch : text) {
        if (++n > 60) {
            out += "...";
            break;
        }
        auto c = static_cast<unsigned char>(ch);
        if (std::isprint(c)) {
            out.push_back(ch);
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        }
    }
    return out + "'";
}

RawPlot parse_header(std::istream& in, const HeaderContext& ctx) {
    RawPlot plot;
    plot.number = ctx.plot_number;
    plot.header_offset = ctx.offset;
    plot.header_line = ctx.line;
    in.clear();
    in.seekg(static_cast<std::streamoff>(ctx.offset));

    std::optional<std::size_t> n_vars, n_points;
    bool have_plotname = false, have_flags = false, in_variables = false;
    std::size_t k = 0;  // index of the current line within the header
    std::string line;
    for (;; ++k) {
        LineStatus st = read_line(in, line);
        if (st == LineStatus::too_long) throw header_error(ctx, k, "header line too long; not a raw file header?");
        if (st == LineStatus::eof) {
            if (in_variables && n_vars && plot.variables.size() < *n_vars)
                throw header_error(ctx, k, "file ends after " + std::to_string(plot.variables.size()) + " of " +
                                               std::to_string(*n_vars) + " variables (truncated header)");
            throw header_error(ctx, k, "file ends before the 'Binary:' or 'Values:' line (truncated header)");
        }
        std::string_view text = trim(line);
        if (text.empty()) continue;

        if (in_variables && plot.variables.size() < *n_vars) {
            auto f = split_ws(text);
            auto idx = f.empty() ? std::nullopt : parse_count(f[0]);
            // Xyce writes no type for its INDEX column, so the type may be missing.
            if (!idx || f.size() < 2)
                throw header_error(ctx, k, "expected variable " + std::to_string(plot.variables.size()) + " of " +
                                               std::to_string(*n_vars) + " as '<index> <name> <type>', found " +
                                               quote_excerpt(text));
            if (*idx != plot.variables.size())
                throw header_error(ctx, k, "variable index " + std::to_string(*idx) + " out of order (expected " +
                                               std::to_string(plot.variables.size()) + ")");
            RawVariable v{*idx, std::string(f[1]), f.size() > 2 ? std::string(f[2]) : std::string(), {}};
            for (std::size_t i = 3; i < f.size(); ++i) v.attributes.emplace_back(f[i]);
            plot.variables.push_back(std::move(v));
            continue;
        }

        auto colon = text.find(':');
        if (colon == std::string_view::npos)
            throw header_error(ctx, k, "expected a 'Key: value' header line, found " + quote_excerpt(text));
        std::string_view key = trim(text.substr(0, colon));
        std::string_view value = trim(text.substr(colon + 1));

        if (iequals(key, "Binary") || iequals(key, "Values")) {
            if (!have_plotname) throw header_error(ctx, k, "header has no 'Plotname:' line");
            if (!have_flags) throw header_error(ctx, k, "header has no 'Flags:' line");
            if (!n_points) throw header_error(ctx, k, "header has no 'No. Points:' line");
            if (!in_variables) throw header_error(ctx, k, "header has no 'Variables:' section");
            if (plot.variables.size() < *n_vars)
                throw header_error(ctx, k, "'Variables:' lists " + std::to_string(plot.variables.size()) +
                                               " variables, 'No. Variables:' says " + std::to_string(*n_vars));
            plot.binary = iequals(key, "Binary");
            plot.declared_points = *n_points;
            plot.data_offset = static_cast<std::uint64_t>(in.tellg());
            // ngspice starts the first point on the "Values:" line's successor.
            plot.data_line = ctx.line ? ctx.line + k + 1 : 0;
            return plot;
        }
        if (iequals(key, "Title")) {
            plot.title = value;
        } else if (iequals(key, "Date")) {
            plot.date = value;
        } else if (iequals(key, "Plotname")) {
            plot.plotname = value;
            have_plotname = true;
        } else if (iequals(key, "Flags")) {
            bool real = false, complex = false;
            for (auto f : split_ws(value)) {
                real |= iequals(f, "real");
                complex |= iequals(f, "complex");
            }
            if (real && complex) throw header_error(ctx, k, "Flags says both real and complex");
            plot.flags = value;
            plot.complex = complex;
            have_flags = true;
        } else if (iequals(key, "No. Variables")) {
            n_vars = parse_count(value);
            if (!n_vars || *n_vars == 0)
                throw header_error(ctx, k, "invalid No. Variables " + quote_excerpt(value) +
                                               " (expected a positive integer)");
        } else if (iequals(key, "No. Points")) {
            // Xyce leaves the field blank until it back-patches it: as good as ngspice's unpatched 0.
            n_points = value.empty() ? std::optional<std::size_t>(0) : parse_count(value);
            if (!n_points)
                throw header_error(ctx, k, "invalid No. Points " + quote_excerpt(value) +
                                               " (expected a non-negative integer)");
            plot.points_line = ctx.line ? ctx.line + k : 0;
        } else if (iequals(key, "Variables")) {
            if (!n_vars) throw header_error(ctx, k, "'Variables:' before 'No. Variables:'");
            if (in_variables) throw header_error(ctx, k, "second 'Variables:' section");
            in_variables = true;
            if (!value.empty())
                throw header_error(ctx, k, "unexpected text after 'Variables:': " + quote_excerpt(value));
        } else {
            // Dimensions:, Command:, Option:, Offset: and whatever else a writer adds.
            plot.other_fields.emplace_back(std::string(key), std::string(value));
        }
    }
}

}  // namespace nwn::io::detail

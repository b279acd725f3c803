#include "runner/io/raw_reader.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>

#include "common/atomic_file.h"
#include "common/error.h"
#include "runner/io/numbers.h"
#include "runner/io/raw_header.h"
#include "runner/io/text_scanner.h"
#include "runner/io/vector_names.h"

namespace nwn::io {

using detail::HeaderContext;
using detail::parse_double;
using detail::quote_excerpt;
using detail::starts_header;
using detail::TextScanner;

namespace {

// Reads of binary data go through a buffer of about this size, however wide a point is.
constexpr std::size_t read_buffer_bytes = 8 << 20;

std::string plot_label(const RawPlot& plot) {
    return "plot " + std::to_string(plot.number + 1) + " ('" + plot.plotname + "')";
}

// Anchored at the "No. Points:" line when line numbers are known.
nwn::Error points_error(const std::string& file, const RawPlot& plot, const std::string& msg) {
    return nwn::file_error(file, plot.points_line, plot_label(plot) + ": " + msg);
}

std::string count_text(std::size_t complete, bool partial) {
    std::string s = std::to_string(complete) + " complete point" + (complete == 1 ? "" : "s");
    if (partial) s += " and part of point " + std::to_string(complete);
    return s;
}

[[noreturn]] void throw_truncated(const std::string& file, const RawPlot& plot, std::size_t complete, bool partial) {
    std::string msg = "truncated data: ";
    if (plot.declared_points == 0)
        msg += "'No. Points' was never back-patched (it is 0 or blank), yet " + count_text(complete, partial) +
               " follow; the simulator run that wrote the file was probably killed";
    else
        msg += "'No. Points' says " + std::to_string(plot.declared_points) + " but only " +
               count_text(complete, partial) + " are present";
    msg += ". Use tolerate_truncation to read the complete ones";
    throw points_error(file, plot, msg);
}

bool parse_index(std::string_view s, std::size_t expected) {
    std::size_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() && v == expected;
}

// One value of a point. Complex values are "re,im", which Xyce writes as "re, im" (two tokens); `text`
// gets them joined. False at the end of input. `maybe_cut` is set when the value touches the end of the
// file, so it may be incomplete.
bool next_value(TextScanner& sc, bool complex, std::string& text, bool& maybe_cut) {
    if (!sc.next()) return false;
    text.assign(sc.token());
    if (complex && text.back() == ',') {
        if (!sc.next()) {
            maybe_cut = true;
            return true;
        }
        text += sc.token();
    }
    maybe_cut = sc.token_at_eof();
    return true;
}

struct Extent {
    std::size_t complete = 0;
    bool partial = false;
    bool truncated = false;
    std::uint64_t next_offset = 0;  // where the next plot header starts, or the file size
    std::size_t next_line = 0;
};

// Binary plots: the data length follows from the header, and is checked against what comes next.
Extent binary_extent(std::istream& in, const std::string& file, const RawPlot& plot, std::uint64_t size) {
    Extent e;
    const std::uint64_t row = plot.doubles_per_point() * sizeof(double);
    const std::uint64_t avail = size - plot.data_offset;
    auto header_or_eof_at = [&](std::uint64_t pos, std::uint64_t* next) {
        in.clear();
        in.seekg(static_cast<std::streamoff>(pos));
        char buf[16];
        int c;
        while ((c = in.peek()) != std::char_traits<char>::eof() && std::isspace(c)) in.get(), ++pos;
        *next = pos;
        if (c == std::char_traits<char>::eof()) return true;
        in.read(buf, sizeof buf);
        return starts_header(std::string_view(buf, static_cast<std::size_t>(in.gcount())));
    };
    const bool fits = plot.declared_points <= avail / row;
    if (plot.declared_points > 0 && fits) {
        std::uint64_t end = plot.data_offset + plot.declared_points * row;
        if (!header_or_eof_at(end, &e.next_offset)) {
            in.clear();
            in.seekg(static_cast<std::streamoff>(end));
            char buf[16] = {};
            in.read(buf, sizeof buf);
            throw points_error(file, plot,
                               "after the " + std::to_string(plot.declared_points) + " declared points, byte " +
                                   std::to_string(end) + " holds " +
                                   quote_excerpt(std::string_view(buf, static_cast<std::size_t>(in.gcount()))) +
                                   " instead of another plot header or the end of the file; 'No. Points', "
                                   "'No. Variables' or 'Flags' does not match the data");
        }
        e.complete = plot.declared_points;
        return e;
    }
    if (plot.declared_points == 0 && header_or_eof_at(plot.data_offset, &e.next_offset)) return e;
    e.complete = static_cast<std::size_t>(avail / row);
    e.partial = avail % row != 0;
    e.truncated = true;
    e.next_offset = size;
    return e;
}

// ASCII plots: the values must be scanned to find where the plot ends.
Extent ascii_extent(std::istream& in, const std::string& file, const RawPlot& plot, std::uint64_t size) {
    Extent e;
    e.next_offset = size;
    TextScanner sc(in, plot.data_offset, plot.data_line);
    const std::size_t nvars = plot.variables.size();
    std::string value;
    for (std::size_t p = 0;; ++p) {
        if (!sc.next()) {
            e.complete = p;
            break;
        }
        if (starts_header(sc.token())) {
            e.complete = p;
            e.next_offset = sc.token_offset();
            e.next_line = sc.token_line();
            break;
        }
        if (plot.declared_points > 0 && p == plot.declared_points)
            throw nwn::file_error(file, sc.token_line(),
                                  plot_label(plot) + ": found " + quote_excerpt(sc.token()) + " after the " +
                                      std::to_string(p) +
                                      " points that 'No. Points' declares, instead of another plot header or "
                                      "the end of the file");
        if (!parse_index(sc.token(), p))
            throw nwn::file_error(file, sc.token_line(),
                                  plot_label(plot) + ", point " + std::to_string(p) + ": expected the point index " +
                                      std::to_string(p) + ", found " + quote_excerpt(sc.token()));
        std::size_t got = 0;
        bool cut = false;
        while (got < nvars && next_value(sc, plot.complex, value, cut)) {
            if (starts_header(value))
                throw nwn::file_error(file, sc.token_line(),
                                      plot_label(plot) + ", point " + std::to_string(p) + ": a new plot starts after " +
                                          std::to_string(got) + " of " + std::to_string(nvars) + " values");
            ++got;
        }
        // ngspice and Xyce end every value with a newline, so a value that touches the end of the file may
        // have been cut short ("1.2345e-0" of "1.2345e-05"): its point counts as incomplete.
        if (got < nvars || cut) {
            e.complete = p;
            e.partial = true;
            break;
        }
    }
    e.truncated = e.partial || e.complete != plot.declared_points;
    return e;
}

}  // namespace

std::size_t RawPlot::find(std::string_view name) const {
    for (std::size_t i = 0; i < variables.size(); ++i)
        if (iequals(variables[i].name, name)) return i;
    for (std::size_t i = 0; i < variables.size(); ++i)
        if (same_vector(variables[i].name, name)) return i;
    return npos;
}

RawFile::RawFile(std::filesystem::path path, RawReadOptions options) : path_(std::move(path)) {
    const std::string file = path_.string();
    std::ifstream in = open_input(path_, std::ios::binary);
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(path_, ec);
    if (ec) throw nwn::file_error(file, 0, "cannot read size: " + ec.message());
    if (size == 0) throw nwn::file_error(file, 0, "empty file, not a raw file");
    char first[2] = {};
    in.read(first, 2);
    if (in.gcount() == 2 && first[1] == '\0')
        throw nwn::file_error(file, 1, "UTF-16 header: an LTspice raw file, which is not supported "
                                       "(LTspice can export ASCII data, or run the deck in ngspice)");

    HeaderContext ctx{file, 0, 0, 1};
    for (;;) {
        RawPlot plot = detail::parse_header(in, ctx);
        Extent e = plot.binary ? binary_extent(in, file, plot, size) : ascii_extent(in, file, plot, size);
        if (e.truncated && !options.tolerate_truncation) throw_truncated(file, plot, e.complete, e.partial);
        plot.n_points = e.complete;
        plot.truncated = e.truncated;
        plots_.push_back(std::move(plot));
        if (e.next_offset >= size) break;
        ctx = HeaderContext{file, plots_.size(), e.next_offset, plots_.back().binary ? 0 : e.next_line};
    }
}

const RawPlot& RawFile::plot(std::string_view name) const {
    for (const auto& p : plots_)
        if (iequals(p.plotname, name)) return p;
    for (const auto& p : plots_)
        if (istarts_with(p.plotname, name)) return p;
    std::string have;
    for (const auto& p : plots_) have += (have.empty() ? "'" : ", '") + p.plotname + "'";
    throw nwn::file_error(path_.string(), 0, "no plot named '" + std::string(name) + "'; plots: " + have);
}

std::size_t RawFile::variable_index(const RawPlot& plot, std::string_view name) const {
    std::size_t i = plot.find(name);
    if (i != RawPlot::npos) return i;
    std::string have;
    constexpr std::size_t shown = 30;
    for (std::size_t k = 0; k < plot.variables.size() && k < shown; ++k)
        have += (k ? ", " : "") + plot.variables[k].name;
    if (plot.variables.size() > shown) have += ", ... (" + std::to_string(plot.variables.size() - shown) + " more)";
    throw nwn::file_error(path_.string(), 0,
                          plot_label(plot) + " has no variable '" + std::string(name) + "'; it has " + have);
}

// ---- PointReader ---------------------------------------------------------------------------------------

struct PointReader::Impl {
    std::string file;
    RawPlot plot;
    std::vector<std::size_t> selected;
    std::size_t block_points;
    std::ifstream in;
    std::optional<TextScanner> scanner;  // ASCII only
    std::size_t next_point = 0;
    std::vector<double> row;             // binary: several whole points; ASCII: one point
    std::string value;                   // ASCII: text of the current value

    void read_binary(PointBlock& b, std::size_t n);
    void read_ascii(PointBlock& b, std::size_t n);
    void copy_selected(const double* point, double* out) const {
        const std::size_t w = plot.complex ? 2 : 1;
        for (std::size_t s = 0; s < selected.size(); ++s)
            for (std::size_t k = 0; k < w; ++k) out[s * w + k] = point[selected[s] * w + k];
    }
};

PointReader::PointReader(const RawFile& file, const RawPlot& plot, const std::vector<std::string>& names,
                         std::size_t block_points)
    : impl_(std::make_unique<Impl>()) {
    auto& m = *impl_;
    m.file = file.path().string();
    m.plot = plot;
    m.block_points = std::max<std::size_t>(1, block_points);
    if (names.empty()) {
        for (std::size_t i = 0; i < plot.variables.size(); ++i) m.selected.push_back(i);
    } else {
        for (const auto& n : names) m.selected.push_back(file.variable_index(plot, n));
    }
    m.in = open_input(file.path(), std::ios::binary);
    if (plot.binary) {
        m.in.seekg(static_cast<std::streamoff>(plot.data_offset));
    } else {
        m.scanner.emplace(m.in, plot.data_offset, plot.data_line);
        m.row.resize(plot.doubles_per_point());
    }
}

PointReader::~PointReader() = default;
PointReader::PointReader(PointReader&&) noexcept = default;
PointReader& PointReader::operator=(PointReader&&) noexcept = default;

const std::vector<std::size_t>& PointReader::selected() const { return impl_->selected; }

bool PointReader::next(PointBlock& b) {
    auto& m = *impl_;
    const std::size_t n = std::min(m.block_points, m.plot.n_points - m.next_point);
    const std::size_t w = m.plot.complex ? 2 : 1;
    b.first_point = m.next_point;
    b.n_points = n;
    b.n_vars = m.selected.size();
    b.complex = m.plot.complex;
    b.data.resize(n * b.n_vars * w);
    if (n == 0) return false;
    if (m.plot.binary)
        m.read_binary(b, n);
    else
        m.read_ascii(b, n);
    m.next_point += n;
    return true;
}

void PointReader::Impl::read_binary(PointBlock& b, std::size_t n) {
    const std::size_t per_point = plot.doubles_per_point();
    const std::size_t out_stride = selected.size() * (plot.complex ? 2 : 1);
    const std::size_t chunk = std::max<std::size_t>(1, read_buffer_bytes / (per_point * sizeof(double)));
    for (std::size_t done = 0; done < n;) {
        const std::size_t k = std::min(chunk, n - done);
        row.resize(k * per_point);
        in.read(reinterpret_cast<char*>(row.data()), static_cast<std::streamsize>(row.size() * sizeof(double)));
        const auto got = static_cast<std::size_t>(in.gcount()) / (per_point * sizeof(double));
        if (got < k)
            throw points_error(file, plot, "point " + std::to_string(next_point + done + got) +
                                               " is missing: the file got shorter after it was opened");
        for (std::size_t p = 0; p < k; ++p)
            copy_selected(row.data() + p * per_point, b.data.data() + (done + p) * out_stride);
        done += k;
    }
}

void PointReader::Impl::read_ascii(PointBlock& b, std::size_t n) {
    const std::size_t out_stride = selected.size() * (plot.complex ? 2 : 1);
    auto fail = [&](std::size_t p, const std::string& msg) {
        return nwn::file_error(file, scanner->token_line(), plot_label(plot) + ", point " + std::to_string(p) + ": " + msg);
    };
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t p = next_point + i;
        if (!scanner->next()) throw fail(p, "file ends before the point (it got shorter after it was opened)");
        if (!parse_index(scanner->token(), p))
            throw fail(p, "expected the point index " + std::to_string(p) + ", found " + quote_excerpt(scanner->token()));
        for (std::size_t v = 0; v < plot.variables.size(); ++v) {
            const std::string& name = plot.variables[v].name;
            bool cut = false;
            if (!next_value(*scanner, plot.complex, value, cut))
                throw fail(p, "file ends before variable '" + name + "'");
            std::string_view tok = value;
            if (plot.complex) {
                auto comma = tok.find(',');
                auto re = comma == std::string_view::npos ? std::nullopt : parse_double(tok.substr(0, comma));
                auto im = comma == std::string_view::npos ? std::nullopt : parse_double(tok.substr(comma + 1));
                if (!re || !im)
                    throw fail(p, "variable '" + name + "': expected 're,im', found " + quote_excerpt(tok));
                row[2 * v] = *re;
                row[2 * v + 1] = *im;
            } else {
                auto x = parse_double(tok);
                if (!x) throw fail(p, "variable '" + name + "': expected a number, found " + quote_excerpt(tok));
                row[v] = *x;
            }
        }
        copy_selected(row.data(), b.data.data() + i * out_stride);
    }
}

// ---- whole-plot conveniences ---------------------------------------------------------------------------

void RawFile::for_each_block(const RawPlot& plot, const std::vector<std::string>& names,
                             const std::function<void(const PointBlock&)>& callback, std::size_t block_points) const {
    PointReader reader(*this, plot, names, block_points);
    PointBlock block;
    while (reader.next(block)) callback(block);
}

std::vector<RawVector> RawFile::read_vectors(const RawPlot& plot, const std::vector<std::string>& names) const {
    PointReader reader(*this, plot, names);
    std::vector<RawVector> out;
    for (std::size_t i : reader.selected()) {
        RawVector v{plot.variables[i].name, plot.variables[i].type, {}, {}};
        v.real.reserve(plot.n_points);
        if (plot.complex) v.imag.reserve(plot.n_points);
        out.push_back(std::move(v));
    }
    PointBlock b;
    while (reader.next(b)) {
        for (std::size_t p = 0; p < b.n_points; ++p) {
            for (std::size_t s = 0; s < b.n_vars; ++s) {
                out[s].real.push_back(b.real(p, s));
                if (plot.complex) out[s].imag.push_back(b.imag(p, s));
            }
        }
    }
    return out;
}

RawVector RawFile::read_vector(const RawPlot& plot, std::string_view name) const {
    return std::move(read_vectors(plot, {std::string(name)}).front());
}

}  // namespace nwn::io

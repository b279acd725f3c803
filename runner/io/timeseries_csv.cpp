#include "runner/io/timeseries_csv.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "runner/io/numbers.h"
#include "runner/io/vector_names.h"

namespace nwn::io {

namespace {

nwn::Error csv_error(const std::filesystem::path& file, std::size_t line, std::size_t col, const std::string& msg) {
    return nwn::Error(file.string() + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + msg);
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

struct Field {
    std::string_view text;  // trimmed
    std::size_t column;     // 1-based character column of the field's first non-blank character
};

// Data rows are plain numbers, so no quoting: split on commas and trim.
void split_row(std::string_view line, std::vector<Field>& out) {
    out.clear();
    std::size_t start = 0;
    for (;;) {
        std::size_t end = line.find(',', start);
        std::size_t stop = end == std::string_view::npos ? line.size() : end;
        std::size_t a = start, b = stop;
        while (a < b && is_blank(line[a])) ++a;
        while (b > a && is_blank(line[b - 1])) --b;
        out.push_back({line.substr(a, b - a), (a < stop ? a : start) + 1});
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
}

// Header names may be quoted ("v(a,b)"), with "" for a literal quote.
std::vector<std::pair<std::string, std::size_t>> split_header(std::string_view line, const std::filesystem::path& file,
                                                              std::size_t line_no) {
    std::vector<std::pair<std::string, std::size_t>> out;
    std::size_t i = 0;
    for (;;) {
        while (i < line.size() && is_blank(line[i])) ++i;
        std::size_t col = i + 1;
        std::string name;
        if (i < line.size() && line[i] == '"') {
            ++i;
            for (;;) {
                if (i >= line.size()) throw csv_error(file, line_no, col, "unterminated quoted column name");
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        name.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                name.push_back(line[i++]);
            }
            while (i < line.size() && is_blank(line[i])) ++i;
            if (i < line.size() && line[i] != ',')
                throw csv_error(file, line_no, i + 1, "unexpected text after a quoted column name");
        } else {
            std::size_t end = line.find(',', i);
            if (end == std::string_view::npos) end = line.size();
            std::size_t b = end;
            while (b > i && is_blank(line[b - 1])) --b;
            name = std::string(line.substr(i, b - i));
            i = end;
        }
        out.emplace_back(std::move(name), col);
        if (i >= line.size()) break;
        ++i;  // the comma
    }
    return out;
}

std::string quote_name(const std::string& name) {
    bool needs = name.find_first_of(",\"") != std::string::npos || name.front() == '#' || is_blank(name.front()) ||
                 is_blank(name.back());
    if (!needs) return name;
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    return out + "\"";
}

std::string names_list(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
}

void write_header(std::ostream& out, const std::filesystem::path& path, const std::vector<std::string>& names,
                  const std::vector<std::string>& comments) {
    if (names.empty()) throw nwn::file_error(path.string(), 0, "a time series needs at least one column");
    for (const auto& c : comments) {
        std::size_t start = 0;
        for (;;) {
            std::size_t nl = c.find('\n', start);
            out << "# " << c.substr(start, nl == std::string::npos ? std::string::npos : nl - start) << '\n';
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty() || names[i].find_first_of("\r\n") != std::string::npos)
            throw nwn::file_error(path.string(), 0, "column name " + std::to_string(i + 1) + " is empty or has a newline");
        out << (i ? "," : "") << quote_name(names[i]);
    }
    out << '\n';
}

}  // namespace

TimeSeries TimeSeries::with_columns(std::vector<std::string> column_names) {
    TimeSeries ts;
    ts.columns.resize(column_names.size());
    ts.names = std::move(column_names);
    return ts;
}

void TimeSeries::add_row(std::initializer_list<double> values) {
    if (values.size() != columns.size())
        throw nwn::Error("time series row of " + std::to_string(values.size()) + " values for " + std::to_string(columns.size()) +
                         " columns (" + names_list(names) + ")");
    std::size_t i = 0;
    for (double v : values) columns[i++].push_back(v);
}

std::size_t TimeSeries::find(std::string_view name) const {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return i;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (iequals(names[i], name)) return i;
    return npos;
}

const std::vector<double>& TimeSeries::column(std::string_view name) const {
    std::size_t i = find(name);
    if (i == npos)
        throw nwn::file_error(source.empty() ? "time series" : source.string(), 0,
                              "no column '" + std::string(name) + "'; columns are: " + names_list(names));
    return columns[i];
}

TimeSeries read_timeseries_csv(const std::filesystem::path& path, const CsvReadOptions& options) {
    std::ifstream in = open_input(path, std::ios::binary);

    TimeSeries ts;
    ts.source = path;
    std::vector<std::string> header;
    std::vector<std::size_t> picked;  // file column of each output column
    std::size_t header_line = 0, line_no = 0;
    std::string line;
    std::vector<Field> fields;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // spreadsheets' UTF-8 BOM
        std::size_t first = 0;
        while (first < line.size() && is_blank(line[first])) ++first;
        if (first == line.size() || line[first] == '#') continue;

        if (!header_line) {
            header_line = line_no;
            for (auto& [name, col] : split_header(line, path, line_no)) {
                if (name.empty()) throw csv_error(path, line_no, col, "empty column name in the header");
                for (const auto& h : header)
                    if (h == name) throw csv_error(path, line_no, col, "duplicate column name '" + name + "'");
                header.push_back(std::move(name));
            }
            TimeSeries names_only;
            names_only.names = header;
            if (options.columns.empty()) {
                for (std::size_t i = 0; i < header.size(); ++i) picked.push_back(i);
            } else {
                for (const auto& want : options.columns) {
                    std::size_t i = names_only.find(want);
                    if (i == TimeSeries::npos)
                        throw nwn::file_error(path.string(), line_no,
                                              "no column '" + want + "'; columns are: " + names_list(header));
                    picked.push_back(i);
                }
            }
            for (std::size_t i : picked) ts.names.push_back(header[i]);
            ts.columns.resize(picked.size());
            continue;
        }

        // getline hit the end of the file before a newline: the writer may have stopped mid-row, and a cut
        // number ("4.06e-0" of "4.06e-05") still parses, so an unterminated row cannot be trusted.
        if (in.eof())
            throw nwn::file_error(path.string(), line_no,
                                  "the last row has no line end, so the file may be cut short (end it with a "
                                  "newline if the row is complete)");
        split_row(line, fields);
        if (fields.size() != header.size())
            throw nwn::file_error(path.string(), line_no,
                                  "expected " + std::to_string(header.size()) + " fields as in the header on line " +
                                      std::to_string(header_line) + ", found " + std::to_string(fields.size()));
        for (std::size_t k = 0; k < picked.size(); ++k) {
            const Field& f = fields[picked[k]];
            auto v = detail::parse_double(f.text);
            if (!v)
                throw csv_error(path, line_no, f.column,
                                "column '" + header[picked[k]] + "': '" + std::string(f.text) + "' is not a number");
            if (!std::isfinite(*v) && !options.allow_nan)
                throw csv_error(path, line_no, f.column,
                                "column '" + header[picked[k]] + "': '" + std::string(f.text) +
                                    "' is not finite (reading with allow_nan accepts it)");
            ts.columns[k].push_back(*v);
        }
        ts.row_lines.push_back(line_no);
    }
    if (in.bad()) throw nwn::file_error(path.string(), line_no, "read error");
    if (!header_line)
        throw nwn::file_error(path.string(), 0, line_no ? "no header row (only comments or blank lines)"
                                                        : "empty file (expected a header row)");
    return ts;
}

void write_timeseries_csv(const std::filesystem::path& path, const TimeSeries& series,
                          const std::vector<std::string>& comments) {
    if (series.columns.size() != series.names.size())
        throw nwn::file_error(path.string(), 0, "time series has " + std::to_string(series.names.size()) +
                                                    " names but " + std::to_string(series.columns.size()) + " columns");
    TimeSeriesCsvWriter w(path, series.names, comments);
    const std::size_t rows = series.rows();
    for (std::size_t c = 0; c < series.columns.size(); ++c)
        if (series.columns[c].size() != rows)
            throw nwn::file_error(path.string(), 0, "column '" + series.names[c] + "' has " +
                                                        std::to_string(series.columns[c].size()) + " values, '" +
                                                        series.names[0] + "' has " + std::to_string(rows));
    std::vector<double> row(series.columns.size());
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < row.size(); ++c) row[c] = series.columns[c][r];
        w.write_row(row);
    }
    w.close();
}

void check_strictly_increasing(const TimeSeries& series, std::string_view name) {
    const auto& v = series.column(name);
    for (std::size_t r = 1; r < v.size(); ++r) {
        if (v[r] > v[r - 1]) continue;
        std::string a, b;
        detail::append_double(a, v[r]);
        detail::append_double(b, v[r - 1]);
        std::string msg = "column '" + std::string(name) + "' is not strictly increasing: " + a;
        if (series.row_lines.size() == v.size())
            throw nwn::file_error(series.source.string(), series.row_lines[r],
                                  msg + " follows " + b + " on line " + std::to_string(series.row_lines[r - 1]));
        throw nwn::file_error(series.source.empty() ? "time series" : series.source.string(), 0,
                              msg + " at row " + std::to_string(r) + " follows " + b);
    }
}

TimeSeriesCsvWriter::TimeSeriesCsvWriter(std::filesystem::path path, std::vector<std::string> names,
                                         const std::vector<std::string>& comments)
    : path_(std::move(path)), n_columns_(names.size()), file_(std::make_unique<nwn::AtomicFile>(path_, std::ios::binary)) {
    write_header(file_->stream(), path_, names, comments);
}

TimeSeriesCsvWriter::~TimeSeriesCsvWriter() = default;

void TimeSeriesCsvWriter::write_row(std::span<const double> values) {
    if (closed_) throw nwn::file_error(path_.string(), 0, "write_row() after close()");
    if (values.size() != n_columns_)
        throw nwn::file_error(path_.string(), 0, "row " + std::to_string(rows_) + " has " +
                                                     std::to_string(values.size()) + " values, the header " +
                                                     std::to_string(n_columns_) + " columns");
    line_.clear();
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) line_.push_back(',');
        detail::append_double(line_, values[i]);
    }
    line_.push_back('\n');
    file_->stream().write(line_.data(), static_cast<std::streamsize>(line_.size()));
    ++rows_;
}

void TimeSeriesCsvWriter::close() {
    if (closed_) return;
    file_->commit();
    closed_ = true;
}

}  // namespace nwn::io

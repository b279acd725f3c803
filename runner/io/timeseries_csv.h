// The time-series CSV of nwnspice: one header row of column names, then one row of numbers per sample.
// Lines starting with '#' are comments and blank lines are ignored, anywhere. Values are written with the
// shortest text that reads back to the identical double. All errors are nwn::Error naming FILE:LINE:COLUMN.
#pragma once
#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nwn {
class AtomicFile;
}

namespace nwn::io {

struct TimeSeries {
    std::vector<std::string> names;
    std::vector<std::vector<double>> columns;  // columns[i] holds the values of names[i]
    std::filesystem::path source;              // the file it was read from; empty when built in memory
    std::vector<std::size_t> row_lines;        // line of each row in `source`, for messages

    // An empty series with these columns, to be filled a row at a time (add_row) and written.
    static TimeSeries with_columns(std::vector<std::string> column_names);
    void add_row(std::initializer_list<double> values);  // one value per column; nwn::Error otherwise

    std::size_t rows() const { return columns.empty() ? 0 : columns.front().size(); }
    // Exact name first, then case-insensitive; npos when absent.
    std::size_t find(std::string_view name) const;
    // Throws nwn::Error listing the columns when absent.
    const std::vector<double>& column(std::string_view name) const;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

struct CsvReadOptions {
    std::vector<std::string> columns{};  // empty: every column in file order; else these, in this order
    bool allow_nan = false;              // accept nan and inf values (otherwise they are errors)
};

// Only the selected columns are parsed as numbers; every row must still have the header's field count.
TimeSeries read_timeseries_csv(const std::filesystem::path& path, const CsvReadOptions& options = {});

// Writes atomically; `comments` become leading "# " lines.
void write_timeseries_csv(const std::filesystem::path& path, const TimeSeries& series,
                          const std::vector<std::string>& comments = {});

// Throws nwn::Error (FILE:LINE when the series came from a file) at the first row where column `name`
// fails to increase strictly, e.g. a repeated or backwards time stamp.
void check_strictly_increasing(const TimeSeries& series, std::string_view name);

// Row-at-a-time writer for long runs; nothing appears at the path until close().
class TimeSeriesCsvWriter {
public:
    TimeSeriesCsvWriter(std::filesystem::path path, std::vector<std::string> names,
                        const std::vector<std::string>& comments = {});
    ~TimeSeriesCsvWriter();
    TimeSeriesCsvWriter(const TimeSeriesCsvWriter&) = delete;
    TimeSeriesCsvWriter& operator=(const TimeSeriesCsvWriter&) = delete;

    void write_row(std::span<const double> values);
    void write_row(std::initializer_list<double> values) {
        write_row(std::span<const double>(values.begin(), values.size()));
    }
    std::size_t rows() const { return rows_; }
    void close();

private:
    std::filesystem::path path_;
    std::size_t n_columns_;
    std::unique_ptr<nwn::AtomicFile> file_;
    std::string line_;
    std::size_t rows_ = 0;
    bool closed_ = false;
};

}  // namespace nwn::io

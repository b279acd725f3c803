// A small reader for the numeric CSV files nwn takes as input (λ initial states, per-junction values,
// PWL stimuli, drive tables, pad layouts): a header row of column names, then rows of numbers (and text in
// the columns named as text); blank lines and lines starting with '#' are skipped. Errors name the file
// and line.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace nwn {

struct CsvTable {
    std::string origin;
    std::vector<std::string> columns;
    std::vector<std::vector<double>> rows;   // text columns hold NaN
    std::vector<std::vector<std::string>> text;  // per row, every cell as written (trimmed)
    std::vector<std::size_t> lines;              // per row, its 1-based line in the file

    std::optional<std::size_t> find(const std::string& column) const;  // case-insensitive
    std::vector<double> column(std::size_t index) const;
};

// text_columns: columns (case-insensitive) whose cells are kept as text only.
CsvTable parse_csv(const std::string& text, const std::string& origin, const std::vector<std::string>& text_columns = {});
CsvTable read_csv(const std::filesystem::path& path, const std::vector<std::string>& text_columns = {});

}  // namespace nwn

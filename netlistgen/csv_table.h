// A small reader for the numeric CSV files nwn takes as input (λ initial states, per-junction values,
// PWL stimuli): a header row of column names, then rows of numbers; blank lines and lines starting
// with '#' are skipped. Errors name the file and line.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace nwn::net {

struct CsvTable {
    std::string origin;
    std::vector<std::string> columns;
    std::vector<std::vector<double>> rows;

    std::optional<std::size_t> find(const std::string& column) const;  // case-insensitive
    std::vector<double> column(std::size_t index) const;
};

CsvTable parse_csv(const std::string& text, const std::string& origin);
CsvTable read_csv(const std::filesystem::path& path);

}  // namespace nwn::net

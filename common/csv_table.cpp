#include "common/csv_table.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/text_parse.h"

namespace nwn {

std::optional<std::size_t> CsvTable::find(const std::string& column) const {
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (lower(columns[c]) == lower(column)) return c;
    return std::nullopt;
}

std::vector<double> CsvTable::column(std::size_t index) const {
    std::vector<double> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(r.at(index));
    return out;
}

CsvTable parse_csv(const std::string& text, const std::string& origin, const std::vector<std::string>& text_columns) {
    CsvTable t;
    t.origin = origin;
    std::istringstream in(text);
    std::string line;
    std::size_t lineno = 0;
    while (std::getline(in, line)) {
        ++lineno;
        const std::string s = trim(line);
        if (s.empty() || s[0] == '#') continue;
        auto cells = split(s, ',');
        if (t.columns.empty()) {
            for (auto& c : cells) t.columns.push_back(trim(c));
            continue;
        }
        if (cells.size() != t.columns.size())
            throw file_error(origin, lineno,
                             std::to_string(cells.size()) + " cells, but the header has " + std::to_string(t.columns.size()));
        std::vector<double> row;
        std::vector<std::string> raw;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            raw.push_back(trim(cells[c]));
            if (std::any_of(text_columns.begin(), text_columns.end(),
                            [&](const std::string& n) { return lower(n) == lower(t.columns[c]); })) {
                row.push_back(std::numeric_limits<double>::quiet_NaN());
                continue;
            }
            try {
                row.push_back(parse_number(cells[c], "column " + t.columns[c]));
            } catch (const Error& e) {
                throw file_error(origin, lineno, e.what());
            }
        }
        t.rows.push_back(std::move(row));
        t.text.push_back(std::move(raw));
        t.lines.push_back(lineno);
    }
    if (t.columns.empty()) throw file_error(origin, 0, "empty CSV file (no header row)");
    return t;
}

CsvTable read_csv(const std::filesystem::path& path, const std::vector<std::string>& text_columns) {
    return parse_csv(read_file(path), path.string(), text_columns);
}

}  // namespace nwn

// sweep.csv: one header line, then one row per finished point, keyed by its parameter values (the
// first columns). Rows are appended with a single write() of a whole line to an O_APPEND file, so a
// sweep killed at any moment leaves whole rows only; a torn last line (no newline: a full disk, a
// crash inside the kernel) is dropped when the table is opened again. finish() rewrites the file
// atomically in the sweep's point order, so a resumed sweep ends with the same file as an
// uninterrupted one.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace nwn::exp {

class SweepTable {
public:
    // Creates the file with its header, or reads the rows already there (throws nwn::Error when its
    // header differs from `columns`). `key_columns` = number of leading parameter columns.
    SweepTable(std::filesystem::path path, std::vector<std::string> columns, std::size_t key_columns);

    bool has(const std::string& key) const { return rows_.count(key) != 0; }
    // The row's cells (empty when absent).
    std::vector<std::string> cells(const std::string& key) const;
    // Appends one row (cells in column order; no cell may hold ',', '"' or a newline) and records it.
    void append(const std::vector<std::string>& cells);
    // Atomically rewrites the file with the rows of `keys`, in that order (rows of other keys, from an
    // earlier sweep into the same directory, are left out; their run directories remain).
    void finish(const std::vector<std::string>& keys);

    std::size_t dropped_lines() const { return dropped_; }
    const std::vector<std::string>& columns() const { return columns_; }

private:
    std::string key_of(const std::vector<std::string>& cells) const;
    std::filesystem::path path_;
    std::vector<std::string> columns_;
    std::size_t key_columns_;
    std::map<std::string, std::string> rows_;  // key -> line without newline
    std::size_t dropped_ = 0;
};

std::string join_csv(const std::vector<std::string>& cells);
std::vector<std::string> split_csv(const std::string& line);

}  // namespace nwn::exp

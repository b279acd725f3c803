// Numeric variables of a MATLAB .mat file through matio, with errors that name the file and variable
// and tell a truncated file from a foreign one.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nwn::net {

struct MatArray {
    std::vector<double> values;  // column-major, converted from any real numeric class
    std::size_t rows = 0, cols = 0;
};

class MatFile {
public:
    // Throws nwn::Error for a missing file, a file matio cannot open, or a MAT v5 file cut short.
    explicit MatFile(const std::filesystem::path& path);
    ~MatFile();
    MatFile(const MatFile&) = delete;
    MatFile& operator=(const MatFile&) = delete;

    bool has(const char* name);
    MatArray numeric(const char* name);  // a real 2-D numeric array
    // A row or column vector, optionally of an expected length.
    std::vector<double> vector(const char* name, std::optional<std::size_t> expected = {});
    double scalar(const char* name);
    const std::string& path() const { return path_; }

private:
    std::string detail() const;
    std::string path_;
    struct Handle;
    std::unique_ptr<Handle> handle_;
};

}  // namespace nwn::net

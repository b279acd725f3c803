// Reader for SPICE3 raw files as written by ngspice (`-r file`, `write`) and Xyce: binary or ASCII, real or
// complex, several plots per file. Data is streamed in blocks of points, so files larger than memory work.
//
// ngspice in batch mode writes `No. Points: 0` first (Xyce leaves it blank) and back-patches the count
// when the run ends, so a killed run leaves a header that disagrees with the data. Such a plot is reported as truncated (an
// nwn::Error when the file is opened) unless RawReadOptions::tolerate_truncation is set, in which case it
// holds the complete points that are present.
#pragma once
#include <complex>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nwn::io {

struct RawVariable {
    std::size_t index = 0;
    std::string name;                     // as written: "time", "v(out)", "i(v1)", "V(OUT)", ...
    std::string type;                     // "time", "frequency", "voltage", "current", "notype", ...
    std::vector<std::string> attributes;  // extra fields such as "grid=3" or "dims=2", unparsed
};

struct RawPlot {
    std::size_t number = 0;  // position in the file, from 0
    std::string title, date, plotname, flags;
    bool complex = false;  // every value is two float64 (binary) or "re,im" (ASCII)
    bool binary = true;    // "Binary:" rather than "Values:"
    std::vector<RawVariable> variables;
    // Every other header line (Dimensions:, Command:, Option:, Offset:, unknown keys), in file order.
    std::vector<std::pair<std::string, std::string>> other_fields;

    std::size_t declared_points = 0;  // "No. Points:" as written
    std::size_t n_points = 0;         // complete points readable (== declared_points unless truncated)
    bool truncated = false;           // only ever true with tolerate_truncation

    std::uint64_t header_offset = 0;  // byte offset of the first header line
    std::uint64_t data_offset = 0;    // byte offset of the first value
    std::size_t header_line = 0;      // line numbers; 0 where they mean nothing (after binary data)
    std::size_t points_line = 0;
    std::size_t data_line = 0;

    std::size_t doubles_per_point() const { return variables.size() * (complex ? 2 : 1); }
    // Index of the variable named `name` ("v(x)", "V(X)" and "x" match; so do "i(v1)" and "v1#branch"),
    // or npos.
    std::size_t find(std::string_view name) const;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

struct RawReadOptions {
    // Read the complete points of a plot whose data is shorter than its header says (or whose header was
    // never back-patched) instead of failing.
    bool tolerate_truncation = false;
};

// A block of consecutive points of the selected variables.
struct PointBlock {
    std::size_t first_point = 0;  // index in the plot of row 0
    std::size_t n_points = 0;
    std::size_t n_vars = 0;  // selected variables, in the order asked for
    bool complex = false;
    std::vector<double> data;  // row-major: point, variable, then (re, im) when complex

    double real(std::size_t point, std::size_t var) const { return data[(point * n_vars + var) * width()]; }
    double imag(std::size_t point, std::size_t var) const {
        return complex ? data[(point * n_vars + var) * 2 + 1] : 0.0;
    }
    std::complex<double> value(std::size_t point, std::size_t var) const { return {real(point, var), imag(point, var)}; }

private:
    std::size_t width() const { return complex ? 2 : 1; }
};

struct RawVector {
    std::string name, type;
    std::vector<double> real;
    std::vector<double> imag;  // empty for real plots
    std::size_t size() const { return real.size(); }
    std::complex<double> operator[](std::size_t i) const { return {real[i], imag.empty() ? 0.0 : imag[i]}; }
};

class RawFile {
public:
    // Parses every plot header (and, for ASCII files, scans the values to find where each plot ends).
    // Throws nwn::Error naming the file and header line on malformed headers and truncated data.
    explicit RawFile(std::filesystem::path path, RawReadOptions options = {});

    const std::filesystem::path& path() const { return path_; }
    const std::vector<RawPlot>& plots() const { return plots_; }
    // First plot whose Plotname equals or starts with `name`, case-insensitively: "tran", "AC Analysis".
    const RawPlot& plot(std::string_view name) const;

    // Like RawPlot::find, but throws an nwn::Error listing the plot's variables when absent.
    std::size_t variable_index(const RawPlot& plot, std::string_view name) const;

    // Streams the plot in blocks of at most `block_points` points; `names` empty selects every variable.
    void for_each_block(const RawPlot& plot, const std::vector<std::string>& names,
                        const std::function<void(const PointBlock&)>& callback,
                        std::size_t block_points = 4096) const;

    // Whole vectors (`names` empty: all of them).
    std::vector<RawVector> read_vectors(const RawPlot& plot, const std::vector<std::string>& names = {}) const;
    RawVector read_vector(const RawPlot& plot, std::string_view name) const;

private:
    std::filesystem::path path_;
    std::vector<RawPlot> plots_;
};

// Sequential blocks of one plot; independent of the RawFile once constructed.
class PointReader {
public:
    PointReader(const RawFile& file, const RawPlot& plot, const std::vector<std::string>& names,
                std::size_t block_points = 4096);
    ~PointReader();
    PointReader(PointReader&&) noexcept;
    PointReader& operator=(PointReader&&) noexcept;

    // Fills `block` with the next points; false (and an empty block) once the plot is exhausted.
    bool next(PointBlock& block);
    const std::vector<std::size_t>& selected() const;  // variable indices in the plot

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nwn::io

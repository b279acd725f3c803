// Streaming writer of binary SPICE3 raw files that ngspice can `load`: the header goes out first with
// `No. Points: 0`, points are appended one at a time, and close() back-patches every plot's count before
// renaming the temporary file into place. A writer destroyed without close() leaves no file behind, so a
// raw file at the target path is always complete.
#pragma once
#include <complex>
#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace nwn {
class AtomicFile;
}

namespace nwn::io {

struct RawColumn {
    std::string name;  // no whitespace: "time", "v(out)", "i(v1)"
    std::string type;  // "time", "frequency", "voltage", "current"; empty means "notype"
};

struct RawPlotSpec {
    std::string title = "nwnspice";
    std::string plotname = "Transient Analysis";
    std::vector<RawColumn> variables{};  // the first is the scale (time, frequency, ...)
    bool complex = false;
    std::string date{};  // empty: the current local time, in ngspice's format
};

class RawWriter {
public:
    explicit RawWriter(std::filesystem::path path);
    RawWriter(std::filesystem::path path, const RawPlotSpec& first_plot);
    ~RawWriter();
    RawWriter(const RawWriter&) = delete;
    RawWriter& operator=(const RawWriter&) = delete;

    // Ends the current plot (if any) and starts another one in the same file.
    void begin_plot(const RawPlotSpec& spec);

    // One point: a value per variable, in header order. Real values in a complex plot get imaginary part 0.
    void append(std::span<const double> values);
    void append(std::initializer_list<double> values) { append(std::span<const double>(values.begin(), values.size())); }
    void append(std::span<const std::complex<double>> values);  // complex plots only

    std::size_t points() const;  // in the current plot

    // Patches the point counts and renames into place; throws nwn::Error on failure.
    void close();

private:
    struct PlotState {
        std::streamoff points_field = 0;  // where the padded "No. Points" value sits
        std::size_t n_vars = 0;
        bool complex = false;
        std::size_t points = 0;
    };
    PlotState& current(const char* what);

    std::filesystem::path path_;
    std::unique_ptr<nwn::AtomicFile> file_;
    std::vector<PlotState> plots_;
    std::vector<double> scratch_;
    bool closed_ = false;
};

}  // namespace nwn::io

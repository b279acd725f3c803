#include "runner/io/raw_writer.h"

#include <cctype>
#include <ctime>
#include <algorithm>

#include "common/atomic_file.h"
#include "common/error.h"

namespace nwn::io {

namespace {

// Wide enough for any std::size_t, so the back-patch never needs more room than the placeholder.
constexpr int points_width = 20;

std::string padded_count(std::size_t n) {
    std::string s = std::to_string(n);
    s.resize(points_width, ' ');
    return s;
}

std::string ngspice_date() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a %b %d %H:%M:%S  %Y", &tm);
    return buf;
}

bool has_space(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

}  // namespace

RawWriter::RawWriter(std::filesystem::path path)
    : path_(std::move(path)), file_(std::make_unique<nwn::AtomicFile>(path_, std::ios::binary)) {}

RawWriter::RawWriter(std::filesystem::path path, const RawPlotSpec& first_plot) : RawWriter(std::move(path)) {
    begin_plot(first_plot);
}

RawWriter::~RawWriter() = default;

RawWriter::PlotState& RawWriter::current(const char* what) {
    if (closed_) throw nwn::file_error(path_.string(), 0, std::string(what) + " after close()");
    if (plots_.empty()) throw nwn::file_error(path_.string(), 0, std::string(what) + " before begin_plot()");
    return plots_.back();
}

void RawWriter::begin_plot(const RawPlotSpec& spec) {
    const std::string file = path_.string();
    if (closed_) throw nwn::file_error(file, 0, "begin_plot() after close()");
    if (spec.variables.empty()) throw nwn::file_error(file, 0, "plot '" + spec.plotname + "' has no variables");
    for (const auto* text : {&spec.title, &spec.plotname, &spec.date})
        if (text->find('\n') != std::string::npos)
            throw nwn::file_error(file, 0, "header text contains a newline: '" + *text + "'");
    for (const auto& v : spec.variables)
        if (v.name.empty() || has_space(v.name) || has_space(v.type))
            throw nwn::file_error(file, 0, "variable name and type must be non-empty words: '" + v.name + "' '" +
                                               v.type + "'");

    std::ofstream& out = file_->stream();
    out << "Title: " << spec.title << '\n'
        << "Date: " << (spec.date.empty() ? ngspice_date() : spec.date) << '\n'
        << "Plotname: " << spec.plotname << '\n'
        << "Flags: " << (spec.complex ? "complex" : "real") << '\n'
        << "No. Variables: " << spec.variables.size() << '\n'
        << "No. Points: ";
    PlotState st;
    st.points_field = out.tellp();
    out << padded_count(0) << '\n' << "Variables:\n";
    for (std::size_t i = 0; i < spec.variables.size(); ++i) {
        const auto& v = spec.variables[i];
        out << '\t' << i << '\t' << v.name << '\t' << (v.type.empty() ? "notype" : v.type) << '\n';
    }
    out << "Binary:\n";
    if (!out) throw nwn::file_error(file, 0, "write failed");
    st.n_vars = spec.variables.size();
    st.complex = spec.complex;
    plots_.push_back(st);
}

void RawWriter::append(std::span<const double> values) {
    PlotState& st = current("append()");
    if (values.size() != st.n_vars)
        throw nwn::file_error(path_.string(), 0,
                              "point " + std::to_string(st.points) + " has " + std::to_string(values.size()) +
                                  " values, the plot has " + std::to_string(st.n_vars) + " variables");
    std::span<const double> out = values;
    if (st.complex) {
        scratch_.assign(2 * values.size(), 0.0);
        for (std::size_t i = 0; i < values.size(); ++i) scratch_[2 * i] = values[i];
        out = scratch_;
    }
    file_->stream().write(reinterpret_cast<const char*>(out.data()),
                          static_cast<std::streamsize>(out.size() * sizeof(double)));
    ++st.points;
}

void RawWriter::append(std::span<const std::complex<double>> values) {
    PlotState& st = current("append()");
    if (!st.complex) throw nwn::file_error(path_.string(), 0, "complex values appended to a real plot");
    if (values.size() != st.n_vars)
        throw nwn::file_error(path_.string(), 0,
                              "point " + std::to_string(st.points) + " has " + std::to_string(values.size()) +
                                  " values, the plot has " + std::to_string(st.n_vars) + " variables");
    // std::complex<double> is laid out as two doubles, which is exactly the raw format.
    file_->stream().write(reinterpret_cast<const char*>(values.data()),
                          static_cast<std::streamsize>(values.size() * sizeof(std::complex<double>)));
    ++st.points;
}

std::size_t RawWriter::points() const { return plots_.empty() ? 0 : plots_.back().points; }

void RawWriter::close() {
    if (closed_) return;
    std::ofstream& out = file_->stream();
    for (const auto& st : plots_) {
        out.seekp(st.points_field);
        out << padded_count(st.points);
    }
    out.seekp(0, std::ios::end);
    file_->commit();
    closed_ = true;
}

}  // namespace nwn::io

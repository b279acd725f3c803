#include "runner/experiments/sweep/sweep_plot.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/text_parse.h"
#include "common/text_parse.h"
#include "runner/experiments/sweep/sweep_procs.h"
#include "runner/jobs/job.h"

namespace nwn::exp {

namespace {

bool as_number(const std::string& s, double& x) {
    try {
        x = nwn::parse_spice_number(s);
        return std::isfinite(x);
    } catch (const Error&) {
        return false;
    }
}

// gnuplot strings are double-quoted: keep titles free of quotes and backslashes.
std::string gp_text(std::string s) {
    for (char& c : s)
        if (c == '"' || c == '\\') c = '\'';
    return s;
}

bool wide_positive(const std::vector<double>& v, double ratio) {
    if (v.empty()) return false;
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    return *lo > 0 && *hi / *lo >= ratio;
}

}  // namespace

std::filesystem::path write_sweep_plot(const std::filesystem::path& dir, const SweepPlotInput& in, std::string* note) {
    // x: the first parameter, numeric when every value is, else the value's position with its text as tic
    std::vector<std::string> x_text;
    for (const auto& row : in.param_values)
        if (std::find(x_text.begin(), x_text.end(), row[0]) == x_text.end()) x_text.push_back(row[0]);
    bool numeric = true;
    std::vector<double> x_num(x_text.size());
    for (std::size_t i = 0; i < x_text.size(); ++i) numeric = numeric && as_number(x_text[i], x_num[i]);
    if (!numeric)
        for (std::size_t i = 0; i < x_text.size(); ++i) x_num[i] = static_cast<double>(i);

    std::map<std::string, std::vector<std::pair<double, double>>> series;  // label -> (x, y)
    std::map<double, std::string> tics;
    std::vector<std::string> order;
    std::vector<double> xs, ys;
    for (std::size_t r = 0; r < in.param_values.size(); ++r) {
        std::string label;
        for (std::size_t p = 1; p < in.param_names.size(); ++p)
            label += (label.empty() ? "" : " ") + in.param_names[p] + "=" + in.param_values[r][p];
        if (!series.count(label)) order.push_back(label);
        auto& s = series[label];
        double y;
        if (!as_number(in.y[r], y)) continue;
        const auto xi = std::find(x_text.begin(), x_text.end(), in.param_values[r][0]) - x_text.begin();
        s.emplace_back(x_num[xi], y);
        tics[x_num[xi]] = x_text[xi];
        xs.push_back(x_num[xi]);
        ys.push_back(y);
    }

    std::ostringstream dat, gp;
    dat.precision(12);
    for (const auto& label : order) {
        auto s = series[label];
        std::sort(s.begin(), s.end());
        dat << "# " << (label.empty() ? in.y_name : label) << "\n";
        for (const auto& [x, y] : s) dat << x << " " << y << " \"" << tics[x] << "\"\n";
        dat << "\n\n";
    }
    write_file_atomic(dir / "sweep_plot.dat", dat.str());

    gp << "# gnuplot script written by nwn sweep: gnuplot sweep.gp -> sweep.svg\n"
       << "set terminal svg size 800,560 dynamic noenhanced background rgb 'white'\n"
       << "set output 'sweep.svg'\n"
       << "set title \"" << gp_text(in.title) << "\"\n"
       << "set xlabel \"" << gp_text(in.param_names[0]) << "\"\n"
       << "set ylabel \"" << gp_text(in.y_name) << "\"\n"
       << "set grid\nset key outside right\n";
    if (numeric && wide_positive(xs, 100)) gp << "set logscale x\n";
    if (wide_positive(ys, 1000)) gp << "set logscale y\n";
    gp << "plot ";
    for (std::size_t i = 0; i < order.size(); ++i) {
        gp << (i ? ", \\\n     " : "") << "'sweep_plot.dat' index " << i << " using 1:2"
           << (numeric ? "" : ":xtic(3)") << " with linespoints pt 7 title \""
           << gp_text(order[i].empty() ? in.y_name : order[i]) << "\"";
    }
    gp << "\n";
    write_file_atomic(dir / "sweep.gp", gp.str());
    if (xs.empty()) {
        if (note) *note = "nothing to plot: no row has a value of " + in.y_name;
        return {};
    }
    std::error_code ec;
    std::filesystem::remove(dir / "sweep.svg", ec);
    const int rc = jobs::run_and_wait({"gnuplot", "sweep.gp"}, dir, dir / "gnuplot.log");
    if (rc == 127) {
        if (note) *note = "gnuplot is not installed: the plot script is " + (dir / "sweep.gp").string();
        return {};
    }
    if (rc != 0 || !std::filesystem::exists(dir / "sweep.svg")) {
        if (note) *note = "gnuplot failed (see " + (dir / "gnuplot.log").string() + ")";
        return {};
    }
    std::filesystem::remove(dir / "gnuplot.log", ec);
    return dir / "sweep.svg";
}

}  // namespace nwn::exp

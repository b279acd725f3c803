#include "runner/experiments/plots/plots_run.h"

#include <algorithm>

#include "runner/experiments/plots/plots_gnuplot.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;

namespace nwn::exp {

std::vector<std::string> plot_conductance(const fs::path& dir, std::span<const double> t, std::span<const double> G,
                                          const std::vector<int>& events, double t0, double dt, const std::string& title) {
    fs::create_directories(dir);
    // A few thousand points draw the same picture as a million.
    const std::size_t stride = std::max<std::size_t>(1, t.size() / 5000);
    auto g = io::TimeSeries::with_columns({"t", "G"});
    for (std::size_t i = 0; i < t.size(); i += stride) g.add_row({t[i], G[i]});
    io::write_timeseries_csv(dir / "conductance.csv", g);
    // Cumulative counts read better than one impulse per event when there are hundreds.
    auto e = io::TimeSeries::with_columns({"t", "cumulative_events"});
    double total = 0;
    for (std::size_t i = 0; i < events.size(); ++i)
        if (events[i] > 0) {
            total += events[i];
            e.add_row({t0 + static_cast<double>(i) * dt, total});
        }
    if (e.rows() > 0 && !t.empty()) e.add_row({t.back(), total});
    io::write_timeseries_csv(dir / "conductance_events.csv", e);

    std::string body = "  set logscale y\n  set format y \"%.1e\"\n  set grid\n  set xlabel \"t (s)\"\n"
                       "  set ylabel \"network conductance G (S)\"\n"
                       "  set y2label \"events so far\"\n  set y2tics\n  set ytics nomirror\n  set y2range [0:*]\n"
                       "  set key top left\n  set title " + gp_string(title) + "\n  plot \"conductance.csv\" skip 1 "
                       "using 1:2 with lines lw 2 lc rgb \"#1f77b4\" title \"G(t)\"";
    if (!e.columns[0].empty())
        body += ", \"conductance_events.csv\" skip 1 using 1:2 axes x1y2 with steps lw 2 lc rgb \"#d62728\" title \"junction events (cumulative)\"";
    return render_figures(dir, {{"conductance", body}});
}

}  // namespace nwn::exp

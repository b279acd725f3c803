#include "runner/experiments/plots/plots_avalanches.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/format.h"
#include "runner/analysis/discrete_powerlaw.h"
#include "runner/analysis/histogram.h"
#include "runner/experiments/plots/plots_gnuplot.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;

namespace nwn::exp {

namespace {

void write_csv(const fs::path& file, std::vector<std::string> names, std::vector<std::vector<double>> columns) {
    io::TimeSeries ts;
    ts.names = std::move(names);
    ts.columns = std::move(columns);
    io::write_timeseries_csv(file, ts);
}

std::string fixed(double x, int digits = 2) {
    if (!std::isfinite(x)) return "n/a";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, x);
    return buf;
}

std::string fit_text(const char* symbol, const analysis::PowerLawFit& f) {
    if (!std::isfinite(f.value)) return std::string(symbol) + ": no fit";
    return std::string(symbol) + " = " + fixed(f.value) + " ± " + fixed(f.sigma) + " on [" + std::to_string(f.xmin) +
           ", " + std::to_string(f.xmax) + "], p = " + fixed(f.p) + ", n = " + std::to_string(f.n_in);
}

// Log-binned probability density of the data and the fitted law's probabilities on its support,
// scaled by the fraction of the data inside it, so both read as P(x) on the same axes.
GnuplotFigure distribution(const fs::path& dir, const std::string& name, const std::vector<std::int64_t>& x,
                           const analysis::PowerLawFit& f, const std::string& xlabel, const char* symbol) {
    std::vector<std::size_t> xs(x.begin(), x.end());
    const auto h = analysis::log_histogram(xs);
    std::vector<double> c, d;
    for (std::size_t k = 0; k < h.center.size(); ++k)
        if (h.count[k] > 0) c.push_back(h.center[k]), d.push_back(h.density[k]);
    write_csv(dir / (name + ".csv"), {"x", "density"}, {c, d});

    std::string plot = "plot \"" + name + ".csv\" skip 1 using 1:2 with points pt 7 ps 1.2 lc rgb \"#1f77b4\" title \"data\"";
    if (std::isfinite(f.value) && f.xmax > f.xmin && !x.empty()) {
        const analysis::DiscretePowerLaw law(f.xmin, f.xmax);
        const double log_z = law.moments(f.value).log_z;
        const double frac = static_cast<double>(f.n_in) / static_cast<double>(x.size());
        std::vector<double> k, p;
        for (double u = 0;; u += 0.02) {
            const auto v = static_cast<std::int64_t>(std::llround(static_cast<double>(f.xmin) * std::pow(10.0, u)));
            if (v > f.xmax) break;
            if (!k.empty() && static_cast<double>(v) == k.back()) continue;
            k.push_back(static_cast<double>(v));
            p.push_back(frac * std::exp(-f.value * std::log(static_cast<double>(v)) - log_z));
        }
        write_csv(dir / (name + "_fit.csv"), {"x", "p"}, {k, p});
        plot += ", \"" + name + "_fit.csv\" skip 1 using 1:2 with lines lw 2 lc rgb \"#d62728\" title " +
                gp_string("power law, " + std::string(symbol) + " = " + fixed(f.value));
    }
    return {name, "  set logscale xy\n  set grid\n  set xlabel " + gp_string(xlabel) +
                      "\n  set ylabel \"probability\"\n  set title " + gp_string(fit_text(symbol, f)) + "\n  " + plot};
}

GnuplotFigure mean_size(const fs::path& dir, const analysis::CriticalityResult& r) {
    const auto& m = r.mean_size;
    std::vector<double> T(m.lifetime.begin(), m.lifetime.end()), n(m.count.begin(), m.count.end());
    write_csv(dir / "mean_size.csv", {"lifetime", "mean_size", "count"}, {T, m.mean_size, n});
    const auto& c = r.crackling;
    std::string body = "  set logscale xy\n  set grid\n  set xlabel \"lifetime T (bins)\"\n  set ylabel \"mean size <S>(T)\"\n";
    body += "  set title " + gp_string("<S>(T) ~ T^x: fitted x = " + fixed(c.fitted.value) + " ± " + fixed(c.fitted.sigma) +
                                       ", predicted (α-1)/(τ-1) = " + fixed(c.predicted.value) + " ± " +
                                       fixed(c.predicted.sigma)) + "\n";
    std::string plot = "  plot \"mean_size.csv\" skip 1 using 1:2 with points pt 7 ps 1.2 lc rgb \"#1f77b4\" title \"data\"";
    if (c.fit.valid) {
        const double a = static_cast<double>(r.alpha.xmin), b = static_cast<double>(r.alpha.xmax);
        body += "  set samples 200\n  fit_line(x) = (x >= " + gp_number(a) + " && x <= " + gp_number(b) + ") ? 10**(" +
                gp_number(c.fit.intercept) + ") * x**(" + gp_number(c.fitted.value) + ") : NaN\n";
        plot += ", fit_line(x) with lines lw 2 lc rgb \"#d62728\" title \"fitted\"";
        if (std::isfinite(c.predicted.value)) {
            // Through the fitted line at the geometric centre of the support, to compare slopes.
            const double xc = std::sqrt(a * b);
            const double yc = c.fit.intercept + c.fitted.value * std::log10(xc);
            body += "  predicted_line(x) = (x >= " + gp_number(a) + " && x <= " + gp_number(b) + ") ? 10**(" +
                    gp_number(yc) + ") * (x/" + gp_number(xc) + ")**(" + gp_number(c.predicted.value) + ") : NaN\n";
            plot += ", predicted_line(x) with lines lw 2 dt 2 lc rgb \"#2ca02c\" title \"predicted\"";
        }
    }
    return {"mean_size", body + plot};
}

GnuplotFigure iei(const fs::path& dir, const analysis::CriticalityResult& r) {
    const auto& h = r.iei_histogram;
    std::vector<double> c, d;
    for (std::size_t k = 0; k < h.center.size(); ++k)
        if (h.count[k] > 0) c.push_back(h.center[k]), d.push_back(h.density[k]);
    write_csv(dir / "iei_distribution.csv", {"iei_s", "density_per_s"}, {c, d});
    return {"iei_distribution",
            "  set logscale xy\n  set grid\n  set xlabel \"inter-event interval (s)\"\n  set ylabel \"probability density (1/s)\"\n"
            "  set title " + gp_string("IEI: " + std::to_string(r.iei.size()) + " intervals, mean " +
                                       fmt("%.4g", r.mean_iei_seconds) + " s; bin " + fmt("%.4g", r.bin_seconds) + " s") +
                "\n  plot \"iei_distribution.csv\" skip 1 using 1:2 with linespoints pt 7 lc rgb \"#1f77b4\" notitle"};
}

// Mean profiles scaled by T^γ against t/T; without a valid collapse, the most frequent lifetimes
// unscaled, so the figure still shows what the data holds.
GnuplotFigure shape(const fs::path& dir, const EventTrains& tr, const analysis::CriticalityResult& r) {
    const auto& sc = r.crackling.shape;
    std::vector<std::size_t> lifetimes = sc.durations;
    double gamma = sc.valid ? sc.gamma : 0.0;
    if (!sc.valid) {
        std::vector<std::pair<std::size_t, std::size_t>> by_count;  // (count, T)
        for (std::size_t k = 0; k < r.mean_size.lifetime.size(); ++k)
            if (r.mean_size.lifetime[k] >= 3) by_count.push_back({r.mean_size.count[k], r.mean_size.lifetime[k]});
        std::sort(by_count.rbegin(), by_count.rend());
        lifetimes.clear();
        for (std::size_t k = 0; k < std::min<std::size_t>(6, by_count.size()); ++k) lifetimes.push_back(by_count[k].second);
    }
    std::vector<double> T, u, s;
    std::string list;
    for (const auto& m : mean_profiles(tr, r, lifetimes)) {
        const double scale = std::pow(static_cast<double>(m.lifetime), gamma);
        for (std::size_t t = 0; t < m.lifetime; ++t) {
            T.push_back(static_cast<double>(m.lifetime));
            u.push_back(static_cast<double>(t + 1) / static_cast<double>(m.lifetime));
            s.push_back(m.mean[t] / scale);
        }
        list += (list.empty() ? "" : " ") + std::to_string(m.lifetime);
    }
    write_csv(dir / "shape_collapse.csv", {"lifetime", "t_over_T", "scaled_mean"}, {T, u, s});
    const std::string title =
        sc.valid ? "Shape collapse: 1/(σνz) = 1 + γ = " + fixed(sc.exponent.value) + " ± " + fixed(sc.exponent.sigma) +
                       " (" + std::to_string(sc.durations.size()) + " lifetimes)"
                 : "No shape collapse (too few lifetimes with enough avalanches); mean profiles shown unscaled";
    std::string body = "  set grid\n  set yrange [0:*]\n  set xlabel \"t/T\"\n  set ylabel " +
                       gp_string(sc.valid ? "s(t,T) / T^" + fixed(gamma) : "mean events per bin s(t,T)") +
                       "\n  set title " + gp_string(title) + "\n  set key outside right title \"T (bins)\"\n";
    if (list.empty()) return {"shape_collapse", body + "  set xrange [0:1]\n  set yrange [0:1]\n  plot 2 notitle"};
    return {"shape_collapse", body + "  plot for [L in " + gp_string(list) +
                                  "] \"shape_collapse.csv\" skip 1 using 2:(column(1) == L + 0 ? column(3) : NaN) "
                                  "with linespoints pt 7 ps 0.6 title L"};
}

}  // namespace

std::vector<std::string> plot_avalanches(const fs::path& dir, const EventTrains& tr, const analysis::CriticalityResult& r) {
    fs::create_directories(dir);
    const auto S = analysis::sizes(r.avalanches), T = analysis::lifetimes(r.avalanches);
    std::vector<GnuplotFigure> figs{
        distribution(dir, "size_distribution", S, r.tau, "avalanche size S (events)", "τ"),
        distribution(dir, "lifetime_distribution", T, r.alpha,
                     "avalanche lifetime T (bins of " + fmt("%.4g", r.bin_seconds) + " s)", "α"),
        mean_size(dir, r), iei(dir, r), shape(dir, tr, r)};
    return render_figures(dir, figs);
}

}  // namespace nwn::exp

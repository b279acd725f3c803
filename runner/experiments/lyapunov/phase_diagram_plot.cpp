// gnuplot figures of a phase diagram: the exponent as a heat map over the (amplitude, frequency) grid,
// cells in grid order (NWNsim's grids are not evenly spaced), and the NLT accuracy against the exponent.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "common/atomic_file.h"
#include "common/text_parse.h"
#include "runner/experiments/lyapunov/nlt_run.h"
#include "runner/experiments/lyapunov/phase_diagram.h"
#include "runner/experiments/reservoir/reservoir.h"
#include "runner/experiments/sweep/sweep_procs.h"
#include "runner/jobs/job.h"

namespace nwn::exp {

namespace {

using nwn::format_number;

std::string gp_num(double x) { return std::isfinite(x) ? format_number(x) : std::string("NaN"); }

// "set xtics ('0.1' 0, '0.5' 1, ...)"
std::string tics(const char* axis, const std::vector<double>& values) {
    std::string s = std::string("set ") + axis + "tics (";
    for (std::size_t k = 0; k < values.size(); ++k) s += (k ? ", '" : "'") + format_number(values[k]) + "' " + std::to_string(k);
    return s + ")\n";
}

void write_heat_map(const PhaseDiagramSpec& s, const std::vector<PhaseRow>& rows) {
    const std::size_t nf = s.frequencies.size(), na = s.amplitudes.size();
    std::ostringstream dat;
    dat << "# frequency_index amplitude_index lambda_per_s r upper_bound (rows in grid order for 'with image')\n";
    for (std::size_t i = 0; i < na; ++i) {
        for (std::size_t j = 0; j < nf; ++j) {
            const auto& r = rows[i * nf + j];
            dat << j << " " << i << " " << gp_num(r.lambda) << " " << gp_num(r.r) << " " << r.upper_bound << "\n";
        }
        dat << "\n";
    }
    write_file_atomic(s.out / "phase_diagram.dat", dat.str());
    std::ostringstream gp;
    gp << "set terminal pngcairo size 820,640 font ',11'\nset output 'phase_diagram.png'\n"
       << (s.task.empty() ? "set title 'Maximal Lyapunov exponent (" + s.wave + " drive)'\nset xlabel 'frequency (Hz)'\n"
                          : "set title 'Maximal Lyapunov exponent along the " + s.task + " input'\nset xlabel 'sample rate (Hz)'\n")
       << "set ylabel 'amplitude (V)'\nset cblabel 'lambda (1/s)'\n"
       << tics("x", s.frequencies) << tics("y", s.amplitudes)
       << "set xrange [-0.5:" << nf - 0.5 << "]\nset yrange [-0.5:" << na - 0.5 << "]\n"
       << "set cbrange [" << -s.color_range << ":" << s.color_range << "]\n"
       << "set palette defined (0 '#2166ac', 0.5 '#f7f7f7', 1 '#b2182b')\nset key outside bottom center horizontal\n"
       << "plot 'phase_diagram.dat' using 1:2:3 with image notitle, \\\n"
       << "     '' using ($1 + 0.35):($4 < " << gp_num(s.min_r) << " ? $2 + 0.35 : NaN) with points pt 2 ps 1.5 lc 'black' title 'r < "
       << gp_num(s.min_r) << "'";
    if (nf <= 10 && na <= 10)  // values; "<=" where lost separations make the value an upper bound
        gp << ", \\\n     '' using 1:2:(sprintf($5 > 0.5 ? '<=%.2g' : '%.2g', $3)) with labels font ',9' notitle";
    gp << "\n";
    write_file_atomic(s.out / "phase_diagram.gp", gp.str());
}

// lambda_per_s, r, amplitude, frequency, then `columns` (the rows' accuracy values), sorted by lambda.
void write_vs_lambda_csv(const std::filesystem::path& file, const std::vector<PhaseRow>& rows, const std::vector<std::string>& columns) {
    std::ostringstream csv;
    csv << "lambda_per_s,r,amplitude,frequency";
    for (const auto& t : columns) csv << "," << t;
    csv << "\n";
    std::vector<const PhaseRow*> sorted;
    for (const auto& r : rows)
        if (std::isfinite(r.lambda)) sorted.push_back(&r);
    std::sort(sorted.begin(), sorted.end(), [](auto a, auto b) { return a->lambda < b->lambda; });
    for (const auto* r : sorted) {
        csv << format_number(r->lambda) << "," << gp_num(r->r) << "," << format_number(r->amplitude) << ","
            << format_number(r->frequency);
        for (double a : r->accuracy) csv << "," << gp_num(a);
        csv << "\n";
    }
    write_file_atomic(file, csv.str());
}

void write_nlt_plot(const PhaseDiagramSpec& s, const std::vector<PhaseRow>& rows) {
    const auto tasks = nlt_task_names();
    write_vs_lambda_csv(s.out / "nlt_vs_lambda.csv", rows, tasks);
    std::ostringstream gp;
    gp << "set terminal pngcairo size 820,560 font ',11'\nset output 'nlt_vs_lambda.png'\n"
       << "set datafile separator ','\nset title 'NLT accuracy against the Lyapunov exponent (r >= " << gp_num(s.min_r) << ")'\n"
       << "set xlabel 'lambda (1/s)'\nset ylabel 'accuracy = 1 - RNMSE'\nset yrange [0:1.05]\nset key bottom left\n"
       << "set xrange [" << -s.lambda_window << ":" << s.lambda_window << "]\n"
       << "set arrow from 0, graph 0 to 0, graph 1 nohead dt 2\nplot ";
    for (std::size_t k = 0; k < tasks.size(); ++k)
        gp << (k ? ", " : "") << "'nlt_vs_lambda.csv' every ::1 using 1:($2 >= " << gp_num(s.min_r) << " ? $" << 5 + k
           << " : NaN) with points pt " << 5 + 2 * k << " title '" << tasks[k] << "'";
    gp << "\n";
    write_file_atomic(s.out / "nlt_vs_lambda.gp", gp.str());
}

// A reservoir task's score against the exponent along its input, one series per amplitude (labelled points).
void write_score_plot(const PhaseDiagramSpec& s, const std::vector<PhaseRow>& rows) {
    const std::string key = reservoir_score_key(s.task);
    write_vs_lambda_csv(s.out / "score_vs_lambda.csv", rows, {key});
    std::ostringstream gp;
    gp << "set terminal pngcairo size 820,560 font ',11'\nset output 'score_vs_lambda.png'\n"
       << "set datafile separator ','\nset title '" << s.task << ": score against the Lyapunov exponent along the input'\n"
       << "set xlabel 'lambda (1/s)'\nset ylabel '" << key << (key == "nrmse" ? " (lower is better)" : " (higher is better)")
       << "'\nset grid\nset key outside right\nset arrow from 0, graph 0 to 0, graph 1 nohead dt 2\nplot ";
    for (std::size_t i = 0; i < s.amplitudes.size(); ++i)
        gp << (i ? ", " : "") << "'score_vs_lambda.csv' every ::1 using 1:($3 == " << gp_num(s.amplitudes[i])
           << " ? $5 : NaN) with points pt " << 5 + 2 * (i % 6) << " title 'A = " << format_number(s.amplitudes[i]) << " V'";
    gp << "\n";
    write_file_atomic(s.out / "score_vs_lambda.gp", gp.str());
}

}  // namespace

bool plot_phase_diagram(const PhaseDiagramSpec& s, const std::vector<PhaseRow>& rows, std::string& why) {
    write_heat_map(s, rows);
    std::vector<std::string> scripts{"phase_diagram.gp"};
    if (s.nlt) {
        write_nlt_plot(s, rows);
        scripts.push_back("nlt_vs_lambda.gp");
    }
    if (!s.task.empty()) {
        write_score_plot(s, rows);
        scripts.push_back("score_vs_lambda.gp");
    }
    for (const auto& gp : scripts) {
        const int rc = jobs::run_and_wait({"gnuplot", gp}, s.out, std::filesystem::absolute(s.out / "gnuplot.log"));
        if (rc != 0) {
            why = rc == 127 ? "gnuplot is not installed (the .gp scripts and data are in place)"
                            : "gnuplot failed on " + gp + " (see gnuplot.log)";
            return false;
        }
    }
    return true;
}

}  // namespace nwn::exp

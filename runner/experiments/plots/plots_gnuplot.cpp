#include "runner/experiments/plots/plots_gnuplot.h"

#include <cmath>

#include "common/atomic_file.h"
#include "common/format.h"
#include "runner/jobs/job.h"

namespace fs = std::filesystem;

namespace nwn::exp {

std::string gp_number(double x) {
    return std::isfinite(x) ? fmt("%.10g", x) : std::string("NaN");
}

std::string gp_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

namespace {

// The script draws `stem`.png and .svg; `stem` defaults to the figure name and is overridden with -e.
std::string script(const GnuplotFigure& f) {
    return "# " + f.name + ": drawn by nwnspice; run `gnuplot " + f.name + ".gp` here to redraw\n"
           "if (!exists(\"stem\")) stem = " + gp_string(f.name) + "\n"
           "png_terminal = strstrt(GPVAL_TERMINALS, \"pngcairo\") > 0 ? "
           "\"pngcairo size 800,600 noenhanced font 'sans,11'\" : \"png size 800,600 noenhanced\"\n"
           "do for [format in \"png svg\"] {\n"
           "  if (format eq \"png\") { set terminal @png_terminal } else { set terminal svg size 800,600 dynamic noenhanced background \"white\" }\n"
           "  set output stem.\".\".format\n"
           "  reset\n"
           "  set encoding utf8\n"
           "  set datafile separator \",\"\n" +
           f.body +
           "\n  set output\n"
           "}\n";
}

// Runs gnuplot in `dir` (the job pool's single-program runner: it dies with nwn and stops on interrupt);
// stdout and stderr go to gnuplot.log. Returns the exit status (127: not found).
int run_gnuplot(const fs::path& dir, const std::string& stem, const std::string& script_name) {
    jobs::Child c;
    c.command = {"gnuplot", "-e", "stem=" + gp_string(stem), script_name};
    c.dir = dir;
    c.log = dir / "gnuplot.log";
    return jobs::run_child(c).status;
}

}  // namespace

std::vector<std::string> render_figures(const fs::path& dir, const std::vector<GnuplotFigure>& figures) {
    std::vector<std::string> warnings;
    fs::create_directories(dir);
    for (const auto& f : figures) {
        write_file_atomic(dir / (f.name + ".gp"), script(f));
        const std::string stem = "." + f.name + ".part";
        const int status = run_gnuplot(dir, stem, f.name + ".gp");
        if (status == 127) {
            warnings.push_back("gnuplot not found: no PNG/SVG plots (install gnuplot-nox); the data and scripts are in " +
                               dir.string());
            break;
        }
        bool ok = status == 0;
        for (const char* ext : {".png", ".svg"}) {
            std::error_code ec;
            const fs::path part = dir / (stem + ext);
            if (ok && fs::exists(part)) fs::rename(part, dir / (f.name + ext), ec);
            else ok = false;
            if (ec) ok = false;
            fs::remove(part, ec);
        }
        if (!ok)
            warnings.push_back("gnuplot could not draw " + f.name + " (exit " + std::to_string(status) + "; see " +
                               (dir / "gnuplot.log").string() + ")");
    }
    return warnings;
}

}  // namespace nwn::exp

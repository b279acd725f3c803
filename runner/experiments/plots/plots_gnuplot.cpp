#include "runner/experiments/plots/plots_gnuplot.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>

#include "common/atomic_file.h"
#include "common/child_process.h"
#include "common/format.h"

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

// Runs gnuplot in `dir`; stdout and stderr go to gnuplot.log. Returns the exit status (127: not found).
int run_gnuplot(const fs::path& dir, const std::string& stem, const std::string& script_name) {
    const int log = ::open((dir / "gnuplot.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const std::string assign = "stem=" + gp_string(stem);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        if (log >= 0) ::close(log);
        return -1;
    }
    if (pid == 0) {
        die_with_parent(parent);
        if (::chdir(dir.c_str()) != 0) ::_exit(126);
        const int null_in = ::open("/dev/null", O_RDONLY);
        if (null_in >= 0) ::dup2(null_in, 0);
        if (log >= 0) ::dup2(log, 1), ::dup2(log, 2);
        ::execlp("gnuplot", "gnuplot", "-e", assign.c_str(), script_name.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    if (log >= 0) ::close(log);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
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

#include "runner/engine/ngspice_cli.h"

#include <chrono>
#include <map>
#include <utility>

#include "common/atomic_file.h"
#include "common/cancel.h"
#include "common/error.h"
#include "runner/io/raw_reader.h"
#include "netlistgen/netlist/solver_options.h"
#include "common/text_parse.h"
#include "runner/engine/ngspice_output.h"
#include "runner/jobs/job.h"

namespace nwn::engine {

namespace {

// Delivers the transient plot of ngspice's raw file to the recorder; an unreadable one fails a run that had
// completed (a failed ngspice often leaves a header without data: its log says why).
void read_raw(const std::filesystem::path& raw_path, RunOutcome& out, const Recorder& recorder,
              const LayoutCallback& on_layout) {
    try {
        io::RawReadOptions ro;
        ro.tolerate_truncation = true;
        io::RawFile raw(raw_path, ro);
        const auto& plot = raw.plot("Transient");
        if (plot.truncated && out.ok()) {
            out.status = RunStatus::failed;
            out.message = "ngspice's raw file is truncated";
        }
        std::vector<std::string> names;
        for (const auto& v : plot.variables) names.push_back(v.name);
        VectorLayout layout;
        layout.assign(names, 0);
        layout.plot_type = plot.plotname;
        if (on_layout) on_layout(layout);
        std::vector<double> values(names.size());
        raw.for_each_block(plot, {}, [&](const io::PointBlock& b) {
            for (std::size_t p = 0; p < b.n_points; ++p) {
                for (std::size_t k = 0; k < values.size(); ++k) values[k] = b.real(p, k);
                Point point;
                point.time = values[0];
                point.step = out.accepted_points++;
                point.layout = &layout;
                point.values = values.data();
                if (recorder) recorder(point);
                out.last_time = point.time;
            }
        });
    } catch (const Error& e) {
        // A failed ngspice often leaves a raw header with no data; its log (the message) says why.
        if (out.ok()) {
            out.status = RunStatus::failed;
            out.message = e.what();
        }
    }
}

// What `BINARY -v` prints as its version ("46"), asked once per program: run.json records the ngspice that
// ran, not the one nwn was built against. Empty when it cannot be told.
std::string cli_version(const CliProgram& program, const std::filesystem::path& dir) {
    static std::map<std::pair<std::string, std::string>, std::string> known;
    const auto key = std::make_pair(program.binary, program.scripts_dir);
    if (const auto it = known.find(key); it != known.end()) return it->second;
    jobs::Child child;
    child.command = {program.binary, "-v"};
    child.argv0 = "ngspice";
    child.dir = dir;
    child.log = dir / ".ngspice-version.log";
    child.truncate_log = true;
    if (!program.scripts_dir.empty()) child.env.emplace_back("SPICE_SCRIPTS", program.scripts_dir);
    child.own_process_group = true;
    child.wall_limit_s = 30;
    std::string version;
    if (jobs::run_child(child).status == 0) version = parse_ngspice_version(nwn::split_lines(read_file(child.log)));
    std::error_code ec;
    std::filesystem::remove(child.log, ec);
    return known[key] = version;
}

}  // namespace

RunOutcome run_ngspice_cli(const std::filesystem::path& dir, const std::filesystem::path& deck, const CliOptions& options,
                           const Recorder& recorder, const LayoutCallback& on_layout) {
    const CliProgram& program = options.program;
    const double wall_limit_s = options.wall_limit_s;
    std::filesystem::create_directories(dir);
    write_file_atomic(dir / ".spiceinit", options.device ? net::device_load_command(*options.device) + "\n" : "");
    const auto raw = dir / "ngspice.raw";
    std::error_code ec;
    std::filesystem::remove(raw, ec);
    const auto start = std::chrono::steady_clock::now();
    jobs::Child child;
    child.command = {program.binary, "-b", "-r", "ngspice.raw", deck.string()};
    child.argv0 = "ngspice";
    child.dir = dir;
    child.log = dir / "ngspice.log";
    child.truncate_log = true;
    if (!program.scripts_dir.empty()) child.env.emplace_back("SPICE_SCRIPTS", program.scripts_dir);
    child.env_defaults.emplace_back("OMP_WAIT_POLICY", "passive");  // OpenMP builds (46) spin otherwise
    child.own_process_group = true;  // Ctrl-C reaches nwn only; run_child() terminates ngspice on interrupt
    child.wall_limit_s = wall_limit_s;
    const jobs::ChildExit ended = jobs::run_child(child);
    const int rc = ended.status;
    const bool timed_out = ended.timed_out;
    RunOutcome out;
    if (rc != 127) out.ngspice_version = cli_version(program, dir);
    const std::string log = std::filesystem::exists(dir / "ngspice.log") ? read_file(dir / "ngspice.log") : "";
    if (rc == 127)
        throw Error(program.binary == "ngspice" ? "cannot run the ngspice CLI (is ngspice installed and on PATH?)"
                                                : "cannot run the ngspice CLI " + program.binary);
    const bool have_raw = std::filesystem::exists(raw);
    const std::string errors = ngspice_error_lines(log);
    if (cancel_requested()) {  // a stop request (common/cancel.h): runner/jobs stopped ngspice
        out.status = RunStatus::interrupted;
        out.message = "interrupted";
    } else if (timed_out) {
        out.status = RunStatus::failed;
        out.timed_out = true;
        out.message = "wall-clock limit of " + std::to_string(wall_limit_s) + " s reached";
    } else if (rc != 0 || !errors.empty() || !have_raw) {
        out.status = RunStatus::failed;
        out.message = !errors.empty() ? errors : "ngspice exited with status " + std::to_string(rc) +
                                                      (have_raw ? "" : " and wrote no raw file");
        if (const auto hint = singular_matrix_hint(log); !hint.empty()) out.message = hint + "\n" + out.message;
    } else {
        out.status = RunStatus::completed;
    }
    if (have_raw) {
        read_raw(raw, out, recorder, on_layout);
        std::filesystem::remove(raw, ec);
    }
    out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

}  // namespace nwn::engine

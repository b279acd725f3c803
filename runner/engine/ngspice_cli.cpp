#include "runner/engine/ngspice_cli.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "common/atomic_file.h"
#include "common/child_process.h"
#include "common/error.h"
#include "netlistgen/solver_options.h"

namespace nwn::engine {

std::string ngspice_error_lines(const std::string& log) {
    std::istringstream is(log);
    std::string out;
    for (std::string l; std::getline(is, l);) {
        for (const char* key : {"rror", "too small", "aborted", "MIF-ERROR", "Couldn't", "could not", "unknown"}) {
            if (l.find(key) != std::string::npos) {
                out += (out.empty() ? "" : "\n") + l;
                break;
            }
        }
    }
    return out;
}

std::string singular_matrix_hint(const std::string& output) {
    static constexpr std::string_view key = "singular matrix:";
    const auto at = output.find(key);
    if (at == std::string::npos) return {};
    std::string rest = output.substr(at + key.size(), output.find('\n', at) - at - key.size());
    const auto first = rest.find_first_not_of(" \t");
    rest = first == std::string::npos ? std::string() : rest.substr(first);
    return "the circuit matrix is singular (ngspice: " + (rest.empty() ? std::string("no node named") : rest) +
           "): a loop of voltage sources, a node with no DC path to ground, or a source shorted by another";
}

CliRun run_ngspice_cli(const std::filesystem::path& dir, const std::filesystem::path& deck,
                       const std::optional<std::filesystem::path>& device, double wall_limit_s,
                       void (*on_child)(int), bool (*interrupted)(), const CliProgram& program) {
    std::filesystem::create_directories(dir);
    write_file_atomic(dir / ".spiceinit", device ? net::device_load_command(*device) + "\n" : "");
    const auto raw = dir / "ngspice.raw";
    std::error_code ec;
    std::filesystem::remove(raw, ec);
    const pid_t parent = ::getpid();
    pid_t pid = ::fork();
    if (pid < 0) throw Error("cannot start ngspice: fork failed");
    if (pid == 0) {
        die_with_parent(parent);
        ::setpgid(0, 0);  // Ctrl-C reaches nwn only; nwn terminates the child itself
        if (::chdir(dir.c_str()) != 0) ::_exit(127);
        int fd = ::open("ngspice.log", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        if (!program.scripts_dir.empty()) ::setenv("SPICE_SCRIPTS", program.scripts_dir.c_str(), 1);
        ::setenv("OMP_WAIT_POLICY", "passive", 0);  // OpenMP builds (46) spin otherwise
        ::execlp(program.binary.c_str(), "ngspice", "-b", "-r", "ngspice.raw", deck.c_str(), (char*)nullptr);
        ::_exit(127);
    }
    if (on_child) on_child(pid);
    const auto start = std::chrono::steady_clock::now();
    int status = 0;
    bool timed_out = false;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (wall_limit_s > 0 &&
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > wall_limit_s) {
            timed_out = true;
            ::kill(pid, SIGTERM);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (on_child) on_child(0);
    CliRun r;
    r.log = std::filesystem::exists(dir / "ngspice.log") ? read_file(dir / "ngspice.log") : "";
    const int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    if (rc == 127)
        throw Error(program.binary == "ngspice" ? "cannot run the ngspice CLI (is ngspice installed and on PATH?)"
                                                : "cannot run the ngspice CLI " + program.binary);
    if (std::filesystem::exists(raw)) r.raw = raw;
    const std::string errors = ngspice_error_lines(r.log);
    if (interrupted && interrupted()) {
        r.status = "interrupted";
        r.message = "interrupted";
    } else if (timed_out) {
        r.status = "failed";
        r.message = "wall-clock limit of " + std::to_string(wall_limit_s) + " s reached";
    } else if (rc != 0 || !errors.empty() || !r.raw) {
        r.status = "failed";
        r.message = !errors.empty() ? errors : "ngspice exited with status " + std::to_string(rc) +
                                                   (r.raw ? "" : " and wrote no raw file");
        if (const auto hint = singular_matrix_hint(r.log); !hint.empty()) r.message = hint + "\n" + r.message;
    } else {
        r.status = "completed";
    }
    return r;
}

}  // namespace nwn::engine

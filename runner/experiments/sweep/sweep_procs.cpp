#include "runner/experiments/sweep/sweep_procs.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>

#include "common/child_process.h"
#include "common/error.h"

namespace nwn::exp {

namespace {

int exit_code(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 1;
}

std::vector<char*> c_argv(const Argv& a) {
    std::vector<char*> v;
    for (const auto& s : a) v.push_back(const_cast<char*>(s.c_str()));
    v.push_back(nullptr);
    return v;
}

void redirect_output(const std::filesystem::path& log) {
    const int in = ::open("/dev/null", O_RDONLY);
    if (in >= 0) ::dup2(in, 0);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
    }
}

}  // namespace

void lock_work_dir(const std::filesystem::path& dir, const std::string& who, double wait_s) {
    const auto file = dir / (who.substr(who.rfind(' ') + 1) + ".lock");
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT, 0644);  // no O_CLOEXEC: see the header
    if (fd < 0) throw Error(file.string() + ": cannot create the lock file");
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_s);
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (std::chrono::steady_clock::now() > until) {
            ::close(fd);
            throw Error(dir.string() + " is in use by another " + who + " or by workers of a stopped one (" +
                        file.string() + " is locked)");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

int run_and_wait(const Argv& command, const std::filesystem::path& dir, const std::filesystem::path& log) {
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) return 126;
    if (pid == 0) {
        die_with_parent(parent);
        if (::chdir(dir.c_str()) != 0) ::_exit(126);
        redirect_output(log);
        auto v = c_argv(command);
        ::execvp(v[0], v.data());
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return exit_code(status);
}

}  // namespace nwn::exp

#include "runner/experiments/sweep/sweep_procs.h"

#include <fcntl.h>
#include <sys/file.h>

#include <chrono>
#include <thread>

#include "common/atomic_file.h"
#include "common/error.h"

namespace nwn::exp {

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
    // Ours now, with every worker of an earlier run gone: what killed ones were writing goes.
    remove_stale_temp_files(dir, true);
}

}  // namespace nwn::exp

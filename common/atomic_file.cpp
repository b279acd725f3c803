#include "common/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <random>
#include <sstream>

#include "common/error.h"

namespace nwn {

namespace {
// ".<name>.tmp<pid>_<hex>": the pid tells remove_stale_temp_files whether the writer still lives.
std::filesystem::path temp_name(const std::filesystem::path& target) {
    std::random_device rd;
    std::ostringstream os;
    os << "." << target.filename().string() << ".tmp" << ::getpid() << "_" << std::hex << rd();
    return target.parent_path() / os.str();
}

// The writer's pid of a temp_name(), or 0 for any other name.
pid_t temp_writer(const std::string& name) {
    const auto at = name.rfind(".tmp");
    if (name.empty() || name[0] != '.' || at == std::string::npos || at == 0) return 0;
    const auto us = name.find('_', at);
    if (us == std::string::npos || us == at + 4 || us + 1 == name.size()) return 0;
    pid_t pid = 0;
    for (std::size_t i = at + 4; i < us; ++i) {
        if (name[i] < '0' || name[i] > '9' || pid > 100000000) return 0;
        pid = pid * 10 + (name[i] - '0');
    }
    for (std::size_t i = us + 1; i < name.size(); ++i)
        if (!std::isxdigit(static_cast<unsigned char>(name[i]))) return 0;
    return pid;
}
}  // namespace

std::size_t remove_stale_temp_files(const std::filesystem::path& dir, bool recursive) {
    namespace fs = std::filesystem;
    std::size_t removed = 0;
    std::error_code ec;
    auto visit = [&](const fs::directory_entry& e) {
        const pid_t pid = temp_writer(e.path().filename().string());
        if (pid <= 0 || !e.is_regular_file(ec)) return;
        if (::kill(pid, 0) == 0 || errno == EPERM) return;  // its writer lives
        if (fs::remove(e.path(), ec)) ++removed;
    };
    if (recursive) {
        for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
             it.increment(ec))
            visit(*it);
    } else {
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) visit(*it);
    }
    return removed;
}

namespace {
const char* kind_of(std::filesystem::file_type t) {
    switch (t) {
        case std::filesystem::file_type::directory: return "a directory";
        case std::filesystem::file_type::character: return "a character device";
        case std::filesystem::file_type::block: return "a block device";
        case std::filesystem::file_type::fifo: return "a FIFO";
        case std::filesystem::file_type::socket: return "a socket";
        default: return "not a regular file";
    }
}

// Where the output really goes: through symbolic links to their final target (renaming onto a link
// would replace the link), and never onto anything but a regular file or a new name.
std::filesystem::path output_target(const std::filesystem::path& target) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path p = target;
    if (fs::is_symlink(fs::symlink_status(p, ec))) {
        p = fs::weakly_canonical(p, ec);
        if (ec) throw Error(target.string() + ": cannot resolve the symbolic link: " + ec.message());
    }
    const auto st = fs::status(p, ec);
    if (st.type() != fs::file_type::not_found && st.type() != fs::file_type::regular)
        throw Error(target.string() + ": is " + std::string(kind_of(st.type())) +
                    "; outputs replace only regular files");
    return p;
}
}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target, std::ios::openmode mode)
    : target_(output_target(target)), temp_(temp_name(target_)) {
    out_.open(temp_, mode | std::ios::out | std::ios::trunc);
    if (!out_) {
        throw Error(target_.string() + ": cannot open for writing: " + std::strerror(errno));
    }
}

AtomicFile::~AtomicFile() {
    if (!committed_) {
        out_.close();
        std::error_code ec;
        std::filesystem::remove(temp_, ec);
    }
}

void AtomicFile::commit() {
    out_.flush();
    if (!out_) throw Error(target_.string() + ": write failed");
    out_.close();
    if (int fd = ::open(temp_.c_str(), O_RDONLY); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    std::error_code ec;
    std::filesystem::rename(temp_, target_, ec);
    if (ec) throw Error(target_.string() + ": cannot rename into place: " + ec.message());
    committed_ = true;
}

void write_file_atomic(const std::filesystem::path& path, const std::string& content) {
    AtomicFile f(path, std::ios::binary);
    f.stream() << content;
    f.commit();
}

namespace {
std::filesystem::file_type type_of(mode_t m) {
    using t = std::filesystem::file_type;
    return S_ISREG(m) ? t::regular : S_ISDIR(m) ? t::directory : S_ISCHR(m) ? t::character : S_ISBLK(m) ? t::block
         : S_ISFIFO(m) ? t::fifo : S_ISSOCK(m) ? t::socket : t::unknown;
}

void check_input_stat(const std::filesystem::path& path, const struct stat& st) {
    if (!S_ISREG(st.st_mode))
        throw Error(path.string() + ": is " + std::string(kind_of(type_of(st.st_mode))) + "; nwn reads only regular files");
}

[[noreturn]] void too_large(const std::filesystem::path& path, std::uintmax_t bytes) {
    throw Error(path.string() + ": " + std::to_string(bytes) + " bytes or more; nwn reads such a file whole and only up to " +
                std::to_string(kMaxInputBytes) + " bytes (1 GiB)");
}

[[noreturn]] void cannot_open(const std::filesystem::path& path, int err) {
    throw Error(path.string() + ": cannot open: " + std::strerror(err));
}
}  // namespace

void check_input_file(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) cannot_open(path, errno);
    check_input_stat(path, st);
}

std::ifstream open_input(const std::filesystem::path& path, std::ios::openmode mode) {
    check_input_file(path);
    std::ifstream in(path, mode | std::ios::in);
    if (!in) cannot_open(path, errno);
    return in;
}

std::string read_file(const std::filesystem::path& path) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer before fstat() can refuse it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) cannot_open(path, errno);
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) cannot_open(path, errno);
    check_input_stat(path, st);
    if (static_cast<std::uintmax_t>(st.st_size) > kMaxInputBytes) too_large(path, static_cast<std::uintmax_t>(st.st_size));
    std::string out;
    out.reserve(static_cast<std::size_t>(st.st_size));
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(path.string() + ": cannot read: " + std::strerror(errno));
        if (n == 0) break;
        if (out.size() + static_cast<std::size_t>(n) > kMaxInputBytes) too_large(path, out.size() + static_cast<std::size_t>(n));
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

}  // namespace nwn

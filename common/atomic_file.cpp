#include "common/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <sstream>

#include "common/error.h"

namespace nwn {

namespace {
std::filesystem::path temp_name(const std::filesystem::path& target) {
    std::random_device rd;
    std::ostringstream os;
    os << "." << target.filename().string() << ".tmp" << ::getpid() << "_" << std::hex << rd();
    return target.parent_path() / os.str();
}
}  // namespace

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

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path.string() + ": cannot open: " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace nwn

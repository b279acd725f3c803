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

AtomicFile::AtomicFile(std::filesystem::path target, std::ios::openmode mode)
    : target_(std::move(target)), temp_(temp_name(target_)) {
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

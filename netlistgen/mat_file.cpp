#include "netlistgen/mat_file.h"

#include <matio.h>

#include <cstdint>
#include <fstream>

#include "common/error.h"

namespace nwn::net {

namespace {

// matio reports through a global log function; keep its last message for our error text.
thread_local std::string g_matio_message;
void capture_log(int, char* message) { g_matio_message = message ? message : ""; }

struct VarDeleter {
    void operator()(matvar_t* v) const { Mat_VarFree(v); }
};
using Var = std::unique_ptr<matvar_t, VarDeleter>;

template <class T>
void append(const matvar_t* v, std::size_t n, std::vector<double>& out) {
    const T* p = static_cast<const T*>(v->data);
    for (std::size_t k = 0; k < n; ++k) out.push_back(static_cast<double>(p[k]));
}

// matio reads variables on demand, so a file cut inside a variable we never ask for would pass: walk the
// MAT v5 element tags (8 bytes: type, byte count; miMATRIX padded to 8 bytes) and require that the last
// element ends inside the file. Other formats (v7.3 is HDF5) are left to matio.
void check_mat5_complete(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char header[128];
    if (!in.read(header, sizeof header)) return;  // too short for MAT v5: matio will refuse it
    const bool swap = header[126] == 'M' && header[127] == 'I';
    const bool native = header[126] == 'I' && header[127] == 'M';
    if (!swap && !native) return;
    const std::uint16_t version = static_cast<std::uint8_t>(header[124]) | static_cast<std::uint8_t>(header[125]) << 8;
    if (version != 0x0100 && version != 0x0001) return;
    in.seekg(0, std::ios::end);
    const std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
    auto u32 = [&](const unsigned char* b) {
        return swap ? (std::uint32_t(b[0]) << 24 | std::uint32_t(b[1]) << 16 | std::uint32_t(b[2]) << 8 | b[3])
                    : (std::uint32_t(b[3]) << 24 | std::uint32_t(b[2]) << 16 | std::uint32_t(b[1]) << 8 | b[0]);
    };
    std::uint64_t pos = 128;
    while (pos < size) {
        unsigned char tag[8];
        in.seekg(static_cast<std::streamoff>(pos));
        if (pos + 8 > size || !in.read(reinterpret_cast<char*>(tag), 8))
            throw Error(path + ": truncated MAT file (an element tag at byte " + std::to_string(pos) + " is cut off)");
        const std::uint32_t type = u32(tag), bytes = u32(tag + 4);
        std::uint64_t end = pos + 8 + bytes;
        if (type == 14) end = pos + 8 + ((bytes + 7) / 8) * 8;  // miMATRIX
        if (type >> 16) end = pos + 8;                         // small element: data inside the tag
        if (end > size)
            throw Error(path + ": truncated MAT file (a variable at byte " + std::to_string(pos) + " needs " +
                        std::to_string(end) + " bytes, the file has " + std::to_string(size) + ")");
        pos = end;
    }
}

}  // namespace

struct MatFile::Handle {
    mat_t* mat = nullptr;
    ~Handle() {
        if (mat) Mat_Close(mat);
    }
};

MatFile::MatFile(const std::filesystem::path& path) : path_(path.string()), handle_(std::make_unique<Handle>()) {
    Mat_LogInitFunc("nwn", capture_log);
    g_matio_message.clear();
    if (!std::filesystem::exists(path)) throw Error(path_ + ": no such file");
    // matio seeks, and opening a FIFO for reading blocks until a writer appears
    if (!std::filesystem::is_regular_file(path)) throw Error(path_ + ": not a regular file (a .mat file must be seekable)");
    // matio opens an empty file as a (version 4) .mat file holding nothing
    if (std::filesystem::file_size(path) == 0) throw Error(path_ + ": empty file, not a MATLAB .mat file");
    handle_->mat = Mat_Open(path_.c_str(), MAT_ACC_RDONLY);
    if (!handle_->mat) throw Error(path_ + ": not a MATLAB .mat file that matio can open" + detail());
    check_mat5_complete(path_);
}

MatFile::~MatFile() = default;

std::string MatFile::detail() const { return g_matio_message.empty() ? "" : " (matio: " + g_matio_message + ")"; }

bool MatFile::has(const char* name) {
    Var v(Mat_VarReadInfo(handle_->mat, name));
    return v != nullptr;
}

MatArray MatFile::numeric(const char* name) {
    Var v(Mat_VarRead(handle_->mat, name));
    if (!v) {
        if (has(name)) throw Error(path_ + ": variable '" + name + "' cannot be read (truncated file?)" + detail());
        throw Error(path_ + ": missing variable '" + name + "'");
    }
    if (v->isComplex || v->rank != 2 || !v->data)
        throw Error(path_ + ": variable '" + name + "' is not a real 2-D numeric array" + detail());
    MatArray a;
    a.rows = v->dims[0];
    a.cols = v->dims[1];
    const std::size_t n = a.rows * a.cols;
    if (v->data_size == 0 || v->nbytes < n * static_cast<std::size_t>(v->data_size))
        throw Error(path_ + ": variable '" + name + "' is incomplete (truncated file?)");
    switch (v->class_type) {
        case MAT_C_DOUBLE: append<double>(v.get(), n, a.values); break;
        case MAT_C_SINGLE: append<float>(v.get(), n, a.values); break;
        case MAT_C_INT8: append<std::int8_t>(v.get(), n, a.values); break;
        case MAT_C_UINT8: append<std::uint8_t>(v.get(), n, a.values); break;
        case MAT_C_INT16: append<std::int16_t>(v.get(), n, a.values); break;
        case MAT_C_UINT16: append<std::uint16_t>(v.get(), n, a.values); break;
        case MAT_C_INT32: append<std::int32_t>(v.get(), n, a.values); break;
        case MAT_C_UINT32: append<std::uint32_t>(v.get(), n, a.values); break;
        case MAT_C_INT64: append<std::int64_t>(v.get(), n, a.values); break;
        case MAT_C_UINT64: append<std::uint64_t>(v.get(), n, a.values); break;
        default: throw Error(path_ + ": variable '" + name + "' is not numeric");
    }
    return a;
}

std::vector<double> MatFile::vector(const char* name, std::optional<std::size_t> expected) {
    MatArray a = numeric(name);
    if (a.rows != 1 && a.cols != 1 && !a.values.empty())
        throw Error(path_ + ": variable '" + name + "' must be a vector (is " + std::to_string(a.rows) + "x" +
                    std::to_string(a.cols) + ")");
    if (expected && a.values.size() != *expected)
        throw Error(path_ + ": variable '" + name + "' has " + std::to_string(a.values.size()) + " entries, expected " +
                    std::to_string(*expected));
    return a.values;
}

double MatFile::scalar(const char* name) { return vector(name, 1)[0]; }

}  // namespace nwn::net

#include "netlistgen/network/mat_file.h"

#include <matio.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
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

std::uint32_t u32(const unsigned char* b, bool swap) {
    return swap ? (std::uint32_t(b[0]) << 24 | std::uint32_t(b[1]) << 16 | std::uint32_t(b[2]) << 8 | b[3])
                : (std::uint32_t(b[3]) << 24 | std::uint32_t(b[2]) << 16 | std::uint32_t(b[1]) << 8 | b[0]);
}

constexpr std::uint32_t miMATRIX = 14, miCOMPRESSED = 15;
constexpr std::uint64_t kMaxInflation = 1032;  // deflate packs at most 1032:1

// Whether the sub-elements of a matrix whose content (after its tag) is `content` bytes each fit in
// it, nested matrices (struct fields, cells) too. matio allocates and clears what a tag claims before
// it reads it, so one corrupt byte count in a 4 kB file cost 2 GB and 12 s. `read(offset, tag)` reads
// 8 bytes at an offset of the content; false where the bytes are not at hand (past the inflated head
// of a compressed variable), which ends the check there. `in_matrix`: the content is a matrix's, whose
// second sub-element is its dimensions.
template <class Read>
bool elements_fit(const Read& read, std::uint64_t base, std::uint64_t content, bool swap, bool in_matrix, int depth = 0) {
    int index = 0;
    for (std::uint64_t pos = 0; pos + 8 <= content; ++index) {
        unsigned char tag[8];
        if (!read(base + pos, tag)) return true;
        const std::uint32_t type = u32(tag, swap);
        const std::uint64_t bytes = u32(tag + 4, swap);
        // matio reads the dimensions' second word as their byte count whatever the tag's form (a
        // "small element" there made it allocate 400 MB); MATLAB writes them as a full element.
        if (in_matrix && index == 1 && (type >> 16)) return false;
        if (type >> 16) {  // small element: at most 4 bytes of data, inside the tag
            if ((type >> 16) > 4) return false;
            pos += 8;
            continue;
        }
        const std::uint64_t end = pos + 8 + (bytes + 7) / 8 * 8;
        if (end > content) return false;
        if (type == miMATRIX && depth < 32 && !elements_fit(read, base + pos + 8, bytes, swap, true, depth + 1)) return false;
        pos = end;
    }
    return true;
}

// The first bytes of a compressed variable, inflated: enough for its tags up to the name.
std::string inflated_head(std::ifstream& in, std::uint64_t pos, std::uint64_t bytes) {
    std::string input(static_cast<std::size_t>(std::min<std::uint64_t>(bytes, 4096)), '\0');
    in.seekg(static_cast<std::streamoff>(pos));
    in.read(input.data(), static_cast<std::streamsize>(input.size()));
    std::string out(512, '\0');
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return {};
    z.next_in = reinterpret_cast<Bytef*>(input.data());
    z.avail_in = static_cast<uInt>(in.gcount());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    inflate(&z, Z_SYNC_FLUSH);
    out.resize(out.size() - z.avail_out);
    inflateEnd(&z);
    return out;
}

// Only MAT 5 and 7.3 files (a 128-byte header ending in the version and "IM"): anything else matio reads
// as MAT 4, whose first bytes are taken for a name length it allocates and clears (a 1 kB text file
// cost 1.3 GB and 7 s). matio reads variables on demand, so a file cut inside a variable we never ask
// for would pass: walk the MAT 5 element tags (8 bytes: type, byte count; miMATRIX padded to 8 bytes)
// and require that the last element ends inside the file, and that what each variable's own tags
// claim fits in it. MAT 7.3 (HDF5) is left to matio.
void check_mat5_complete(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char header[128];
    const bool swap = in.read(header, sizeof header) && header[126] == 'M' && header[127] == 'I';
    const bool native = in && header[126] == 'I' && header[127] == 'M';
    const std::uint16_t version =
        in ? static_cast<std::uint16_t>(static_cast<std::uint8_t>(header[swap ? 125 : 124]) |
                                        static_cast<std::uint8_t>(header[swap ? 124 : 125]) << 8)
           : 0;
    if ((!swap && !native) || (version != 0x0100 && version != 0x0200))
        throw Error(path + ": not a MATLAB .mat file that nwn reads (MAT 5 or 7.3; MAT 4 is not supported)");
    if (version != 0x0100) return;
    in.seekg(0, std::ios::end);
    const std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
    auto corrupt = [&](std::uint64_t pos) {
        return Error(path + ": corrupt MAT file (the variable at byte " + std::to_string(pos) +
                     " holds an element larger than itself)");
    };
    std::uint64_t pos = 128;
    while (pos < size) {
        unsigned char tag[8];
        in.seekg(static_cast<std::streamoff>(pos));
        if (pos + 8 > size || !in.read(reinterpret_cast<char*>(tag), 8))
            throw Error(path + ": truncated MAT file (an element tag at byte " + std::to_string(pos) + " is cut off)");
        const std::uint32_t type = u32(tag, swap);
        const std::uint64_t bytes = u32(tag + 4, swap);
        std::uint64_t end = pos + 8 + bytes;
        if (type == miMATRIX) end = pos + 8 + (bytes + 7) / 8 * 8;
        if (type >> 16) end = pos + 8;  // small element: data inside the tag
        if (end > size)
            throw Error(path + ": truncated MAT file (a variable at byte " + std::to_string(pos) + " needs " +
                        std::to_string(end) + " bytes, the file has " + std::to_string(size) + ")");
        if (type == miMATRIX) {
            auto from_file = [&](std::uint64_t at, unsigned char* t) {
                in.clear();
                in.seekg(static_cast<std::streamoff>(at));
                return static_cast<bool>(in.read(reinterpret_cast<char*>(t), 8));
            };
            if (!elements_fit(from_file, pos + 8, bytes, swap, true)) throw corrupt(pos);
        } else if (type == miCOMPRESSED) {
            const std::string head = inflated_head(in, pos + 8, bytes);
            auto from_head = [&](std::uint64_t at, unsigned char* t) {
                if (at + 8 > head.size()) return false;
                std::memcpy(t, head.data() + at, 8);
                return true;
            };
            // The inflated variable: one miMATRIX of at most kMaxInflation times the compressed bytes.
            if (!elements_fit(from_head, 0, kMaxInflation * bytes + 8, swap, false)) throw corrupt(pos);
        }
        in.clear();
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
    // check_mat5_complete would call an empty file "not MAT 5": say what it is
    if (std::filesystem::file_size(path) == 0) throw Error(path_ + ": empty file, not a MATLAB .mat file");
    check_mat5_complete(path_);  // first: Mat_Open already reads a variable
    handle_->mat = Mat_Open(path_.c_str(), MAT_ACC_RDONLY);
    if (!handle_->mat) throw Error(path_ + ": not a MATLAB .mat file that matio can open" + detail());
}

MatFile::~MatFile() = default;

std::string MatFile::detail() const { return g_matio_message.empty() ? "" : " (matio: " + g_matio_message + ")"; }

bool MatFile::has(const char* name) {
    Var v(Mat_VarReadInfo(handle_->mat, name));
    return v != nullptr;
}

MatArray MatFile::numeric(const char* name) {
    // matio sizes the array by the dimensions alone, so one corrupt dimension in a 2 kB file had us copy
    // 500 MB of values that are not there, and another had matio itself ask for 22 GB. Even compressed
    // (deflate packs at most 1032:1) and stored in single bytes, a file cannot hold more values than this:
    // checked on the header, before matio reads the data.
    const Var info(Mat_VarReadInfo(handle_->mat, name));
    if (!info) throw Error(path_ + ": missing variable '" + name + "'");
    if (info->rank > 0 && info->dims) {
        double values = 1;
        std::string shape;
        for (int k = 0; k < info->rank; ++k) {
            values *= static_cast<double>(info->dims[k]);
            shape += (k ? "x" : "") + std::to_string(info->dims[k]);
        }
        std::error_code ec;
        const auto file_bytes = std::filesystem::file_size(path_, ec);
        if (!ec && values > 1032.0 * static_cast<double>(file_bytes))
            throw Error(path_ + ": variable '" + name + "' claims " + shape +
                        " values, more than the file can hold (corrupt file?)");
    }
    Var v(Mat_VarRead(handle_->mat, name));
    if (!v) throw Error(path_ + ": variable '" + name + "' cannot be read (truncated file?)" + detail());
    if (v->isComplex || v->rank != 2 || !v->data)
        throw Error(path_ + ": variable '" + name + "' is not a real 2-D numeric array" + detail());
    MatArray a;
    a.rows = v->dims[0];
    a.cols = v->dims[1];
    // Dimensions come from the file: rows·cols·data_size must not wrap around before it is compared.
    const std::size_t data_size = v->data_size > 0 ? static_cast<std::size_t>(v->data_size) : 0;
    if (data_size == 0 || (a.rows != 0 && a.cols > v->nbytes / data_size / a.rows))
        throw Error(path_ + ": variable '" + name + "' is incomplete (truncated file?)");
    const std::size_t n = a.rows * a.cols;
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

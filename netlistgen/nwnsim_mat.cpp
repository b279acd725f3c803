#include "netlistgen/nwnsim_mat.h"

#include <matio.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/error.h"
#include "netlistgen/junction_finder.h"

namespace nwn::net {

namespace {

// matio reports through a global log function; keep its last message for our error text.
thread_local std::string g_matio_message;
void capture_log(int, char* message) { g_matio_message = message ? message : ""; }

struct MatFile {
    mat_t* mat = nullptr;
    ~MatFile() {
        if (mat) Mat_Close(mat);
    }
};
struct VarDeleter {
    void operator()(matvar_t* v) const { Mat_VarFree(v); }
};
using Var = std::unique_ptr<matvar_t, VarDeleter>;

struct Array {
    std::vector<double> values;  // column-major
    std::size_t rows = 0, cols = 0;
};

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

class Reader {
public:
    Reader(const std::filesystem::path& path) : path_(path.string()) {
        Mat_LogInitFunc("nwn", capture_log);
        g_matio_message.clear();
        if (!std::filesystem::exists(path)) throw Error(path_ + ": no such file");
        file_.mat = Mat_Open(path_.c_str(), MAT_ACC_RDONLY);
        if (!file_.mat)
            throw Error(path_ + ": not a MATLAB .mat file that matio can open" + detail());
        check_mat5_complete(path_);
    }

    bool has(const char* name) {
        Var v(Mat_VarReadInfo(file_.mat, name));
        return v != nullptr;
    }

    Array numeric(const char* name) {
        Var v(Mat_VarRead(file_.mat, name));
        if (!v) {
            if (has(name)) throw Error(path_ + ": variable '" + name + "' cannot be read (truncated file?)" + detail());
            throw Error(path_ + ": missing variable '" + name + "': not an NWNsim network file?");
        }
        if (v->isComplex || v->rank != 2 || !v->data)
            throw Error(path_ + ": variable '" + name + "' is not a real 2-D numeric array" + detail());
        Array a;
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

    std::vector<double> vector(const char* name, std::optional<std::size_t> expected = {}) {
        Array a = numeric(name);
        if (a.rows != 1 && a.cols != 1 && !a.values.empty())
            throw Error(path_ + ": variable '" + name + "' must be a vector (is " + std::to_string(a.rows) + "x" +
                        std::to_string(a.cols) + ")");
        if (expected && a.values.size() != *expected)
            throw Error(path_ + ": variable '" + name + "' has " + std::to_string(a.values.size()) + " entries, expected " +
                        std::to_string(*expected));
        return a.values;
    }

    double scalar(const char* name) {
        auto v = vector(name, 1);
        return v[0];
    }

    const std::string& path() const { return path_; }

private:
    std::string detail() const { return g_matio_message.empty() ? "" : " (matio: " + g_matio_message + ")"; }
    std::string path_;
    MatFile file_;
};

void read_wires(Reader& r, Network& net) {
    const auto xa = r.vector("xa");
    const std::size_t n = xa.size();
    if (n == 0) throw Error(r.path() + ": the network has no wires");
    const auto ya = r.vector("ya", n), xb = r.vector("xb", n), yb = r.vector("yb", n);
    const auto xc = r.vector("xc", n), yc = r.vector("yc", n);
    std::vector<double> theta;
    if (r.has("theta")) {
        theta = r.vector("theta");
        if (theta.size() != n) theta.clear();  // NWNsim leaves it at the pre-LCC length (§9.5): derive it
    }
    if (r.has("number_of_wires") && r.scalar("number_of_wires") != static_cast<double>(n))
        throw Error(r.path() + ": number_of_wires says " + std::to_string(r.scalar("number_of_wires")) + " but xa has " +
                    std::to_string(n) + " wires");
    for (std::size_t k = 0; k < n; ++k) {
        Wire w = wire_from_endpoints(xa[k], ya[k], xb[k], yb[k]);
        w.xc = xc[k];
        w.yc = yc[k];
        if (!theta.empty()) w.angle = theta[k];
        net.wires.push_back(w);
    }
}

void read_junctions(Reader& r, Network& net) {
    const std::size_t n = net.wires.size();
    const Array edges = r.numeric("edge_list");
    if (edges.cols != 2 && !(edges.rows == 0 || edges.cols == 0))
        throw Error(r.path() + ": edge_list must be E×2 (is " + std::to_string(edges.rows) + "x" + std::to_string(edges.cols) + ")");
    const std::size_t e = edges.values.empty() ? 0 : edges.rows;
    const auto xi = r.vector("xi", e), yi = r.vector("yi", e);
    if (r.has("number_of_junctions") && r.scalar("number_of_junctions") != static_cast<double>(e))
        throw Error(r.path() + ": number_of_junctions disagrees with edge_list (" + std::to_string(e) + " rows)");
    for (std::size_t k = 0; k < e; ++k) {
        const double a = edges.values[k], b = edges.values[k + e];  // column-major
        if (a != std::floor(a) || b != std::floor(b) || a < 0 || b < 0 || a >= n || b >= n || a == b)
            throw Error(r.path() + ": edge_list row " + std::to_string(k + 1) + " (" + std::to_string(a) + ", " +
                        std::to_string(b) + ") is not a pair of 0-based wire ids below " + std::to_string(n));
        net.junctions.push_back({static_cast<int>(std::min(a, b)), static_cast<int>(std::max(a, b)), xi[k], yi[k]});
    }
    try {
        normalise_junctions(net);
    } catch (const Error& err) {
        throw Error(r.path() + ": edge_list: " + err.what());
    }

    const Array adj = r.numeric("adj_matrix");
    if (adj.rows != n || adj.cols != n)
        throw Error(r.path() + ": adj_matrix is " + std::to_string(adj.rows) + "x" + std::to_string(adj.cols) +
                    ", expected " + std::to_string(n) + "x" + std::to_string(n));
    std::set<std::pair<int, int>> from_adj;
    for (std::size_t c = 0; c < n; ++c)
        for (std::size_t row = 0; row < n; ++row) {
            const double v = adj.values[row + c * n];
            if (v != adj.values[c + row * n]) throw Error(r.path() + ": adj_matrix is not symmetric");
            if (v != 0 && v != 1) throw Error(r.path() + ": adj_matrix holds values other than 0 and 1");
            if (v != 0 && row == c) throw Error(r.path() + ": adj_matrix has a nonzero diagonal");
            if (v != 0 && row < c) from_adj.insert({static_cast<int>(row), static_cast<int>(c)});
        }
    std::set<std::pair<int, int>> from_list;
    for (const auto& J : net.junctions) from_list.insert({J.i, J.j});
    if (from_adj != from_list)
        throw Error(r.path() + ": edge_list (" + std::to_string(from_list.size()) + " pairs) and adj_matrix (" +
                    std::to_string(from_adj.size()) + " pairs) disagree");
}

double distance_to_wire(const Wire& w, double px, double py) {
    const double dx = w.xb - w.xa, dy = w.yb - w.ya;
    const double t = std::clamp(((px - w.xa) * dx + (py - w.ya) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
    return std::hypot(w.xa + t * dx - px, w.ya + t * dy - py);
}

void check_geometry(const std::string& path, const Network& net, double tol) {
    for (std::size_t k = 0; k < net.wires.size(); ++k) {
        const auto& w = net.wires[k];
        if (std::abs(w.xc - (w.xa + w.xb) / 2) > tol || std::abs(w.yc - (w.ya + w.yb) / 2) > tol)
            throw Error(path + ": wire " + std::to_string(k) + ": centre (xc, yc) is not the midpoint of its end points");
    }
    for (std::size_t k = 0; k < net.junctions.size(); ++k) {
        const auto& J = net.junctions[k];
        const double d = std::max(distance_to_wire(net.wires[J.i], J.x, J.y), distance_to_wire(net.wires[J.j], J.x, J.y));
        if (d > tol)
            throw Error(path + ": junction " + std::to_string(k) + " (wires " + std::to_string(J.i) + ", " +
                        std::to_string(J.j) + "): (xi, yi) lies " + std::to_string(d) +
                        " off its wires; xi/yi or edge_list are mislabelled (try --recompute-junctions)");
    }
}

}  // namespace

Network import_nwnsim_mat(const std::filesystem::path& path, const MatImportOptions& options) {
    Reader r(path);
    Network net;
    net.lx = r.scalar("length_x");
    net.ly = r.scalar("length_y");
    if (!(net.lx > 0) || !(net.ly > 0)) throw Error(r.path() + ": length_x and length_y must be > 0");
    read_wires(r, net);
    const double tol = options.tolerance * std::max(net.lx, net.ly);
    if (options.recompute_junctions) {
        net.junctions = find_junctions(net.wires);
    } else {
        read_junctions(r, net);
    }
    check_geometry(r.path(), net, tol);
    try {
        validate(net);
    } catch (const Error& e) {
        throw Error(r.path() + ": " + e.what());
    }
    auto& p = net.provenance;
    p.kind = "nwnsim-mat";
    p.source = std::filesystem::absolute(path).lexically_normal().string();
    p.wires_generated = static_cast<long long>(net.wires.size());
    if (r.has("this_seed")) p.seed = static_cast<std::uint32_t>(r.scalar("this_seed"));
    if (r.has("avg_length")) p.length_mean = r.scalar("avg_length");
    if (r.has("dispersion")) p.length_sd = r.scalar("dispersion");
    p.largest_component = false;
    return net;
}

}  // namespace nwn::net

#include "runner/engine/ngspice_library.h"

#include "common/error.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>

namespace nwn::engine {

namespace fs = std::filesystem;

namespace {

std::mutex g_mu;
const NgspiceLibrary* g_lib = nullptr;  // never freed, never dlclosed

std::string dl_error() {
    const char* e = dlerror();
    return e ? e : "unknown dynamic-loader error";
}

template <class Fn>
void resolve(const NgspiceLibrary& lib, const char* name, Fn& fn) {
    dlerror();  // clear: dlsym reports failure only through dlerror()
    void* sym = dlsym(lib.handle, name);
    if (!sym)
        throw nwn::Error("libngspice " + lib.requested + " lacks the sharedspice function " + name +
                         " (" + dl_error() + "); is it ngspice's shared library (libngspice)?");
    fn = reinterpret_cast<Fn>(sym);
}

// The file the loader mapped for `fn`, symlinks resolved (for the default, found by soname).
std::string mapped_file(void* fn, const std::string& fallback) {
    Dl_info info{};
    if (!dladdr(fn, &info) || !info.dli_fname || !*info.dli_fname) return fallback;
    std::error_code ec;
    fs::path real = fs::canonical(info.dli_fname, ec);
    return ec ? std::string(info.dli_fname) : real.string();
}

// Does `path` name the library already loaded? A bare soname is resolved by the loader against
// the objects already mapped (any libngspice.so.0 matches), so it is only the same library when
// it is exactly what was asked for before; paths are compared as real files.
bool same_library(const NgspiceLibrary& lib, const std::string& path) {
    if (path == lib.requested) return true;
    if (path.find('/') == std::string::npos) return false;
    std::error_code ec;
    fs::path real = fs::canonical(path, ec);
    return !ec && real.string() == lib.file;
}

}  // namespace

const NgspiceLibrary& load_ngspice_library(const std::string& path_in) {
    const std::string path = path_in.empty() ? kDefaultNgspiceLibrary : path_in;
    std::lock_guard lk(g_mu);
    if (g_lib) {
        if (same_library(*g_lib, path)) return *g_lib;
        throw nwn::Error("cannot load libngspice " + path + ": libngspice " + g_lib->requested +
                         (g_lib->file != g_lib->requested ? " (" + g_lib->file + ")" : "") +
                         " is already loaded in this process; run other ngspice builds in separate "
                         "processes");
    }
    // libgomp (a dependency of ngspice) reads this when it is loaded: its default spin-waiting
    // burns whole cores between parallel regions, pathological on a small busy machine.
    setenv("OMP_WAIT_POLICY", "passive", /*overwrite=*/0);

    auto lib = std::make_unique<NgspiceLibrary>();
    lib->requested = path;
    // DEEPBIND: ngspice resolves its own symbols first, never same-named ones of the host. Not
    // under ASan, which refuses it: ngspice would bind malloc/free past the sanitizer's interceptors.
#ifdef __SANITIZE_ADDRESS__
    constexpr int deepbind = 0;
#else
    constexpr int deepbind = RTLD_DEEPBIND;
#endif
    lib->handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | deepbind);
    if (!lib->handle) throw nwn::Error("cannot load libngspice " + path + ": " + dl_error());
    // A library that fails here stays mapped: nothing of it ran, and unloading is never safe
    // enough to be worth it.
    NgspiceApi& api = lib->api;
#define NWN_RESOLVE(fn) resolve(*lib, #fn, api.fn)
    NWN_RESOLVE(ngSpice_Init);
    NWN_RESOLVE(ngSpice_Command);
    NWN_RESOLVE(ngSpice_Circ);
    NWN_RESOLVE(ngSpice_CurPlot);
    NWN_RESOLVE(ngSpice_AllVecs);
    NWN_RESOLVE(ngGet_Vec_Info);
    NWN_RESOLVE(ngSpice_Init_Sync);
    NWN_RESOLVE(ngSpice_SetBkpt);
#undef NWN_RESOLVE
    lib->file = mapped_file(reinterpret_cast<void*>(api.ngSpice_Init), path);
    g_lib = lib.release();
    return *g_lib;
}

const NgspiceLibrary* loaded_ngspice_library() noexcept {
    std::lock_guard lk(g_mu);
    return g_lib;
}

}  // namespace nwn::engine

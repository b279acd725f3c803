// libngspice loaded at run time (dlopen), so that one nwn binary can drive the system's ngspice
// or another build (e.g. an OSDI-enabled ngspice 46) chosen by path. sharedspice.h supplies only
// the types and prototypes; every call goes through the function pointers resolved here.
//
// One libngspice per process: ngspice keeps its state in globals, runs threads and registers
// atexit handlers, so the library is never unloaded and a second, different build cannot be
// loaded next to it (run other builds in separate processes).
#pragma once
#include <ngspice/sharedspice.h>

#include <string>

namespace nwn::engine {

// The system's libngspice, found by the dynamic loader through its soname.
inline constexpr const char* kDefaultNgspiceLibrary = "libngspice.so.0";

// The sharedspice functions the session uses; members are named after the C functions.
struct NgspiceApi {
    decltype(&::ngSpice_Init) ngSpice_Init = nullptr;
    decltype(&::ngSpice_Command) ngSpice_Command = nullptr;
    decltype(&::ngSpice_Circ) ngSpice_Circ = nullptr;
    decltype(&::ngSpice_CurPlot) ngSpice_CurPlot = nullptr;
    decltype(&::ngSpice_AllVecs) ngSpice_AllVecs = nullptr;
    decltype(&::ngGet_Vec_Info) ngGet_Vec_Info = nullptr;
    decltype(&::ngSpice_Init_Sync) ngSpice_Init_Sync = nullptr;  // external sources (Session::set_external_source)
    decltype(&::ngSpice_SetBkpt) ngSpice_SetBkpt = nullptr;
};

struct NgspiceLibrary {
    std::string requested;  // the path or soname asked for (kDefaultNgspiceLibrary for the default)
    std::string file;       // the real file the loader mapped (symlinks resolved)
    void* handle = nullptr;
    NgspiceApi api;
};

// Loads libngspice from `path` (empty = kDefaultNgspiceLibrary) with
// RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND and resolves its API; sets OMP_WAIT_POLICY=passive first
// unless the user set it. Asking again for the same library returns the loaded one. Throws
// nwn::Error naming the path when it cannot be loaded or lacks a function, or when a different
// libngspice is already loaded in this process. Thread-safe; the result lives until exit.
const NgspiceLibrary& load_ngspice_library(const std::string& path = {});

// The library loaded in this process, or nullptr.
const NgspiceLibrary* loaded_ngspice_library() noexcept;

}  // namespace nwn::engine

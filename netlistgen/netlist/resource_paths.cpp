#include "netlistgen/netlist/resource_paths.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/shared_object.h"
#include "devicemodel/models.h"

namespace nwn::net {

namespace fs = std::filesystem;

namespace {

fs::path find(const std::optional<fs::path>& given, const char* env, const std::vector<fs::path>& near_exe,
              const std::string& what, const std::string& flag) {
    std::vector<fs::path> tried;
    if (given) {
        if (fs::is_regular_file(*given)) return fs::absolute(*given).lexically_normal();
        throw Error(what + " not found at " + given->string() + " (" + flag + ")");
    }
    if (const char* e = std::getenv(env); e && *e) {
        if (fs::is_regular_file(e)) return fs::absolute(e).lexically_normal();
        throw Error(what + " not found at " + std::string(e) + " (environment " + env + ")");
    }
    const fs::path dir = executable_path().parent_path();
    for (const auto& rel : near_exe) {
        const fs::path p = (dir / rel).lexically_normal();
        if (fs::is_regular_file(p)) return p;
        tried.push_back(p);
    }
    std::string list;
    for (const auto& p : tried) list += "\n  " + p.string();
    throw Error(what + " not found; looked at:" + list + "\nset " + env + " or pass " + flag + " PATH");
}

}  // namespace

fs::path executable_path() {
    std::error_code ec;
    fs::path p = fs::read_symlink("/proc/self/exe", ec);
    if (ec) throw Error("cannot find the running executable (/proc/self/exe): " + ec.message());
    return p;
}

fs::path find_codemodel(const std::optional<fs::path>& given) {
    const fs::path p = find(given, "NWN_CODEMODEL", {"../lib/nwnspice.cm", "../lib/ngspice/nwnspice.cm"},
                            "the code model nwnspice.cm", "--cm");
    if (p.extension() == ".osdi") throw Error(p.string() + " is an OSDI library, not a code model (use --flavour osdi --osdi)");
    check_codemodel_file(p);
    return p;
}

fs::path find_osdi_device(const std::optional<fs::path>& given) {
    const fs::path p = find(given, "NWN_OSDI", {"../lib/nwnjunction.osdi", "../lib/ngspice/nwnjunction.osdi"},
                            "the OSDI device nwnjunction.osdi", "--osdi");
    // ngspice loads by command, not by content: a code model handed to `osdi`, or the reverse, crashes
    // it, and every loader here picks the command from the extension.
    if (p.extension() != ".osdi") throw Error(p.string() + " is not an OSDI library (its name must end in .osdi)");
    check_osdi_file(p);
    return p;
}

void check_codemodel_file(const fs::path& codemodel) {
    check_shared_object(codemodel, "XSPICE code model", {"CMdevNum", "CMdevs", "CMudnNum", "CMudns", "CMgetCoreItfPtr"});
}

void check_osdi_file(const fs::path& osdi) {
    check_shared_object(osdi, "OSDI library", {"OSDI_VERSION_MAJOR", "OSDI_VERSION_MINOR", "OSDI_NUM_DESCRIPTORS", "OSDI_DESCRIPTORS"});
}

fs::path find_subckt_library(const std::optional<fs::path>& given, const device::JunctionModel& model) {
    const std::string file = model.device + ".lib", what = "the subcircuit library " + file;
    const fs::path dflt = find(given, "NWN_SUBCKT_LIB", {"../share/nwnspice/" + device::default_junction_model().device + ".lib"},
                               "the subcircuit library " + device::default_junction_model().device + ".lib", "--lib");
    if (given || &model == &device::default_junction_model()) return dflt;
    // Every model's library is generated into the same directory (share/nwnspice): NWN_SUBCKT_LIB and the
    // installation name the default model's, and the others are found next to it.
    const fs::path p = dflt.parent_path() / file;
    if (!fs::is_regular_file(p)) throw Error(what + " not found at " + p.string() + " (next to " + dflt.string() + "; or pass --lib PATH)");
    return p;
}

}  // namespace nwn::net

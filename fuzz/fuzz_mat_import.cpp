// NWNsim .mat import (netlistgen/network/nwnsim_mat.cpp over matio): the bytes go to a file, because matio
// reads only files, and are imported as `nwn import-mat` does; odd-sized inputs with recomputed
// junctions (--recompute-junctions). matio seeks for every variable it looks up, so one import per
// execution keeps the target at some 50 executions a second. The network file written for an accepted
// import must be one that nwn reads back (import-mat, then netlist/run).
#include "fuzz_support.h"
#include "netlistgen/network/network_json.h"
#include "netlistgen/network/nwnsim_mat.h"

// matio sizes buffers from the tags in the file, so a corrupt tag asks malloc for gigabytes. Outside the
// sanitizer that costs nothing (the pages are never touched: nwn import-mat stays at 15 MB RSS on such a
// file and reports it), but ASan maps shadow memory for it and libFuzzer calls the request itself an
// out-of-memory. Failing such requests instead, as a process under `ulimit -v` would, keeps the target
// fast and still checks that matio's failure reaches nwn as an error.
extern "C" const char* __asan_default_options() { return "max_allocation_size_mb=2048:allocator_may_return_null=1"; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto path = nwn::fuzz::write_input("in.mat", data, size);
    std::string json;
    try {
        nwn::net::MatImportOptions o;
        o.recompute_junctions = size % 2 == 1;
        json = nwn::net::network_to_json(nwn::net::import_nwnsim_mat(path, o));
    } catch (const nwn::Error&) {
        return 0;
    }
    try {
        (void)nwn::net::network_from_json(json, "imported.json");
    } catch (const nwn::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        nwn::fuzz::invariant_failed("an imported network is refused when its JSON file is read back");
    }
    return 0;
}

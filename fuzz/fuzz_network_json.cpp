// Network files (netlistgen/network/network_json.cpp), as `nwn netlist/run/draw NET.json` read them. A network
// the reader accepts must come back unchanged through the writer (write_network then read_network).
#include "fuzz_support.h"
#include "netlistgen/network/network_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    nwn::net::Network net;
    try {
        net = nwn::net::network_from_json(text, "fuzz.json");
    } catch (const nwn::Error&) {
        return 0;
    }
    const std::string written = nwn::net::network_to_json(net);
    try {
        if (nwn::net::network_to_json(nwn::net::network_from_json(written, "written.json")) != written)
            nwn::fuzz::invariant_failed("a written network reads back different");
    } catch (const nwn::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        nwn::fuzz::invariant_failed("a network nwn accepted and wrote is refused when read back");
    }
    return 0;
}

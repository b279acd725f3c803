// Stimulus specs (netlistgen/network/stimulus.cpp), as --stimulus gives them. The first line is the spec; the
// rest is the CSV a "pwl:w.csv" spec reads. A spec that parses must give finite values and a SPICE
// source without inf/nan, since it goes straight into a deck (tstop 10 s, as the CLI's default runs).
#include <cmath>

#include "fuzz_support.h"
#include "netlistgen/network/stimulus.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string in(reinterpret_cast<const char*>(data), size);
    const auto nl = in.find('\n');
    const std::string spec = in.substr(0, nl);
    // Only the scratch CSV: other paths would fuzz the file system, not the parser.
    if (spec.find('/') != std::string::npos || spec.find('\0') != std::string::npos) return 0;
    const std::string rest = nl == std::string::npos ? std::string() : in.substr(nl + 1);
    nwn::fuzz::write_input("w.csv", reinterpret_cast<const std::uint8_t*>(rest.data()), rest.size());
    nwn::net::Stimulus s;
    try {
        s = nwn::net::Stimulus::parse(spec, nwn::fuzz::scratch_dir());
    } catch (const nwn::Error&) {
        return 0;
    }
    const double tstop = 10;
    for (double t : {0.0, 1e-6, 0.1, 0.25, 1.0, 3.7, tstop})
        if (!std::isfinite(s.value(t))) nwn::fuzz::invariant_failed("value(t) is not finite");
    if (!std::isfinite(s.peak())) nwn::fuzz::invariant_failed("peak() is not finite");
    try {
        const std::string src = s.spice_source(tstop);
        if (src.find("inf") != std::string::npos || src.find("nan") != std::string::npos)
            nwn::fuzz::invariant_failed("spice_source() holds inf or nan");
        for (double b : s.breakpoints(tstop))
            if (!std::isfinite(b)) nwn::fuzz::invariant_failed("a breakpoint is not finite");
    } catch (const nwn::Error&) {
    }
    return 0;
}

// `nwn sweep --param` specs (runner/experiments/sweep/sweep_params.cpp): one spec per line, then the points
// they span, as a grid (byte 0 even) or a list, and the directory name of each point, which must be a
// single safe path component.
#include "fuzz_support.h"
#include "runner/experiments/sweep/sweep_params.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const bool grid = data[0] % 2 == 0;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    std::vector<nwn::exp::SweepParam> params;
    try {
        std::size_t start = 0;
        for (;;) {
            const auto nl = text.find('\n', start);
            params.push_back(nwn::exp::parse_sweep_param(text.substr(start, nl - start)));
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
        for (const auto& pt : nwn::exp::sweep_points(params, grid)) {
            const std::string dir = nwn::exp::point_dir_name(params, pt);
            if (dir.empty() || dir == "." || dir == ".." || dir.find('/') != std::string::npos ||
                dir.find('\0') != std::string::npos)
                nwn::fuzz::invariant_failed("a point directory name is not one safe path component");
        }
    } catch (const nwn::Error&) {
    }
    return 0;
}

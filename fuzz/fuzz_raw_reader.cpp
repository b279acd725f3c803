// SPICE3 raw files (runner/io): headers, ASCII and binary data, several plots, truncation; every plot
// the reader accepts is then read in full, in whole vectors and in small blocks, which must agree.
#include <cmath>
#include <cstring>

#include "fuzz_support.h"
#include "runner/io/raw_reader.h"

using namespace nwn::io;

namespace {

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

void read_everything(const RawFile& f) {
    for (const auto& p : f.plots()) {
        const auto vectors = f.read_vectors(p);
        if (vectors.size() != p.variables.size()) nwn::fuzz::invariant_failed("read_vectors: one vector per variable");
        for (const auto& v : vectors)
            if (v.size() != p.n_points || (p.complex && v.imag.size() != p.n_points))
                nwn::fuzz::invariant_failed("read_vectors: n_points values per vector");
        // Blocks of 3 points through the last variable by name (find() as the CLI uses it).
        const std::size_t last = p.variables.size() - 1;
        const std::size_t idx = f.variable_index(p, p.variables[last].name);
        std::size_t seen = 0;
        f.for_each_block(p, {p.variables[last].name}, [&](const PointBlock& b) {
            for (std::size_t k = 0; k < b.n_points; ++k)
                if (!same(b.real(k, 0), vectors[idx].real[b.first_point + k]))
                    nwn::fuzz::invariant_failed("blocks and whole vectors disagree");
            seen += b.n_points;
        }, 3);
        if (seen != p.n_points) nwn::fuzz::invariant_failed("blocks cover the plot");
    }
    try {
        (void)f.plot("tran");
    } catch (const nwn::Error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto path = nwn::fuzz::write_input("in.raw", data, size);
    for (bool tolerate : {false, true}) {
        try {
            RawFile f(path, RawReadOptions{tolerate});
            read_everything(f);
        } catch (const nwn::Error&) {
        }
    }
    return 0;
}

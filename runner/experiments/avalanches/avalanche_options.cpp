#include "runner/experiments/avalanches/avalanche_options.h"

#include <cmath>

#include "common/error.h"
#include "common/text_parse.h"

namespace nwn::exp {

analysis::BinSpec parse_bin(const std::string& text) {
    auto number = [&](const std::string& s) {
        const auto bad = [&] { return Error("--bin: '" + text + "' is not mean-iei, mean-iei:K or a number of samples"); };
        double v = 0;
        try {
            v = nwn::parse_number(s, "--bin");
        } catch (const Error&) {
            throw bad();
        }
        if (!(v > 0)) throw bad();
        return v;
    };
    if (text == "mean-iei") return analysis::BinSpec::iei(1.0);
    if (text.rfind("mean-iei:", 0) == 0) return analysis::BinSpec::iei(number(text.substr(9)));
    const double n = number(text);
    if (n != std::floor(n)) throw Error("--bin: a fixed bin is a whole number of samples (got " + text + ")");
    return analysis::BinSpec::fixed(static_cast<std::size_t>(n));
}

analysis::CriticalityOptions AvalancheFlags::criticality() const {
    if (!condition.empty() && condition != "event-interval")
        throw Error("--condition: unknown conditioning '" + condition + "' (event-interval)");
    if (resamples == 0) throw Error("--resamples must be at least 1 (the p-values need synthetic data sets)");
    analysis::CriticalityOptions o;
    o.thresh = thresh;
    o.rel_thresh = rel_thresh;
    o.condition = condition == "event-interval";
    o.bin = parse_bin(bin);
    o.resamples = resamples;
    o.shape_bootstraps = shape_bootstraps;
    o.seed = seed;
    o.threads = threads;
    return o;
}

}  // namespace nwn::exp

#include "runner/experiments/avalanches/avalanche_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "common/format.h"

namespace nwn::exp {

namespace {

constexpr std::size_t kFewAvalanches = 50;  // below this, exponents carry errors of ~0.2 and more

std::string value_sigma(const analysis::ValueSigma& v) {
    if (!std::isfinite(v.value)) return "n/a";
    return fmt("%.2f", v.value) + (std::isfinite(v.sigma) ? " ± " + fmt("%.2f", v.sigma) : "");
}

std::string fit_line(const char* name, const char* var, const analysis::PowerLawFit& f, const std::string& caveat) {
    if (!std::isfinite(f.value)) return std::string(name) + ": no fit";
    return std::string(name) + " = " + fmt("%.2f", f.value) + " ± " + fmt("%.2f", f.sigma) + " on " + var + " ∈ [" +
           std::to_string(f.xmin) + ", " + std::to_string(f.xmax) + "] (n = " + std::to_string(f.n_in) +
           ", p = " + fmt("%.2f", f.p) + ")" + (caveat.empty() ? "" : "  NOT RELIABLE: " + caveat);
}

}  // namespace

std::string fit_caveat(const analysis::PowerLawFit& f) {
    if (!std::isfinite(f.value)) return "no fit";
    std::vector<std::string> why;
    if (f.n_in < kFewAvalanches) why.push_back("only " + std::to_string(f.n_in) + " avalanches in the fitted range");
    if (f.xmax < 10 * f.xmin) why.push_back("the fitted range spans less than a decade");
    if (!f.pcrit_reached) why.push_back("no range reached p >= 0.5");
    if (f.value <= analysis::PowerLawOptions{}.tau_min + 1e-6) why.push_back("the exponent sits at the search bound");
    if (std::isfinite(f.p) && f.p < 0.1) why.push_back("p < 0.1 rejects the power law");
    std::string s;
    for (const auto& w : why) s += (s.empty() ? "" : "; ") + w;
    return s;
}

std::string avalanche_summary(const analysis::CriticalityResult& r, const std::string& in) {
    std::ostringstream os;
    os << in << "events: " << r.events << " in " << r.event_samples << " samples; mean inter-event interval "
       << fmt("%.4g", r.mean_iei_seconds) << " s; bin " << r.bin_samples << " samples (" << fmt("%.4g", r.bin_seconds)
       << " s)\n";
    std::int64_t smax = 0;
    std::size_t tmax = 0;
    for (const auto& a : r.avalanches) smax = std::max(smax, a.size), tmax = std::max(tmax, a.lifetime);
    os << in << "avalanches: " << r.avalanches.size() << " (size up to " << smax << ", lifetime up to " << tmax
       << " bins); branching ratio " << fmt("%.3f", r.branching_ratio) << "\n";
    const std::string ct = fit_caveat(r.tau), ca = fit_caveat(r.alpha);
    os << in << fit_line("tau", "S", r.tau, ct) << "\n" << in << fit_line("alpha", "T", r.alpha, ca) << "\n";
    const auto& c = r.crackling;
    os << in << "crackling 1/(sigma nu z): predicted (alpha-1)/(tau-1) = " << value_sigma(c.predicted)
       << "; fitted <S>(T) = " << value_sigma(c.fitted) << "; shape collapse = "
       << (c.shape.valid ? value_sigma(c.shape_collapse) : "n/a (fewer than 2 lifetimes with enough avalanches)") << "\n";
    if (!ct.empty() || !ca.empty())
        os << in << "too little data for trustworthy exponents (the paper pooled ~10^4-10^5 avalanches);"
           << " pool more or longer runs with nwn ensemble\n";
    return os.str();
}

}  // namespace nwn::exp

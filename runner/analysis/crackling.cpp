#include "runner/analysis/crackling.h"

#include <cmath>
#include <vector>

namespace nwn::analysis {

ValueSigma predicted_crackling(const PowerLawFit& tau, const PowerLawFit& alpha) {
    ValueSigma r;
    const double num = alpha.value - 1.0, den = tau.value - 1.0;
    if (!std::isfinite(num) || !std::isfinite(den) || den == 0.0) return r;
    r.value = num / den;
    // First-order propagation for a ratio of independent estimates: relative errors add in
    // quadrature. The relative errors are those of α - 1 and τ - 1 (shifting by 1 leaves the absolute
    // error unchanged), so dα/(α - 1), not dα/α as in NWNsim's critAnalysis.m, and in quadrature, not
    // the linear sum of fig_4_exp.m; this is the fig_4_sim.m formula.
    r.sigma = std::fabs(r.value) * std::hypot(alpha.sigma / num, tau.sigma / den);
    return r;
}

SlopeFit mean_size_exponent(const MeanSizeByLifetime& m, std::int64_t tmin, std::int64_t tmax) {
    std::vector<double> u, v;
    for (std::size_t i = 0; i < m.lifetime.size(); ++i) {
        const auto T = static_cast<std::int64_t>(m.lifetime[i]);
        if (T < tmin || T > tmax || !(m.mean_size[i] > 0)) continue;
        u.push_back(std::log10(static_cast<double>(T)));
        v.push_back(std::log10(m.mean_size[i]));
    }
    SlopeFit f;
    f.points = u.size();
    if (u.size() < 2) return f;
    const double n = static_cast<double>(u.size());
    double ub = 0, vb = 0;
    for (std::size_t i = 0; i < u.size(); ++i) ub += u[i], vb += v[i];
    ub /= n, vb /= n;
    double sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < u.size(); ++i) sxx += (u[i] - ub) * (u[i] - ub), sxy += (u[i] - ub) * (v[i] - vb);
    f.slope.value = sxy / sxx;
    f.intercept = vb - f.slope.value * ub;
    f.valid = true;
    if (u.size() >= 3) {
        double rss = 0;
        for (std::size_t i = 0; i < u.size(); ++i) {
            const double e = v[i] - (f.intercept + f.slope.value * u[i]);
            rss += e * e;
        }
        f.slope.sigma = std::sqrt(rss / (n - 2) / sxx);
    }
    return f;
}

}  // namespace nwn::analysis

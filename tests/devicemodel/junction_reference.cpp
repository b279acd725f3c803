#include "junction_reference.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

namespace nwn::test {

double Pwl::operator()(double t) const {
    if (t <= points.front().first) return points.front().second;
    if (t >= points.back().first) return points.back().second;
    auto it = std::upper_bound(points.begin(), points.end(), t,
                               [](double x, const auto& p) { return x < p.first; });
    auto a = *(it - 1), b = *it;
    return a.second + (b.second - a.second) * (t - a.first) / (b.first - a.first);
}

std::string Pwl::spice() const {
    std::ostringstream os;
    os.precision(12);
    os << "PWL(";
    for (size_t i = 0; i < points.size(); ++i) os << (i ? " " : "") << points[i].first << " " << points[i].second;
    os << ")";
    return os.str();
}

double JunctionTrace::lambda_at(double t) const {
    double x = t / dt;
    size_t k = std::min(static_cast<size_t>(x), lambda.size() - 2);
    double w = x - k;
    return lambda[k] * (1 - w) + lambda[k + 1] * w;
}

JunctionTrace integrate_junction(const nwn_junction_params& p, const Pwl& src, double r, double lambda0,
                                 double tstop, double dt) {
    auto rhs = [&](double t, double l) {
        double dg, a, b;
        double g = nwn_conductance(&p, l, &dg);
        double v = src(t) / (1 + g * r);
        return nwn_rate(&p, v, l, &a, &b);
    };
    JunctionTrace tr{dt, {}, {}};
    size_t n = static_cast<size_t>(std::ceil(tstop / dt)) + 1;
    tr.lambda.reserve(n);
    double l = lambda0;
    for (size_t k = 0; k < n; ++k) {
        double t = k * dt;
        double dg;
        tr.lambda.push_back(l);
        tr.vj.push_back(src(t) / (1 + nwn_conductance(&p, l, &dg) * r));
        double k1 = rhs(t, l), k2 = rhs(t + dt / 2, l + dt / 2 * k1), k3 = rhs(t + dt / 2, l + dt / 2 * k2),
               k4 = rhs(t + dt, l + dt * k3);
        l += dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    return tr;
}

}  // namespace nwn::test

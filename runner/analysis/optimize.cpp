#include "runner/analysis/optimize.h"

#include <algorithm>
#include <cmath>

namespace nwn::analysis {

Minimum1D brent_minimize(const std::function<double(double)>& f, double a, double b, double xtol, int max_iter) {
    const double golden = 0.5 * (3.0 - std::sqrt(5.0));
    double x = a + golden * (b - a), w = x, v = x;
    double fx = f(x), fw = fx, fv = fx;
    double d = 0, e = 0;
    for (int it = 0; it < max_iter; ++it) {
        const double xm = 0.5 * (a + b);
        const double tol1 = 1e-12 * std::fabs(x) + xtol / 3, tol2 = 2 * tol1;
        if (std::fabs(x - xm) <= tol2 - 0.5 * (b - a)) break;
        bool golden_step = true;
        if (std::fabs(e) > tol1) {
            double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw), p = (x - v) * q - (x - w) * r;
            q = 2 * (q - r);
            if (q > 0) p = -p;
            q = std::fabs(q);
            const double etemp = e;
            e = d;
            if (!(std::fabs(p) >= std::fabs(0.5 * q * etemp) || p <= q * (a - x) || p >= q * (b - x))) {
                d = p / q;
                const double u = x + d;
                if (u - a < tol2 || b - u < tol2) d = std::copysign(tol1, xm - x);
                golden_step = false;
            }
        }
        if (golden_step) {
            e = (x >= xm) ? a - x : b - x;
            d = golden * e;
        }
        const double u = x + (std::fabs(d) >= tol1 ? d : std::copysign(tol1, d));
        const double fu = f(u);
        if (fu <= fx) {
            (u >= x ? a : b) = x;
            v = w, fv = fw, w = x, fw = fx, x = u, fx = fu;
        } else {
            (u < x ? a : b) = u;
            if (fu <= fw || w == x) {
                v = w, fv = fw, w = u, fw = fu;
            } else if (fu <= fv || v == x || v == w) {
                v = u, fv = fu;
            }
        }
    }
    return {x, fx};
}

Minimum2D nelder_mead(const std::function<double(const std::array<double, 2>&)>& f, std::array<double, 2> x0,
                      std::array<double, 2> step, double ftol, int max_iter) {
    using P = std::array<double, 2>;
    std::array<P, 3> s = {x0, P{x0[0] + step[0], x0[1]}, P{x0[0], x0[1] + step[1]}};
    std::array<double, 3> fs;
    for (int i = 0; i < 3; ++i) fs[i] = f(s[i]);
    auto along = [](const P& c, const P& p, double t) { return P{c[0] + t * (p[0] - c[0]), c[1] + t * (p[1] - c[1])}; };
    for (int it = 0; it < max_iter; ++it) {
        std::array<int, 3> o = {0, 1, 2};
        std::sort(o.begin(), o.end(), [&](int i, int j) { return fs[i] < fs[j]; });
        const int best = o[0], mid = o[1], worst = o[2];
        if (std::fabs(fs[worst] - fs[best]) <= ftol * (std::fabs(fs[best]) + 1e-300) && std::isfinite(fs[worst])) break;
        const P c = {0.5 * (s[best][0] + s[mid][0]), 0.5 * (s[best][1] + s[mid][1])};
        const P r = along(c, s[worst], -1.0);
        const double fr = f(r);
        if (fr < fs[best]) {
            const P e = along(c, s[worst], -2.0);
            const double fe = f(e);
            if (fe < fr) s[worst] = e, fs[worst] = fe;
            else s[worst] = r, fs[worst] = fr;
        } else if (fr < fs[mid]) {
            s[worst] = r, fs[worst] = fr;
        } else {
            const bool outside = fr < fs[worst];
            const P k = along(c, outside ? r : s[worst], 0.5);
            const double fk = f(k);
            if (fk < (outside ? fr : fs[worst])) {
                s[worst] = k, fs[worst] = fk;
            } else {
                for (int i : {mid, worst}) s[i] = along(s[best], s[i], 0.5), fs[i] = f(s[i]);
            }
        }
    }
    int best = 0;
    for (int i = 1; i < 3; ++i)
        if (fs[i] < fs[best]) best = i;
    return {s[best], fs[best]};
}

}  // namespace nwn::analysis

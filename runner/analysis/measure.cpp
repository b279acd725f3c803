#include "runner/analysis/measure.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace nwn::analysis {

namespace {

using Cond = MeasureCond;
using Fn = MeasureFn;
constexpr double kUnset = kMeasureUnset;
constexpr int kDefault = kMeasureDefault, kLast = kMeasureLast;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

bool almost_equal_ulps(double a, double b, int max_ulps) {
    if (a == b) return true;
    std::int64_t ia, ib;
    std::memcpy(&ia, &a, sizeof a);
    std::memcpy(&ib, &b, sizeof b);
    if (ia < 0) ia = std::numeric_limits<std::int64_t>::min() - ia;
    if (ib < 0) ib = std::numeric_limits<std::int64_t>::min() - ib;
    const std::int64_t d = ia > ib ? ia - ib : ib - ia;
    return d >= 0 && d <= max_ulps;
}

// com_measure_when: the scale value where `vec` crosses VAL (or vec2), honouring TD, FROM, TO and
// the rise/fall/cross count; NaN when it never does.
double measure_when(const Cond& c, const std::vector<double>& t, const std::vector<double>& d,
                    const std::vector<double>* d2) {
    enum { Below, Above } section = Below;
    int rise = 0, fall = 0, cross = 0, first = 0;
    bool pending = false, have_last = false;
    double measured = kNaN, pv = 0, pv2 = 0, pt = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const double v = d[i], s = t[i], v2 = d2 ? (*d2)[i] : kNaN;
        const double level = d2 ? v2 : c.val;
        if (s < c.td) continue;
        if (s < c.from) continue;
        if (c.to != 0.0 && s > c.to) break;
        auto crossing = [&]() {
            return d2 ? pt + (pv2 - pv) * (s - pt) / (v - pv - v2 + pv2) : pt + (c.val - pv) * (s - pt) / (v - pv);
        };
        if (first == 1) {
            cross = 0;
            if (v < level) {
                section = Below;
            } else {
                section = Above;
                if (pv <= level && v >= level) rise = cross = 1;
            }
        }
        if (first > 1) {
            if (section == Below && v >= level) {
                section = Above;
                ++cross, ++rise;
                if (c.fall != kLast) pending = true;
            } else if (section == Above && v <= level) {
                section = Below;
                ++cross, ++fall;
                if (c.rise != kLast) pending = true;
            }
            if (cross == c.cross || rise == c.rise || fall == c.fall) return crossing();
            if (pending) {
                if (c.cross == kDefault && c.rise == kDefault && c.fall == kDefault) return crossing();
                if (c.cross == kLast || c.rise == kLast || c.fall == kLast) {
                    measured = crossing();
                    have_last = true;
                }
                pending = false;
            }
        }
        ++first;
        pv = v;
        pv2 = v2;
        pt = s;
    }
    return have_last ? measured : kNaN;
}

// measure_at: linear interpolation at scale value `at`.
double measure_at(double at, const std::vector<double>& t, const std::vector<double>& d) {
    for (std::size_t i = 1; i < t.size(); ++i)
        if (t[i - 1] <= at && t[i] >= at) return d[i - 1] + (at - t[i - 1]) * (d[i] - d[i - 1]) / (t[i] - t[i - 1]);
    return kNaN;
}

// measure_minMaxAvg over the samples in [FROM, TO] (TO = 0: to the end); `at` receives the time of
// the extremum.
double measure_min_max_avg(const Cond& c, Fn fn, const std::vector<double>& t, const std::vector<double>& d,
                           double* at = nullptr) {
    bool first = true;
    double m = 0, m_at = 0, pv = 0, ps = 0, tsum = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const double v = d[i], s = t[i];
        if (s < c.from) continue;
        if (c.to != 0.0 && s > c.to) break;
        if (first) {
            first = false;
            m = fn == Fn::Avg ? 0.0 : v;
            m_at = s;
            pv = v;
            ps = s;
            continue;
        }
        if (fn == Fn::Min && v <= m) m = v, m_at = s;
        if (fn == Fn::Max && v >= m) m = v, m_at = s;
        if (fn == Fn::Avg) {
            m += 0.5 * (v + pv) * (s - ps);
            tsum += s - ps;
            pv = v;
            ps = s;
        }
    }
    if (first) return kNaN;
    if (at) *at = m_at;
    return fn == Fn::Avg ? m / tsum : m;
}

// measure_rms_integral: the window's end points interpolated, then Simpson 3/8, 1/3 or trapezoids
// depending on which neighbouring steps are equal, as ngspice does.
double measure_rms_integral(const Cond& c, bool rms, const std::vector<double>& t, const std::vector<double>& d) {
    std::vector<double> x, y;
    bool first = true;
    double from = kNaN, to = -1;
    auto lerp = [&](std::size_t i, double at) { return d[i - 1] + (d[i] - d[i - 1]) * (at - t[i - 1]) / (t[i] - t[i - 1]); };
    for (std::size_t i = 0; i < t.size(); ++i) {
        double v = d[i], s = t[i];
        if (s < c.from) continue;
        if (c.to != 0.0 && s > c.to) {
            if (i > 0 && !almost_equal_ulps(s, c.to, 100)) v = lerp(i, c.to), s = c.to;
            x.push_back(s);
            y.push_back(rms ? v * v : v);
            to = s;
            break;
        }
        if (first) {
            if (c.from != 0.0 && i > 0 && !almost_equal_ulps(s, c.from, 100)) v = lerp(i, c.from), s = c.from;
            from = s;
            first = false;
        }
        x.push_back(s);
        y.push_back(rms ? v * v : v);
    }
    if (x.empty()) return kNaN;
    const std::size_t n = x.size();
    std::vector<double> w(n + 1, 0.0);
    for (std::size_t i = 0; i + 1 < n; ++i) w[i] = x[i + 1] - x[i];
    double sum = 0;
    std::size_t i = 0;
    while (i + 1 < n) {
        if (almost_equal_ulps(w[i], w[i + 1], 100) && almost_equal_ulps(w[i], w[i + 2], 100)) {
            sum += 3 * w[i] * (y[i] + 3 * (y[i + 1] + y[i + 2]) + y[i + 3]) / 8.0;
            i += 3;
        } else if (almost_equal_ulps(w[i], w[i + 1], 100)) {
            sum += w[i] * (y[i] + 4 * y[i + 1] + y[i + 2]) / 3.0;
            i += 2;
        } else {
            sum += w[i] * (y[i] + y[i + 1]) / 2;
            i += 1;
        }
    }
    if (to < 0) to = t.back();
    return rms ? std::sqrt(sum / (to - from)) : sum;
}

}  // namespace

double evaluate_measure(const MeasureSpec& p, const std::vector<double>& t,
                        const std::function<std::vector<double>(const std::string&)>& values) {
    switch (p.fn) {
        case Fn::Trig: {
            double trig = p.a.at;
            if (trig == kUnset) {
                const auto a = values(p.a.vec);
                trig = measure_when(p.a, t, a, nullptr);
            }
            if (std::isnan(trig)) return kNaN;
            const auto b = values(p.b.vec);
            return measure_when(p.b, t, b, nullptr) - trig;
        }
        case Fn::Find: {
            double at = p.a.at;
            if (at == kUnset) {
                const auto w = values(p.b.vec);
                const auto w2 = p.b.vec2.empty() ? std::vector<double>{} : values(p.b.vec2);
                at = measure_when(p.b, t, w, p.b.vec2.empty() ? nullptr : &w2);
                if (std::isnan(at)) return kNaN;
            }
            return measure_at(at, t, values(p.a.vec));
        }
        case Fn::When: {
            const auto w = values(p.a.vec);
            const auto w2 = p.a.vec2.empty() ? std::vector<double>{} : values(p.a.vec2);
            return measure_when(p.a, t, w, p.a.vec2.empty() ? nullptr : &w2);
        }
        case Fn::Min:
        case Fn::Max:
        case Fn::Avg: return measure_min_max_avg(p.a, p.fn, t, values(p.a.vec));
        case Fn::MinAt:
        case Fn::MaxAt: {
            double at = kNaN;
            const double v = measure_min_max_avg(p.a, p.fn == Fn::MinAt ? Fn::Min : Fn::Max, t, values(p.a.vec), &at);
            return std::isnan(v) ? kNaN : at;
        }
        case Fn::Pp: {
            const auto d = values(p.a.vec);
            return measure_min_max_avg(p.a, Fn::Max, t, d) - measure_min_max_avg(p.a, Fn::Min, t, d);
        }
        case Fn::Rms:
        case Fn::Integ: return measure_rms_integral(p.a, p.fn == Fn::Rms, t, values(p.a.vec));
    }
    return kNaN;
}

}  // namespace nwn::analysis

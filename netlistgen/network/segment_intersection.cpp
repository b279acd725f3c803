#include "netlistgen/network/segment_intersection.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace nwn::net {

namespace {

// Error-free transformations (Knuth TwoSum, fma TwoProduct) and Shewchuk's grow-expansion: the sum of
// the six products of the expanded determinant is held exactly, so its sign is exact.
void two_sum(double a, double b, double& s, double& e) {
    s = a + b;
    const double bv = s - a;
    e = (a - (s - bv)) + (b - bv);
}

void grow(std::vector<double>& expansion, double b) {
    double q = b;
    std::size_t out = 0;
    for (double e : expansion) {
        double s, err;
        two_sum(q, e, s, err);
        q = s;
        if (err != 0.0) expansion[out++] = err;
    }
    expansion.resize(out);
    if (q != 0.0) expansion.push_back(q);
}

void add_product(std::vector<double>& expansion, double a, double b) {
    const double p = a * b;
    const double e = std::fma(a, b, -p);
    grow(expansion, p);
    grow(expansion, e);
}

int exact_orientation(Point a, Point b, Point c) {
    // det = ax·by − ax·cy + bx·cy − bx·ay + cx·ay − cx·by
    std::vector<double> ex;
    ex.reserve(16);
    add_product(ex, a.x, b.y);
    add_product(ex, -a.x, c.y);
    add_product(ex, b.x, c.y);
    add_product(ex, -b.x, a.y);
    add_product(ex, c.x, a.y);
    add_product(ex, -c.x, b.y);
    if (ex.empty()) return 0;
    // Components are non-overlapping and in increasing magnitude: the last one carries the sign.
    return ex.back() > 0 ? 1 : (ex.back() < 0 ? -1 : 0);
}

// c is collinear with a-b: is it within the closed bounding box of the segment?
bool within_box(Point a, Point b, Point c) {
    return std::min(a.x, b.x) <= c.x && c.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= c.y &&
           c.y <= std::max(a.y, b.y);
}

std::optional<Point> collinear_overlap(Point p1, Point p2, Point q1, Point q2) {
    // Project on the dominant axis of p; the segments are on one line, so one coordinate orders them.
    const bool use_x = std::abs(p2.x - p1.x) >= std::abs(p2.y - p1.y);
    auto key = [&](Point p) { return use_x ? p.x : p.y; };
    Point plo = p1, phi = p2, qlo = q1, qhi = q2;
    if (key(plo) > key(phi)) std::swap(plo, phi);
    if (key(qlo) > key(qhi)) std::swap(qlo, qhi);
    const Point lo = key(plo) >= key(qlo) ? plo : qlo;
    const Point hi = key(phi) <= key(qhi) ? phi : qhi;
    if (key(lo) > key(hi)) return std::nullopt;
    return Point{(lo.x + hi.x) / 2, (lo.y + hi.y) / 2};
}

}  // namespace

int orientation(Point a, Point b, Point c) {
    const double l = (b.x - a.x) * (c.y - a.y);
    const double r = (b.y - a.y) * (c.x - a.x);
    const double det = l - r;
    // Shewchuk's static filter for the float evaluation above, with slack for the differences.
    const double bound = 4.0e-15 * (std::abs(l) + std::abs(r));
    if (det > bound) return 1;
    if (-det > bound) return -1;
    return exact_orientation(a, b, c);
}

std::optional<Point> segment_intersection(Point p1, Point p2, Point q1, Point q2) {
    const int o1 = orientation(p1, p2, q1), o2 = orientation(p1, p2, q2);
    if (o1 != 0 && o1 == o2) return std::nullopt;
    const int o3 = orientation(q1, q2, p1), o4 = orientation(q1, q2, p2);
    if (o3 != 0 && o3 == o4) return std::nullopt;
    if (o1 == 0 && o2 == 0) return collinear_overlap(p1, p2, q1, q2);
    // Touching: an end point lies on the other wire (closed segments, like NWNsim's closed bounds).
    if (o1 == 0) return within_box(p1, p2, q1) ? std::optional<Point>(q1) : std::nullopt;
    if (o2 == 0) return within_box(p1, p2, q2) ? std::optional<Point>(q2) : std::nullopt;
    if (o3 == 0) return within_box(q1, q2, p1) ? std::optional<Point>(p1) : std::nullopt;
    if (o4 == 0) return within_box(q1, q2, p2) ? std::optional<Point>(p2) : std::nullopt;
    // Proper crossing: p1 + t (p2 − p1), t clamped against round-off.
    const double rx = p2.x - p1.x, ry = p2.y - p1.y, sx = q2.x - q1.x, sy = q2.y - q1.y;
    const double denom = rx * sy - ry * sx;
    double t = ((q1.x - p1.x) * sy - (q1.y - p1.y) * sx) / denom;
    t = std::clamp(t, 0.0, 1.0);
    return Point{p1.x + t * rx, p1.y + t * ry};
}

}  // namespace nwn::net

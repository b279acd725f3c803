// Where two wires touch. Decisions (cross, touch, collinear) use exact orientation predicates, so
// vertical, parallel, collinear and end-point-touching wires are classified without division by slopes
// or tolerances; only the returned point carries round-off.
//   - crossing or touching (an end point on the other wire, closed segments as in NWNsim): one junction
//     at the common point;
//   - collinear and overlapping: one junction at the midpoint of the overlap (the wires are in contact
//     along it; NWNsim's slope formula divides 0 by 0 there and finds none);
//   - parallel and apart, or collinear and disjoint: none.
#pragma once
#include <optional>

namespace nwn::net {

struct Point {
    double x, y;
};

// Sign (-1, 0, +1) of the orientation of (a, b, c): + when c lies left of a->b. Exact for all doubles.
int orientation(Point a, Point b, Point c);

std::optional<Point> segment_intersection(Point p1, Point p2, Point q1, Point q2);

}  // namespace nwn::net

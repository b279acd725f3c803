// Tight fixed-step integration of junction.h for one junction behind a series resistor, driven by a
// piecewise-linear source: the reference the SPICE flavours are compared with.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "devicemodel/hochstetter/hochstetter.h"

namespace nwn::test {

struct Pwl {
    std::vector<std::pair<double, double>> points;  // (t, V), t increasing
    double operator()(double t) const;
    std::string spice() const;  // "PWL(t0 v0 t1 v1 ...)"
};

struct JunctionTrace {
    double dt;
    std::vector<double> lambda;  // at t = k dt
    std::vector<double> vj;      // junction voltage
    double lambda_at(double t) const;
};

// Source -> R -> junction -> ground. The junction voltage is algebraic (V = Vs / (1 + G R)); lambda is
// integrated by classical RK4 at dt.
JunctionTrace integrate_junction(const nwn_junction_params& p, const Pwl& src, double r, double lambda0,
                                 double tstop, double dt);

}  // namespace nwn::test

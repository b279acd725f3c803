// A running estimate of the maximal Lyapunov exponent along a native run (Benettin with one copy): the
// reference and a copy eps away advance in lock step (NativeCopies, NWNsim's scheme); after each interval the
// separation's growth gives one rate ln(|δ|/eps)/interval, and the copy restarts eps away along δ. The rates
// are what nwn lyapunov averages; here a caller reads them as they come, to report λ along a task's own
// input (nwn reservoir --lyapunov) or to steer the drive (nwn edge-control).
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "runner/experiments/lyapunov/native_lyapunov.h"

namespace nwn::exp {

class RunningLyapunov {
public:
    // lambda0: the reference's initial states (empty: 0); the copy starts eps away along a random direction.
    RunningLyapunov(const net::Network& net, std::vector<net::ElectrodeRole> roles, const nwn_junction_params& params,
                    double dt, bool nwnsim_compat, double eps, std::uint64_t seed, std::vector<double> lambda0 = {});

    // Runs the steps of the global grid k·dt up to the one nearest the sum of all intervals so far (at least
    // one; duration >= dt/2),
    // calling each_step(t) after each, and renormalises; returns the interval's rate ln(|δ|/eps)/duration. A separation wiped out by
    // hard resets counts at the rounding floor (analysis::renormalise), and lost() says so.
    double advance(double duration, const std::function<void(double)>& each_step = {});
    // Runs only the reference (a transient; the copy follows it eps away).
    void advance_reference(double duration);

    NativeCopies& copies() { return copies_; }
    const analysis::State& reference() const { return states_[0]; }
    double time() const { return static_cast<double>(k_) * copies_.dt(); }
    bool lost() const { return lost_; }

private:
    long steps_until(double t_end) const;

    NativeCopies copies_;
    double eps_;
    std::vector<analysis::State> states_;
    long k_ = 0;          // steps taken
    double nominal_ = 0;  // the sum of the intervals asked for (s), which k_ follows to the nearest step
    bool lost_ = false;
};

}  // namespace nwn::exp

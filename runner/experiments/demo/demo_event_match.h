// Event-for-event comparison of two event trains of the same network (native engine against SPICE):
// each event of the first is paired with the nearest unpaired event of the second within a window.
#pragma once
#include <cstddef>
#include <vector>

namespace nwn::exp {

// SPICE switches a junction up to a few ms before NWNsim's 1 ms Euler does (the golden run: 1.4 ms).
inline constexpr double kEventMatchWindow = 5e-3;  // s

struct EventMatch {
    std::size_t a = 0, b = 0, matched = 0;
    double median_abs_dt = 0, mean_dt = 0;  // over matched pairs, b - a
    double fraction() const { return a ? static_cast<double>(matched) / static_cast<double>(a) : 0.0; }
};

// a and b ascending times (an event per entry; equal times for several events in one sample). The window
// is inclusive, to within rounding of the time stamps.
EventMatch match_events(const std::vector<double>& a, const std::vector<double>& b, double window);

}  // namespace nwn::exp

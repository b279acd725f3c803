// Electrode stimuli, one definition for both engines: each spec gives the ngspice source value and a
// value(t) that is the same waveform, so a deck and the native engine drive the network identically.
//   dc:V                      V
//   sine:AMP:FREQ[:PHASE]     AMP·sin(2π·FREQ·t + PHASE), PHASE in radians (NWNsim's AC)
//                             -> SIN(0 AMP FREQ 0 0 PHASE·180/π)
//   triangle:AMP:FREQ         NWNsim's ACsaw: symmetric triangle from 0, rising, peak AMP at t = 1/(4·FREQ),
//                             −AMP at 3/(4·FREQ) -> PWL through the corners up to tstop
//   square:AMP:FREQ[:DUTY]    NWNsim's Square with Aon = AMP, Aoff = −AMP (the NLT target): +AMP for the
//                             first DUTY % of each period (default 50), then −AMP -> PULSE; edges are
//                             linear ramps of 1e-6 period (SPICE needs finite edges; value(t) has them too)
//   pulse:V1:V2:WIDTH:PERIOD[:DELAY]
//                             V1, and V2 for WIDTH (flat top) every PERIOD from DELAY (default 0), edges of
//                             1e-6 PERIOD -> PULSE(V1 V2 DELAY e e WIDTH PERIOD)
//   ramp:V0:V1:T              V0 at t = 0 linearly to V1 at t = T, then held -> PWL(0 V0 T V1)
//   pwl:FILE.csv              columns t,V (header row), t strictly increasing; linear between points, held
//                             before the first and after the last -> PWL(...)
#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace nwn::net {

class Stimulus {
public:
    enum class Kind { Dc, Sine, Triangle, Square, Pulse, Ramp, Pwl };

    // Throws nwn::Error naming the spec and what is wrong with it. pwl files are read relative to base_dir.
    static Stimulus parse(const std::string& spec, const std::filesystem::path& base_dir = {});
    static Stimulus dc(double volts);
    // A PWL waveform from points (a column of a drive table); `spec` names where they came from. Throws
    // nwn::Error naming `spec` unless the times are finite, >= 0 and strictly increasing.
    static Stimulus from_points(const std::string& spec, std::vector<std::pair<double, double>> points);

    Kind kind() const { return kind_; }
    const std::string& spec() const { return spec_; }
    double value(double t) const;
    // The value of an independent source line (after the nodes), e.g. "DC 1.8", "SIN(0 1 0.5 0 0 0)".
    // tstop bounds the corner list of a triangle.
    std::string spice_source(double tstop) const;
    // Largest |value| (for reporting V* = V/(n·vset)).
    double peak() const;
    // AMP of a sine, triangle or square, signed as given; NaN for the other kinds.
    double amplitude() const;
    // Times where the waveform has a corner (for fixed-step engines that want to land on them), up to tstop.
    std::vector<double> breakpoints(double tstop) const;

private:
    Kind kind_ = Kind::Dc;
    std::string spec_;
    std::vector<double> p_;                          // the numeric fields, in spec order, with defaults filled
    std::vector<std::pair<double, double>> points_;  // pwl / ramp corners
};

}  // namespace nwn::net

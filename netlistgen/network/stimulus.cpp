#include "netlistgen/network/stimulus.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "common/error.h"
#include "common/csv_table.h"
#include "common/text_parse.h"

namespace nwn::net {

namespace {

constexpr double kEdgeFraction = 1e-6;  // of the period, for square and pulse edges
const double kPi = std::numbers::pi;
// Far beyond any junction dynamics, and it keeps phases (f·t up to 1e19 for the longest runs) and
// periods (1/f) finite; a subnormal frequency would give an infinite period.
constexpr double kMinFrequency = 1e-300, kMaxFrequency = 1e12;
// Corners a waveform may have up to tstop: a PWL or breakpoint list longer than this is a frequency
// too high for the run (and would otherwise fill memory, or never end when per vanishes against t).
constexpr double kMaxCorners = 1e6;

// ngspice's PULSE(V1 V2 TD TR TF PW PER), periodic from TD.
double pulse_value(double v1, double v2, double td, double tr, double tf, double pw, double per, double t) {
    if (t < td) return v1;
    double u = std::fmod(t - td, per);
    if (u < tr) return v1 + (v2 - v1) * u / tr;
    if ((u -= tr) <= pw) return v2;
    if ((u -= pw) < tf) return v2 + (v1 - v2) * u / tf;
    return v1;
}

double interpolate(const std::vector<std::pair<double, double>>& pts, double t) {
    if (t <= pts.front().first) return pts.front().second;
    if (t >= pts.back().first) return pts.back().second;
    const auto it = std::upper_bound(pts.begin(), pts.end(), t, [](double x, const auto& p) { return x < p.first; });
    const auto& [t1, v1] = *it;
    const auto& [t0, v0] = *(it - 1);
    return v0 + (v1 - v0) * (t - t0) / (t1 - t0);
}

std::string pwl_text(const std::vector<std::pair<double, double>>& pts) {
    std::string s = "PWL(";
    for (std::size_t k = 0; k < pts.size(); ++k)
        s += (k ? " " : "") + format_number(pts[k].first) + " " + format_number(pts[k].second);
    return s + ")";
}

std::string join(const std::vector<double>& v) {
    std::string s;
    for (std::size_t k = 0; k < v.size(); ++k) s += (k ? " " : "") + format_number(v[k]);
    return s;
}

struct Form {
    const char* name;
    std::size_t required, optional;
    const char* usage;
};

const Form kForms[] = {
    {"dc", 1, 0, "dc:V"},
    {"sine", 2, 1, "sine:AMP:FREQ[:PHASE]"},
    {"triangle", 2, 0, "triangle:AMP:FREQ"},
    {"square", 2, 1, "square:AMP:FREQ[:DUTY]"},
    {"pulse", 4, 1, "pulse:V1:V2:WIDTH:PERIOD[:DELAY]"},
    {"ramp", 3, 0, "ramp:V0:V1:T"},
    {"pwl", 1, 0, "pwl:FILE.csv"},
};

}  // namespace

Stimulus Stimulus::dc(double volts) { return parse("dc:" + format_number(volts)); }

Stimulus Stimulus::from_points(const std::string& spec, std::vector<std::pair<double, double>> points) {
    auto bad = [&](const std::string& why) { return Error("stimulus '" + spec + "': " + why); };
    if (points.empty()) throw bad("has no rows");
    for (std::size_t k = 0; k < points.size(); ++k) {
        if (!std::isfinite(points[k].first) || !std::isfinite(points[k].second))
            throw bad("row " + std::to_string(k + 1) + " is not finite");
        if (k > 0 && !(points[k].first > points[k - 1].first))
            throw bad("times must increase strictly (row " + std::to_string(k + 1) + ")");
    }
    if (points.front().first < 0) throw bad("times must be >= 0");
    Stimulus s;
    s.kind_ = Kind::Pwl;
    s.spec_ = spec;
    s.points_ = std::move(points);
    return s;
}

Stimulus Stimulus::parse(const std::string& spec, const std::filesystem::path& base_dir) {
    const auto fields = split(spec, ':');
    std::size_t form = 0;
    while (form < std::size(kForms) && fields[0] != kForms[form].name) ++form;
    if (form == std::size(kForms))
        throw Error("stimulus '" + spec + "': unknown kind '" + fields[0] +
                    "' (use dc, sine, triangle, square, pulse, ramp or pwl)");
    const Form& f = kForms[form];
    const std::size_t n = fields.size() - 1;
    if (n < f.required || n > f.required + f.optional)
        throw Error("stimulus '" + spec + "': expected " + f.usage);
    Stimulus s;
    s.kind_ = static_cast<Kind>(form);
    s.spec_ = spec;
    auto bad = [&](const std::string& why) { return Error("stimulus '" + spec + "': " + why + " (" + f.usage + ")"); };

    if (s.kind_ == Kind::Pwl) {
        std::filesystem::path file = fields[1];
        if (file.is_relative() && !base_dir.empty()) file = base_dir / file;
        const CsvTable t = read_csv(file);
        const auto tc = t.find("t"), vc = t.find("V");
        if (!tc || !vc) throw bad(file.string() + " needs columns t and V");
        std::vector<std::pair<double, double>> pts;
        for (const auto& row : t.rows) pts.push_back({row[*tc], row[*vc]});
        try {
            return from_points(spec, std::move(pts));
        } catch (const Error& e) {
            throw Error(std::string(e.what()) + " (" + f.usage + ")");
        }
    }
    for (std::size_t k = 1; k < fields.size(); ++k) s.p_.push_back(parse_number(fields[k], "stimulus '" + spec + "'"));
    auto check_frequency = [&](double f) {
        if (!(f > 0)) throw bad("the frequency must be > 0");
        if (!(f >= kMinFrequency && f <= kMaxFrequency))
            throw bad("the frequency must be in [" + format_number(kMinFrequency) + ", " +
                      format_number(kMaxFrequency) + "] Hz");
    };
    switch (s.kind_) {
        case Kind::Sine:
            if (s.p_.size() < 3) s.p_.push_back(0.0);
            [[fallthrough]];
        case Kind::Triangle:
            check_frequency(s.p_[1]);
            break;
        case Kind::Square:
            if (s.p_.size() < 3) s.p_.push_back(50.0);
            check_frequency(s.p_[1]);
            if (!(s.p_[2] > 0 && s.p_[2] < 100)) throw bad("the duty cycle must be in (0, 100) %");
            break;
        case Kind::Pulse:
            if (s.p_.size() < 5) s.p_.push_back(0.0);
            if (!(s.p_[3] > 0)) throw bad("the period must be > 0");
            if (!(s.p_[2] > 0) || !(s.p_[2] + 2 * kEdgeFraction * s.p_[3] < s.p_[3]))
                throw bad("the width must be > 0 and leave room for the edges within the period");
            if (s.p_[4] < 0) throw bad("the delay must be >= 0");
            break;
        case Kind::Ramp:
            if (!(s.p_[2] > 0)) throw bad("the ramp time must be > 0");
            s.points_ = {{0.0, s.p_[0]}, {s.p_[2], s.p_[1]}};
            break;
        default: break;
    }
    return s;
}

double Stimulus::value(double t) const {
    switch (kind_) {
        case Kind::Dc: return p_[0];
        case Kind::Sine: return p_[0] * std::sin(2 * kPi * p_[1] * t + p_[2]);
        case Kind::Triangle: {
            // Corners every quarter period: 0, +A, 0, −A, 0 ...; linear between them.
            const double q = 4 * p_[1] * t, k = std::floor(q), frac = q - k;
            static const double corner[5] = {0, 1, 0, -1, 0};
            const int i = static_cast<int>(std::fmod(k, 4.0));
            return p_[0] * (corner[i] + (corner[i + 1] - corner[i]) * frac);
        }
        case Kind::Square: {
            const double per = 1 / p_[1], e = kEdgeFraction * per, td = p_[2] / 100 * per;
            return pulse_value(p_[0], -p_[0], td, e, e, per - td - 2 * e, per, t);
        }
        case Kind::Pulse: {
            const double e = kEdgeFraction * p_[3];
            return pulse_value(p_[0], p_[1], p_[4], e, e, p_[2], p_[3], t);
        }
        case Kind::Ramp:
        case Kind::Pwl: return interpolate(points_, t);
    }
    return 0;
}

std::string Stimulus::spice_source(double tstop) const {
    switch (kind_) {
        case Kind::Dc: return "DC " + format_number(p_[0]);
        case Kind::Sine: return "SIN(0 " + format_number(p_[0]) + " " + format_number(p_[1]) + " 0 0 " +
                                format_number(p_[2] * 180 / kPi) + ")";
        case Kind::Triangle: {
            std::vector<std::pair<double, double>> pts;
            for (double t : breakpoints(tstop)) pts.push_back({t, value(t)});
            return pwl_text(pts);
        }
        case Kind::Square: {
            const double per = 1 / p_[1], e = kEdgeFraction * per, td = p_[2] / 100 * per;
            return "PULSE(" + join({p_[0], -p_[0], td, e, e, per - td - 2 * e, per}) + ")";
        }
        case Kind::Pulse: {
            const double e = kEdgeFraction * p_[3];
            return "PULSE(" + join({p_[0], p_[1], p_[4], e, e, p_[2], p_[3]}) + ")";
        }
        case Kind::Ramp:
        case Kind::Pwl: return pwl_text(points_);
    }
    return "";
}

double Stimulus::amplitude() const {
    return kind_ == Kind::Sine || kind_ == Kind::Triangle || kind_ == Kind::Square ? p_[0] : std::nan("");
}

double Stimulus::peak() const {
    switch (kind_) {
        case Kind::Dc:
        case Kind::Sine:
        case Kind::Triangle:
        case Kind::Square: return std::abs(p_[0]);
        case Kind::Pulse: return std::max(std::abs(p_[0]), std::abs(p_[1]));
        default: {
            double m = 0;
            for (const auto& pt : points_) m = std::max(m, std::abs(pt.second));
            return m;
        }
    }
}

std::vector<double> Stimulus::breakpoints(double tstop) const {
    std::vector<double> out;
    auto check_corners = [&](double corners) {
        if (!(corners <= kMaxCorners))
            throw Error("stimulus '" + spec_ + "': " + format_number(corners) + " corners up to tstop = " +
                        format_number(tstop) + " s, more than " + format_number(kMaxCorners) +
                        " (lower the frequency or the run time)");
    };
    switch (kind_) {
        case Kind::Triangle: {
            const double q = 1 / (4 * p_[1]);
            check_corners(tstop / q);
            for (long k = 0; k * q < tstop; ++k) out.push_back(k * q);
            out.push_back(std::ceil(tstop / q) * q);  // one corner at or past tstop closes the last segment
            break;
        }
        case Kind::Square:
        case Kind::Pulse: {
            const bool sq = kind_ == Kind::Square;
            const double per = sq ? 1 / p_[1] : p_[3], e = kEdgeFraction * per;
            const double td = sq ? p_[2] / 100 * per : p_[4], pw = sq ? per - td - 2 * e : p_[2];
            check_corners(4 * (tstop - td) / per);
            // td + k·per, not start += per: the sum stops moving once per is below start's rounding.
            for (long k = 0; td + k * per < tstop; ++k) {
                const double start = td + k * per;
                for (double c : {start, start + e, start + e + pw, start + 2 * e + pw})
                    if (c <= tstop) out.push_back(c);
            }
            break;
        }
        case Kind::Ramp:
        case Kind::Pwl:
            for (const auto& pt : points_)
                if (pt.first <= tstop) out.push_back(pt.first);
            break;
        default: break;
    }
    return out;
}

}  // namespace nwn::net

#include "runner/experiments/sweep/sweep_measure.h"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <sstream>

#include "common/error.h"
#include "netlistgen/text_parse.h"

namespace nwn::exp {

namespace {

constexpr double kUnset = 1e99;  // ngspice's "not given" for VAL and AT
constexpr int kDefault = -1, kLast = -2;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Whitespace-separated words, blanks around '=' removed and parentheses kept whole, as ngspice's
// front end hands a .meas line to com_measure2.
std::vector<std::string> measure_words(const std::string& text) {
    std::string joined;
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '(') ++depth;
        if (c == ')') --depth;
        if (c == '=' && depth == 0) {
            while (!joined.empty() && std::isspace(static_cast<unsigned char>(joined.back()))) joined.pop_back();
            joined += '=';
            while (i + 1 < text.size() && std::isspace(static_cast<unsigned char>(text[i + 1]))) ++i;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c)) && depth > 0) continue;
        joined += c;
    }
    std::vector<std::string> words;
    std::istringstream is(joined);
    for (std::string w; is >> w;) words.push_back(w);
    return words;
}

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

// com_measure2's struct measure: one condition on one vector.
struct Cond {
    std::string vec, vec2;
    double val = kUnset, td = 0, from = 0, to = 0, at = kUnset;
    int rise = kDefault, fall = kDefault, cross = kDefault;
};

enum class Fn { Trig, Find, When, Avg, Min, Max, MinAt, MaxAt, Rms, Pp, Integ };

struct Parsed {
    Fn fn;
    Cond a, b;  // Trig: a = trig, b = targ. Find: a = the found vector, b = its WHEN (unless AT)
};

struct Parser {
    const std::string& stmt;
    [[noreturn]] void fail(const std::string& why) const { throw Error(".meas tran " + stmt + ": " + why); }

    double number(const std::string& key, const std::string& text) const {
        std::string t = text;
        if (t.size() >= 2 && t.front() == '\'' && t.back() == '\'') t = t.substr(1, t.size() - 2);
        try {
            return net::parse_spice_number(t);
        } catch (const Error&) {
            fail(key + "=" + text + " is not a number (nwn evaluates measures after the run: use plain values, "
                                    "not expressions or {parameters})");
        }
    }

    void std_param(Cond& c, const std::string& word) const {
        const auto eq = word.find('=');
        if (eq == std::string::npos) {
            if (lower(word) == "last") {
                c.cross = kLast;
                c.rise = c.fall = kDefault;
                return;
            }
            fail("'" + word + "': expected KEY=VALUE");
        }
        const std::string key = lower(word.substr(0, eq)), value = word.substr(eq + 1);
        auto count = [&]() { return lower(value) == "last" ? kLast : static_cast<int>(std::floor(number(key, value) + 0.5)); };
        if (key == "rise") c.rise = count(), c.fall = c.cross = kDefault;
        else if (key == "fall") c.fall = count(), c.rise = c.cross = kDefault;
        else if (key == "cross") c.cross = count(), c.rise = c.fall = kDefault;
        else if (key == "val") c.val = number(key, value);
        else if (key == "td") c.td = number(key, value);
        else if (key == "from") c.from = number(key, value);
        else if (key == "to") c.to = number(key, value);
        else if (key == "at") c.at = number(key, value);
        else fail("no such parameter as '" + word.substr(0, eq) + "'");
    }

    // measure_parse_trigtarg: [vec] params...
    Cond trigtarg(const std::vector<std::string>& w, std::size_t b, std::size_t e, const char* what) const {
        Cond c;
        c.val = 0;  // ngspice's zeroed struct: VAL defaults to 0 here, unlike in WHEN
        if (b == e) fail(std::string("nothing after ") + what);
        std::size_t i = b;
        if (lower(w[i]).rfind("at", 0) != 0) c.vec = w[i++];
        for (; i < e; ++i) std_param(c, w[i]);
        return c;
    }

    Cond when(const std::vector<std::string>& w, std::size_t b, std::size_t e) const {
        if (b == e) fail("WHEN needs vec=value");
        Cond c;
        const auto eq = w[b].find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == w[b].size()) fail("WHEN needs vec=value, not '" + w[b] + "'");
        c.vec = w[b].substr(0, eq);
        const std::string rhs = w[b].substr(eq + 1);
        try {
            c.val = net::parse_spice_number(rhs);
        } catch (const Error&) {
            c.vec2 = rhs;  // another vector: the time where the two cross
        }
        for (std::size_t i = b + 1; i < e; ++i) std_param(c, w[i]);
        return c;
    }

    Parsed parse(const std::vector<std::string>& w) const {
        if (w.size() < 3) fail("expected NAME FUNCTION ...");
        const std::string fn = lower(w[1]);
        Parsed p{};
        const std::size_t n = w.size();
        auto find_word = [&](const char* key) {
            for (std::size_t i = 2; i < n; ++i)
                if (lower(w[i]) == key) return i;
            return n;
        };
        if (fn == "trig" || fn == "delay" || fn == "targ") {
            p.fn = Fn::Trig;
            const std::size_t targ = find_word("targ");
            if (targ == n) fail("TRIG needs a TARG clause");
            p.a = trigtarg(w, 2, targ, "TRIG");
            p.b = trigtarg(w, targ + 1, n, "TARG");
            for (const Cond* c : {&p.a, &p.b})
                if (c->rise == kDefault && c->fall == kDefault && c->cross == kDefault && c->at == kUnset)
                    fail("at, rise, fall or cross must be given in TRIG and TARG");
            if (p.b.vec.empty()) fail("TARG needs a vector");
            if (p.a.vec.empty() && p.a.at == kUnset) fail("TRIG needs a vector or AT=");
            if (p.a.from != 0 && p.b.from == 0) p.b.from = p.a.from;
            else if (p.b.from != 0 && p.a.from == 0) p.a.from = p.b.from;
        } else if (fn == "find") {
            p.fn = Fn::Find;
            const std::size_t wh = find_word("when");
            if (n < 4) fail("FIND needs a vector and AT= or WHEN");
            p.a.vec = w[2];
            if (wh == n) {
                const std::string kv = lower(w[3]);
                if (kv.rfind("at=", 0) != 0 || n != 4) fail("FIND vec needs AT=time or WHEN vec=value");
                p.a.at = number("at", w[3].substr(3));
            } else {
                if (wh != 3) fail("FIND takes one vector before WHEN");
                p.b = when(w, wh + 1, n);
            }
        } else if (fn == "when") {
            p.fn = Fn::When;
            p.a = when(w, 2, n);
        } else {
            static const std::pair<const char*, Fn> simple[] = {{"avg", Fn::Avg},     {"min", Fn::Min},
                                                                 {"max", Fn::Max},     {"min_at", Fn::MinAt},
                                                                 {"max_at", Fn::MaxAt}, {"rms", Fn::Rms},
                                                                 {"pp", Fn::Pp},       {"integ", Fn::Integ},
                                                                 {"integral", Fn::Integ}};
            bool known = false;
            for (const auto& [k, f] : simple)
                if (fn == k) p.fn = f, known = true;
            if (!known)
                fail("function '" + w[1] +
                     "' is not supported by nwn sweep (TRIG/TARG, WHEN, FIND, MIN, MAX, MIN_AT, MAX_AT, AVG, PP, RMS, "
                     "INTEG)");
            p.a = trigtarg(w, 2, n, w[1].c_str());
            if (p.a.vec.empty()) fail(w[1] + " needs a vector");
        }
        return p;
    }
};

// One vector of the series, with v(a,b) as a difference.
std::vector<double> vector_values(const io::TimeSeries& s, const std::string& name, const std::string& stmt) {
    if (auto k = find_vector(s, name); k != io::TimeSeries::npos) return s.columns[k];
    const std::string l = lower(name);
    if (l.size() > 3 && l.rfind("v(", 0) == 0 && l.back() == ')') {
        const auto comma = l.find(',');
        if (comma != std::string::npos) {
            const auto a = find_vector(s, "v(" + l.substr(2, comma - 2) + ")");
            const auto b = find_vector(s, "v(" + l.substr(comma + 1, l.size() - comma - 2) + ")");
            if (a != io::TimeSeries::npos && b != io::TimeSeries::npos) {
                std::vector<double> d(s.rows());
                for (std::size_t i = 0; i < d.size(); ++i) d[i] = s.columns[a][i] - s.columns[b][i];
                return d;
            }
        }
    }
    std::string have;
    for (std::size_t i = 0; i < s.names.size() && i < 12; ++i) have += (i ? ", " : "") + s.names[i];
    if (s.names.size() > 12) have += ", ...";
    throw Error(".meas tran " + stmt + ": no vector '" + name + "' in the run (" + have + ")");
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

std::size_t find_vector(const io::TimeSeries& series, const std::string& name) {
    if (auto k = series.find(name); k != io::TimeSeries::npos) return k;
    if (name.find('(') == std::string::npos) return series.find("v(" + name + ")");
    return io::TimeSeries::npos;
}

Measure parse_measure(const std::string& statement) {
    Measure m;
    m.words = measure_words(statement);
    for (std::size_t i = 0; i < m.words.size(); ++i) m.statement += (i ? " " : "") + m.words[i];
    Parser{m.statement}.parse(m.words);  // validates
    m.name = lower(m.words[0]);
    return m;
}

double evaluate_measure(const Measure& m, const io::TimeSeries& s) {
    const Parser parser{m.statement};
    const Parsed p = parser.parse(m.words);
    const std::size_t tk = s.find("t") != io::TimeSeries::npos ? s.find("t") : s.find("time");
    if (tk == io::TimeSeries::npos) throw Error(".meas tran " + m.statement + ": the run has no time column");
    const auto& t = s.columns[tk];
    auto values = [&](const std::string& v) { return vector_values(s, v, m.statement); };
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

}  // namespace nwn::exp

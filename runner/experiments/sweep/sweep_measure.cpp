#include "runner/experiments/sweep/sweep_measure.h"

#include <cctype>
#include <cmath>
#include <sstream>

#include "common/error.h"
#include "common/text_parse.h"
#include "runner/analysis/measure.h"

namespace nwn::exp {

namespace {

using Cond = analysis::MeasureCond;
using Fn = analysis::MeasureFn;
using Parsed = analysis::MeasureSpec;
constexpr double kUnset = analysis::kMeasureUnset;
constexpr int kDefault = analysis::kMeasureDefault, kLast = analysis::kMeasureLast;

using nwn::lower;

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

struct Parser {
    const std::string& stmt;
    [[noreturn]] void fail(const std::string& why) const { throw Error(".meas tran " + stmt + ": " + why); }

    double number(const std::string& key, const std::string& text) const {
        std::string t = text;
        if (t.size() >= 2 && t.front() == '\'' && t.back() == '\'') t = t.substr(1, t.size() - 2);
        try {
            return nwn::parse_spice_number(t);
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
            c.val = nwn::parse_spice_number(rhs);
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
    auto values = [&](const std::string& v) { return vector_values(s, v, m.statement); };
    return analysis::evaluate_measure(p, s.columns[tk], values);
}

}  // namespace nwn::exp

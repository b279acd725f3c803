#include "runner/experiments/sweep/sweep_params.h"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

#include "common/error.h"
#include "common/format.h"
#include "common/text_parse.h"

namespace nwn::exp {

namespace {

// Every point is a simulation run and a directory: 10^5 is already far more than a sweep can do,
// and the limit stops a typo (0:1:1e9, or a grid of a few long lists) from filling memory instead.
constexpr std::size_t kMaxPoints = 100000;

bool valid_name(const std::string& s) {
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
    return true;
}

// %.12g: an evenly spaced value prints as 0.02, not 0.020000000000000004.
std::string range_value(double x) { return fmt("%.12g", x); }

// start:stop:n[:log] when start and stop are numbers; false for anything else, which is then one list
// value (a stimulus such as "dc:1" or "sine:1:5").
bool parse_range(const std::string& spec, const std::string& text, std::vector<std::string>& out) {
    const auto f = nwn::split(text, ':');
    if (f.size() != 3 && !(f.size() == 4 && f[3] == "log")) return false;
    double a, b;
    try {
        a = nwn::parse_spice_number(f[0]);
        b = nwn::parse_spice_number(f[1]);
    } catch (const Error&) {
        return false;
    }
    const long long n = nwn::parse_integer(f[2], "--param " + spec + ": point count of start:stop:n");
    if (n < 1) throw Error("--param " + spec + ": a range needs a point count n >= 1");
    if (static_cast<unsigned long long>(n) > kMaxPoints)
        throw Error("--param " + spec + ": " + std::to_string(n) + " points, more than a sweep takes (" +
                    std::to_string(kMaxPoints) + ")");
    const bool log = f.size() == 4;
    if (log && (a <= 0 || b <= 0)) throw Error("--param " + spec + ": a log range needs start and stop > 0");
    for (long long k = 0; k < n; ++k) {
        const double u = n == 1 ? 0.0 : static_cast<double>(k) / static_cast<double>(n - 1);
        out.push_back(range_value(log ? std::pow(10.0, std::log10(a) + u * (std::log10(b) - std::log10(a)))
                                      : a + u * (b - a)));
    }
    return true;
}

}  // namespace

SweepParam parse_sweep_param(const std::string& spec) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos)
        throw Error("--param " + spec + ": expected NAME=v1,v2,... or NAME=start:stop:n[:log]");
    SweepParam p;
    p.name = nwn::trim(spec.substr(0, eq));
    if (!valid_name(p.name)) throw Error("--param " + spec + ": '" + p.name + "' is not a parameter name");
    const std::string rhs = nwn::trim(spec.substr(eq + 1));
    if (!parse_range(spec, rhs, p.values)) {
        for (auto& v : nwn::split(rhs, ',')) {
            v = nwn::trim(v);
            if (v.empty()) throw Error("--param " + spec + ": empty value");
            for (char c : v)
                if (std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == ';')
                    throw Error("--param " + spec + ": value '" + v + "' holds a blank, quote or ';'");
            p.values.push_back(v);
        }
    }
    std::set<std::string> seen;
    for (const auto& v : p.values)
        if (!seen.insert(v).second) throw Error("--param " + spec + ": value '" + v + "' is listed twice");
    return p;
}

std::string point_key(const std::vector<SweepParam>& params, const std::vector<std::string>& values) {
    std::string key;
    for (std::size_t i = 0; i < params.size(); ++i) key += (i ? ";" : "") + params[i].name + "=" + values[i];
    return key;
}

std::vector<SweepPoint> sweep_points(const std::vector<SweepParam>& params, bool grid) {
    if (params.empty()) throw Error("nothing to sweep: give at least one --param");
    // SPICE names are case-insensitive: r and R would both set the deck's one .param r.
    std::map<std::string, std::string> names;  // lower case -> as given
    for (const auto& p : params)
        if (const auto [it, fresh] = names.emplace(nwn::lower(p.name), p.name); !fresh)
            throw Error("--param " + p.name + " is given twice" +
                        (it->second == p.name ? std::string()
                                              : " (as " + it->second + " and " + p.name + ": parameter names are case-insensitive)"));
    std::vector<SweepPoint> points;
    if (!grid) {
        for (const auto& p : params)
            if (p.values.size() != params.front().values.size())
                throw Error("--list pairs the k-th values of every --param, but " + params.front().name + " has " +
                            std::to_string(params.front().values.size()) + " values and " + p.name + " has " +
                            std::to_string(p.values.size()) + " (use --grid for every combination)");
        for (std::size_t k = 0; k < params.front().values.size(); ++k) {
            SweepPoint pt;
            for (const auto& p : params) pt.values.push_back(p.values[k]);
            points.push_back(std::move(pt));
        }
    } else {
        std::size_t total = 1;
        for (const auto& p : params) {
            if (p.values.empty()) throw Error("--param " + p.name + " has no values");
            if (p.values.size() > kMaxPoints / total)
                throw Error("the grid of every --param combination has more than " + std::to_string(kMaxPoints) +
                            " points (use fewer values, or --list to pair them)");
            total *= p.values.size();
        }
        std::vector<std::size_t> idx(params.size(), 0);
        for (;;) {
            SweepPoint pt;
            for (std::size_t i = 0; i < params.size(); ++i) pt.values.push_back(params[i].values[idx[i]]);
            points.push_back(std::move(pt));
            std::size_t i = params.size();
            while (i > 0 && ++idx[i - 1] == params[i - 1].values.size()) idx[--i] = 0;
            if (i == 0) break;
        }
    }
    for (auto& pt : points) pt.key = point_key(params, pt.values);
    return points;
}

std::string stable_hash(const std::string& text) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

std::string point_dir_name(const std::vector<SweepParam>& params, const SweepPoint& point) {
    std::string name;
    bool plain = true;
    for (std::size_t i = 0; i < params.size(); ++i) {
        name += (i ? "_" : "") + params[i].name + "=" + point.values[i];
        for (char c : point.values[i])
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+')) plain = false;
    }
    if (plain && name.size() <= 80) return name;
    return "p" + stable_hash(point.key);
}

}  // namespace nwn::exp

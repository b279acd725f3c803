#include "option_limits.h"

#include <cmath>
#include <cstdint>
#include <map>
#include <sstream>
#include <typeinfo>

#include "common/error.h"
#include "common/text_parse.h"

namespace nwn::cli {

namespace {

namespace po = boost::program_options;

// Ranges wide enough for any real use and narrow enough that nothing downstream overflows, allocates
// without bound or loops forever. Times in s, states in V*s, sizes in um.
const std::map<std::string, OptionRange>& table() {
    static const std::map<std::string, OptionRange> t = {
        // time axes
        {"tstop", {0, 1e6, true}},
        {"tmax", {0, 1e3, true}},
        {"dt", {0, 1e3, false}},  // 0: avalanches' "from the run"
        {"tstep", {0, 1e3}},
        {"resample", {0, 1e3}},
        {"sample", {0, 1e3, true}},
        {"duration", {0, 1e7, true}},
        {"nlt-duration", {0, 1e7, true}},
        {"washout", {0, 1e7}},
        {"transient", {0, 1e7}},
        {"period", {0, 1e6}},
        {"tau", {0, 1e6}},
        {"periods", {0, 1e6, true}},
        {"skip", {0, 1e6}},
        {"wall-limit", {0, 1e9}},
        // Lyapunov / NLT
        {"eps", {0, 1}},
        {"exponents", {1, 1e4}},
        {"ridge", {0, 1e12}},
        {"train", {0, 1, true}},
        {"color-range", {0, 1e6, true}},
        {"min-r", {0, 1e300}},
        {"lambda-window", {0, 1e6, true}},
        // statistics
        {"resamples", {0, 1e6}},
        {"shape-bootstraps", {0, 1e5}},
        {"min-n", {1, 1e9}},
        {"pcrit", {0, 1}},
        {"xmin", {1, 1e15}},
        {"xmax", {1, 1e15}},
        {"thresh", {0, INFINITY, false, true}},  // inf = this threshold off
        {"rel-thresh", {0, INFINITY, false, true}},
        {"spike-thresh", {0, INFINITY, false, true}},
        // parallelism and seeds
        {"threads", {0, 1024}},
        {"jobs", {0, 1024}},
        {"seed", {0, 4294967295.0}},
        {"spread-seed", {0, 4294967295.0}},
        // networks
        {"wires", {1, 1e8}},
        {"density", {0, 1e3, true}},
        {"lx", {0, 1e7, true}},
        {"ly", {0, 1e7, true}},
        {"length-mean", {0, 1e7, true}},
        {"length-sd", {0, 1e7}},
        {"vstar", {0, 1e3, true}},
        {"ngspice-version", {30, 100}},
    };
    return t;
}

bool is_unsigned(const std::type_info& t) {
    return t == typeid(unsigned) || t == typeid(unsigned long) || t == typeid(unsigned long long) ||
           t == typeid(unsigned short);
}

// The option's value as a double, if it is numeric.
std::optional<double> numeric(const boost::any& v) {
    const auto& t = v.type();
    if (t == typeid(double)) return boost::any_cast<double>(v);
    if (t == typeid(float)) return boost::any_cast<float>(v);
    if (t == typeid(int)) return boost::any_cast<int>(v);
    if (t == typeid(long)) return static_cast<double>(boost::any_cast<long>(v));
    if (t == typeid(long long)) return static_cast<double>(boost::any_cast<long long>(v));
    if (t == typeid(unsigned)) return boost::any_cast<unsigned>(v);
    if (t == typeid(unsigned long)) return static_cast<double>(boost::any_cast<unsigned long>(v));
    if (t == typeid(unsigned long long)) return static_cast<double>(boost::any_cast<unsigned long long>(v));
    if (t == typeid(unsigned short)) return boost::any_cast<unsigned short>(v);
    return std::nullopt;
}

std::string key_of(const po::option& o) {
    // the long name; a short alias (-j) is stored under its long name by Boost
    return o.string_key;
}

[[noreturn]] void fail(const std::string& name, const std::string& text, const std::string& why) {
    throw po::error("option '--" + name + "': '" + text + "' " + why);
}

}  // namespace

std::optional<OptionRange> option_range(const std::string& name) {
    const auto& t = table();
    if (auto it = t.find(name); it != t.end()) return it->second;
    return std::nullopt;
}

std::string describe(const OptionRange& r) {
    std::ostringstream os;
    os.precision(10);
    os << (r.lo_open ? "(" : "[") << r.lo << ", " << r.hi << "]";
    return os.str();
}

bool in_range(const OptionRange& r, double x) {
    const bool below = r.lo_open ? !(x > r.lo) : !(x >= r.lo);
    return !below && (x <= r.hi || (r.inf_ok && std::isinf(x)));
}

void check_option_value(const std::string& name, double value) {
    const auto range = option_range(name);
    if (!std::isfinite(value) && !(range && range->inf_ok && value > 0))
        throw Error(name + " = " + nwn::format_number(value) + " must be a finite number");
    if (range && !in_range(*range, value))
        throw Error(name + " = " + nwn::format_number(value) + " is out of range " + describe(*range));
}

void check_numeric_options(const po::parsed_options& parsed, const po::variables_map& vm) {
    for (const auto& o : parsed.options) {
        const std::string name = key_of(o);
        if (o.unregistered || name.empty() || !vm.count(name)) continue;
        const auto& value = vm[name].value();
        const auto x = numeric(value);
        if (!x) continue;
        const std::string text = o.value.empty() ? "" : o.value.back();
        const auto range = option_range(name);
        if (is_unsigned(value.type()) && text.find('-') != std::string::npos)
            fail(name, text, "must be a whole number " + (range ? "in " + describe(*range) : std::string(">= 0")));
        if (!std::isfinite(*x) && !(range && range->inf_ok && *x > 0)) fail(name, text, "must be a finite number");
        if (range && !in_range(*range, *x)) fail(name, text, "is out of range " + describe(*range));
    }
}

}  // namespace nwn::cli

#include "runner/engine/engine_kind.h"

#include <algorithm>

#include "common/error.h"

namespace nwn::engine {

Engine parse_engine(const std::string& name, std::initializer_list<Engine> accepted) {
    for (Engine e : accepted)
        if (name == engine_name(e)) return e;
    std::string names;
    std::size_t k = 0;
    for (Engine e : accepted) {
        if (k > 0) names += k + 1 == accepted.size() ? " or " : ", ";
        names += engine_name(e);
        ++k;
    }
    throw Error("unknown engine '" + name + "' (" + names + ")");
}

const char* engine_name(Engine e) {
    switch (e) {
        case Engine::Libngspice: return "libngspice";
        case Engine::NgspiceCli: return "ngspice-cli";
        case Engine::Native: return "native";
    }
    return "?";
}

std::optional<net::Flavour> parse_flavour_choice(const std::string& name, bool allow_auto) {
    if (allow_auto && name == "auto") return std::nullopt;
    return net::parse_flavour(name);
}

std::string flavour_choice_name(const std::optional<net::Flavour>& f) { return f ? net::flavour_name(*f) : "auto"; }

}  // namespace nwn::engine

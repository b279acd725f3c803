#include "engine_options.h"

#include "runner/engine/ngspice_choice.h"

namespace nwn::cli {

namespace po = boost::program_options;

std::string preset_help(const std::string& preset_default, const std::string& prefix) {
    const std::string other = preset_default == "ac" ? "dc" : "ac";
    const std::string set = preset_default == "ac" ? "AC" : "DC";
    return prefix + "junction parameters: " + preset_default + " (NWNsim's " + set + " set) or " + other;
}

void EngineOptions::add_to(po::options_description& opts, const EngineOptionSet& set) {
    auto add = opts.add_options();
    if (!set.engine_help.empty())
        add("engine", po::value(&engine)->default_value(set.engine_default), set.engine_help.c_str());
    if (!set.flavour_help.empty())
        add("flavour", po::value(&flavour)->default_value(set.flavour_default), set.flavour_help.c_str());
    if (set.model) {
        std::string names;
        for (const auto& m : device::junction_models()) names += (names.empty() ? "" : " or ") + m.name;
        const std::string help = "junction model: " + names + " (docs/junction_models.md)";
        add("model", po::value(&model)->default_value(device::default_junction_model().name), help.c_str());
    }
    const std::string preset_text = preset_help(set.preset_default, set.preset_prefix);
    if (set.preset) add("preset", po::value(&preset)->default_value(set.preset_default), preset_text.c_str());
    if (set.param) add("param", po::value(&params)->composing(), kParamHelp);
    if (set.device_files) {
        add("cm", po::value(&cm), "path of nwnspice.cm (default: $NWN_CODEMODEL, then next to nwn)");
        add("lib", po::value(&lib), "path of the model's subcircuit library <device>.lib (default: $NWN_SUBCKT_LIB's "
                                    "directory, then next to nwn)");
    }
}

engine::Engine EngineOptions::engine_kind(std::initializer_list<engine::Engine> accepted) const {
    return engine::parse_engine(engine, accepted);
}

std::optional<net::Flavour> EngineOptions::flavour_kind(bool allow_auto) const {
    return engine::parse_flavour_choice(flavour, allow_auto);
}

net::Flavour EngineOptions::resolved_flavour() const { return engine::resolve_flavour(flavour_kind(true), !cm.empty()); }

const device::JunctionModel& EngineOptions::junction_model() const {
    return model.empty() ? device::default_junction_model() : device::junction_model(model);
}

std::optional<std::filesystem::path> EngineOptions::codemodel() const {
    return cm.empty() ? std::nullopt : std::optional<std::filesystem::path>(cm);
}

std::optional<std::filesystem::path> EngineOptions::subckt_library() const {
    return lib.empty() ? std::nullopt : std::optional<std::filesystem::path>(lib);
}

}  // namespace nwn::cli

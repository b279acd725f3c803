// --engine, --flavour, --model, --preset, --param, --cm and --lib: declared once for every command that takes them
// (run, lyapunov, nlt, phase-diagram, sweep, ensemble, netlist). Each command says which it offers, with
// its defaults and, where the meaning differs between commands, its own help text.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "netlistgen/netlist/netlist_writer.h"
#include "runner/engine/engine_kind.h"

namespace nwn::cli {

// The help texts shared by every command offering the option.
inline constexpr const char* kFlavourHelp =
    "SPICE junction device: auto (osdi where this build has its ngspice 46 and no --cm is given, else codemodel), "
    "codemodel (ngspice 39.3), osdi (the build's ngspice 46, KLU) or subckt";
inline constexpr const char* kParamHelp = "NAME=VALUE junction parameter override (repeatable)";

struct EngineOptionSet {
    std::string engine_default, engine_help;    // no --engine when the help is empty
    // One default for every command that runs SPICE (run, sweep, ensemble's members, lyapunov, nlt,
    // phase-diagram): auto, resolved by engine::resolve_flavour. nwn netlist, which writes decks for the
    // system's ngspice, says codemodel.
    std::string flavour_default = "auto";
    std::string flavour_help;                   // no --flavour when empty
    bool preset = false;                        // --preset (help: preset_help(preset_default, preset_prefix))
    std::string preset_default = "dc", preset_prefix;
    bool param = false;                         // --param (junction parameter overrides)
    bool model = false;                         // --model (junction model, devicemodel/models.def)
    bool device_files = false;                  // --cm and --lib
};

// "junction parameters: dc (NWNsim's DC set) or ac" for the default dc, the mirror for ac; `prefix` is
// put before it (e.g. "networks: ").
std::string preset_help(const std::string& preset_default, const std::string& prefix = "");

struct EngineOptions {
    std::string engine, flavour, model, preset, cm, lib;
    std::vector<std::string> params;

    void add_to(boost::program_options::options_description& opts, const EngineOptionSet& set);

    // The engine, of those a command runs; nwn::Error naming them otherwise.
    engine::Engine engine_kind(std::initializer_list<engine::Engine> accepted = {engine::Engine::Libngspice,
                                                                                 engine::Engine::NgspiceCli,
                                                                                 engine::Engine::Native}) const;
    // The flavour; none for "auto" where allow_auto.
    std::optional<net::Flavour> flavour_kind(bool allow_auto = false) const;
    // The flavour to run: "auto" resolved as nwn run resolves it (engine::resolve_flavour, --cm counting).
    net::Flavour resolved_flavour() const;
    // The --model named, the default model without --model; nwn::Error naming the models otherwise.
    const device::JunctionModel& junction_model() const;
    std::optional<std::filesystem::path> codemodel() const;      // --cm, when given
    std::optional<std::filesystem::path> subckt_library() const;  // --lib, when given
};

}  // namespace nwn::cli

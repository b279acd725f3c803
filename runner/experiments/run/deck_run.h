// `nwn run DECK.cir`: any ngspice deck (its own .tran), run by libngspice or the ngspice CLI, with every
// saved vector of the transient written to timeseries.csv (column "t" then ngspice's vector names),
// optionally run.raw, and run.json. nwnspice.cm is loaded first when it can be found, so decks that use
// nwnjunction run as they are.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "runner/experiments/run/network_run.h"

namespace nwn::exp {

struct DeckRunSpec {
    std::filesystem::path deck;
    Engine engine = Engine::Libngspice;  // libngspice or ngspice-cli
    bool raw = false;
    double wall_limit_s = 0;
    ProgressFn progress;  // fraction of the deck's tstop, out of 1
    std::optional<std::filesystem::path> codemodel;
    std::filesystem::path out;
    std::string command_line;
};

RunResult run_deck(const DeckRunSpec& spec);

}  // namespace nwn::exp

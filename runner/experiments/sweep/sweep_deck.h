// The decks of `nwn sweep DECK.cir`: for each point, a copy of the user's deck with the swept
// top-level .param values replaced (whatever else the deck computes from them follows), relative
// .include/.lib paths made absolute (the copy lives in the point's directory), and .meas statements
// commented out (nwn evaluates them on the recorded run: see sweep_measure.h).
#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "runner/experiments/sweep/sweep_measure.h"

namespace nwn::exp {

// Names of the deck's top-level .param definitions (lower case), in order of appearance.
std::vector<std::string> deck_param_names(const std::string& deck_text);

// Every top-level `.meas tran` / `.measure tran` statement (continuation lines joined). Throws for
// other analyses (ac, dc, sp) and for forms nwn cannot evaluate.
std::vector<Measure> deck_measures(const std::string& deck_text, const std::string& deck_name);

// Throws nwn::Error naming the deck when a name is not a top-level .param of it.
std::string point_deck(const std::string& deck_text, const std::filesystem::path& deck_dir,
                       const std::vector<std::pair<std::string, std::string>>& values, const std::string& deck_name);

}  // namespace nwn::exp

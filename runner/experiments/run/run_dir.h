// The directory of one `nwn run`: the files a run writes there, and clearing them before a new run so a
// reused --out never holds a new run.json beside an older run's raw file, deck or λ table.
#pragma once
#include <array>
#include <filesystem>
#include <vector>

namespace nwn::exp {

// run.json first: it is what marks a directory as a finished run, so it goes before anything else.
inline constexpr std::array<const char*, 9> kRunFiles = {"run.json",   "timeseries.csv", "lambda.csv",  "events.csv", "run.raw",
                                                         "deck.cir",   "ngspice.raw",    "ngspice.log", ".spiceinit"};

// Creates dir, or removes from it the files of kRunFiles left by an earlier run (a symlink is removed,
// never its target), except those that are one of this run's inputs (re-running DIR/deck.cir into DIR).
// Throws, naming the path, when dir is not a directory or one of those names is taken by a directory
// or a special file.
void prepare_run_dir(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& inputs = {});

}  // namespace nwn::exp

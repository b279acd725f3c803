// The members of an ensemble (ensemble.h): their networks, run commands, resumable state, junction
// events, and the pooling of their events for one group's avalanche analysis.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runner/experiments/avalanches/avalanche_analysis.h"
#include "runner/experiments/ensemble/ensemble.h"

namespace nwn::exp {

struct EnsembleMember {
    double lx = 0, vstar = 0;
    std::uint32_t seed = 0;
    int hops = 0;        // n, the source-drain hop distance
    double voltage = 0;  // V*·n·vset
    std::filesystem::path network, dir;
    std::string status;  // completed | failed | interrupted | pending
    std::string message;
};

// "100", "1.05": numbers as they appear in directory names.
std::string number_label(double x);

// The network of (lx, seed) at `file`, generated unless it exists; its hop distance n, or nullopt
// with `why` when the electrodes are not connected.
std::optional<int> prepare_network(const EnsembleSpec& spec, double lx, std::uint32_t seed,
                                   const std::filesystem::path& file, std::string& why);

// argv of the member's `nwn run`.
std::vector<std::string> member_command(const EnsembleSpec& spec, const EnsembleMember& m);

// Reads the member's run.json: sets status and message; true when it completed and its events are at
// hand (junction events: events.csv, counted now from lambda.csv if need be).
bool member_ready(const EnsembleSpec& spec, EnsembleMember& m);

// One event train per completed member (joins between members), in the given order.
EventTrains pooled_events(const EnsembleSpec& spec, const std::vector<const EnsembleMember*>& members,
                          const analysis::CriticalityOptions& opt);

}  // namespace nwn::exp

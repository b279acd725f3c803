// What each electrode does in a run. Every engine and the netlist writer read the same list, one role per
// network electrode in electrode order:
//   drive   a voltage source with a stimulus (stimulus.h), or a column of a drive table
//   ground  0 V; its current is recorded
//   float   no source: the electrode's node is left to the network; its voltage is recorded
//   load    a resistor of load_ohms to ground (a readout amplifier's input); its voltage and current are recorded
// Electrodes given no role are grounded. At least one electrode must hold the network to a reference (drive,
// ground or load), or its voltages would be undefined.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "netlistgen/network/network.h"
#include "netlistgen/network/stimulus.h"

namespace nwn::net {

enum class Role { Drive, Ground, Float, Load };
const char* role_name(Role r);  // "drive" | "ground" | "float" | "load"

struct ElectrodeRole {
    std::string electrode;  // the network electrode's name
    Role role = Role::Ground;
    std::optional<Stimulus> stimulus;  // drive
    double load_ohms = 0;              // load
};

// The roles as the command line gives them (the same options on every command that takes them).
struct RoleRequest {
    std::vector<std::string> drives;      // NAME=STIMULUS
    std::filesystem::path drive_table;    // CSV: a column t, then one column per driven electrode
    std::vector<std::string> ground;      // names, each entry a comma list
    std::vector<std::string> floating;    // names, each entry a comma list
    std::vector<std::string> loads;       // NAME=OHMS (SPICE suffixes: 10k, 1meg)
    bool empty() const {
        return drives.empty() && drive_table.empty() && ground.empty() && floating.empty() && loads.empty();
    }
    // The options again, for a child process's command line ("--drive", "a=dc:1", ...).
    std::vector<std::string> arguments() const;
};

// One role per electrode of `net`, in electrode order. `stimulus` drives the first electrode when the
// request names no drive (today's two-electrode runs: src driven, the rest grounded). Throws nwn::Error,
// naming the item, for an unknown electrode, an electrode given two roles, no reference (every electrode
// floating), a bad stimulus or load, and a drive table with a missing t column, a column for no electrode,
// missing, non-finite, unsorted or repeated values.
std::vector<ElectrodeRole> resolve_roles(const Network& net, const RoleRequest& request, const Stimulus& stimulus);

// The electrode whose voltage is a run's V (the first driven one; none when nothing is driven) and the one
// whose current is its I (the first other electrode that is not floating), as indices into the roles.
std::optional<std::size_t> primary_drive(const std::vector<ElectrodeRole>& roles);
std::optional<std::size_t> primary_drain(const std::vector<ElectrodeRole>& roles);

}  // namespace nwn::net

// --drive, --drive-table, --ground, --float and --load: the electrode roles (netlistgen/network/electrode_roles.h),
// declared once for every command that takes them (run, netlist).
#pragma once
#include <boost/program_options.hpp>

#include "netlistgen/network/electrode_roles.h"

namespace nwn::cli {

void add_role_options(boost::program_options::options_description& opts, net::RoleRequest& roles);

// Refuses --stimulus beside --drive or --drive-table: the stimulus drives the first electrode only when no
// drive is given, so both would leave one of them unused.
void check_stimulus_or_drives(const boost::program_options::variables_map& vm, const net::RoleRequest& roles);

}  // namespace nwn::cli

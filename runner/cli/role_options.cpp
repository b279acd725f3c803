#include "role_options.h"

namespace nwn::cli {

namespace po = boost::program_options;

void add_role_options(po::options_description& opts, net::RoleRequest& r) {
    opts.add_options()
        ("drive", po::value(&r.drives)->composing(),
         "NAME=STIMULUS: drive electrode NAME (repeatable; the --stimulus grammar, e.g. p0_0=sine:1:5). A single-wire "
         "contact is also named w<id>")
        ("drive-table", po::value(&r.drive_table),
         "CSV of data-driven inputs: a column t (s), then one column per driven electrode (V), linear between rows")
        ("ground", po::value(&r.ground)->composing(), "NAME,...: electrodes held at 0 V, their currents recorded (the default role)")
        ("float", po::value(&r.floating)->composing(), "NAME,...: electrodes with no source, their voltages recorded")
        ("load", po::value(&r.loads)->composing(),
         "NAME=R: a resistor of R ohms (10k, 1meg) from the electrode to ground instead of a hard ground (repeatable)");
}

void check_stimulus_or_drives(const po::variables_map& vm, const net::RoleRequest& roles) {
    const bool stimulus_given = vm.count("stimulus") && !vm["stimulus"].defaulted();
    if (stimulus_given && (!roles.drives.empty() || !roles.drive_table.empty()))
        throw po::error("give --stimulus (drives the first electrode) or --drive/--drive-table, not both");
}

}  // namespace nwn::cli

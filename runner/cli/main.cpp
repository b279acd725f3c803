// `nwn`: dispatches to the registered subcommands; errors become a message and a non-zero exit.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <boost/program_options/errors.hpp>

#include "command.h"
#include "common/cancel.h"
#include "runner/jobs/mpi_pool.h"
#include "nwn_config.h"

namespace {

void print_usage(std::ostream& os) {
    auto cmds = nwn::cli::command_registry();
    std::sort(cmds.begin(), cmds.end(), [](auto& a, auto& b) { return a.name < b.name; });
    os << "nwn " << NWN_VERSION << ": neuromorphic nanowire networks in SPICE\n\n"
       << "usage: nwn <command> [options]     (nwn <command> --help for its options)\n\ncommands:\n";
    for (const auto& c : cmds) {
        os << "  " << c.name << std::string(c.name.size() < 16 ? 16 - c.name.size() : 1, ' ')
           << c.summary << "\n";
    }
}

}  // namespace

namespace nwn::cli {
namespace {

// One command, argv without the program name: {"run", NET, ...}. In-process on MPI worker ranks too.
int dispatch(const std::vector<std::string>& argv) {
    const std::string name = argv.empty() ? "" : argv[0];
    const auto& cmds = command_registry();
    auto it = std::find_if(cmds.begin(), cmds.end(), [&](const Command& c) { return c.name == name; });
    if (it == cmds.end()) {
        std::cerr << "nwn: unknown command '" << name << "'\n\n";
        print_usage(std::cerr);
        return kExitUsage;
    }
    const std::vector<std::string> args(argv.begin() + 1, argv.end());
    try {
        const int status = it->run(args);
        std::cout.flush();
        if (!std::cout) {  // e.g. > /dev/full: the results did not arrive
            std::cerr << "nwn " << name << ": error: writing to standard output failed\n";
            return kExitFailure;
        }
        return status;
    } catch (const nwn::Cancelled&) {  // Ctrl-C or SIGTERM in a long loop: outputs so far are complete files
        std::cerr << "nwn " << name << ": interrupted\n";
        return kExitInterrupted;
    } catch (const boost::program_options::error& e) {
        std::cerr << "nwn " << name << ": " << e.what() << " (see nwn " << name << " --help)\n";
        return kExitUsage;
    } catch (const std::exception& e) {
        std::cerr << "nwn " << name << ": error: " << e.what() << "\n";
        return kExitFailure;
    }
}

// The commands whose jobs MPI worker ranks can run.
bool distributes(const std::string& name) { return name == "ensemble" || name == "sweep" || name == "phase-diagram"; }

}  // namespace
}  // namespace nwn::cli

int main(int argc, char** argv) {
    using namespace nwn::cli;
    std::unique_ptr<nwn::jobs::MpiSession> mpi;
    try {
        mpi = std::make_unique<nwn::jobs::MpiSession>(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "nwn: " << e.what() << "\n";
        return kExitUsage;
    }
    if (argc < 2) {
        print_usage(std::cerr);
        return kExitUsage;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        print_usage(std::cout);
        return kExitOk;
    }
    if (name == "--version") {
        std::cout << "nwn " << NWN_VERSION << "\n";
        return kExitOk;
    }
    if (mpi->active() && !distributes(name)) {
        if (mpi->rank() == 0)
            std::cerr << "nwn " << name << ": under MPI only ensemble, sweep and phase-diagram share out work; run it without mpirun\n";
        return kExitUsage;
    }
    if (mpi->active() && mpi->rank() > 0) return mpi->serve(dispatch);
    return dispatch(std::vector<std::string>(argv + 1, argv + argc));
}

// Subcommand registry of the `nwn` CLI. Each file in commands/ registers itself:
//   NWN_COMMAND(generate, "Generate a random nanowire network", run_generate);
// where run_generate(const std::vector<std::string>& args) parses its own options
// (Boost.Program_options, with --help) and returns the process exit code.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace nwn::cli {

using CommandFn = std::function<int(const std::vector<std::string>& args)>;

struct Command {
    std::string name;
    std::string summary;
    CommandFn run;
};

std::vector<Command>& command_registry();

struct CommandRegistrar {
    CommandRegistrar(std::string name, std::string summary, CommandFn run);
};

// Parses a subcommand's arguments (positional ones per `positional`), printing `options` and returning
// false when --help is given; otherwise checks required options (po::notify) and returns true.
bool parse_command_line(const std::vector<std::string>& args,
                        const boost::program_options::options_description& options,
                        const boost::program_options::positional_options_description& positional,
                        boost::program_options::variables_map& vm);
// The same for a command whose one positional argument is its --input option (a file).
bool parse_input_command_line(const std::vector<std::string>& args,
                              const boost::program_options::options_description& options,
                              boost::program_options::variables_map& vm);

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // the work failed (bad input, simulation error)
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitInterrupted = 130;

}  // namespace nwn::cli

#define NWN_COMMAND_CONCAT2(a, b) a##b
#define NWN_COMMAND_CONCAT(a, b) NWN_COMMAND_CONCAT2(a, b)
#define NWN_COMMAND(name, summary, fn) \
    static ::nwn::cli::CommandRegistrar NWN_COMMAND_CONCAT(nwn_cmd_reg_, __LINE__)(#name, summary, fn)

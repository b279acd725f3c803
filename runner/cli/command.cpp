#include "command.h"

#include <iostream>

namespace nwn::cli {

std::vector<Command>& command_registry() {
    static std::vector<Command> registry;
    return registry;
}

CommandRegistrar::CommandRegistrar(std::string name, std::string summary, CommandFn run) {
    command_registry().push_back({std::move(name), std::move(summary), std::move(run)});
}

bool parse_command_line(const std::vector<std::string>& args,
                        const boost::program_options::options_description& options,
                        const boost::program_options::positional_options_description& positional,
                        boost::program_options::variables_map& vm) {
    namespace po = boost::program_options;
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    if (vm.count("help")) {
        std::cout << options << "\n";
        return false;
    }
    po::notify(vm);
    return true;
}

}  // namespace nwn::cli

#include "command.h"

namespace nwn::cli {

std::vector<Command>& command_registry() {
    static std::vector<Command> registry;
    return registry;
}

CommandRegistrar::CommandRegistrar(std::string name, std::string summary, CommandFn run) {
    command_registry().push_back({std::move(name), std::move(summary), std::move(run)});
}

}  // namespace nwn::cli

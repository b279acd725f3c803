#include "command.h"

#include <iostream>

#include "option_limits.h"

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
    const auto parsed = po::command_line_parser(args).options(options).positional(positional).run();
    po::store(parsed, vm);
    if (vm.count("help")) {
        std::cout << options << "\n";
        std::string ranges;
        for (const auto& o : options.options())
            if (const auto r = option_range(o->long_name())) ranges += "  --" + o->long_name() + " " + describe(*r) + "\n";
        if (!ranges.empty()) std::cout << "ranges (numbers finite unless the range says inf; counts whole numbers):\n" << ranges << "\n";
        return false;
    }
    check_numeric_options(parsed, vm);
    po::notify(vm);
    return true;
}

bool parse_input_command_line(const std::vector<std::string>& args,
                              const boost::program_options::options_description& options,
                              boost::program_options::variables_map& vm) {
    boost::program_options::positional_options_description pos;
    pos.add("input", 1);
    return parse_command_line(args, options, pos, vm);
}

}  // namespace nwn::cli

// Simulator settings that depend on the target ngspice, kept in one place so tuning them is one edit.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace nwn::net {

// The sparse solver of a deck: KLU from ngspice 42 on (Auto), or forced either way where it exists.
enum class SparseSolver { Auto, Klu, Sparse };
SparseSolver parse_sparse_solver(const std::string& name);  // "auto" | "klu" | "sparse"

// The .options lines (with a comment saying why) of a standalone deck for ngspice <major>.
std::vector<std::string> deck_solver_options(int ngspice_major, SparseSolver solver = SparseSolver::Auto);

// ngspice 39 lower-cases `pre_codemodel` lines (checked: /A/B.cm is looked up as /a/b.cm, and quoting
// does not help), so a deck can load the code model itself only from a path without upper-case letters.
bool pre_codemodel_can_load(const std::filesystem::path& codemodel);

// A .spiceinit that loads the code model, or the OSDI device when the path ends in .osdi (`codemodel` /
// `osdi` lines keep their case); ngspice reads it from the directory it is started in, or from $HOME.
std::string spiceinit_text(const std::filesystem::path& device);

// The ngspice command that loads a code model (.cm) or an OSDI device (.osdi): codemodel 'PATH' or
// osdi 'PATH'. ngspice's lexer keeps spaces inside single quotes and drops the quotes (double quotes
// stay part of the word); what its later passes still interpret ($ variables, globbing, quotes) is
// refused with an error naming the character.
std::string device_load_command(const std::filesystem::path& device);

}  // namespace nwn::net

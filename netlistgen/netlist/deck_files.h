// What a SPICE deck reads before ngspice sees it: the deck and, recursively, the files its .include /
// .inc and `.lib FILE SECTION` lines name. ngspice (39.3 and 46, in-process) recurses without end on a
// deck that includes itself and crashes, and blocks on a FIFO or reads /dev/zero without end: such decks
// are refused here, with the file and line at fault, before ngspice is given them.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace nwn::net {

inline constexpr int kMaxIncludeDepth = 32;  // nested .include/.lib levels below the deck

struct DeckScan {
    std::vector<std::filesystem::path> files;  // the deck, then each file it reads (once each)
    std::vector<std::string> analyses;         // analysis cards outside .control blocks, lower case (".tran", ".ac", ...)
    bool control = false;                      // a .control block, whose commands may run analyses of their own
};

// Throws nwn::Error naming FILE:LINE for a file that is not a regular file (check_input_file) or larger than
// nwn reads (read_file), an include cycle (the chain of files is named) and nesting deeper than
// kMaxIncludeDepth. A relative name is resolved as ngspice does: against the including file's directory,
// then the current directory; an included name that resolves to no file is left to ngspice, which
// reports it. Lines inside .control blocks are not followed.
DeckScan scan_deck(const std::filesystem::path& deck);

}  // namespace nwn::net

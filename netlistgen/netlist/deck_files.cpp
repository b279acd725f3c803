#include "netlistgen/netlist/deck_files.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/text_parse.h"

namespace nwn::net {

namespace fs = std::filesystem;

namespace {

// The first word of a line and, for .include/.lib, the file name that follows (quotes removed).
struct Card {
    std::string word;  // lower case
    std::string arg1, arg2;
};

Card card_of(const std::string& line) {
    Card c;
    std::size_t p = line.find_first_not_of(" \t");
    if (p == std::string::npos) return c;
    std::size_t e = line.find_first_of(" \t", p);
    c.word = lower(line.substr(p, e == std::string::npos ? std::string::npos : e - p));
    auto next = [&](std::size_t from, std::string& out) {
        std::size_t b = line.find_first_not_of(" \t", from);
        if (b == std::string::npos) return std::string::npos;
        if (line[b] == '"' || line[b] == '\'') {
            const std::size_t q = line.find(line[b], b + 1);
            out = line.substr(b + 1, q == std::string::npos ? std::string::npos : q - b - 1);
            return q == std::string::npos ? std::string::npos : q + 1;
        }
        std::size_t f = line.find_first_of(" \t", b);
        out = line.substr(b, f == std::string::npos ? std::string::npos : f - b);
        return f;
    };
    if (e != std::string::npos) {
        const std::size_t after = next(e, c.arg1);
        if (after != std::string::npos) next(after, c.arg2);
    }
    return c;
}

// ngspice takes ".inc" and anything longer starting with it (".include", ".incl") as an include.
bool is_include(const std::string& word) { return word.rfind(".inc", 0) == 0; }

bool is_analysis(const std::string& w) {
    static const std::set<std::string> cards{".tran", ".ac", ".dc", ".op", ".noise", ".tf", ".sens", ".pz", ".disto", ".sp", ".pss"};
    return cards.count(w) != 0;
}

fs::path resolve(const std::string& name, const fs::path& including_dir) {
    fs::path p = name;
    if (name.rfind("~/", 0) == 0)
        if (const char* home = std::getenv("HOME")) p = fs::path(home) / name.substr(2);
    if (p.is_absolute()) return p;
    std::error_code ec;
    if (fs::exists(including_dir / p, ec)) return including_dir / p;
    return p;  // the current directory, as ngspice tries next
}

struct Scanner {
    DeckScan out;
    std::set<std::pair<fs::path, std::string>> done;   // (file, section) scanned
    std::vector<std::pair<fs::path, std::string>> stack;  // the chain being scanned

    std::string chain(const fs::path& to) const {
        std::string s;
        for (const auto& [f, sec] : stack) s += f.filename().string() + (sec.empty() ? "" : " (" + sec + ")") + " -> ";
        return s + to.filename().string();
    }

    // Scans `file` (its `section` only when not empty); `where` names the line that asked for it.
    void scan(const fs::path& file, const std::string& section, bool top, const std::string& where) {
        auto fail = [&](const std::string& msg) { throw Error(where.empty() ? msg : where + ": " + msg); };
        std::error_code ec;
        fs::path key = fs::weakly_canonical(fs::absolute(file, ec), ec);
        if (ec) key = file;
        const auto id = std::make_pair(key, lower(section));
        if (std::find(stack.begin(), stack.end(), id) != stack.end())
            fail(file.string() + " includes itself (" + chain(file) + "); ngspice would recurse without end");
        if (static_cast<int>(stack.size()) > kMaxIncludeDepth)
            fail("more than " + std::to_string(kMaxIncludeDepth) + " nested .include/.lib levels (" + chain(file) + ")");
        if (done.count(id)) return;
        if (!top && !fs::exists(file, ec)) return;  // ngspice reports a missing file itself
        std::string text;
        try {
            text = read_file(file);
        } catch (const Error& e) {
            fail(e.what());
        }
        done.insert(id);
        if (std::find(out.files.begin(), out.files.end(), file) == out.files.end()) out.files.push_back(file);
        stack.push_back(id);
        const fs::path dir = fs::absolute(file, ec).parent_path();
        const auto lines = split_lines(text);
        bool control = false, in_section = section.empty();
        for (std::size_t i = top ? 1 : 0; i < lines.size(); ++i) {  // a deck's first line is its title
            const Card c = card_of(lines[i]);
            if (c.word.empty() || c.word[0] == '*') continue;
            if (c.word == ".control") control = out.control = true;
            if (c.word == ".endc") control = false;
            if (control) continue;
            if (!section.empty()) {  // a library file: only the lines of the section asked for
                if (c.word == ".lib" && c.arg2.empty() && lower(c.arg1) == lower(section)) in_section = true;
                else if (c.word == ".endl" && in_section) break;
                if (!in_section || (c.word == ".lib" && c.arg2.empty())) continue;
            }
            if (is_analysis(c.word)) out.analyses.push_back(c.word);
            const std::string here = file.string() + ":" + std::to_string(i + 1);
            if (is_include(c.word) && !c.arg1.empty()) {
                scan(resolve(c.arg1, dir), "", false, here);
            } else if (c.word == ".lib" && !c.arg2.empty()) {
                scan(resolve(c.arg1, dir), c.arg2, false, here);
            }
        }
        stack.pop_back();
    }
};

}  // namespace

DeckScan scan_deck(const fs::path& deck) {
    Scanner s;
    s.scan(deck, "", true, "");
    return std::move(s.out);
}

}  // namespace nwn::net

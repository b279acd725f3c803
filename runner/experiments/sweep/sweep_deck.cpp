#include "runner/experiments/sweep/sweep_deck.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "common/error.h"
#include "common/text_parse.h"

namespace nwn::exp {

namespace {

using nwn::lower;

bool blank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

struct Assignment {
    std::string name;         // lower case
    std::size_t value_begin;  // span of the value text in the line
    std::size_t value_end;
};

// The name=value assignments of a .param line from `pos` on; values may be {braced} or 'quoted' and
// hold blanks then.
std::vector<Assignment> assignments(const std::string& line, std::size_t pos) {
    std::vector<Assignment> out;
    const std::size_t n = line.size();
    while (pos < n) {
        while (pos < n && blank(line[pos])) ++pos;
        const std::size_t nb = pos;
        while (pos < n && !blank(line[pos]) && line[pos] != '=') ++pos;
        if (pos == nb) break;
        Assignment a{lower(line.substr(nb, pos - nb)), 0, 0};
        while (pos < n && blank(line[pos])) ++pos;
        if (pos >= n || line[pos] != '=') break;
        ++pos;
        while (pos < n && blank(line[pos])) ++pos;
        a.value_begin = pos;
        if (pos < n && (line[pos] == '{' || line[pos] == '\'')) {
            const char close = line[pos] == '{' ? '}' : '\'';
            const std::size_t e = line.find(close, pos + 1);
            pos = e == std::string::npos ? n : e + 1;
        } else {
            while (pos < n && !blank(line[pos])) ++pos;
        }
        a.value_end = pos;
        out.push_back(a);
    }
    return out;
}

enum class Card { Other, Param, ParamContinued, Include, Meas, MeasContinued };

// Walks the deck's lines (title excluded), tracking .subckt nesting and continuation lines.
template <typename F>
void for_each_card(std::vector<std::string>& lines, F&& f) {
    int depth = 0;
    Card previous = Card::Other;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::string& l = lines[i];
        std::istringstream is(l);
        std::string word;
        is >> word;
        const std::string card = lower(word);
        if (card == ".subckt") ++depth;
        if (card == ".ends") depth = std::max(0, depth - 1);
        Card kind = Card::Other;
        if (!l.empty() && l[0] == '+') {
            if (previous == Card::Param || previous == Card::ParamContinued) kind = Card::ParamContinued;
            if (previous == Card::Meas || previous == Card::MeasContinued) kind = Card::MeasContinued;
        } else if (card == ".param") {
            kind = Card::Param;
        } else if (card == ".include" || card == ".inc" || card == ".lib") {
            kind = Card::Include;
        } else if (card == ".meas" || card == ".measure") {
            kind = Card::Meas;
        } else if (!card.empty() && card[0] == '*') {
            continue;  // comments do not break a continuation
        }
        previous = kind;
        if (depth == 0) f(l, kind, card);
    }
}

// The deck's lines, without the '\r' of a CRLF file.
std::vector<std::string> deck_lines(const std::string& text) {
    auto lines = nwn::split_lines(text);
    for (auto& l : lines)
        if (!l.empty() && l.back() == '\r') l.pop_back();
    return lines;
}

std::size_t after_card(const std::string& line, Card kind) {
    if (kind == Card::ParamContinued) return 1;
    std::size_t p = 0;
    while (p < line.size() && blank(line[p])) ++p;
    while (p < line.size() && !blank(line[p])) ++p;
    return p;
}

}  // namespace

std::vector<std::string> deck_param_names(const std::string& deck_text) {
    auto lines = deck_lines(deck_text);
    std::vector<std::string> names;
    for_each_card(lines, [&](std::string& l, Card kind, const std::string&) {
        if (kind != Card::Param && kind != Card::ParamContinued) return;
        for (const auto& a : assignments(l, after_card(l, kind)))
            if (std::find(names.begin(), names.end(), a.name) == names.end()) names.push_back(a.name);
    });
    return names;
}

std::vector<Measure> deck_measures(const std::string& deck_text, const std::string& deck_name) {
    auto lines = deck_lines(deck_text);
    std::vector<std::string> statements;
    for_each_card(lines, [&](std::string& l, Card kind, const std::string&) {
        if (kind == Card::Meas) statements.push_back(l.substr(after_card(l, kind)));
        if (kind == Card::MeasContinued && !statements.empty()) statements.back() += " " + l.substr(1);
    });
    std::vector<Measure> out;
    for (const auto& st : statements) {
        std::istringstream is(st);
        std::string analysis, rest;
        is >> analysis;
        if (lower(analysis) != "tran")
            throw Error(deck_name + ": .meas " + st + ": nwn sweep evaluates .meas tran statements only");
        std::getline(is, rest);
        out.push_back(parse_measure(rest));
    }
    return out;
}

std::string point_deck(const std::string& deck_text, const std::filesystem::path& deck_dir,
                       const std::vector<std::pair<std::string, std::string>>& values, const std::string& deck_name) {
    const auto known = deck_param_names(deck_text);
    for (const auto& [name, value] : values)
        if (std::find(known.begin(), known.end(), lower(name)) == known.end()) {
            std::string have;
            for (const auto& k : known) have += (have.empty() ? "" : ", ") + k;
            throw Error(deck_name + " has no top-level .param " + name + " to sweep (add `.param " + name +
                        "=...` and use {" + name + "} where it matters" +
                        (have.empty() ? ")" : "; its .params: " + have + ")"));
        }
    auto lines = deck_lines(deck_text);
    for_each_card(lines, [&](std::string& l, Card kind, const std::string& card) {
        if (kind == Card::Param || kind == Card::ParamContinued) {
            auto as = assignments(l, after_card(l, kind));
            // right to left, so earlier spans stay valid
            for (auto it = as.rbegin(); it != as.rend(); ++it)
                for (const auto& [name, value] : values)
                    if (lower(name) == it->name) l.replace(it->value_begin, it->value_end - it->value_begin, value);
        } else if (kind == Card::Meas || kind == Card::MeasContinued) {
            l = "* (evaluated by nwn sweep) " + l;
        } else if (kind == Card::Include) {
            std::size_t p = after_card(l, kind);
            while (p < l.size() && blank(l[p])) ++p;
            if (p >= l.size()) return;
            const bool quoted = l[p] == '"';
            const std::size_t b = quoted ? p + 1 : p;
            std::size_t e = quoted ? l.find('"', b) : b;
            if (!quoted)
                while (e < l.size() && !blank(l[e])) ++e;
            if (e == std::string::npos) return;
            const std::filesystem::path file = l.substr(b, e - b);
            // `.lib name` without a path is a section header inside a library file, not a file
            if (file.is_absolute() || (card == ".lib" && !std::filesystem::exists(deck_dir / file))) return;
            l.replace(b, e - b, (deck_dir / file).lexically_normal().string());
        }
    });
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

}  // namespace nwn::exp

#include "runner/engine/ngspice_output.h"

#include <cctype>
#include <sstream>

#include "runner/io/vector_names.h"
#include "common/text_parse.h"

namespace nwn::engine {

std::pair<char, std::string_view> split_stream(std::string_view line) {
    if (line.starts_with("stderr ")) return {'e', line.substr(7)};
    if (line.starts_with("stdout ")) return {'o', line.substr(7)};
    if (line == "stderr") return {'e', {}};
    if (line == "stdout") return {'o', {}};
    return {'?', line};
}

bool is_error_text(std::string_view text) {
    std::string l = nwn::lower(nwn::trim(std::string(text)));
    if (l.empty()) return false;
    if (l.starts_with("warning") || l.starts_with("note")) return false;
    static const char* const patterns[] = {
        "error",           "unknown",        "could not",          "couldn't",
        "can't find",      "cannot",         "undefined",          "not parsed",
        "no circuit",      "aren't any circuits", "timestep too small", "aborted",
        "not found",       "not started",    "unrecognized",       "too few",
        "not enough",      "no such",
    };
    for (const char* p : patterns)
        if (l.find(p) != std::string::npos) return true;
    return false;
}

std::string extract_errors(const std::vector<std::string>& lines, bool stderr_only) {
    std::vector<std::string> texts;
    for (const auto& line : lines) {
        auto [stream, text] = split_stream(line);
        if (stderr_only && stream != 'e') continue;
        std::string t = nwn::trim(std::string(text));
        if (t.empty() || t.starts_with("Reference value")) continue;
        texts.push_back(std::move(t));
    }
    std::size_t first = texts.size();
    for (std::size_t i = 0; i < texts.size(); ++i)
        if (is_error_text(texts[i])) {
            first = i;
            break;
        }
    if (first == texts.size()) return {};
    std::size_t begin = first;
    if (first > 0 && !texts[first - 1].empty() && texts[first - 1].back() == ':' &&
        !is_error_text(texts[first - 1]))
        begin = first - 1;
    std::string msg;
    std::size_t shown = 0;
    for (std::size_t i = begin; i < texts.size() && shown < 8; ++i) {
        // after the first few lines keep only further error lines (skip gmin-stepping chatter)
        if (i > first + 3 && !is_error_text(texts[i])) continue;
        if (!msg.empty()) msg += '\n';
        msg += texts[i];
        ++shown;
    }
    if (msg.size() > 2000) msg = msg.substr(0, 2000) + " …";
    return msg;
}

std::string ngspice_error_lines(const std::string& log) {
    std::istringstream is(log);
    std::string out;
    for (std::string l; std::getline(is, l);)
        if (is_error_text(l)) out += (out.empty() ? "" : "\n") + l;
    return out;
}

std::string singular_matrix_hint(const std::string& output) {
    static constexpr std::string_view key = "singular matrix:";
    const auto at = output.find(key);
    if (at == std::string::npos) return {};
    std::string rest = output.substr(at + key.size(), output.find('\n', at) - at - key.size());
    const auto first = rest.find_first_not_of(" \t");
    rest = first == std::string::npos ? std::string() : rest.substr(first);
    return "the circuit matrix is singular (ngspice: " + (rest.empty() ? std::string("no node named") : rest) +
           "): a loop of voltage sources, a node with no DC path to ground, or a source shorted by another";
}

std::string parse_ngspice_version(const std::vector<std::string>& lines) {
    static constexpr std::string_view tag = "ngspice-";
    for (const auto& line : lines) {
        const std::string_view text = split_stream(line).second;
        for (auto at = text.find(tag); at != std::string_view::npos; at = text.find(tag, at + 1)) {
            std::string_view v = text.substr(at + tag.size());
            if (v.empty() || !std::isdigit(static_cast<unsigned char>(v[0]))) continue;
            std::size_t n = 0;
            while (n < v.size() && !std::isspace(static_cast<unsigned char>(v[n])) && v[n] != ':' && v[n] != ',')
                ++n;
            while (n > 0 && v[n - 1] == '.') --n;
            return std::string(v.substr(0, n));
        }
    }
    return {};
}

}  // namespace nwn::engine

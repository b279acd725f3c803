#include "runner/io/vector_names.h"

#include <algorithm>
#include <cctype>

#include "common/text_parse.h"

namespace nwn::io {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string canonical_vector_name(std::string_view name) {
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
    std::string s = nwn::lower(name);
    if (s.size() > 3 && s[1] == '(' && s.back() == ')') {
        std::string inner = s.substr(2, s.size() - 3);
        inner.erase(0, inner.find_first_not_of(" \t"));
        inner.erase(inner.find_last_not_of(" \t") + 1);
        if (s[0] == 'v' && inner.find(',') == std::string::npos) return inner;
        if (s[0] == 'i') return inner + "#branch";
    }
    return s;
}

bool same_vector(std::string_view a, std::string_view b) {
    return iequals(a, b) || canonical_vector_name(a) == canonical_vector_name(b);
}

}  // namespace nwn::io

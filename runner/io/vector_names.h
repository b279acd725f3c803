// ngspice, Xyce and users spell the same vector differently: "v(out)", "V(OUT)" and "out" are one node
// voltage; "i(v1)", "I(V1)" and "v1#branch" are one branch current. Lookups compare names modulo these
// spellings so callers need not know which simulator wrote a file.
#pragma once
#include <string>
#include <string_view>

namespace nwn::io {

bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);

// Lower case; "v(x)" -> "x"; "i(x)" -> "x#branch"; differential "v(a,b)" and anything else unchanged.
std::string canonical_vector_name(std::string_view name);

// True when `a` and `b` name the same vector (exactly, case-insensitively, or via canonical names).
bool same_vector(std::string_view a, std::string_view b);

}  // namespace nwn::io

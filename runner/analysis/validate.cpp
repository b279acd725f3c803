#include "runner/analysis/validate.h"

#include <cmath>

#include "common/error.h"

namespace nwn::analysis {

void require_finite(std::span<const double> x, const std::string& what) {
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isfinite(x[i]))
            throw Error(what + ": sample " + std::to_string(i) + " is not finite (" + std::to_string(x[i]) + ")");
}

namespace {
template <class T>
void require_nonempty(const SeriesSetT<T>& s, const std::string& what) {
    if (s.empty()) throw Error(what + ": no series given");
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i].empty()) throw Error(what + ": series " + std::to_string(i) + " is empty");
}
}  // namespace

void require_valid(const SeriesSet& s, const std::string& what) {
    require_nonempty(s, what);
    for (std::size_t i = 0; i < s.size(); ++i) require_finite(s[i], what + ", series " + std::to_string(i));
}

void require_valid(const EventSet& s, const std::string& what) {
    require_nonempty(s, what);
    for (std::size_t i = 0; i < s.size(); ++i)
        for (std::size_t j = 0; j < s[i].size(); ++j)
            if (s[i][j] < 0)
                throw Error(what + ", series " + std::to_string(i) + ": sample " + std::to_string(j) +
                            " has a negative event count");
}

void require_count(std::size_t found, std::size_t needed, const std::string& what) {
    if (found < needed)
        throw Error(what + ": found " + std::to_string(found) + ", need at least " + std::to_string(needed));
}

}  // namespace nwn::analysis

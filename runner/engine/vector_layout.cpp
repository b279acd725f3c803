#include "runner/engine/vector_layout.h"

#include "common/error.h"
#include "runner/io/vector_names.h"
#include "common/text_parse.h"

namespace nwn::engine {

void VectorLayout::assign(std::vector<std::string> names, std::size_t scale) {
    names_ = std::move(names);
    scale_ = scale;
    index_.clear();
    for (std::size_t i = 0; i < names_.size(); ++i) index_.emplace(nwn::lower(names_[i]), i);
}

std::size_t VectorLayout::find(std::string_view name) const {
    if (auto it = index_.find(nwn::lower(name)); it != index_.end()) return it->second;
    if (auto it = index_.find(io::canonical_vector_name(name)); it != index_.end()) return it->second;
    return npos;
}

std::size_t VectorLayout::index(std::string_view name) const {
    std::size_t i = find(name);
    if (i != npos) return i;
    std::string avail;
    for (std::size_t k = 0; k < names_.size() && k < 30; ++k) avail += (k ? ", " : "") + names_[k];
    if (names_.size() > 30) avail += ", …";
    throw nwn::Error("no vector '" + std::string(name) + "' in plot " +
                     (plot_name.empty() ? std::string("(none)") : plot_name) + " (vectors: " +
                     (avail.empty() ? std::string("none") : avail) + ")");
}

}  // namespace nwn::engine

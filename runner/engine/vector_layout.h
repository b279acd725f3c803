// The vectors of one analysis plot as an engine delivers them: libngspice announces them (SendInitData)
// before the first point, the ngspice CLI engine reads them from its raw file's header.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nwn::engine {

// Names are ngspice's: node voltages as the bare node name ("a"), branch currents as "v1#branch",
// the scale as "time" (raw files: "v(a)", "i(v1)"). find()/index() accept either spelling, in any case.
class VectorLayout {
public:
    const std::vector<std::string>& names() const { return names_; }
    std::size_t size() const { return names_.size(); }
    // Index of a vector, or npos when the plot has no such vector.
    std::size_t find(std::string_view name) const;
    // Index of a vector; throws nwn::Error listing the available names when absent.
    std::size_t index(std::string_view name) const;
    std::size_t scale_index() const { return scale_; }  // npos if the plot has no scale
    std::string plot_name;                             // ngspice's plot, e.g. "tran1"
    std::string plot_type;                             // e.g. "Transient Analysis"
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    // Used by the engine when a plot is announced.
    void assign(std::vector<std::string> names, std::size_t scale);

private:
    std::vector<std::string> names_;
    std::unordered_map<std::string, std::size_t> index_;
    std::size_t scale_ = npos;
};

}  // namespace nwn::engine

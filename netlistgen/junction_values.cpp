#include "netlistgen/junction_values.h"

#include <cmath>

#include "common/error.h"
#include "netlistgen/csv_table.h"

namespace nwn::net {

std::vector<double> read_junction_values(const std::filesystem::path& path, const std::vector<std::string>& columns,
                                         std::size_t junctions) {
    const CsvTable t = read_csv(path);
    std::optional<std::size_t> vc;
    for (const auto& c : columns)
        if ((vc = t.find(c))) break;
    if (!vc) {
        std::string names;
        for (const auto& c : columns) names += (names.empty() ? "" : " or ") + c;
        throw Error(path.string() + ": no column " + names);
    }
    if (t.rows.size() != junctions)
        throw Error(path.string() + ": " + std::to_string(t.rows.size()) + " rows, but the network has " +
                    std::to_string(junctions) + " junctions");
    std::optional<std::size_t> ic = t.find("junction");
    int base = 0;
    if (!ic && (ic = t.find("edge_matlab_1based"))) base = 1;
    std::vector<double> out(junctions, NAN);
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        std::size_t k = r;
        if (ic) {
            const double idx = t.rows[r][*ic] - base;
            if (idx != std::floor(idx) || idx < 0 || idx >= static_cast<double>(junctions))
                throw Error(path.string() + ": row " + std::to_string(r + 1) + " names junction " +
                            std::to_string(t.rows[r][*ic]) + ", outside the network");
            k = static_cast<std::size_t>(idx);
        }
        if (!std::isnan(out[k])) throw Error(path.string() + ": junction " + std::to_string(k) + " appears twice");
        out[k] = t.rows[r][*vc];
    }
    return out;
}

}  // namespace nwn::net

#include "netlistgen/network/junction_values.h"

#include <algorithm>
#include <cmath>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/csv_table.h"
#include "common/text_parse.h"

namespace nwn::net {

std::vector<double> read_junction_values(const std::filesystem::path& path, const std::vector<std::string>& columns,
                                         std::size_t junctions) {
    const std::string text = read_file(path);
    // A last row without its newline may be cut mid-number ("0.12" of "0.125" still parses): refuse it,
    // as the time-series reader does. Comment and blank last lines are harmless.
    if (const auto nl = text.rfind('\n'); nl != text.size() - 1 && !text.empty()) {
        const std::string last = trim(text.substr(nl == std::string::npos ? 0 : nl + 1));
        if (!last.empty() && last[0] != '#')
            throw file_error(path.string(), static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1,
                             "the last row has no line end, so the file may be cut short (end it with a newline "
                             "if the row is complete)");
    }
    const CsvTable t = parse_csv(text, path.string());
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

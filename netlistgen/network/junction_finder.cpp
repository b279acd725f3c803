#include "netlistgen/network/junction_finder.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "netlistgen/network/segment_intersection.h"

namespace nwn::net {

namespace {

struct Box {
    double x0, y0, x1, y1;
};

Box box_of(const Wire& w) {
    return {std::min(w.xa, w.xb), std::min(w.ya, w.yb), std::max(w.xa, w.xb), std::max(w.ya, w.yb)};
}

struct Grid {
    double x0, y0, h;
    long nx, ny;
    long cx(double x) const { return std::clamp(static_cast<long>((x - x0) / h), 0L, nx - 1); }
    long cy(double y) const { return std::clamp(static_cast<long>((y - y0) / h), 0L, ny - 1); }
};

// Cells about the mean wire length keep a wire in O(1) cells and O(1) wires per cell for any density;
// the cell count is capped at a few per wire so sparse networks in huge domains stay cheap.
Grid make_grid(const std::vector<Box>& boxes, const std::vector<Wire>& wires) {
    Box all = boxes.front();
    double total_length = 0;
    for (std::size_t k = 0; k < boxes.size(); ++k) {
        all.x0 = std::min(all.x0, boxes[k].x0);
        all.y0 = std::min(all.y0, boxes[k].y0);
        all.x1 = std::max(all.x1, boxes[k].x1);
        all.y1 = std::max(all.y1, boxes[k].y1);
        total_length += wires[k].length;
    }
    const double w = std::max(all.x1 - all.x0, 1e-300), hgt = std::max(all.y1 - all.y0, 1e-300);
    const double n = static_cast<double>(wires.size());
    double h = total_length / n;  // > 0: wires have positive length
    const double max_cells = 4.0 * n + 16.0;
    while ((w / h + 1) * (hgt / h + 1) > max_cells) h *= 1.5;
    Grid g{all.x0, all.y0, h, static_cast<long>(w / h) + 1, static_cast<long>(hgt / h) + 1};
    return g;
}

}  // namespace

std::vector<Junction> find_junctions(const std::vector<Wire>& wires) {
    std::vector<Junction> out;
    if (wires.size() < 2) return out;
    std::vector<Box> boxes(wires.size());
    std::transform(wires.begin(), wires.end(), boxes.begin(), box_of);
    const Grid g = make_grid(boxes, wires);

    struct Range {
        long x0, y0, x1, y1;
    };
    std::vector<Range> ranges(wires.size());
    // Compressed cell lists: count, prefix sum, fill (wire ids ascending within each cell).
    std::vector<std::size_t> start(static_cast<std::size_t>(g.nx * g.ny) + 1, 0);
    for (std::size_t k = 0; k < wires.size(); ++k) {
        ranges[k] = {g.cx(boxes[k].x0), g.cy(boxes[k].y0), g.cx(boxes[k].x1), g.cy(boxes[k].y1)};
        for (long y = ranges[k].y0; y <= ranges[k].y1; ++y)
            for (long x = ranges[k].x0; x <= ranges[k].x1; ++x) ++start[static_cast<std::size_t>(y * g.nx + x) + 1];
    }
    for (std::size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
    std::vector<int> members(start.back());
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t k = 0; k < wires.size(); ++k)
        for (long y = ranges[k].y0; y <= ranges[k].y1; ++y)
            for (long x = ranges[k].x0; x <= ranges[k].x1; ++x)
                members[fill[static_cast<std::size_t>(y * g.nx + x)]++] = static_cast<int>(k);

    for (long y = 0; y < g.ny; ++y) {
        for (long x = 0; x < g.nx; ++x) {
            const std::size_t c = static_cast<std::size_t>(y * g.nx + x);
            for (std::size_t a = start[c]; a < start[c + 1]; ++a) {
                const int i = members[a];
                for (std::size_t b = a + 1; b < start[c + 1]; ++b) {
                    const int j = members[b];
                    if (std::max(ranges[i].x0, ranges[j].x0) != x || std::max(ranges[i].y0, ranges[j].y0) != y)
                        continue;
                    const Box &bi = boxes[i], &bj = boxes[j];
                    if (bi.x1 < bj.x0 || bj.x1 < bi.x0 || bi.y1 < bj.y0 || bj.y1 < bi.y0) continue;
                    const Wire &wi = wires[i], &wj = wires[j];
                    if (auto p = segment_intersection({wi.xa, wi.ya}, {wi.xb, wi.yb}, {wj.xa, wj.ya}, {wj.xb, wj.yb}))
                        out.push_back({i, j, p->x, p->y});
                }
            }
        }
    }
    std::sort(out.begin(), out.end(),
              [](const Junction& a, const Junction& b) { return std::tie(a.i, a.j) < std::tie(b.i, b.j); });
    return out;
}

}  // namespace nwn::net

// The parameter space of `nwn sweep`: --param specs, and the points they span as a grid or a list.
//   NAME=v1,v2,...            these values, as written (so "10k" reaches a deck as 10k)
//   NAME=start:stop:n         n values evenly spaced from start to stop (SPICE suffixes allowed)
//   NAME=start:stop:n:log     n values evenly spaced in log10 (start, stop > 0)
// A point is identified by its values: key() is "name=value;..." in --param order, the same for a
// point whichever sweep (grid, list, other values) it belongs to, which is what makes resuming and
// extending a sweep possible.
#pragma once
#include <string>
#include <vector>

namespace nwn::exp {

struct SweepParam {
    std::string name;
    std::vector<std::string> values;
};

// Throws nwn::Error naming the spec when it is malformed (no '=', bad name, empty or duplicate
// values, a range with n < 1 or a log range through 0).
SweepParam parse_sweep_param(const std::string& spec);

struct SweepPoint {
    std::vector<std::string> values;  // one per parameter, in parameter order
    std::string key;
};

// grid: every combination, the first parameter varying slowest. list: the k-th values of every
// parameter together (all must have the same count). Throws for duplicate names (in any case: r and R
// are one SPICE parameter) or, in a list, differing counts.
std::vector<SweepPoint> sweep_points(const std::vector<SweepParam>& params, bool grid);

std::string point_key(const std::vector<SweepParam>& params, const std::vector<std::string>& values);

// A file-system-safe directory name for a point: "name=value_name=value" when that is short and
// plain, otherwise "p" + a hash of the key.
std::string point_dir_name(const std::vector<SweepParam>& params, const SweepPoint& point);

// 64-bit FNV-1a, as 16 hex digits: stable across builds (std::hash is not), for identities on disk.
std::string stable_hash(const std::string& text);

}  // namespace nwn::exp

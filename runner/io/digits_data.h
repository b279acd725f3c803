// The 8 × 8 handwritten digits (1 797 images, the UCI optical-recognition test set) as Debian's python3-sklearn
// ships them: sklearn/datasets/data/digits.csv.gz, one image per line, 64 pixel values 0–16 row by row, then
// the label 0–9. nwn reservoir digits reads it; nothing is bundled with nwnspice.
#pragma once
#include <filesystem>
#include <optional>
#include <vector>

namespace nwn::io {

struct Digits {
    std::vector<std::vector<double>> images;  // 64 values in [0, 16], row-major
    std::vector<int> labels;                  // 0..9
};

// Reads a gzip-compressed (or plain) digits file; throws nwn::Error naming the file and line of a bad row.
Digits read_digits(const std::filesystem::path& file);

// Where the data is: `given` when not empty (which must exist), else $NWN_DIGITS, else Debian's
// python3-sklearn's file, else the copy the build fetched (its path compiled in); none when absent.
std::optional<std::filesystem::path> find_digits(const std::filesystem::path& given = {});

}  // namespace nwn::io

#include "runner/io/digits_data.h"

#include <cmath>
#include <cstdlib>
#include <string>

#include <zlib.h>

#include "common/error.h"
#include "common/text_parse.h"
#include "nwn_config.h"

namespace fs = std::filesystem;

namespace nwn::io {

namespace {

constexpr const char* kSystemDigits = "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";

// zlib reads plain files too, so a decompressed copy works as well.
std::string read_gz(const fs::path& file) {
    if (!fs::is_regular_file(file)) throw Error(file.string() + ": not a regular file");
    gzFile f = gzopen(file.c_str(), "rb");
    if (!f) throw Error(file.string() + ": cannot open");
    std::string text;
    char buf[65536];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
    int err = Z_OK;
    const char* msg = n < 0 ? gzerror(f, &err) : nullptr;
    const std::string why = msg ? msg : "";
    gzclose(f);
    if (n < 0) throw Error(file.string() + ": not a readable gzip file (" + why + ")");
    return text;
}

}  // namespace

Digits read_digits(const fs::path& file) {
    const auto lines = nwn::split_lines(read_gz(file));
    Digits d;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const std::string line = nwn::trim(lines[k]);
        if (line.empty()) continue;
        const std::string where = file.string() + ":" + std::to_string(k + 1);
        const auto fields = nwn::split(line, ',');
        if (fields.size() != 65) throw Error(where + ": " + std::to_string(fields.size()) + " fields, expected 64 pixels and a label");
        std::vector<double> image;
        for (std::size_t p = 0; p < 64; ++p) {
            const double v = nwn::parse_number(nwn::trim(fields[p]), where + ": pixel " + std::to_string(p));
            if (v < 0 || v > 16) throw Error(where + ": pixel " + std::to_string(p) + " is " + nwn::format_number(v) + ", outside 0..16");
            image.push_back(v);
        }
        const double label = nwn::parse_number(nwn::trim(fields[64]), where + ": label");
        if (label < 0 || label > 9 || label != std::floor(label)) throw Error(where + ": label " + nwn::trim(fields[64]) + " is not 0..9");
        d.images.push_back(std::move(image));
        d.labels.push_back(static_cast<int>(label));
    }
    if (d.images.empty()) throw Error(file.string() + ": no images");
    return d;
}

std::optional<fs::path> find_digits(const fs::path& given) {
    if (!given.empty()) {
        if (!fs::exists(given)) throw Error("--digits " + given.string() + ": no such file");
        return given;
    }
    if (const char* env = std::getenv("NWN_DIGITS"); env && *env) {
        if (!fs::exists(env)) throw Error("NWN_DIGITS=" + std::string(env) + ": no such file");
        return fs::path(env);
    }
    if (fs::exists(kSystemDigits)) return fs::path(kSystemDigits);
    if (const fs::path fetched = NWN_DIGITS_FETCHED; !fetched.empty() && fs::exists(fetched)) return fetched;
    return std::nullopt;
}

}  // namespace nwn::io

#include "runner/experiments/reservoir/reservoir_digits.h"

#include "common/error.h"
#include "runner/experiments/reservoir/reservoir.h"

namespace nwn::exp {

using analysis::Features;
using json = nlohmann::json;

namespace {

// The pixel shown k-th when the image is scanned: column by column (top to bottom within a column) or row by row.
std::size_t scan_index(const std::string& scan, std::size_t k) {
    return scan == "rows" ? k : (k % 8) * 8 + k / 8;
}

}  // namespace

DigitsPlan plan_digits(const ReservoirSpec& s) {
    const auto file = io::find_digits(s.digits_file);
    if (!file)
        throw Error("digits: the 8 x 8 digits data was not found (digits.csv.gz of Debian's python3-sklearn): install "
                    "python3-sklearn, or give --digits FILE or NWN_DIGITS=FILE");
    if (s.digits_scan != "columns" && s.digits_scan != "rows") throw Error("--scan must be columns or rows");
    const std::size_t k = s.inputs.size();
    if (k != 1 && k != 2 && k != 4 && k != 8)
        throw Error("digits: give 1, 2, 4 or 8 --inputs (pixels shown per step), not " + std::to_string(k));
    DigitsPlan p;
    p.file = *file;
    p.data = io::read_digits(*file);
    const std::size_t images = std::min(s.steps, p.data.images.size());
    p.data.images.resize(images);
    p.data.labels.resize(images);
    p.per_step = k;
    p.pixel_steps = 64 / k;
    p.steps = images * (p.pixel_steps + s.rest_steps);
    p.volts.assign(k, {});
    p.scaled.cols = k;
    const auto level = [&](double u) { return s.offset + s.amplitude * u; };
    for (const auto& image : p.data.images) {
        for (std::size_t step = 0; step < p.pixel_steps; ++step)
            for (std::size_t e = 0; e < k; ++e) {
                const double u = 2 * image[scan_index(s.digits_scan, step * k + e)] / 16 - 1;
                p.volts[e].push_back(level(u));
                p.scaled.data.push_back(u);
            }
        for (std::size_t r = 0; r < s.rest_steps; ++r)
            for (std::size_t e = 0; e < k; ++e) {
                p.volts[e].push_back(level(-1));
                p.scaled.data.push_back(-1);
            }
    }
    p.scaled.rows = p.steps;
    return p;
}

Features per_image(const Features& per_step, const DigitsPlan& p, std::size_t rest, bool every_step) {
    const std::size_t stride = p.pixel_steps + rest, reads = every_step ? p.pixel_steps : 1;
    Features f;
    f.rows = p.data.images.size();
    f.cols = per_step.cols * reads;
    for (std::size_t i = 0; i < f.rows; ++i)
        for (std::size_t r = p.pixel_steps - reads; r < p.pixel_steps; ++r) {
            const std::size_t row = i * stride + r;
            f.data.insert(f.data.end(), per_step.data.begin() + static_cast<std::ptrdiff_t>(row * per_step.cols),
                          per_step.data.begin() + static_cast<std::ptrdiff_t>((row + 1) * per_step.cols));
        }
    return f;
}

Features pixel_features(const DigitsPlan& p) {
    Features f;
    f.rows = p.data.images.size();
    f.cols = 64;
    for (const auto& image : p.data.images) f.data.insert(f.data.end(), image.begin(), image.end());
    return f;
}

json digits_score_json(const Features& f, const DigitsPlan& p, const analysis::RidgeCvOptions& readout) {
    const auto c = analysis::ridge_classifier_cv(f, p.data.labels, 10, readout);
    return {{"accuracy", c.accuracy}, {"cv_accuracy", c.cv_accuracy}, {"train_accuracy", c.train_accuracy},
            {"penalty", c.penalty}, {"confusion", c.confusion}, {"train", c.train}, {"test", c.test}, {"features", f.cols}};
}

}  // namespace nwn::exp

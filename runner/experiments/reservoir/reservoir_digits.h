// nwn reservoir digits: the 8 × 8 handwritten digits (io/digits_data.h) fed as voltage pulses. The image is
// scanned column by column (or row by row), each step showing the next `inputs` pixels on the input
// electrodes (one electrode per pixel: 8 inputs show a whole column per step, 1 input shows one pixel),
// pixel p ∈ [0, 16] at offset + amplitude·(2p/16 − 1) V; `rest` steps at the lowest level follow each image.
// The features of an image are read at its last pixel step (or at every pixel step, concatenated), and a
// one-vs-rest ridge classifier (analysis/reservoir_readout.h) is scored on the test images.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner/analysis/reservoir_readout.h"
#include "runner/io/digits_data.h"

namespace nwn::exp {

struct ReservoirSpec;

struct DigitsPlan {
    io::Digits data;               // the images used, in file order
    std::filesystem::path file;
    std::size_t per_step = 0;      // pixels shown per step (= input electrodes)
    std::size_t pixel_steps = 0;   // steps per image showing pixels (64 / per_step)
    std::size_t steps = 0;         // all steps: images × (pixel_steps + rest)
    std::vector<analysis::Series> volts;  // per input electrode, one value per step
    analysis::Features scaled;     // per step, the shown pixels mapped onto [−1, 1] (rests at −1): the ESN's input
};

// Throws nwn::Error when the data is absent (naming where it looked), for an input count that is not 1, 2,
// 4 or 8, an unknown scan, or fewer images than the readout's split needs.
DigitsPlan plan_digits(const ReservoirSpec& s);

// Per image: the per-step row at its last pixel step, or every pixel step's rows side by side.
analysis::Features per_image(const analysis::Features& per_step, const DigitsPlan& p, std::size_t rest, bool every_step);
// The 64 pixels of each image: the raw-input baseline.
analysis::Features pixel_features(const DigitsPlan& p);
// accuracy, cv_accuracy, train_accuracy, penalty, confusion, features.
nlohmann::json digits_score_json(const analysis::Features& f, const DigitsPlan& p, const analysis::RidgeCvOptions& readout);

}  // namespace nwn::exp

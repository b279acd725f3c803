// Conductance recordings with events exactly where the test puts them, for hand-checkable avalanche
// statistics. Bins are 10 samples; an event sits at sample 2 or 6 of its bin (at most two per bin, so
// every excursion of |dG|/G stays separate). Each event is a 20 % step of G, alternately up (between
// samples e and e+1) and down (between e-1 and e): with thresholdPeak detection (|dG|/G > 0.05 per
// sample, MATLAB gradient) the excursion's first maximum is then exactly sample e.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace nwn::test {

inline constexpr std::size_t kBin = 10;

struct PlannedAvalanche {
    std::size_t first_bin = 0, lifetime = 0;
    int per_bin = 0;
};

class RecordingBuilder {
public:
    void empty_bins(std::size_t k) { bins_ += k; }
    // A run of `lifetime` bins holding `per_bin` (1 or 2) events each; counts as an avalanche only
    // when empty bins bound it on both sides within its series.
    void burst(std::size_t lifetime, int per_bin) {
        avalanches_.push_back({bins_, lifetime, per_bin});
        for (std::size_t b = 0; b < lifetime; ++b, ++bins_)
            for (int e = 0; e < per_bin; ++e) events_.push_back(bins_ * kBin + (e == 0 ? 2 : 6));
    }
    std::size_t samples() const { return bins_ * kBin; }
    const std::vector<std::size_t>& events() const { return events_; }
    const std::vector<PlannedAvalanche>& bursts() const { return avalanches_; }

    std::vector<double> conductance(double g0 = 1e-6) const {
        std::vector<double> G(samples(), g0);
        bool up = true;
        for (auto e : events_) {
            const std::size_t from = up ? e + 1 : e;  // first sample after the step
            for (std::size_t s = from; s < G.size(); ++s) G[s] = up ? G[s] * 1.2 : G[s] / 1.2;
            up = !up;
        }
        return G;
    }

private:
    std::size_t bins_ = 0;
    std::vector<std::size_t> events_;
    std::vector<PlannedAvalanche> avalanches_;
};

// n bounded bursts with lifetimes 1..4 and 1 or 2 events per bin, two empty bins around each.
inline RecordingBuilder standard_recording(std::size_t n) {
    RecordingBuilder b;
    b.empty_bins(2);
    for (std::size_t j = 0; j < n; ++j) {
        b.burst(1 + j % 4, 1 + static_cast<int>((j / 4) % 2));
        b.empty_bins(2);
    }
    return b;
}

}  // namespace nwn::test

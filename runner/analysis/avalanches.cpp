#include "runner/analysis/avalanches.h"

#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <string>

#include "common/error.h"
#include "runner/analysis/validate.h"

namespace nwn::analysis {

std::vector<std::size_t> inter_event_intervals(const EventSet& ev) {
    std::vector<std::size_t> iei;
    for (std::size_t s = 0; s < ev.size(); ++s) {
        const auto x = ev[s];
        bool seen = false;
        std::size_t last = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (x[i] <= 0) continue;
            if (seen) iei.push_back(i - last);
            seen = true;
            last = i;
        }
    }
    return iei;
}

double mean_iei(std::span<const std::size_t> iei) {
    require_count(iei.size(), 1, "inter-event intervals (need two samples with events in one series)");
    return std::accumulate(iei.begin(), iei.end(), 0.0) / static_cast<double>(iei.size());
}

std::size_t bin_size(const BinSpec& spec, double mean_iei_samples) {
    if (spec.samples > 0) return spec.samples;
    if (!(spec.iei_multiple > 0) || !std::isfinite(spec.iei_multiple))
        throw Error("bin size: the IEI multiple must be positive, got " + std::to_string(spec.iei_multiple));
    if (!(mean_iei_samples > 0) || !std::isfinite(mean_iei_samples))
        throw Error("bin size: the mean IEI must be positive, got " + std::to_string(mean_iei_samples));
    const double b = std::round(spec.iei_multiple * mean_iei_samples);
    if (b < 1)
        throw Error("bin size: " + std::to_string(spec.iei_multiple) + " x mean IEI " +
                    std::to_string(mean_iei_samples) + " rounds to 0 samples");
    return static_cast<std::size_t>(b);
}

BinnedSet bin_events(const EventSet& ev, std::size_t bs) {
    if (bs == 0) throw Error("bin_events: bin size must be at least 1 sample");
    BinnedSet out;
    out.bin_size = bs;
    std::vector<std::int64_t> bins;
    for (std::size_t s = 0; s < ev.size(); ++s) {
        const auto x = ev[s];
        bins.assign(x.size() / bs, 0);
        for (std::size_t k = 0; k < bins.size(); ++k)
            for (std::size_t i = k * bs; i < (k + 1) * bs; ++i) bins[k] += x[i];
        out.bins.add(bins);
        out.sample_offset.push_back(ev.offset(s));
    }
    return out;
}

std::vector<Avalanche> find_avalanches(const BinnedSet& b) {
    std::vector<Avalanche> av;
    for (std::size_t s = 0; s < b.bins.size(); ++s) {
        const auto x = b.bins[s];
        std::size_t k = 0;
        while (k < x.size() && x[k] != 0) ++k;  // skip a run touching the series start
        // Invariant: x[k] is empty (or k is past the end).
        while (k < x.size()) {
            std::size_t j = k + 1;
            while (j < x.size() && x[j] != 0) ++j;
            if (j == x.size()) break;  // the run after k touches the series end
            if (j > k + 1) {
                Avalanche a;
                a.series = s;
                a.first_bin = k + 1;
                a.lifetime = j - k - 1;
                a.start_sample = b.sample_offset[s] + a.first_bin * b.bin_size;
                for (std::size_t i = k + 1; i < j; ++i) a.size += x[i];
                a.branching = a.lifetime > 1 ? static_cast<double>(x[k + 2]) / static_cast<double>(x[k + 1]) : 0.0;
                av.push_back(a);
            }
            k = j;
        }
    }
    return av;
}

std::vector<std::vector<double>> avalanche_profiles(const BinnedSet& b, const std::vector<Avalanche>& av) {
    std::vector<std::vector<double>> p;
    p.reserve(av.size());
    for (const auto& a : av) {
        const auto x = b.bins[a.series].subspan(a.first_bin, a.lifetime);
        p.emplace_back(x.begin(), x.end());
    }
    return p;
}

double branching_ratio(const std::vector<Avalanche>& av) {
    if (av.empty()) return std::numeric_limits<double>::quiet_NaN();
    double sum = 0;
    for (const auto& a : av) sum += a.branching;
    return sum / static_cast<double>(av.size());
}

MeanSizeByLifetime mean_size_by_lifetime(const std::vector<Avalanche>& av) {
    std::map<std::size_t, std::pair<std::size_t, double>> acc;
    for (const auto& a : av) {
        auto& e = acc[a.lifetime];
        ++e.first;
        e.second += static_cast<double>(a.size);
    }
    MeanSizeByLifetime m;
    for (const auto& [T, e] : acc) {
        m.lifetime.push_back(T);
        m.count.push_back(e.first);
        m.mean_size.push_back(e.second / static_cast<double>(e.first));
    }
    return m;
}

std::vector<std::int64_t> sizes(const std::vector<Avalanche>& av) {
    std::vector<std::int64_t> v;
    v.reserve(av.size());
    for (const auto& a : av) v.push_back(a.size);
    return v;
}

std::vector<std::int64_t> lifetimes(const std::vector<Avalanche>& av) {
    std::vector<std::int64_t> v;
    v.reserve(av.size());
    for (const auto& a : av) v.push_back(static_cast<std::int64_t>(a.lifetime));
    return v;
}

}  // namespace nwn::analysis

// Several time series joined end to end (recordings of one device, members of an ensemble).
// Everything that looks at neighbouring samples (event detection, IEI, binning, avalanches) works
// per series, so nothing ever spans a join; the joined vector exists for indexing and output.
#pragma once
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace nwn::analysis {

template <class T>
class SeriesSetT {
public:
    SeriesSetT() = default;
    explicit SeriesSetT(const std::vector<std::vector<T>>& parts) {
        for (const auto& p : parts) add(p);
    }

    void add(std::span<const T> s) {
        values_.insert(values_.end(), s.begin(), s.end());
        offsets_.push_back(values_.size());
    }
    void add(const std::vector<T>& s) { add(std::span<const T>(s)); }

    std::size_t size() const { return offsets_.size() - 1; }  // number of series
    bool empty() const { return size() == 0; }
    std::size_t total() const { return values_.size(); }     // samples over all series

    std::span<const T> operator[](std::size_t i) const {
        return {values_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]};
    }
    std::span<T> mutable_series(std::size_t i) {
        return {values_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]};
    }
    std::size_t offset(std::size_t i) const { return offsets_[i]; }  // joined index of series i's first sample
    // size()+1 entries: offsets()[i] is where series i starts, the last one is total().
    const std::vector<std::size_t>& offsets() const { return offsets_; }
    const std::vector<T>& joined() const { return values_; }

private:
    std::vector<T> values_;
    std::vector<std::size_t> offsets_{0};
};

using SeriesSet = SeriesSetT<double>;  // e.g. network conductance G(t), one vector per recording
using EventSet = SeriesSetT<int>;      // events per sample (counts), same layout as the series they came from

}  // namespace nwn::analysis

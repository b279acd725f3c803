// A minimal parallel loop for independent work items (resamples, bootstraps). Work is handed out
// item by item; callers make each item's result depend only on its index, so the outcome does not
// depend on the thread count. Every item first polls common/cancel.h, so Ctrl-C stops a long fit
// within one item.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "common/cancel.h"

namespace nwn::analysis {

// 0 means "all hardware threads".
inline unsigned resolve_threads(unsigned requested) {
    if (requested > 0) return requested;
    return std::max(1u, std::thread::hardware_concurrency());
}

template <class F>
void parallel_for(std::size_t n, unsigned threads, F&& f) {
    const std::size_t workers = std::min<std::size_t>(resolve_threads(threads), n);
    if (workers <= 1) {
        for (std::size_t i = 0; i < n; ++i) {
            throw_if_cancelled();
            f(i);
        }
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex error_mutex;
    auto work = [&] {
        try {
            for (std::size_t i; (i = next.fetch_add(1)) < n;) {
                throw_if_cancelled();
                f(i);
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(error_mutex);
            if (!error) error = std::current_exception();
            next = n;
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace nwn::analysis

#include "common/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace nwn {

bool Progress::stderr_is_tty() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(std::string label, double total, bool quiet)
    : label_(std::move(label)), total_(total), enabled_(!quiet && stderr_is_tty()),
      start_(std::chrono::steady_clock::now()), last_(start_ - std::chrono::seconds(1)) {}

Progress::~Progress() { finish(); }

void Progress::update(double done) {
    if (!enabled_ || finished_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double frac = total_ > 0 ? std::clamp(done / total_, 0.0, 1.0) : 0.0;
    constexpr int width = 30;
    int filled = static_cast<int>(frac * width);
    double elapsed = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r%s [%.*s%*s] %5.1f%%  %.0fs", label_.c_str(), filled,
                 "##############################", width - filled, "", 100 * frac, elapsed);
    std::fflush(stderr);
}

void Progress::finish() {
    if (!enabled_ || finished_) return;
    finished_ = true;
    std::fprintf(stderr, "\r%*s\r", static_cast<int>(label_.size()) + 50, "");
    std::fflush(stderr);
}

}  // namespace nwn

// Progress of long work: engines and experiments report it through a ProgressFn; the CLI layer alone
// draws it, as a one-line bar on stderr shown only when stderr is a terminal and not --quiet.
#pragma once
#include <chrono>
#include <functional>
#include <string>

namespace nwn {

// `done` out of `total` (any unit; total > 0). An empty function: nobody is watching.
using ProgressFn = std::function<void(double done, double total)>;

// Work in stages with a bar each (the demo): the ProgressFn of a stage named `label`; the stage's bar is
// erased when the last copy of that function is gone.
using ProgressStages = std::function<ProgressFn(const std::string& label)>;

// Reports through `fn` when there is one.
inline void report_progress(const ProgressFn& fn, double done, double total) {
    if (fn) fn(done, total);
}

class Progress {
public:
    Progress(std::string label, double total, bool quiet = false);
    ~Progress();
    void update(double done);  // redraws at most ~10 times a second
    void finish();

    static bool stderr_is_tty();

private:
    std::string label_;
    double total_;
    bool enabled_;
    bool finished_ = false;
    std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace nwn

// A one-line progress bar on stderr, shown only when stderr is a terminal and not --quiet.
#pragma once
#include <chrono>
#include <string>

namespace nwn {

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

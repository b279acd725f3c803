// The progress bar of a command: engines and experiments report progress through a nwn::ProgressFn, and
// the command draws it (common/progress.h: on stderr, only when it is a terminal and not --quiet).
#pragma once
#include <memory>
#include <string>

#include "common/progress.h"

namespace nwn::cli {

class ProgressDrawer {
public:
    ProgressDrawer(std::string label, bool quiet) : bar_(std::make_shared<Progress>(std::move(label), 1.0, quiet)) {}
    // What to hand to the work; it may outlive the drawer.
    ProgressFn callback() const {
        return [bar = bar_](double done, double total) { bar->update(total > 0 ? done / total : 0.0); };
    }
    void finish() { bar_->finish(); }  // erases the bar (before the command's summary)

private:
    std::shared_ptr<Progress> bar_;
};

}  // namespace nwn::cli

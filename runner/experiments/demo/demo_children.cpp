// How the demo runs its parts: nwn children through the local job pool (runner/jobs), or library calls
// on a thread next to a progress bar.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "common/progress.h"
#include "runner/experiments/demo/demo_context.h"
#include "runner/jobs/job.h"

namespace nwn::exp {

std::string shell_line(const std::vector<std::string>& args) {
    std::string line = "nwn";
    for (const auto& a : args) {
        const bool plain = !a.empty() && a.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                             "0123456789-_./:=,+@%") == std::string::npos;
        if (plain) {
            line += " " + a;
            continue;
        }
        std::string q = "'";
        for (char c : a) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
        line += " " + q + "'";
    }
    return line;
}

std::vector<int> run_children(DemoContext& ctx, report::Section& section, const std::string& label,
                              const std::vector<std::vector<std::string>>& commands,
                              const std::vector<std::filesystem::path>& logs, const ChildProgress* fine) {
    std::vector<int> status(commands.size(), -1);
    std::vector<jobs::Job> jobs;
    std::size_t finished = 0;
    const double total = static_cast<double>(commands.size());
    const ProgressFn bar = fine || !ctx.spec.progress ? ProgressFn{} : ctx.spec.progress(label);
    for (std::size_t k = 0; k < commands.size(); ++k) {
        section.commands.push_back(shell_line(commands[k]));
        std::vector<std::string> argv{ctx.spec.nwn_binary.string()};
        argv.insert(argv.end(), commands[k].begin(), commands[k].end());
        std::filesystem::create_directories(logs[k].parent_path());
        jobs::Job job;
        job.commands = {argv};
        job.dir = logs[k].parent_path();
        job.log = logs[k];
        job.done = [&status, &finished, &bar, total, k](const jobs::JobExit& ex) {
            status[k] = ex.status;
            report_progress(bar, static_cast<double>(++finished), total);
        };
        jobs.push_back(std::move(job));
    }
    if (fine) with_progress(ctx, label, fine->total, fine->count, [&] { jobs::run_local_jobs(jobs, ctx.jobs); });
    else jobs::run_local_jobs(jobs, ctx.jobs);
    return status;
}

double count_files(const std::filesystem::path& dir, const std::string& prefix, const std::string& name) {
    double n = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().filename().string().rfind(prefix, 0) == 0 && std::filesystem::exists(e.path() / name, ec)) ++n;
    return n;
}

void with_progress(const DemoContext& ctx, const std::string& label, double total, const std::function<double()>& count,
                   const std::function<void()>& work) {
    const ProgressFn bar = ctx.spec.progress ? ctx.spec.progress(label) : ProgressFn{};
    std::exception_ptr failure;
    bool done = false;
    std::mutex m;
    std::condition_variable cv;
    std::thread worker([&] {
        try {
            work();
        } catch (...) {
            failure = std::current_exception();
        }
        std::lock_guard lock(m);
        done = true;
        cv.notify_one();
    });
    {
        std::unique_lock lock(m);
        while (!cv.wait_for(lock, std::chrono::milliseconds(300), [&] { return done; })) {
            lock.unlock();
            try {
                report_progress(bar, count(), total);
            } catch (...) {  // a file being written as it is counted: the next look will do
            }
            lock.lock();
        }
    }
    worker.join();
    if (failure) std::rethrow_exception(failure);
}

report::Section skipped_section(const std::string& id, const std::string& title, const std::string& why) {
    report::Section s;
    s.id = id;
    s.title = title;
    s.status = "skipped";
    s.paragraphs.push_back("Not run: " + why);
    return s;
}

}  // namespace nwn::exp

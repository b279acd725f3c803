#include "runner/jobs/mpi_pool.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "common/error.h"
#include "nwn_config.h"

#if NWN_HAVE_MPI
#include <fcntl.h>
// The C API only: Open MPI and MPICH otherwise pull in their deprecated C++ bindings.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <iostream>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/cancel.h"
#include "runner/jobs/job_files.h"
#endif

namespace nwn::jobs {

namespace {
int g_workers = 0;
std::vector<std::string> g_hosts;  // rank 0, under MPI: the host of every rank, by rank

// What mpirun (Open MPI), MPICH/Hydra and Slurm's srun put in a launched process's environment.
bool launched_by_mpi() {
    for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"})
        if (std::getenv(v)) return true;
    return false;
}
}  // namespace

int mpi_workers() { return g_workers; }
const std::vector<std::string>& mpi_hosts() { return g_hosts; }

#if !NWN_HAVE_MPI

bool mpi_built() { return false; }
MpiSession::MpiSession(int&, char**&) {
    if (!launched_by_mpi()) return;
    // N copies of one command would each run everything into the same directory.
    for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
        if (const char* n = std::getenv(v); n && std::atoi(n) > 1)
            throw Error("started by an MPI launcher with " + std::string(n) +
                        " processes, but this nwn was built without MPI (install libopenmpi-dev and rebuild)");
}
MpiSession::~MpiSession() = default;
int MpiSession::serve(const CommandRunner&) { return 0; }
std::size_t run_mpi_jobs(std::vector<Job>& jobs) { return run_local_jobs(jobs, 0); }

#else

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;
enum Tag : int { kJob = 1, kResult = 2, kFinish = 3 };
constexpr std::size_t kChunk = std::size_t{1} << 30;  // MPI counts are ints

void send_blob(int dest, int tag, const std::vector<std::uint8_t>& data) {
    const std::uint64_t n = data.size();
    MPI_Send(&n, 1, MPI_UINT64_T, dest, tag, MPI_COMM_WORLD);
    for (std::size_t at = 0; at < data.size(); at += kChunk)
        MPI_Send(data.data() + at, static_cast<int>(std::min(kChunk, data.size() - at)), MPI_BYTE, dest, tag, MPI_COMM_WORLD);
}

std::vector<std::uint8_t> recv_blob(int source, int tag) {
    std::uint64_t n = 0;
    MPI_Recv(&n, 1, MPI_UINT64_T, source, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::vector<std::uint8_t> data(n);
    for (std::size_t at = 0; at < data.size(); at += kChunk)
        MPI_Recv(data.data() + at, static_cast<int>(std::min(kChunk, data.size() - at)), MPI_BYTE, source, tag, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
    return data;
}

json files_json(const FileTree& files) {
    json j = json::object();
    for (const auto& [rel, text] : files) j[rel] = json::binary(std::vector<std::uint8_t>(text.begin(), text.end()));
    return j;
}

FileTree tree_of(const json& j) {
    FileTree files;
    for (const auto& [rel, bin] : j.items()) {
        const auto& b = bin.get_binary();
        files[rel] = std::string(b.begin(), b.end());
    }
    return files;
}

// The job's arguments with its directory replaced by the worker's scratch copy.
Argv relocate(Argv args, const std::string& dir, const std::string& scratch) {
    for (auto& a : args)
        if (a == dir || a.rfind(dir + "/", 0) == 0) a = scratch + a.substr(dir.size());
    return args;
}

// Runs the commands with stdout and stderr in `log`, as a local job's process would.
int run_logged(const CommandRunner& run, const std::vector<Argv>& commands, const std::filesystem::path& log) {
    std::fflush(nullptr);
    std::cout.flush();
    std::cerr.flush();
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return 126;
    const int out = ::dup(1), err = ::dup(2);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::close(fd);
    int status = 0;
    for (const auto& c : commands) {
        if (c.size() < 2) {
            status = 127;
            break;
        }
        status = run(Argv(c.begin() + 1, c.end()));
        if (status != 0) break;
    }
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::close(out);
    ::close(err);
    return status;
}

}  // namespace

bool mpi_built() { return true; }

MpiSession::MpiSession(int& argc, char**& argv) {
    if (!launched_by_mpi()) return;
    MPI_Init(&argc, &argv);
    initialized_ = true;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    if (rank_ == 0) g_workers = size_ - 1;
    // Every rank's host, for the records of how the work ran (execution.h): a collective all ranks make here.
    char name[MPI_MAX_PROCESSOR_NAME] = {};
    int length = 0;
    MPI_Get_processor_name(name, &length);
    std::vector<char> all(rank_ == 0 ? static_cast<std::size_t>(size_) * MPI_MAX_PROCESSOR_NAME : 0);
    MPI_Gather(name, MPI_MAX_PROCESSOR_NAME, MPI_CHAR, all.data(), MPI_MAX_PROCESSOR_NAME, MPI_CHAR, 0, MPI_COMM_WORLD);
    for (int r = 0; rank_ == 0 && r < size_; ++r) {
        const char* h = all.data() + static_cast<std::size_t>(r) * MPI_MAX_PROCESSOR_NAME;
        g_hosts.emplace_back(h, strnlen(h, MPI_MAX_PROCESSOR_NAME));
    }
}

MpiSession::~MpiSession() {
    if (!initialized_) return;
    if (rank_ == 0)
        for (int r = 1; r < size_; ++r) send_blob(r, kFinish, {});
    MPI_Finalize();
}

int MpiSession::serve(const CommandRunner& run) {
    char tmpl[4096];
    const char* tmp = std::getenv("TMPDIR");
    std::snprintf(tmpl, sizeof tmpl, "%s/nwn-mpi-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!::mkdtemp(tmpl)) {
        std::cerr << "nwn (MPI rank " << rank_ << "): cannot create a scratch directory " << tmpl << "\n";
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    const std::filesystem::path scratch = std::filesystem::path(tmpl) / "job";
    for (;;) {
        MPI_Status st;
        MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
        const auto blob = recv_blob(0, st.MPI_TAG);
        if (st.MPI_TAG == kFinish) break;
        const json job = json::from_cbor(blob);
        const std::string dir = job.at("dir");
        std::filesystem::remove_all(scratch);
        write_tree(scratch, tree_of(job.at("files")));
        if (::chdir(job.at("cwd").get<std::string>().c_str()) != 0) {
            std::cerr << "nwn (MPI rank " << rank_ << "): cannot enter " << job.at("cwd") << " (not shared with rank 0?)\n";
            MPI_Abort(MPI_COMM_WORLD, 1);
        }
        std::vector<Argv> commands;
        for (const auto& c : job.at("commands")) commands.push_back(relocate(c.get<Argv>(), dir, scratch.string()));
        const auto t0 = Clock::now();
        const int status = run_logged(run, commands, scratch / job.at("log").get<std::string>());
        FileTree files = read_tree(scratch);
        replace_in_tree(files, scratch.string(), dir);
        const json result{{"status", status},
                          {"seconds", std::chrono::duration<double>(Clock::now() - t0).count()},
                          {"cancelled", cancel_requested()},
                          {"files", files_json(files)}};
        send_blob(0, kResult, json::to_cbor(result));
    }
    std::filesystem::remove_all(std::filesystem::path(tmpl));
    return 0;
}

std::size_t run_mpi_jobs(std::vector<Job>& jobs) {
    const auto order = start_order(jobs);
    const std::string cwd = std::filesystem::current_path().string();
    std::deque<int> idle;
    for (int r = 1; r <= g_workers; ++r) idle.push_back(r);
    std::map<int, std::size_t> busy;
    std::size_t next = 0;
    while (next < order.size() || !busy.empty()) {
        while (!cancel_requested() && next < order.size() && !idle.empty()) {
            Job& job = jobs[order[next]];
            if (job.prepare) job.prepare(job);
            const json msg{{"dir", job.dir.string()},
                           {"cwd", cwd},
                           {"log", job.log.lexically_relative(job.dir).string()},
                           {"commands", job.commands},
                           {"files", files_json(read_tree(job.dir))}};
            send_blob(idle.front(), kJob, json::to_cbor(msg));
            busy[idle.front()] = order[next++];
            idle.pop_front();
        }
        if (busy.empty()) break;
        int flag = 0;
        MPI_Status st;
        MPI_Iprobe(MPI_ANY_SOURCE, kResult, MPI_COMM_WORLD, &flag, &st);
        if (!flag) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            continue;
        }
        const json result = json::from_cbor(recv_blob(st.MPI_SOURCE, kResult));
        Job& job = jobs[busy.at(st.MPI_SOURCE)];
        busy.erase(st.MPI_SOURCE);
        idle.push_back(st.MPI_SOURCE);
        mirror_tree(job.dir, tree_of(result.at("files")));
        const JobExit ex{result.at("status").get<int>(), 0, result.at("seconds").get<double>(), result.at("cancelled").get<bool>()};
        if (ex.cancelled) request_cancel();  // that rank was stopped: stop handing out work, as a local Ctrl-C does
        if (job.done) job.done(ex);
    }
    return next;
}

#endif

}  // namespace nwn::jobs

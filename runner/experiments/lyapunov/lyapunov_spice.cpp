// The Lyapunov segments in libngspice: one deck per segment (CopyDeck), one session for all of them.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <fstream>

#include "common/cancel.h"
#include "common/error.h"
#include "netlistgen/netlist/resource_paths.h"
#include "runner/engine/ngspice_session.h"
#include "runner/experiments/lyapunov/lyapunov_engines.h"
#include "runner/engine/ngspice_choice.h"
#include "runner/experiments/lyapunov/two_copy_deck.h"

namespace nwn::exp {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

long rss_kib() {
    std::ifstream f("/proc/self/statm");
    long pages = 0, resident = 0;
    f >> pages >> resident;
    return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

CopyDeckOptions deck_options(const EngineSetup& s) {
    const EngineChoice& c = s.choice;
    CopyDeckOptions o;
    o.flavour = c.flavour;
    o.ngspice_major = engine::choose_ngspice(o.flavour, "", "").major;
    o.params = s.params;
    o.tmax = c.tmax;
    o.extra_options = c.spice_options;
    if (o.flavour == net::Flavour::Subckt) o.subckt_library = net::find_subckt_library(c.subckt_library);
    return o;
}

engine::SessionOptions session_options(const EngineChoice& c) {
    engine::SessionOptions o;
    o.keep_vectors = false;  // only the last point of a segment matters: ngspice's memory stays flat
    const auto ng = engine::choose_ngspice(c.flavour, "", "");
    o.library = ng.library;
    o.scripts_dir = ng.scripts_dir;
    return o;
}

class SpiceSegmentEngine : public SegmentEngine {
public:
    explicit SpiceSegmentEngine(const EngineSetup& s)
        : wall_limit_s_(s.choice.wall_limit_s), deck_(s.network, s.stimulus, deck_options(s)),
          session_(session_options(s.choice)) {
        engine::load_junction_device(session_, s.choice.flavour, s.choice.codemodel, s.choice.osdi);
    }

    const std::vector<int>& wires() const override { return deck_.wires(); }

    void advance(std::vector<State>& copies, double t0, double duration, const RefObserver& observer,
                 bool with_wires) override {
        auto start = Clock::now();
        session_.load_circuit(deck_.lines(t0, duration, copies));
        load_s_ += seconds_since(start);

        const std::size_t n = deck_.junctions().size();
        std::vector<std::size_t> index, wire_index;  // copy-major λ vector indices; wires of copy 0
        std::size_t drive_i = 0, current_i = 0;
        session_.set_layout_callback([&](const engine::VectorLayout& layout) {
            index.clear();
            wire_index.clear();
            for (std::size_t c = 0; c < copies.size(); ++c)
                for (auto k : deck_.junctions()) index.push_back(layout.index(CopyDeck::lambda_vector(c, k)));
            if (with_wires)
                for (int w : deck_.wires()) wire_index.push_back(layout.index(deck_.wire_vector(0, w)));
            drive_i = layout.index("v(drive)");
            current_i = layout.index(deck_.current_vector(0));
        });
        std::vector<double> last, wires;
        double last_time = -1;
        session_.set_recorder([&](const engine::Point& p) {
            last.resize(index.size());
            for (std::size_t m = 0; m < index.size(); ++m) last[m] = p[index[m]];
            last_time = p.time;
            if (!observer) return;
            wires.resize(wire_index.size());
            for (std::size_t m = 0; m < wire_index.size(); ++m) wires[m] = p[wire_index[m]];
            observer({t0 + p.time, p[drive_i], p[current_i], with_wires ? &wires : nullptr});
        });
        engine::RunOptions ro;
        ro.tstop = duration;
        ro.wall_limit_s = wall_limit_s_;
        start = Clock::now();
        const auto outcome = session_.run(ro);
        run_s_ += seconds_since(start);
        session_.set_recorder({});
        session_.set_layout_callback({});
        // A halt on a stop request is a stop, not a failure (common/cancel.h).
        if (outcome.status == engine::RunStatus::interrupted)
            throw Cancelled("ngspice interrupted in the segment from t = " + std::to_string(t0) + " s: " + outcome.message);
        if (!outcome.ok())
            throw Error("ngspice " + std::string(engine::to_string(outcome.status)) + " in the segment from t = " +
                        std::to_string(t0) + " s: " + outcome.message);
        if (!(std::abs(last_time - duration) <= 1e-6 * duration) || last.size() != copies.size() * n)
            throw Error("ngspice ended the segment from t = " + std::to_string(t0) + " s at " + std::to_string(last_time) +
                        " s instead of " + std::to_string(duration) + " s");
        for (std::size_t c = 0; c < copies.size(); ++c) copies[c].assign(last.begin() + c * n, last.begin() + (c + 1) * n);
        points_ += outcome.accepted_points;
        ++runs_;
        if (runs_ == 1) rss_first_ = rss_kib();
        rss_last_ = rss_kib();
    }

    nlohmann::json stats() const override {
        return {{"runs", runs_},
                {"points", points_},
                {"load_s", load_s_},
                {"run_s", run_s_},
                {"load_s_per_run", runs_ ? load_s_ / runs_ : 0.0},
                {"run_s_per_run", runs_ ? run_s_ / runs_ : 0.0},
                {"rss_kib_after_first_run", rss_first_},
                {"rss_kib_after_last_run", rss_last_}};
    }

private:
    double wall_limit_s_;
    CopyDeck deck_;
    engine::Session session_;
    double load_s_ = 0, run_s_ = 0;
    std::size_t points_ = 0, runs_ = 0;
    long rss_first_ = 0, rss_last_ = 0;
};

}  // namespace

std::unique_ptr<SegmentEngine> make_spice_engine(const EngineSetup& setup) {
    return std::make_unique<SpiceSegmentEngine>(setup);
}

}  // namespace nwn::exp

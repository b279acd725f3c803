#include "runner/engine/native_engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <string>

#include "common/cancel.h"
#include "common/error.h"
#include "common/format.h"
#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/junction_params.h"
#include "common/text_parse.h"
#include "runner/engine/native_step.h"

namespace nwn::engine {

namespace {

// The deck's names (netlist_writer.h), lower-cased as ngspice reports electrode names. make_point() fills
// the values in this order.
VectorLayout native_layout(const net::Network& net, const NodalSystem& sys) {
    std::vector<std::string> names{"time"};
    for (const auto& e : net.electrodes) names.push_back(nwn::lower("v" + e.name + "#branch"));
    std::vector<std::string> nodes(sys.node_voltages().size());
    for (std::size_t m = 0; m < sys.wires().size(); ++m) nodes[m] = "w" + std::to_string(sys.wires()[m]);
    for (std::size_t e = 0; e < net.electrodes.size(); ++e) {
        const auto& el = net.electrodes[e];
        if (el.bar) nodes[static_cast<std::size_t>(sys.electrode_node(e))] = nwn::lower(net::electrode_node(el));
    }
    names.insert(names.end(), nodes.begin(), nodes.end());
    for (std::size_t k = 0; k < net.junctions.size(); ++k) names.push_back("l" + std::to_string(k));
    for (std::size_t k = 0; k < net.junctions.size(); ++k) names.push_back("j" + std::to_string(k) + "#voltage");
    VectorLayout layout;
    layout.assign(std::move(names), 0);
    layout.plot_name = "native";
    layout.plot_type = "Transient Analysis";
    return layout;
}

// Driven electrodes as roles, every other one grounded.
std::vector<net::ElectrodeRole> roles_of(const net::Network& net, const std::vector<NativeDrive>& drives) {
    std::vector<net::ElectrodeRole> roles;
    for (const auto& e : net.electrodes) roles.push_back({e.name, net::Role::Ground, std::nullopt, 0});
    for (const auto& d : drives) {
        std::size_t found = roles.size();
        for (std::size_t e = 0; e < roles.size(); ++e)
            if (net.electrodes[e].name == d.electrode) found = e;
        if (found == roles.size()) throw Error("native engine: no electrode named '" + d.electrode + "'");
        roles[found].role = net::Role::Drive;
        roles[found].stimulus = d.stimulus;
    }
    return roles;
}

}  // namespace

struct NativeEngine::Impl {
    const net::Network& net;
    NativeOptions opt;
    std::optional<NativeStep> stepper;  // after the option checks, which report first
    long steps = 0;

    std::vector<double> lambda, ei;
    VectorLayout layout;
    std::vector<double> values;  // the last step's, in layout order
    Point point;

    Impl(const net::Network& n, std::vector<net::ElectrodeRole> roles, NativeOptions o) : net(n), opt(std::move(o)) {
        const int ne = static_cast<int>(net.electrodes.size());
        const size_t nj = net.junctions.size();
        if (!(opt.dt > 0) || !(opt.tstop > 0)) throw Error("native engine: dt and tstop must be > 0");
        if (opt.params.size() != 1 && opt.params.size() != nj)
            throw Error("native engine: need one parameter set or one per junction");
        if (!opt.lambda0.empty() && opt.lambda0.size() != nj)
            throw Error("native engine: initial state has " + std::to_string(opt.lambda0.size()) + " values for " +
                        std::to_string(nj) + " junctions");
        for (const auto& p : opt.params)
            if (&p.model() != &opt.params.front().model()) throw Error("native engine: junctions of two models");
        net::check_initial_states(opt.lambda0, opt.params);
        auto rules = opt.params.front().model().native(opt.params, opt.nwnsim_compat);
        if (ne < 2) throw Error("native engine: the network needs at least two electrodes");
        if (roles.size() != static_cast<std::size_t>(ne))
            throw Error("native engine: " + std::to_string(roles.size()) + " electrode roles for " + std::to_string(ne) +
                        " electrodes");
        for (const auto& r : roles)
            if (r.role == net::Role::Drive && !r.stimulus)
                throw Error("native engine: electrode '" + r.electrode + "' is driven without a stimulus");

        // Every wire and junction: a part without an electrode is an error (singular), not dropped.
        stepper.emplace(net, std::move(roles), std::move(rules), opt.dt, NodalOptions{});

        lambda = opt.lambda0.empty() ? std::vector<double>(nj, 0.0) : opt.lambda0;
        ei.assign(ne, 0.0);
        layout = native_layout(net, stepper->system());
        values.assign(layout.size(), 0.0);
        point.layout = &layout;
        point.values = values.data();
    }

    const Point& step() {
        const long k = ++steps;
        const double t = k * opt.dt;
        stepper->drive(t);
        if (!stepper->advance(lambda))
            throw Error("native engine: singular conductance matrix at t = " + std::to_string(t) +
                        " (a part of the network is not connected to any electrode)");
        stepper->system().electrode_currents(ei);
        return make_point(t, k - 1);
    }

    const Point& make_point(double t, long index) {
        double* v = values.data();
        *v++ = t;
        v = std::copy(ei.begin(), ei.end(), v);
        const auto& node_v = stepper->system().node_voltages();
        v = std::copy(node_v.begin(), node_v.end(), v);
        v = std::copy(lambda.begin(), lambda.end(), v);
        const auto& jv = stepper->junction_voltages();
        std::copy(jv.begin(), jv.end(), v);
        point.time = t;
        point.step = static_cast<std::size_t>(index);
        return point;
    }

    RunOutcome run(const Recorder& rec, const LayoutCallback& on_layout, const NativeRunOptions& ro) {
        using Clock = std::chrono::steady_clock;
        const auto start = Clock::now();
        if (on_layout) on_layout(layout);
        const long n = std::lround(opt.tstop / opt.dt);
        RunOutcome out;
        out.status = RunStatus::completed;
        long taken = n;
        while (steps < n) {
            const Point& p = step();
            if (rec) rec(p);
            report_progress(ro.on_progress, p.time, opt.tstop);
            const bool stop = cancel_requested();
            const bool over = ro.wall_limit_s > 0 &&
                              std::chrono::duration<double>(Clock::now() - start).count() > ro.wall_limit_s;
            if (!stop && !over) continue;
            taken = steps;
            const std::string at = " at t = " + fmt("%g", static_cast<double>(taken) * opt.dt) + " s";
            if (stop) {
                out.status = RunStatus::interrupted;
                out.message = "interrupted" + at;
            } else {
                out.status = RunStatus::failed;
                out.timed_out = true;
                out.message = "wall-clock limit of " + fmt("%g", ro.wall_limit_s) + " s reached" + at;
            }
            break;
        }
        out.accepted_points = static_cast<std::size_t>(taken);
        out.last_time = static_cast<double>(taken) * opt.dt;
        out.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
        return out;
    }
};

NativeEngine::NativeEngine(const net::Network& net, std::vector<net::ElectrodeRole> roles, NativeOptions options)
    : impl_(std::make_unique<Impl>(net, std::move(roles), std::move(options))) {}
NativeEngine::NativeEngine(const net::Network& net, const std::vector<NativeDrive>& drives, NativeOptions options)
    : NativeEngine(net, roles_of(net, drives), std::move(options)) {}
void NativeEngine::set_drive(const std::string& electrode, double volts) {
    const auto& el = net::electrode_named(impl_->net, electrode, "native engine");
    const auto e = static_cast<std::size_t>(&el - impl_->net.electrodes.data());
    const auto role = impl_->stepper->roles()[e].role;
    if (role != net::Role::Drive && role != net::Role::Ground)
        throw Error("native engine: electrode '" + el.name + "' is " + net::role_name(role) +
                    ": only a driven or grounded electrode can be set");
    if (!std::isfinite(volts)) throw Error("native engine: a non-finite voltage for electrode '" + el.name + "'");
    impl_->stepper->hold(e, volts);
}
NativeEngine::~NativeEngine() = default;
const VectorLayout& NativeEngine::layout() const { return impl_->layout; }
RunOutcome NativeEngine::run(const Recorder& recorder, const LayoutCallback& on_layout, const NativeRunOptions& options) {
    return impl_->run(recorder, on_layout, options);
}
const Point& NativeEngine::step() { return impl_->step(); }
const std::vector<double>& NativeEngine::lambda() const { return impl_->lambda; }

}  // namespace nwn::engine

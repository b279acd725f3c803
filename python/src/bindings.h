// The nwnspice Python extension (_nwnspice): one bind_* function per topic, and what every binding that
// simulates shares: Ctrl-C while the GIL is released, and nlohmann::json <-> Python objects.
#pragma once
#include <signal.h>

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

#include "netlistgen/network/electrode_roles.h"
#include "netlistgen/network/stimulus.h"

namespace nwn::python {

namespace py = pybind11;

void bind_network(py::module_& m);
void bind_run(py::module_& m);
void bind_simulation(py::module_& m);
void bind_analysis(py::module_& m);

// Electrode roles as Python gives them ({"drives": {name: spec}, "ground": [...], "floating": [...],
// "loads": {name: ohms}, "drive_table": path}, each optional) as `nwn run`'s role options give them.
net::RoleRequest role_request(const py::dict& roles);
// A stimulus spec as `nwn run --stimulus` takes it; empty: its default, dc:1.
net::Stimulus stimulus_of(const std::string& spec);

// Ctrl-C during a simulation that runs with the GIL released. Python's own SIGINT handler only sets a flag
// that the interpreter looks at between bytecodes, which never happens while C++ holds the thread; so, on
// the main thread (the only one Python delivers signals to), SIGINT is routed for the scope's lifetime to
// the project's stop request (common/cancel.h, which every engine and long loop serves), exactly what
// `nwn run` does on Ctrl-C (common/stop_signals.h, minus its process-ending second signal and alarm, which
// are the CLI's business, not a library's). The request is withdrawn when the scope ends.
// Construct and finish() with the GIL held.
class InterruptScope {
public:
    InterruptScope();
    ~InterruptScope();
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;
    static bool requested();  // a SIGINT arrived (any thread; no GIL needed)
    // Restores Python's handler and, when a SIGINT arrived, hands it to Python as if it had arrived now:
    // its handler runs (the default raises KeyboardInterrupt) and the exception propagates from here.
    void finish();

private:
    static void withdraw();
    bool installed_ = false;
    struct sigaction previous_ {};
};

// fn() with the GIL released inside an InterruptScope: Ctrl-C stops it (engines end their run as interrupted,
// long loops throw Cancelled) and raises KeyboardInterrupt here once it has returned.
template <class Fn>
auto without_gil(Fn&& fn) {
    InterruptScope scope;
    if constexpr (std::is_void_v<decltype(fn())>) {
        {
            py::gil_scoped_release release;
            fn();
        }
        scope.finish();
    } else {
        std::optional<decltype(fn())> r;
        {
            py::gil_scoped_release release;
            r.emplace(fn());
        }
        scope.finish();
        return std::move(*r);
    }
}

// Python's json module is the reference for what a JSON value is in Python: dicts, lists, floats, ...
py::object to_python(const nlohmann::json& j);

}  // namespace nwn::python

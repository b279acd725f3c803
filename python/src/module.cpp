// _nwnspice: the compiled half of the nwnspice package (python/nwnspice/__init__.py is the other).
#include <pybind11/pybind11.h>

#include "bindings.h"
#include "common/cancel.h"
#include "common/error.h"

namespace nwn::python {

namespace {

extern "C" void nwnspice_python_on_sigint(int) { request_cancel(); }

// Asked once (the main thread does not change); the comparison is then cheap enough for every step.
bool on_main_thread() {
    static const unsigned long main_ident =
        py::module_::import("threading").attr("main_thread")().attr("ident").cast<unsigned long>();
    return PyThread_get_thread_ident() == main_ident;
}

}  // namespace

InterruptScope::InterruptScope() {
    reset_cancel();
    if (!on_main_thread()) return;
    struct sigaction sa {};
    sa.sa_handler = nwnspice_python_on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    installed_ = ::sigaction(SIGINT, &sa, &previous_) == 0;
}

InterruptScope::~InterruptScope() {
    if (installed_) ::sigaction(SIGINT, &previous_, nullptr);
    withdraw();
}

// The stop request has been served in this scope: it must not stop the next call's work.
void InterruptScope::withdraw() { reset_cancel(); }

bool InterruptScope::requested() { return cancel_requested(); }

void InterruptScope::finish() {
    if (installed_) ::sigaction(SIGINT, &previous_, nullptr);
    installed_ = false;
    if (!cancel_requested()) return;
    withdraw();
    PyErr_SetInterrupt();
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
}

py::object to_python(const nlohmann::json& j) { return py::module_::import("json").attr("loads")(j.dump()); }

}  // namespace nwn::python

PYBIND11_MODULE(_nwnspice, m) {
    namespace py = pybind11;
    m.doc() = "nwnspice's C++ libraries (use the nwnspice package, which documents them)";
    // nwn::Error is bad input or failed work, with the message the CLI prints: a ValueError subclass, so
    // callers can catch either. Cancelled (a stop request seen by a long loop) is Ctrl-C.
    static py::exception<nwn::Error> error(m, "Error", PyExc_ValueError);
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const nwn::Error& e) {
            PyErr_SetString(error.ptr(), e.what());
        } catch (const nwn::Cancelled&) {
            PyErr_SetNone(PyExc_KeyboardInterrupt);
        }
    });
    nwn::python::bind_network(m);
    nwn::python::bind_run(m);
    nwn::python::bind_simulation(m);
    nwn::python::bind_analysis(m);
}

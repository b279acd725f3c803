// Another libngspice build (e.g. bookworm-backports' ngspice 46) driven by the same session code,
// loaded at run time. Its own test binary: only one libngspice can be loaded per process, and the
// system's is loaded by every other engine test. The build is taken from NWN_NGSPICE46_LIB (its
// libngspice.so.0) and NWN_NGSPICE46_SCRIPTS (a directory with a private spinit), else from what
// CMake found (cmake/Ngspice46.cmake); the test is skipped without them.
#include "runner/engine/ngspice_session.h"

#include "engine/rc_circuit.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "support/skip.h"
#include "nwn_config.h"

using namespace nwn::engine;
using Catch::Matchers::Contains;

namespace {
std::string setting(const char* env, const char* configured) {
    const char* v = std::getenv(env);
    return v && *v ? v : configured;
}
}  // namespace

TEST_CASE("another ngspice build runs the RC deck in its own process", "[engine][ngspice46]") {
    const std::string lib = setting("NWN_NGSPICE46_LIB", NWN_NGSPICE46_LIB);
    const std::string scripts = setting("NWN_NGSPICE46_SCRIPTS", NWN_NGSPICE46_SCRIPTS);
    if (lib.empty() || scripts.empty()) {
        nwn::test::skip("ngspice46", "set NWN_NGSPICE46_LIB (the libngspice.so.0 of an ngspice >= 42) and "
                                     "NWN_NGSPICE46_SCRIPTS (its scripts directory, with a spinit that loads its own "
                                     "code models) to test another ngspice build");
        return;
    }
    SessionOptions o;
    o.library = lib;
    o.scripts_dir = scripts;
    {
        Session s(o);
        const std::string v = s.ngspice_version();
        std::cout << "ngspice " << v << " from " << s.library_path() << " (spinit in " << scripts
                  << ")" << std::endl;
        // the other build, not the system's 39 (the variables may name any ngspice >= 42)
        CHECK(std::stoi(v) >= 42);
        CHECK(s.library_path() == std::filesystem::canonical(lib).string());
        CHECK(std::getenv("OMP_WAIT_POLICY"));  // passive unless the user chose a policy

        auto res = nwn::test::run_rc(s, 1e3, 1e-6, ".tran 10u 5m uic");
        INFO(res.outcome.message);
        REQUIRE(res.outcome.status == RunStatus::completed);
        std::cout << "RC: " << res.points << " points, max |v - (1 - exp(-t/tau))| = " << res.max_err
                  << " V" << std::endl;
        // as for the system library (test_ngspice_session.cpp): tmax = tau/100 bounds the
        // trapezoidal error to ~3e-6 V; 5e-5 V leaves room for the build's own step choice
        CHECK(res.max_err < 5e-5);
        CHECK(res.points > 500);
        CHECK(res.points == res.outcome.accepted_points);
        CHECK(res.outcome.last_time == Approx(5e-3).epsilon(1e-9));
    }
    // the system's libngspice cannot join it in this process
    REQUIRE_THROWS_WITH(Session(), Contains("libngspice " + lib + " ") &&
                                       Contains("is already loaded in this process"));
}

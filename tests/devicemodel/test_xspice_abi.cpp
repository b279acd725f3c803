// The config.h macros that change struct layouts (XSPICE, CIDER, OSDI) must match the installed ngspice:
// compare the instance/model sizes of Debian's own analog.cm, read through our headers, with ours.
#include <catch2/catch.hpp>

#include "support/reference.h"

using namespace nwn::test;

TEST_CASE("struct layouts match the installed ngspice (Debian's analog.cm)", "[abi]") {
    const std::string probe = (build_dir() / "tools" / "nwn_xspice_probe").string();
    std::string analog;
    for (const char* dir : {"/usr/lib/x86_64-linux-gnu/ngspice", "/usr/lib/aarch64-linux-gnu/ngspice",
                            "/usr/lib/ngspice", "/usr/local/lib/ngspice"}) {
        if (std::filesystem::exists(std::string(dir) + "/analog.cm")) analog = std::string(dir) + "/analog.cm";
    }
    REQUIRE_FALSE(analog.empty());
    std::string out;
    int rc = run_command(probe + " " + analog + " " + codemodel_path().string(), &out);
    INFO(out);
    CHECK(rc == 0);
    CHECK(out.find("nwnjunction") != std::string::npos);
    CHECK(out.find("MISMATCH") == std::string::npos);
}

TEST_CASE("the probe rejects a library that is not a code model", "[abi]") {
    const std::string probe = (build_dir() / "tools" / "nwn_xspice_probe").string();
    std::string out;
    CHECK(run_command(probe + " /nonexistent/x.cm", &out) != 0);
    CHECK(out.find("cannot load") != std::string::npos);
}

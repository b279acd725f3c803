// Device libraries are checked before ngspice dlopen()s them: a truncated nwnjunction.osdi or nwnspice.cm
// once crashed nwn with SIGBUS (netlistgen/netlist/resource_paths.h, common/shared_object.h).
#include <catch2/catch.hpp>

#include <filesystem>

#include "common/atomic_file.h"
#include "netlistgen/netlist/resource_paths.h"
#include "support/reference.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

// The first `bytes` bytes of `from`, written to dir/name.
fs::path cut(const fs::path& from, const fs::path& dir, const std::string& name, std::size_t bytes) {
    const auto to = dir / name;
    nwn::write_file_atomic(to, nwn::read_file(from).substr(0, bytes));
    return to;
}

}  // namespace

TEST_CASE("device libraries: complete ones pass, truncated, foreign and wrong ones are refused by name", "[devices]") {
    const auto dir = nwn::test::scratch_dir("devicemodel/device_files");
    const auto cm = nwn::test::codemodel_path(), osdi = nwn::test::build_dir() / "lib/nwnjunction.osdi";
    REQUIRE(fs::exists(cm));
    REQUIRE(fs::exists(osdi));
    CHECK_NOTHROW(nwn::net::check_codemodel_file(cm));
    CHECK_NOTHROW(nwn::net::check_osdi_file(osdi));
    CHECK(nwn::net::find_codemodel(cm) == fs::absolute(cm).lexically_normal());
    // Cut anywhere (the 20 000 bytes of the .osdi; in the headers, the segments, the section table).
    for (const std::size_t bytes : {std::size_t{10}, std::size_t{100}, std::size_t{20000}, fs::file_size(osdi) - 1}) {
        INFO(bytes << " bytes");
        const auto t = cut(osdi, dir, "cut.osdi", bytes);
        CHECK_THROWS_WITH(nwn::net::check_osdi_file(t), Contains("cut.osdi: not a loadable OSDI library: "));
        CHECK_THROWS_WITH(nwn::net::find_osdi_device(t), Contains("cut.osdi: not a loadable OSDI library: truncated") ||
                                                             Contains("cut.osdi: not a loadable OSDI library: not an ELF"));
    }
    for (const std::size_t bytes : {std::size_t{20000}, fs::file_size(cm) / 2, fs::file_size(cm) - 1}) {
        INFO(bytes << " bytes");
        const auto t = cut(cm, dir, "cut.cm", bytes);
        CHECK_THROWS_WITH(nwn::net::find_codemodel(t), Contains("cut.cm: not a loadable XSPICE code model: truncated"));
    }
    // Complete, but the other kind: the symbols ngspice's loader looks up are missing.
    CHECK_THROWS_WITH(nwn::net::check_osdi_file(cm), Contains("undefined symbol: OSDI_VERSION_MAJOR"));
    CHECK_THROWS_WITH(nwn::net::check_codemodel_file(osdi), Contains("undefined symbol: CMdevNum"));
    nwn::write_file_atomic(dir / "text.cm", "not a library\n");
    CHECK_THROWS_WITH(nwn::net::check_codemodel_file(dir / "text.cm"), Contains("text.cm: not a loadable XSPICE code model: not an ELF file"));
    CHECK_THROWS_WITH(nwn::net::check_codemodel_file("/dev/zero"), Contains("/dev/zero: is a character device"));
}

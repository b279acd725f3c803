// Outputs never replace anything but a regular file: symbolic links are written through, special files
// and directories are refused (as root, renaming onto /dev/full once replaced the device node).
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "common/atomic_file.h"
#include "common/error.h"
#include "support/reference.h"

namespace fs = std::filesystem;

TEST_CASE("atomic outputs: regular files replaced, links written through, special files refused", "[io][files]") {
    const auto dir = nwn::test::scratch_dir("io/atomic_file");
    const auto file = dir / "out.txt";
    nwn::write_file_atomic(file, "one\n");
    nwn::write_file_atomic(file, "two\n");
    CHECK(nwn::read_file(file) == "two\n");

    const auto link = dir / "link.txt";
    fs::create_symlink(file, link);
    nwn::write_file_atomic(link, "three\n");
    CHECK(fs::is_symlink(fs::symlink_status(link)));  // still a link
    CHECK(nwn::read_file(file) == "three\n");          // its target got the content

    const auto fifo = dir / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_THROWS_WITH(nwn::write_file_atomic(fifo, "x"), Catch::Contains("is a FIFO; outputs replace only regular files"));
    CHECK(fs::is_fifo(fs::symlink_status(fifo)));

    CHECK_THROWS_WITH(nwn::write_file_atomic(dir, "x"), Catch::Contains("is a directory"));
    if (fs::exists("/dev/null"))
        CHECK_THROWS_WITH(nwn::write_file_atomic("/dev/null", "x"), Catch::Contains("is a character device"));
    CHECK(fs::is_character_file(fs::symlink_status("/dev/null")));
    for (const auto& e : fs::directory_iterator(dir))  // no temporary left behind
        CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
}

TEST_CASE("inputs: only regular files are read, and read whole only up to 1 GiB", "[io][files]") {
    const auto dir = nwn::test::scratch_dir("io/input_files");
    const auto fifo = dir / "fifo.cir";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Each would block (the FIFO has no writer) or never end (/dev/zero) if it were opened and read.
    CHECK_THROWS_WITH(nwn::read_file(fifo), Catch::Contains("fifo.cir: is a FIFO; nwn reads only regular files"));
    CHECK_THROWS_WITH(nwn::open_input(fifo), Catch::Contains("fifo.cir: is a FIFO"));
    CHECK_THROWS_WITH(nwn::read_file("/dev/zero"), Catch::Contains("/dev/zero: is a character device"));
    CHECK_THROWS_WITH(nwn::open_input("/dev/zero"), Catch::Contains("/dev/zero: is a character device"));
    CHECK_THROWS_WITH(nwn::read_file(dir), Catch::Contains("is a directory"));
    CHECK_THROWS_WITH(nwn::read_file(dir / "missing"), Catch::Contains("missing: cannot open: No such file"));
    // A sparse file just over the limit costs no disk and is refused by its size, before any read.
    const auto big = dir / "big.json";
    nwn::write_file_atomic(big, "x");
    fs::resize_file(big, nwn::kMaxInputBytes + 1);
    CHECK_THROWS_WITH(nwn::read_file(big), Catch::Contains("big.json: 1073741825 bytes or more"));
    fs::resize_file(big, 3);
    CHECK(nwn::read_file(big) == std::string("x\0\0", 3));
    CHECK(nwn::open_input(big).get() == 'x');
}

// What a hostile or careless user hands `nwn run` and friends: files that are no files, decks that include
// themselves or run no transient, truncated device libraries. Each is refused with a message naming the
// file, exit status 1, never a hang or a crash. Every command runs under timeout(1): 124 means it hung.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "support/reference.h"

using namespace nwn::test;
namespace fs = std::filesystem;

namespace {

// Runs `nwn ARGS` with at most 60 s; returns the exit status, output in *out.
int run_nwn(const std::string& args, std::string* out, const std::string& env = "") {
    return run_command(env + " timeout 60 " + nwn_binary().string() + " " + args, out);
}

const char* kRc = "* rc\nV1 a 0 DC 1\nR1 a 0 1k\n";

}  // namespace

TEST_CASE("input files that are FIFOs, devices or directories are refused, not read", "[run][hostile]") {
    const auto dir = scratch_dir("run/hostile_files");
    std::string out;
    const auto fifo = dir / "pipe.cir";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // A deck: once read without bound (/dev/zero: 4.7 GB in 10 s) or blocked for a writer (a FIFO).
    for (const char* engine : {"libngspice", "ngspice-cli"}) {
        INFO(engine);
        CHECK(run_nwn("run /dev/zero --engine " + std::string(engine) + " --out " + (dir / "z").string(), &out) == 1);
        CHECK_THAT(out, Catch::Contains("/dev/zero: is a character device; nwn reads only regular files"));
        CHECK(run_nwn("run " + fifo.string() + " --engine " + std::string(engine) + " --out " + (dir / "f").string(), &out) == 1);
        CHECK_THAT(out, Catch::Contains("pipe.cir: is a FIFO; nwn reads only regular files"));
    }
    // A deck's .include (and .lib) file, named with the deck's line.
    nwn::write_file_atomic(dir / "inc.cir", std::string(kRc) + ".include pipe.cir\n.tran 1m 10m\n.end\n");
    nwn::write_file_atomic(dir / "lib.cir", std::string(kRc) + ".lib /dev/zero typ\n.tran 1m 10m\n.end\n");
    for (const char* engine : {"libngspice", "ngspice-cli"}) {
        INFO(engine);
        CHECK(run_nwn("run " + (dir / "inc.cir").string() + " --engine " + engine + " --out " + (dir / "i").string(), &out) == 1);
        CHECK_THAT(out, Catch::Contains("inc.cir:4: ") && Catch::Contains("pipe.cir: is a FIFO"));
        CHECK(run_nwn("run " + (dir / "lib.cir").string() + " --engine " + engine + " --out " + (dir / "l").string(), &out) == 1);
        CHECK_THAT(out, Catch::Contains("lib.cir:4: /dev/zero: is a character device"));
    }
    CHECK_FALSE(fs::exists(dir / "i"));  // refused before the run directory is made
    // Networks, recordings, tables.
    fs::create_directories(dir / "net.json");
    CHECK(run_nwn("run " + (dir / "net.json").string() + " --out " + (dir / "n").string(), &out) == 1);
    CHECK_THAT(out, Catch::Contains("net.json: is a directory"));
    CHECK(run_nwn("draw " + fifo.string() + " -o " + (dir / "d.svg").string(), &out) == 1);
    CHECK_THAT(out, Catch::Contains("pipe.cir: is a FIFO"));
    CHECK(run_nwn("powerlaw /dev/zero --column size", &out) == 1);
    CHECK_THAT(out, Catch::Contains("/dev/zero: is a character device"));
    CHECK(run_nwn("avalanches " + fifo.string() + " --g-column G --dt 0.01 --out " + (dir / "a").string(), &out) == 1);
    CHECK_THAT(out, Catch::Contains("pipe.cir: is a FIFO"));
    CHECK(run_nwn("sweep " + fifo.string() + " --param r=1k --out " + (dir / "s").string(), &out) == 1);
    CHECK_THAT(out, Catch::Contains("pipe.cir: is a FIFO"));
}

TEST_CASE("a deck that includes itself is refused before ngspice sees it", "[run][hostile]") {
    const auto dir = scratch_dir("run/hostile_include");
    std::string out;
    nwn::write_file_atomic(dir / "self.cir", std::string(kRc) + ".include self.cir\n.tran 1m 10m\n.end\n");
    nwn::write_file_atomic(dir / "a.cir", std::string(kRc) + ".inc \"sub/b.inc\"\n.tran 1m 10m\n.end\n");
    fs::create_directories(dir / "sub");
    nwn::write_file_atomic(dir / "sub/b.inc", "R2 a 0 2k\n.include ../a.cir\n");
    for (const char* engine : {"libngspice", "ngspice-cli"}) {
        INFO(engine);
        // libngspice (39.3 and 46) once crashed here with SIGSEGV and left an empty run directory.
        CHECK(run_nwn("run " + (dir / "self.cir").string() + " --engine " + engine + " --out " + (dir / "s").string(), &out) == 1);
        CHECK_THAT(out, Catch::Contains("self.cir:4: ") && Catch::Contains("includes itself (self.cir -> self.cir)"));
        CHECK(run_nwn("run " + (dir / "a.cir").string() + " --engine " + engine + " --out " + (dir / "a").string(), &out) == 1);
        CHECK_THAT(out, Catch::Contains("b.inc:2: ") && Catch::Contains("(a.cir -> b.inc -> a.cir)"));
    }
    CHECK_FALSE(fs::exists(dir / "s"));
    // 40 nested levels, no cycle.
    for (int k = 0; k < 40; ++k)
        nwn::write_file_atomic(dir / ("n" + std::to_string(k) + ".inc"), ".include n" + std::to_string(k + 1) + ".inc\n");
    nwn::write_file_atomic(dir / "n40.inc", "R9 a 0 9k\n");
    nwn::write_file_atomic(dir / "deep.cir", std::string(kRc) + ".include n0.inc\n.tran 1m 10m\n.end\n");
    CHECK(run_nwn("run " + (dir / "deep.cir").string() + " --out " + (dir / "d").string(), &out) == 1);
    CHECK_THAT(out, Catch::Contains("more than 32 nested .include/.lib levels"));
    // What is legal still runs: the same file included twice, a library whose sections use each other.
    nwn::write_file_atomic(dir / "models.lib", ".lib typ\nR3 a 0 3k\n.lib models.lib extra\n.endl\n.lib extra\nR4 a 0 4k\n.endl\n");
    nwn::write_file_atomic(dir / "twice.inc", "* nothing\n");
    nwn::write_file_atomic(dir / "ok.cir", std::string(kRc) + ".include twice.inc\n.include twice.inc\n.lib models.lib typ\n"
                                                              ".tran 1m 10m\n.end\n");
    for (const char* engine : {"libngspice", "ngspice-cli"}) {
        INFO(engine);
        CHECK(run_nwn("run " + (dir / "ok.cir").string() + " --engine " + engine + " --quiet --out " + (dir / ("ok_" + std::string(engine))).string(),
                  &out) == 0);
        INFO(out);
        const std::string record = nwn::read_file(dir / ("ok_" + std::string(engine)) / "run.json");
        CHECK(record.find("\"completed\"") != std::string::npos);
        CHECK(record.find("\"ngspice\": \"39") != std::string::npos);  // the ngspice that ran
    }
}

TEST_CASE("a deck whose only analysis is .ac is refused, and a .tran next to an .ac is recorded alone", "[run][hostile]") {
    const auto dir = scratch_dir("run/hostile_ac");
    std::string out;
    nwn::write_file_atomic(dir / "ac.cir", "* ac\nV1 a 0 DC 0 AC 1\nR1 a b 1k\nC1 b 0 1u\n.ac dec 5 1 1meg\n.end\n");
    for (const char* engine : {"libngspice", "ngspice-cli"}) {
        INFO(engine);
        CHECK(run_nwn("run " + (dir / "ac.cir").string() + " --engine " + engine + " --out " + (dir / "a").string(), &out) == 1);
        CHECK_THAT(out, Catch::Contains("ac.cir: its analysis is .ac and no .tran; nwn run records transient analyses (.tran) only"));
    }
    CHECK_FALSE(fs::exists(dir / "a"));
    nwn::write_file_atomic(dir / "both.cir",
                           "* both\nV1 a 0 PULSE(0 1 0 1u 1u 1 2) AC 1\nR1 a b 1k\nC1 b 0 1u\n.ac dec 5 1 1meg\n.tran 0.1m 5m\n.end\n");
    for (const char* engine : {"libngspice", "ngspice-cli"}) {
        INFO(engine);
        const auto o = dir / ("both_" + std::string(engine));
        REQUIRE(run_nwn("run " + (dir / "both.cir").string() + " --engine " + engine + " --quiet --out " + o.string(), &out) == 0);
        const auto csv = nwn::read_file(o / "timeseries.csv");
        // Times of the transient only: every t within [0, 5 ms], none of the .ac frequencies (up to 1 MHz).
        std::size_t rows = 0;
        std::istringstream is(csv);
        std::string line;
        std::getline(is, line);
        REQUIRE(line.rfind("t,", 0) == 0);
        while (std::getline(is, line)) {
            if (line.empty() || line[0] == '#') continue;
            const double t = std::stod(line.substr(0, line.find(',')));
            CHECK(t >= 0);
            CHECK(t <= 5e-3 * (1 + 1e-9));
            ++rows;
        }
        CHECK(rows > 10);
    }
}

TEST_CASE("truncated device libraries are refused by name, through every way of giving them", "[run][hostile]") {
    const auto dir = scratch_dir("run/hostile_devices");
    std::string out;
    REQUIRE(run_command(nwn_binary().string() + " generate --wires 80 --lx 25 --ly 25 --seed 3 -o " + (dir / "net.json").string(), &out) == 0);
    const std::string cm = nwn::read_file(codemodel_path());
    nwn::write_file_atomic(dir / "cut.cm", cm.substr(0, 20000));
    const std::string run = "run " + (dir / "net.json").string() + " --stimulus dc:0.5 --tstop 0.01 --quiet";
    for (const char* engine : {"libngspice", "ngspice-cli"}) {
        INFO(engine);
        // Once a bus error (rc 135) leaving deck.cir and .tmp files and no run.json.
        CHECK(run_nwn(run + " --flavour codemodel --engine " + engine + " --cm " + (dir / "cut.cm").string() + " --out " +
                      (dir / "c").string(), &out) == 1);
        CHECK_THAT(out, Catch::Contains("cut.cm: not a loadable XSPICE code model: truncated"));
        CHECK(run_nwn(run + " --flavour codemodel --engine " + engine + " --out " + (dir / "e").string(), &out,
                  "NWN_CODEMODEL=" + (dir / "cut.cm").string()) == 1);
        CHECK_THAT(out, Catch::Contains("cut.cm: not a loadable XSPICE code model: truncated"));
    }
    // A deck run loads the code model when one is given: a broken one is an error, not silently skipped.
    nwn::write_file_atomic(dir / "rc.cir", std::string(kRc) + ".tran 1m 10m\n.end\n");
    CHECK(run_nwn("run " + (dir / "rc.cir").string() + " --out " + (dir / "r").string(), &out,
              "NWN_CODEMODEL=" + (dir / "cut.cm").string()) == 1);
    CHECK_THAT(out, Catch::Contains("cut.cm: not a loadable XSPICE code model"));
    const auto osdi = build_dir() / "lib/nwnjunction.osdi";
    nwn::write_file_atomic(dir / "cut.osdi", nwn::read_file(osdi).substr(0, 20000));
    for (const char* engine : {"libngspice", "ngspice-cli"}) {
        INFO(engine);
        CHECK(run_nwn(run + " --flavour osdi --engine " + engine + " --osdi " + (dir / "cut.osdi").string() + " --out " +
                      (dir / "o").string(), &out) == 1);
        CHECK_THAT(out, Catch::Contains("cut.osdi: not a loadable OSDI library: truncated") ||
                            Catch::Contains("needs an ngspice built with OSDI"));  // a build without ngspice 46 refuses earlier
        CHECK(run_nwn(run + " --flavour osdi --engine " + engine + " --out " + (dir / "o").string(), &out,
                  "NWN_OSDI=" + (dir / "cut.osdi").string()) == 1);
        CHECK_THAT(out, Catch::Contains("cut.osdi: not a loadable OSDI library: truncated") || Catch::Contains("needs an ngspice built with OSDI"));
    }
}

TEST_CASE("deck text that is not UTF-8, or enormous, reaches messages and run.json cut and valid", "[run][hostile]") {
    const auto dir = scratch_dir("run/hostile_text");
    std::string out;
    // A title of Latin-1 bytes and a line ngspice rejects (it quotes both): once type_error.316 and no run.json.
    nwn::write_file_atomic(dir / "latin1.cir", "* r\xe9sistance \xff\n" + std::string(kRc).substr(5) + "X1 a 0 nosub\xe9\n.tran 1m 10m\n.end\n");
    const std::string big_title = "* " + std::string(3'000'000, 'T') + "\n";
    nwn::write_file_atomic(dir / "big.cir", big_title + std::string(kRc).substr(5) + "X1 a 0 nosub\n.tran 1m 10m\n.end\n");
    // ngspice refuses the Latin-1 deck itself; the big title's line is cut, and the error after it kept (the
    // ngspice CLI does not read a circuit past a 3 MB line: "there aren't any circuits loaded").
    for (const auto& [deck, cause] : {std::pair{"latin1.cir", "UTF-8 syntax error in line 4"}, std::pair{"big.cir", "nosub"}})
        for (const char* engine : {"libngspice", "ngspice-cli"}) {
            INFO(deck << " " << engine);
            const auto o = dir / (std::string(deck) + "_" + engine);
            CHECK(run_nwn("run " + (dir / deck).string() + " --engine " + engine + " --quiet --out " + o.string(), &out) == 1);
            CHECK(out.size() < 20000);
            CHECK_THAT(out, Catch::Contains(cause) || Catch::Contains("there aren't any circuits loaded"));
            if (fs::exists(o / "run.json")) {  // the CLI engine records the failed run
                const std::string record = nwn::read_file(o / "run.json");
                CHECK(record.size() < 20000);
                CHECK_NOTHROW(nlohmann::json::parse(record));
                CHECK(record.find("\"failed\"") != std::string::npos);
            }
        }
}

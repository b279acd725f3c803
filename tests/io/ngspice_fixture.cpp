#include "ngspice_fixture.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "support/reference.h"

namespace nwn::test {

std::filesystem::path run_rc_deck(const std::filesystem::path& dir, const std::string& name,
                                  const std::string& analyses, RawKind kind) {
    const auto deck = dir / (name + ".cir");
    const auto raw = dir / (name + ".raw");
    std::ostringstream text;
    text << "RC low-pass for the nwn_io tests\n"
         << "V1 in 0 DC 0 AC 1 PULSE(0 1 0 " << rc_rise << " " << rc_rise << " 1 2)\n"
         << "R1 in out " << rc_R << "\n"
         << "C1 out 0 " << rc_C << "\n"
         << (kind == RawKind::ascii ? ".options filetype=ascii\n" : "") << analyses << ".end\n";
    write_bytes(deck, text.str());
    std::string out;
    int rc = run_command("cd '" + dir.string() + "' && ngspice -b -r '" + raw.filename().string() + "' '" +
                             deck.filename().string() + "'",
                         &out);
    INFO("ngspice output:\n" << out);
    REQUIRE(rc == 0);
    REQUIRE(std::filesystem::exists(raw));
    return raw;
}

std::filesystem::path run_rc_ac_tran(const std::filesystem::path& dir, RawKind kind) {
    return run_rc_deck(dir, kind == RawKind::ascii ? "rc_ascii" : "rc_binary", ".ac dec 5 10 100k\n.tran 10u 5m\n",
                       kind);
}

double rc_step_response(double t) {
    if (t <= 0) return 0;
    if (t <= rc_rise) return (t + rc_tau * std::expm1(-t / rc_tau)) / rc_rise;
    return 1 - rc_tau / rc_rise * std::expm1(rc_rise / rc_tau) * std::exp(-t / rc_tau);
}

std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    REQUIRE(out);
}

}  // namespace nwn::test

// Per-junction values (λ initial states, colourings): a cut-short file is refused with its name and line.
#include <catch2/catch.hpp>
#include <cmath>

#include "fixtures.h"
#include "netlistgen/network/junction_values.h"
#include "support/reference.h"

using Catch::Contains;
using nwn::net::read_junction_values;

TEST_CASE("junction values: a last row without its line end is refused", "[csv][errors]") {
    const auto dir = nwn::test::scratch_dir("netlistgen_junction_values");
    nwn::test::write_text(dir / "ok.csv", "junction,lambda\n1,0.25\n0,0.125\n# end");
    CHECK(read_junction_values(dir / "ok.csv", {"lambda"}, 2) == std::vector<double>{0.125, 0.25});
    // "0.12" is what is left of "0.125"
    nwn::test::write_text(dir / "cut.csv", "# lambda\njunction,lambda\n1,0.25\n0,0.12");
    CHECK_THROWS_WITH(read_junction_values(dir / "cut.csv", {"lambda"}, 2),
                      Contains("cut.csv:4: the last row has no line end, so the file may be cut short"));
    nwn::test::write_text(dir / "bad.csv", "lambda\n0.1\n0.2x\n");
    CHECK_THROWS_WITH(read_junction_values(dir / "bad.csv", {"lambda"}, 2),
                      Contains("bad.csv:3: column lambda: '0.2x' is not a number"));
}

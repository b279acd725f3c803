#include "golden_reference.h"

#include "netlistgen/network/electrodes.h"
#include "netlistgen/network/nwnsim_mat.h"
#include "runner/io/timeseries_csv.h"
#include "support/reference.h"

namespace nwn::test {

std::optional<GoldenDc> load_golden_dc() {
    auto ref = reference_dir("NWNsim's DC 1.8 V golden run");
    if (!ref) return std::nullopt;
    const auto dir = *ref / "nwnsim";
    GoldenDc g;
    g.network = net::import_nwnsim_mat(dir / "nw100_seed042.mat");
    net::choose_electrodes(g.network, "wires:72,29");
    auto ts = io::read_timeseries_csv(dir / "tl_T10_DC1.8V_timeseries.csv");
    g.t = ts.column("t_s");
    g.v = ts.column("V_V");
    g.i = ts.column("I_A");
    g.g = ts.column("G_S");
    g.final_lambda = io::read_timeseries_csv(dir / "tl_T10_DC1.8V_finalStates.csv").column("lambda_final");
    return g;
}

}  // namespace nwn::test

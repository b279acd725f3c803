// nwn_cosim_dialect: writes the LTspice/Xyce dialect files of examples/cosim_make.sh, until
// `nwn netlist` grows a --dialect option (runner/experiments/dialect_spice.h does the work).
//   nwn_cosim_dialect library ltspice|xyce OUT.lib
//   nwn_cosim_dialect network ltspice|xyce NET_SC.lib LIBRARY_INCLUDE OUT.lib
#include <iostream>
#include <string>

#include "common/atomic_file.h"
#include "common/error.h"
#include "devicemodel/subckt_text.h"
#include "runner/experiments/dialect_spice.h"

int main(int argc, char** argv) {
    try {
        const std::string what = argc > 1 ? argv[1] : "";
        if (what == "library" && argc == 4) {
            nwn::write_file_atomic(argv[3], nwn::exp::translate_junction_library(nwn::device::subckt_library_text(),
                                                                                  nwn::exp::parse_dialect(argv[2])));
            return 0;
        }
        if (what == "network" && argc == 6) {
            nwn::write_file_atomic(argv[5], nwn::exp::translate_network_subckt(nwn::read_file(argv[3]),
                                                                                nwn::exp::parse_dialect(argv[2]), argv[4]));
            return 0;
        }
        std::cerr << "usage: nwn_cosim_dialect library ltspice|xyce OUT.lib\n"
                     "       nwn_cosim_dialect network ltspice|xyce NET_SC.lib LIBRARY_INCLUDE OUT.lib\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "nwn_cosim_dialect: " << e.what() << "\n";
        return 1;
    }
}

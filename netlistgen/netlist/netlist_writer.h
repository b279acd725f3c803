// SPICE netlists of a network, in three flavours and two forms, with the junction model of the parameters
// (devicemodel/models.h): below, nwnjunction stands for its SPICE device (nwnjunction for hochstetter,
// nwnmiranda for miranda) and λ for its state.
//
// Flavours (the junction device):
//   codemodel  per junction k between wires i < j:  A<k> %gd(w<i> w<j>) %g(l<k>) nwnj   and   C<k> l<k> 0 1
//              (λ is the voltage of node l<k>, in V·s, on a capacitor of cstate farads (1e-8 F by default)), with
//              .model nwnj nwnjunction (every parameter); needs nwnspice.cm loaded before parsing.
//   osdi       N<k> w<i> w<j> l<k> nwnj, the OSDI device nwnjunction.osdi (ngspice >= 39 built with OSDI, e.g.
//              46): it holds the cstate charge on l<k> itself, so there is no capacitor; same .model card;
//              loaded with `pre_osdi` (or `osdi` in a .spiceinit).
//   subckt     X<k> w<i> w<j> l<k> nwnjunction [name=value …] (only values that differ from the library's
//              DC defaults), after .include <nwnjunction.lib>; the subcircuit holds the cstate capacitor and a
//              1e12 Ω·F/cstate leak itself. Runs in any ngspice.
// Forms:
//   deck       a standalone circuit: title, device loading, network, electrode sources (the driven one
//              from the stimulus; the others 0 V sources V<name>, so i(v<name>) is that electrode's
//              current, from the network into the electrode; or as `roles` say), .options,
//              .tran <tstep> <tstop> 0 <tmax> uic, .ic of every λ, .save, .end.
//   subckt     .subckt <name> <electrode nodes…> … .ends, to instantiate next to other circuitry.
// Node names: wire i -> w<i>, state of junction k -> l<k>, bar electrode e -> e<name>; a single-wire
// electrode is its wire's node. The junction voltage is v(w<i>) − v(w<j>) with i < j, NWNsim's sign.
// Only components that hold an electrode wire are written (others would float: no DC path to any
// source); their junctions keep their numbers, so l<k> always means junction k.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "devicemodel/models.h"
#include "netlistgen/network/electrode_roles.h"
#include "netlistgen/network/network.h"
#include "netlistgen/netlist/solver_options.h"
#include "netlistgen/network/stimulus.h"

namespace nwn::net {

enum class Flavour { Codemodel, Subckt, Osdi };
// "codemodel" | "subckt" | "osdi"; throws nwn::Error naming the accepted values otherwise.
Flavour parse_flavour(const std::string& name);
const char* flavour_name(Flavour f);
enum class Form { Deck, Subckt };
// How a codemodel (osdi) deck gets nwnspice.cm (nwnjunction.osdi) loaded: its own `.control`
// `pre_codemodel` (`pre_osdi`) line, a .spiceinit written next to it (see solver_options.h), or not at
// all (the host loads it, e.g. through libngspice).
enum class CodemodelLoad { PreCodemodel, SpiceInit, None };

// Circuitry a grounded electrode's current flows into instead of ground (a readout amplifier's virtual
// ground, e.g. cmos_periphery.h's TIA). The deck keeps the electrode's 0 V source V<name> as its current
// meter, from the electrode's node to periphery_node(name), and writes the electrode's lines after it;
// `library` (models, .subckt definitions) and `shared` (the periphery's supplies) are written once, before
// the electrodes. Deck form with roles only.
struct ElectrodeCircuit {
    std::string electrode;           // a grounded electrode's name
    std::vector<std::string> lines;  // SPICE lines connected to periphery_node(electrode)
};
struct Periphery {
    std::string description;  // one comment line, e.g. "CMOS transimpedance amplifiers (cmos_periphery.lib)"
    std::string library;
    std::vector<std::string> shared;
    std::vector<ElectrodeCircuit> electrodes;
    bool empty() const { return electrodes.empty(); }
};
// The node between electrode `name`'s current meter and its periphery: pin_<name>.
std::string periphery_node(const std::string& electrode);

struct NetlistOptions {
    Flavour flavour = Flavour::Codemodel;
    Form form = Form::Deck;
    device::JunctionParams params;                    // its model names the device (default: hochstetter's DC set)
    std::vector<device::JunctionParams> per_junction;  // device spread: one per junction (same model), or empty
    std::vector<double> lambda0;                       // initial state per junction; empty = all 0
    Stimulus stimulus = Stimulus::dc(1.0);
    std::string drive;  // driven electrode; empty = the first
    // One role per electrode (electrode_roles.h); when given, stimulus and drive are not used. Deck form:
    // a driven electrode gets V<name> with its stimulus, a grounded one V<name> at DC 0, a loaded one
    // V<name> (0 V, its current meter) in series with R<name>_load to ground, a floating one no element; the
    // deck saves i(v<name>) of every electrode with a source and v(<node>) of every electrode.
    std::vector<ElectrodeRole> roles;
    // Driven electrodes' sources as "EXTERNAL" (without a DC value, on which ngspice 39.3 crashes): the
    // libngspice host sets their voltage at every time point (ngspice's GetVSRCData callback), for
    // closed-loop control.
    bool external_drives = false;
    double tstop = 1.0, tmax = 1e-3, tstep = 0;  // tstep 0 = tmax
    bool save_lambda = false, save_wires = false;
    Periphery periphery;               // deck form with roles: circuitry at grounded electrodes
    std::vector<std::string> saves;    // more vectors to .save, e.g. v(<a periphery node>)
    std::string subckt_name = "nwn";
    std::filesystem::path codemodel;       // absolute; codemodel decks with PreCodemodel / SpiceInit
    std::filesystem::path subckt_library;  // absolute; subckt flavour
    std::filesystem::path osdi;            // absolute; osdi flavour with PreCodemodel / SpiceInit
    CodemodelLoad codemodel_load = CodemodelLoad::PreCodemodel;
    int ngspice_major = 39;  // target ngspice: >= 42 gets .options klu
    SparseSolver solver = SparseSolver::Auto;
    std::string command_line;  // recorded in a comment
};

std::string write_netlist(const Network& net, const NetlistOptions& options);

// Junctions that write_netlist includes (components holding an electrode wire), ascending.
std::vector<std::size_t> active_junctions(const Network& net);
// Wires of those components (ends of active junctions, electrode wires), ascending.
std::vector<int> active_wires(const Network& net);

}  // namespace nwn::net

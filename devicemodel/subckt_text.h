// What every model's portable subcircuit (devicemodel/<model>/subckt.cpp, ports a b l) is written with:
// B-sources whose expressions are the model header's functions written piece by piece (ternary chains,
// commonest regime first, constants as .params, so that ngspice's tree walk stays short; docs/benchmarks.md, "The
// portable subcircuit at scale"). Each is tested against its header point by point (tests/cosim) and in
// ngspice against a reference integration (tests/devicemodel).
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace nwn::device {

struct JunctionModel;

// A number as the generated device files print it (%.9g).
std::string spice_number(double x);

// "name=value ..." of every parameter of `model` at its DC default, as its subcircuit declares them.
std::string subckt_default_params(const JunctionModel& model);

// A piecewise function as one ternary chain: the first piece whose condition holds gives the value; the
// last piece has no condition. ngspice evaluates a ternary's condition and only the branch it takes, and
// differentiates it branch by branch under the same (shared) condition, so an evaluation costs the
// conditions up to the piece taken plus that piece: put the pieces where junctions spend their time first.
struct Piece {
    std::string when, value;  // `when` empty only on the last piece
};
std::string chain(const std::vector<Piece>& pieces);
std::string sq(const std::string& x);  // (x)*(x)

// The body of one subcircuit: constants of the parameters as .params (numparam evaluates those to one number
// per instance, while it copies a {...} inside a B-source's expression in as an expression, and ngspice 39
// does not simplify an expression tree, so `{lcrit}+{lsmooth}` would cost three tree nodes at every
// evaluation where `{k}` costs one), nodes of shared quantities, and the device's own lines.
class SubcktBuilder {
public:
    // "{name}" of a constant expression of the parameters (a parameter itself stays as it is).
    std::string K(const std::string& expr);
    // A B current of `expr` into 1 ohm: node `name` at the value of expr.
    void node(const std::string& name, const std::string& expr);
    void line(const std::string& text) { body_ += text + "\n"; }
    // ".subckt <device> a b l params: ..." with the constants and the body, then ".ends <device>".
    std::string text(const JunctionModel& model) const;

private:
    std::vector<std::pair<std::string, std::string>> consts_;  // expression, name
    std::string body_;
};

}  // namespace nwn::device

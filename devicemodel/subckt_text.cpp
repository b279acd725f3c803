#include "devicemodel/subckt_text.h"

#include <cstdio>
#include <stdexcept>

#include "devicemodel/models.h"

namespace nwn::device {

std::string spice_number(double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.9g", x);
    return buf;
}

std::string subckt_default_params(const JunctionModel& model) {
    std::string s;
    for (const auto& p : model.params) s += (s.empty() ? "" : " ") + p.name + "=" + spice_number(p.dc);
    return s;
}

std::string chain(const std::vector<Piece>& pieces) {
    std::string out, close;
    for (const auto& p : pieces) {
        if (p.when.empty()) return out + "(" + p.value + ")" + close;
        out += "(" + p.when + " ? " + p.value + " : ";
        close += ")";
    }
    throw std::logic_error("subckt_text: a piecewise chain needs an unconditional last piece");
}

std::string sq(const std::string& x) { return "(" + x + ")*(" + x + ")"; }

std::string SubcktBuilder::K(const std::string& e) {
    if (e.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos) return "{" + e + "}";  // a parameter itself
    for (const auto& [expr, name] : consts_)
        if (expr == e) return "{" + name + "}";
    consts_.emplace_back(e, "nwn_k" + std::to_string(consts_.size() + 1));
    return "{" + consts_.back().second + "}";
}

void SubcktBuilder::node(const std::string& name, const std::string& expr) {
    body_ += "B" + name + " 0 " + name + " I = " + expr + "\nR" + name + " " + name + " 0 1\n";
}

std::string SubcktBuilder::text(const JunctionModel& model) const {
    std::string s = ".subckt " + model.device + " a b l params: " + subckt_default_params(model) + "\n";
    for (const auto& [expr, name] : consts_) s += ".param " + name + "={" + expr + "}\n";
    return s + body_ + ".ends " + model.device + "\n";
}

}  // namespace nwn::device

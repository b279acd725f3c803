// The registry of junction models (devicemodel/models.def, compiled into junction_models.h by CMake): what
// the netlist writer, the native engine, the CLI and the device generator know about each model, and the
// parameter values they pass around. Each model's physics stays in its C header devicemodel/<name>/<name>.h;
// this layer only reaches it through the interface every such header defines (docs/junction_models.md).
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "devicemodel/hochstetter/hochstetter.h"

namespace nwn::device {

struct ParamInfo {
    std::string name;
    double dc, ac;  // the two presets
    std::string unit, desc;
};

class JunctionParams;

// The native engine's rules for one network's junctions: conductances from the states, and one fixed step
// of every state (each model's native_update, documented in its header).
class NativeJunctions {
public:
    virtual ~NativeJunctions() = default;
    virtual void conductances(const std::vector<double>& x, std::vector<double>& g) const = 0;
    // g[k] = G(x[k]) only where x[k] differs bit for bit from x_at[k], the state g[k] was last computed at
    // (x_at updated); true if any entry changed. G is a function of the state alone, so an unchanged state
    // keeps its conductance exactly, and most junctions of a network under DC sit still at any one step.
    virtual bool refresh_conductances(const std::vector<double>& x, std::vector<double>& x_at, std::vector<double>& g) const = 0;
    virtual void update(std::vector<double>& x, const std::vector<double>& v, double dt) const = 0;
};

struct JunctionModel {
    std::string name;    // --model value and folder name
    std::string device;  // SPICE name of the code model, OSDI descriptor and subcircuit
    std::string state;   // the state's symbol (lambda, g)
    std::string state_unit, state_range;  // " V·s" (with its space) or ""; the bounds' symbols "[-lmax, lmax]"
    std::string state_desc;               // for netlist comments: "filament state lambda (V*s)"
    std::vector<std::string> settings;    // parameters that are settings, not device properties (never spread)
    std::vector<ParamInfo> params;  // table order

    // Physics, on parameter values in table order (JunctionParams::values()).
    const char* (*check)(const double* values, int* which);  // NULL, or a message naming params[*which]
    double (*conductance)(const double* values, double x);   // the SPICE forms' G(x)
    void (*state_bounds)(const double* values, double* lo, double* hi);
    // The native rules for one parameter set for all junctions, or one per junction; compat selects the
    // published code's variant of the rule (NWNsim's reset for hochstetter, the Turin expression for miranda).
    std::unique_ptr<NativeJunctions> (*native)(const std::vector<JunctionParams>& params, bool compat);
    std::string (*subckt_library_text)();  // the portable subcircuit <device>.lib

    // Index of parameter `name`; throws nwn::Error listing the model's parameters for an unknown name.
    std::size_t index(const std::string& name) const;
    std::string param_names() const;  // "a, b, c"
};

const std::vector<JunctionModel>& junction_models();  // models.def order; the first is the default
const JunctionModel& default_junction_model();
// Throws nwn::Error naming the known models for an unknown name.
const JunctionModel& junction_model(const std::string& name);

// One junction's parameters: a model and its values in table order.
class JunctionParams {
public:
    // The model's preset "dc" or "ac" (throws nwn::Error otherwise).
    explicit JunctionParams(const JunctionModel& model, const std::string& preset = "dc");
    JunctionParams() : JunctionParams(default_junction_model()) {}
    JunctionParams(const nwn_junction_params& p);  // NOLINT: the default model's parameters, implicitly

    const JunctionModel& model() const { return *model_; }
    double& operator[](const std::string& name) { return values_[model_->index(name)]; }
    double operator[](const std::string& name) const { return values_[model_->index(name)]; }
    const std::vector<double>& values() const { return values_; }
    double* data() { return values_.data(); }
    const double* data() const { return values_.data(); }
    bool operator==(const JunctionParams& o) const { return model_ == o.model_ && values_ == o.values_; }

    // The hochstetter model's C struct, for code written for that model only; throws nwn::Error naming
    // `where` for another model.
    nwn_junction_params hochstetter(const std::string& where) const;

private:
    const JunctionModel* model_;
    std::vector<double> values_;
};

}  // namespace nwn::device

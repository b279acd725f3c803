#include "devicemodel/models.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <sstream>

#include "common/error.h"
#include "devicemodel/junction_models.h"  // generated from models.def: the headers and NWN_JUNCTION_MODELS

namespace nwn::device {

#define NWN_DECLARE_SUBCKT(m, dev) \
    namespace m {                  \
    std::string subckt_library_text(); \
    }
NWN_JUNCTION_MODELS(NWN_DECLARE_SUBCKT)
#undef NWN_DECLARE_SUBCKT

namespace {

// Each model's interface (device_common.h) under one name per function, so that the adapters below are
// written once for every model.
#define NWN_PARAM_INFO(name, dc, ac, unit, desc) ParamInfo{#name, dc, ac, unit, desc},
#define NWN_MODEL_TRAITS(m, dev)                                                                              \
    struct m##_traits {                                                                                       \
        using P = nwn_##m##_params;                                                                           \
        static constexpr const char* name = #m;                                                               \
        static constexpr const char* device = #dev;                                                           \
        static constexpr const char* state = nwn_##m##_state_name;                                            \
        static constexpr const char* state_unit = nwn_##m##_state_unit;                                       \
        static constexpr const char* state_range = nwn_##m##_state_range;                                     \
        static constexpr const char* state_desc = nwn_##m##_state_desc;                                       \
        static constexpr const char* settings = nwn_##m##_settings;                                           \
        static std::vector<ParamInfo> params() { return {nwn_##m##_param_table(NWN_PARAM_INFO)}; }            \
        static const char* check(const P* p, int* which) { return nwn_##m##_params_check(p, which); }         \
        static double conductance(const P* p, double x) {                                                     \
            double d;                                                                                         \
            return nwn_##m##_conductance(p, x, &d);                                                           \
        }                                                                                                     \
        static void bounds(const P* p, double* lo, double* hi) { nwn_##m##_state_bounds(p, lo, hi); }         \
        static P native_g_params(const P* p) { return nwn_##m##_native_g_params(p); }                          \
        static double native_g(const P* prepared, double x) { return nwn_##m##_native_g_prepared(prepared, x); } \
        static double native_step(const P* p, double x, double v, double dt, int compat) {                    \
            return nwn_##m##_native_update(p, x, v, dt, compat);                                              \
        }                                                                                                     \
        static std::string subckt() { return m::subckt_library_text(); }                                      \
    };
NWN_JUNCTION_MODELS(NWN_MODEL_TRAITS)
#undef NWN_MODEL_TRAITS
#undef NWN_PARAM_INFO

// A model's parameter struct holds only doubles, in table order: the values are its bytes.
template <class P>
P as_struct(const double* values) {
    static_assert(sizeof(P) % sizeof(double) == 0);
    P p;
    std::memcpy(&p, values, sizeof p);
    return p;
}

template <class T>
class Native final : public NativeJunctions {
public:
    Native(const std::vector<JunctionParams>& params, bool compat) : compat_(compat ? 1 : 0) {
        for (const auto& p : params) {
            p_.push_back(as_struct<typename T::P>(p.data()));
            g_.push_back(T::native_g_params(&p_.back()));
        }
    }
    void conductances(const std::vector<double>& x, std::vector<double>& g) const override {
        for (std::size_t k = 0; k < x.size(); ++k) g[k] = T::native_g(g_.size() == 1 ? &g_[0] : &g_[k], x[k]);
    }
    bool refresh_conductances(const std::vector<double>& x, std::vector<double>& x_at, std::vector<double>& g) const override {
        bool changed = false;
        for (std::size_t k = 0; k < x.size(); ++k) {
            if (std::bit_cast<std::uint64_t>(x[k]) == std::bit_cast<std::uint64_t>(x_at[k])) continue;
            g[k] = T::native_g(g_.size() == 1 ? &g_[0] : &g_[k], x[k]);
            x_at[k] = x[k];
            changed = true;
        }
        return changed;
    }
    void update(std::vector<double>& x, const std::vector<double>& v, double dt) const override {
        for (std::size_t k = 0; k < x.size(); ++k) x[k] = T::native_step(&at(k), x[k], v[k], dt, compat_);
    }

private:
    const typename T::P& at(std::size_t k) const { return p_.size() == 1 ? p_[0] : p_[k]; }
    std::vector<typename T::P> p_;
    std::vector<typename T::P> g_;  // prepared for G (native_g_params), one per entry of p_
    int compat_;
};

template <class T>
JunctionModel make_model() {
    using P = typename T::P;
    JunctionModel m;
    m.name = T::name;
    m.device = T::device;
    m.state = T::state;
    m.state_unit = T::state_unit;
    m.state_range = T::state_range;
    m.state_desc = T::state_desc;
    std::istringstream words(T::settings);
    for (std::string w; words >> w;) m.settings.push_back(w);
    m.params = T::params();
    if (sizeof(P) != m.params.size() * sizeof(double))
        throw std::logic_error(m.name + ": the parameter struct is not the table's doubles");
    m.check = [](const double* v, int* which) {
        const P p = as_struct<P>(v);
        return T::check(&p, which);
    };
    m.conductance = [](const double* v, double x) {
        const P p = as_struct<P>(v);
        return T::conductance(&p, x);
    };
    m.state_bounds = [](const double* v, double* lo, double* hi) {
        const P p = as_struct<P>(v);
        T::bounds(&p, lo, hi);
    };
    m.native = [](const std::vector<JunctionParams>& params, bool compat) -> std::unique_ptr<NativeJunctions> {
        return std::make_unique<Native<T>>(params, compat);
    };
    m.subckt_library_text = &T::subckt;
    return m;
}

}  // namespace

std::size_t JunctionModel::index(const std::string& n) const {
    for (std::size_t k = 0; k < params.size(); ++k)
        if (params[k].name == n) return k;
    throw Error("unknown junction parameter '" + n + "' of model " + name + " (known: " + param_names() + ")");
}

std::string JunctionModel::param_names() const {
    std::string s;
    for (const auto& p : params) s += (s.empty() ? "" : ", ") + p.name;
    return s;
}

const std::vector<JunctionModel>& junction_models() {
#define NWN_MAKE_MODEL(m, dev) make_model<m##_traits>(),
    static const std::vector<JunctionModel> models = {NWN_JUNCTION_MODELS(NWN_MAKE_MODEL)};
#undef NWN_MAKE_MODEL
    return models;
}

const JunctionModel& default_junction_model() { return junction_models().front(); }

const JunctionModel& junction_model(const std::string& name) {
    std::string known;
    for (const auto& m : junction_models()) {
        if (m.name == name) return m;
        known += (known.empty() ? "" : ", ") + m.name;
    }
    throw Error("unknown junction model '" + name + "' (known: " + known + ")");
}

JunctionParams::JunctionParams(const JunctionModel& model, const std::string& preset) : model_(&model) {
    if (preset != "dc" && preset != "ac") throw Error("unknown parameter preset '" + preset + "' (use dc or ac)");
    for (const auto& p : model.params) values_.push_back(preset == "dc" ? p.dc : p.ac);
}

JunctionParams::JunctionParams(const nwn_junction_params& p) : model_(&junction_model("hochstetter")) {
    values_.resize(model_->params.size());
    std::memcpy(values_.data(), &p, sizeof p);
}

nwn_junction_params JunctionParams::hochstetter(const std::string& where) const {
    if (model_->name != "hochstetter")
        throw Error(where + " needs the hochstetter junction model (these parameters are " + model_->name + "'s)");
    return as_struct<nwn_junction_params>(values_.data());
}

}  // namespace nwn::device

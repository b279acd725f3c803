/* The junction models as OSDI 0.3 devices, one descriptor per model of devicemodel/models.def (nwnjunction,
 * nwnmiranda, ...) in one library nwnjunction.osdi: ngspice's stable binary interface for compiled models
 * (ngspice >= 39 built with OSDI, e.g. bookworm-backports' 46 with KLU). A thin adapter from OSDI's
 * residual/Jacobian API to each model's header devicemodel/<model>/<model>.h (the interface of
 * device_common.h), written by hand against the osdi.h that ships in the ngspice source; each model's
 * parameter list is its header's X-macro table.
 *
 * Terminals a, b, l. l is the state node: the device carries the state's charge cstate*x on it (reactive
 * residual, integrated and error-controlled by ngspice exactly as the code model's external capacitor)
 * and drives -cstate*dx/dt (resistive), so v(l) = x in the state's unit and `.ic v(l)=...` sets the
 * initial state. No external capacitor is needed. At a static solution (DC operating point, transient
 * operating point, AC) l is pinned to the model's held state (lambda0, g0) through NWN_DC_HOLD, as in the
 * code model; .ic of a transient operating point overrides it.
 *
 *   N1 a b l jm
 *   .model jm nwnjunction (vset=0.01 ...)     (a space before the parenthesis: see docs/junction.md)
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osdi.h"
#include "devicemodel/junction_models.h" /* generated from models.def: the headers and NWN_JUNCTION_MODELS */

enum { NODE_A, NODE_B, NODE_L, NUM_NODES };
enum { NUM_JAC = NUM_NODES * NUM_NODES, JAC_LL = NUM_JAC - 1 };
enum { PARAM_M, NUM_INST_PARAMS };
enum { MAX_MODEL_PARAMS = 64 };

/* What differs between the models: their parameter tables and physics, on the parameters as the doubles
   of their struct (the model's parameter struct holds only doubles, in table order). */
typedef struct {
    const char* device;
    uint32_t num_params; /* model parameters: the table */
    const double* dflt;  /* the table's DC column */
    const OsdiParamOpvar* params; /* $mfactor, then the table */
    const char* (*check)(const double* p, int* which);
    double (*conductance)(const double* p, double x, double* dg_dx);
    double (*rate)(const double* p, double v, double x, double* df_dv, double* df_dx);
    double (*hold)(const double* p);
} nwn_osdi_kind;

typedef struct {
    double m;
    bool given[NUM_INST_PARAMS + MAX_MODEL_PARAMS];
    bool bad;
    uint32_t cstate; /* index of cstate in p */
    double p[];      /* the model's parameters, its kind's num_params */
} nwn_osdi_model;

typedef struct {
    double m;
    bool m_given;
    double cstate; /* copied from the model at setup: the hot path touches only the instance */
    uint32_t node_mapping[NUM_NODES];
    bool collapsed[1];
    uint32_t state_idx[1];
    double* jac_resist_ptr[NUM_JAC];
    double* jac_react_ptr_ll;
    double jac[NUM_JAC];          /* resistive Jacobian of the last evaluation */
    double resid_resist[NUM_NODES];
    double resid_react[NUM_NODES];
} nwn_osdi_instance;

/* Set by ngspice when it loads the library (OSDI's logging callback). */
void (*osdi_log)(void* handle, char* msg, uint32_t lvl) = NULL;

static void nwn_log(void* handle, const char* msg) {
    if (osdi_log) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", msg);
        osdi_log(handle, buf, LOG_LVL_ERR);
    } else {
        fprintf(stderr, "%s\n", msg);
    }
}

static void* nwn_access(const nwn_osdi_kind* kind, void* inst_, void* model_, uint32_t id, uint32_t flags) {
    nwn_osdi_instance* inst = (nwn_osdi_instance*)inst_;
    nwn_osdi_model* model = (nwn_osdi_model*)model_;
    if (id >= NUM_INST_PARAMS + kind->num_params) return NULL;
    if (id == PARAM_M) {
        if (flags & ACCESS_FLAG_INSTANCE) {
            if (flags & ACCESS_FLAG_SET) inst->m_given = true;
            return &inst->m;
        }
        if (flags & ACCESS_FLAG_SET) model->given[id] = true;
        return &model->m;
    }
    if (!model) return NULL;
    if (flags & ACCESS_FLAG_SET) model->given[id] = true;
    return &model->p[id - NUM_INST_PARAMS];
}

static void nwn_setup_model(const nwn_osdi_kind* kind, void* handle, void* model_, OsdiInitInfo* res) {
    nwn_osdi_model* model = (nwn_osdi_model*)model_;
    for (uint32_t i = 0; i < kind->num_params; ++i)
        if (!model->given[i + NUM_INST_PARAMS]) model->p[i] = kind->dflt[i];
    if (!model->given[PARAM_M]) model->m = 1.0;
    for (uint32_t i = 0; i < kind->num_params; ++i)
        if (strcmp(kind->params[NUM_INST_PARAMS + i].name[0], "cstate") == 0) model->cstate = i;
    *res = (OsdiInitInfo){0, 0, NULL};
    int which = -1;
    const char* bad = kind->check(model->p, &which);
    model->bad = bad != NULL;
    if (bad) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s: impossible model parameters: %s", kind->device, bad);
        nwn_log(handle, msg);
        res->errors = (OsdiInitError*)malloc(sizeof(OsdiInitError));
        if (res->errors) {
            res->num_errors = 1;
            res->errors[0].code = INIT_ERR_OUT_OF_BOUNDS;
            res->errors[0].payload.parameter_id = NUM_INST_PARAMS + (uint32_t)which;
        } else {
            res->flags = EVAL_RET_FLAG_FATAL;
        }
    }
}

static void nwn_setup_instance(const nwn_osdi_kind* kind, void* handle, void* inst_, void* model_, uint32_t num_terminals,
                               OsdiInitInfo* res) {
    nwn_osdi_instance* inst = (nwn_osdi_instance*)inst_;
    const nwn_osdi_model* model = (const nwn_osdi_model*)model_;
    char msg[160];
    *res = (OsdiInitInfo){0, 0, NULL};
    if (!inst->m_given) inst->m = model->m;
    inst->cstate = model->p[model->cstate];
    if (num_terminals < NUM_NODES) {
        snprintf(msg, sizeof msg, "%s: three terminals are needed (a b l): l is the state node", kind->device);
        nwn_log(handle, msg);
        res->flags = EVAL_RET_FLAG_FATAL;
    }
    if (!(inst->m > 0)) {
        snprintf(msg, sizeof msg, "%s: m must be > 0", kind->device);
        nwn_log(handle, msg);
        res->flags = EVAL_RET_FLAG_FATAL;
    }
}

/* ---- evaluation ---- */

static uint32_t nwn_eval(const nwn_osdi_kind* kind, void* inst_, const void* model_, const OsdiSimInfo* info) {
    nwn_osdi_instance* in = (nwn_osdi_instance*)inst_;
    const nwn_osdi_model* model = (const nwn_osdi_model*)model_;
    const double* p = model->p;
    const double* x = info->prev_solve;
    const double v = x[in->node_mapping[NODE_A]] - x[in->node_mapping[NODE_B]];
    const double lam = x[in->node_mapping[NODE_L]];
    const double m = in->m, c = in->cstate;
    double* J = in->jac;

    double dg;
    const double g = kind->conductance(p, lam, &dg);
    const double i = m * g * v, di_dv = m * g, di_dl = m * v * dg;
    in->resid_resist[NODE_A] = i;
    in->resid_resist[NODE_B] = -i;
    J[0] = di_dv;  J[1] = -di_dv; J[2] = di_dl;
    J[3] = -di_dv; J[4] = di_dv;  J[5] = -di_dl;

    if (info->flags & CALC_REACT_RESIDUAL) { /* transient: the state moves */
        double df_dv, df_dl;
        const double f = kind->rate(p, v, lam, &df_dv, &df_dl);
        in->resid_resist[NODE_L] = -c * f;
        J[6] = -c * df_dv; J[7] = c * df_dv; J[8] = -c * df_dl;
    } else { /* static solution or small signal: the state is held */
        in->resid_resist[NODE_L] = NWN_DC_HOLD * (lam - kind->hold(p));
        J[6] = 0.0; J[7] = 0.0; J[8] = NWN_DC_HOLD;
    }
    in->resid_react[NODE_A] = 0.0;
    in->resid_react[NODE_B] = 0.0;
    in->resid_react[NODE_L] = c * lam;

    /* No convergence test of its own: Newton's node test decides, as for the code model (a device test
       on lambda to 1e-8 V*s cost 50 % more iterations on the 3 008-junction network; docs/junction.md). */
    return 0;
}

static void nwn_load_noise(void* inst, void* model, double freq, double* dens, double* ln_dens) {
    (void)inst; (void)model; (void)freq; (void)dens; (void)ln_dens;
}

static void nwn_load_residual_resist(void* inst_, void* model, double* dst) {
    (void)model;
    const nwn_osdi_instance* in = (const nwn_osdi_instance*)inst_;
    for (int k = 0; k < NUM_NODES; ++k) dst[in->node_mapping[k]] += in->resid_resist[k];
}

static void nwn_load_residual_react(void* inst_, void* model, double* dst) {
    (void)model;
    const nwn_osdi_instance* in = (const nwn_osdi_instance*)inst_;
    dst[in->node_mapping[NODE_L]] += in->resid_react[NODE_L];
}

static void nwn_load_limit_rhs(void* inst, void* model, double* dst) {
    (void)inst; (void)model; (void)dst; /* no limiting */
}

/* SPICE's right-hand side of the linearised system: J*x_old - residual. */
static void nwn_load_spice_rhs_dc(void* inst_, void* model, double* dst, double* x) {
    (void)model;
    const nwn_osdi_instance* in = (const nwn_osdi_instance*)inst_;
    const uint32_t* nm = in->node_mapping;
    const double xa = x[nm[NODE_A]], xb = x[nm[NODE_B]], xl = x[nm[NODE_L]];
    for (int r = 0; r < NUM_NODES; ++r) {
        const double* J = in->jac + NUM_NODES * r;
        dst[nm[r]] += J[0] * xa + J[1] * xb + J[2] * xl - in->resid_resist[r];
    }
}

static void nwn_load_spice_rhs_tran(void* inst_, void* model, double* dst, double* x, double alpha) {
    nwn_load_spice_rhs_dc(inst_, model, dst, x);
    const nwn_osdi_instance* in = (const nwn_osdi_instance*)inst_;
    dst[in->node_mapping[NODE_L]] += alpha * in->cstate * x[in->node_mapping[NODE_L]];
}

static void nwn_load_jacobian_resist(void* inst_, void* model) {
    (void)model;
    nwn_osdi_instance* in = (nwn_osdi_instance*)inst_;
    for (int k = 0; k < NUM_JAC; ++k) *in->jac_resist_ptr[k] += in->jac[k];
}

static void nwn_load_jacobian_react(void* inst_, void* model, double alpha) {
    (void)model;
    nwn_osdi_instance* in = (nwn_osdi_instance*)inst_;
    *in->jac_react_ptr_ll += alpha * in->cstate;
}

static void nwn_load_jacobian_tran(void* inst_, void* model, double alpha) {
    nwn_load_jacobian_resist(inst_, model);
    nwn_osdi_instance* in = (nwn_osdi_instance*)inst_;
    *in->jac_resist_ptr[JAC_LL] += alpha * in->cstate;
}

/* ---- one kind and one descriptor per model ---- */

static char* nwn_name_m[] = {"$mfactor", "m"};
#define NWN_OSDI_M_PARAM {nwn_name_m, 1, "multiplicity: junctions in parallel (scales the a-b current)", "", PARA_TY_REAL | PARA_KIND_INST, 0}
#define NWN_OSDI_PARAM(name, dc, ac, unit, desc) {(char*[]){#name}, 0, desc, unit, PARA_TY_REAL | PARA_KIND_MODEL, 0},
#define NWN_OSDI_DFLT(name, dc, ac, unit, desc) dc,

/* The model's kind and the entry points of its descriptor, which only pass the kind on. */
#define NWN_OSDI_KIND(M, DEV)                                                                                  \
    static OsdiParamOpvar nwn_params_##M[] = {NWN_OSDI_M_PARAM, nwn_##M##_param_table(NWN_OSDI_PARAM)};         \
    static const double nwn_dflt_##M[] = {nwn_##M##_param_table(NWN_OSDI_DFLT)};                                \
    enum { NWN_NUM_##M = sizeof nwn_dflt_##M / sizeof(double) };                                                \
    _Static_assert(sizeof(nwn_##M##_params) == sizeof nwn_dflt_##M, #M ": parameters are the table's doubles"); \
    _Static_assert((int)NWN_NUM_##M <= (int)MAX_MODEL_PARAMS, #M ": too many parameters");                               \
    static const char* nwn_check_##M(const double* p, int* which) {                                             \
        return nwn_##M##_params_check((const nwn_##M##_params*)p, which);                                       \
    }                                                                                                           \
    static double nwn_conductance_##M(const double* p, double x, double* d) {                                   \
        return nwn_##M##_conductance((const nwn_##M##_params*)p, x, d);                                         \
    }                                                                                                           \
    static double nwn_rate_##M(const double* p, double v, double x, double* dv, double* dx) {                   \
        return nwn_##M##_rate((const nwn_##M##_params*)p, v, x, dv, dx);                                        \
    }                                                                                                           \
    static double nwn_hold_##M(const double* p) { return nwn_##M##_state_hold((const nwn_##M##_params*)p); }    \
    static const nwn_osdi_kind nwn_kind_##M = {#DEV, NWN_NUM_##M, nwn_dflt_##M, nwn_params_##M,                 \
                                         nwn_check_##M, nwn_conductance_##M, nwn_rate_##M, nwn_hold_##M};        \
    static void* nwn_access_##M(void* i, void* m, uint32_t id, uint32_t f) {                                    \
        return nwn_access(&nwn_kind_##M, i, m, id, f);                                                          \
    }                                                                                                           \
    static void nwn_setup_model_##M(void* h, void* m, OsdiSimParas* sim, OsdiInitInfo* res) {                   \
        (void)sim;                                                                                              \
        nwn_setup_model(&nwn_kind_##M, h, m, res);                                                              \
    }                                                                                                           \
    static void nwn_setup_instance_##M(void* h, void* i, void* m, double temperature, uint32_t n,               \
                                       OsdiSimParas* sim, OsdiInitInfo* res) {                                  \
        (void)temperature;                                                                                      \
        (void)sim;                                                                                              \
        nwn_setup_instance(&nwn_kind_##M, h, i, m, n, res);                                                     \
    }                                                                                                           \
    static uint32_t nwn_eval_##M(void* h, void* i, const void* m, const OsdiSimInfo* info) {                    \
        (void)h;                                                                                                \
        return nwn_eval(&nwn_kind_##M, i, m, info);                                                             \
    }
NWN_JUNCTION_MODELS(NWN_OSDI_KIND)
#undef NWN_OSDI_KIND

#define NWN_RESID(k) (uint32_t)(offsetof(nwn_osdi_instance, resid_resist) + (k) * sizeof(double))
static OsdiNode nwn_nodes[NUM_NODES] = {
    {"a", "V", "A", NWN_RESID(NODE_A), UINT32_MAX, UINT32_MAX, UINT32_MAX, false},
    {"b", "V", "A", NWN_RESID(NODE_B), UINT32_MAX, UINT32_MAX, UINT32_MAX, false},
    {"l", "", "A", NWN_RESID(NODE_L),
     (uint32_t)(offsetof(nwn_osdi_instance, resid_react) + NODE_L * sizeof(double)), UINT32_MAX, UINT32_MAX, false},
};
#undef NWN_RESID

#define NWN_J(r, c) {{(r), (c)}, UINT32_MAX, JACOBIAN_ENTRY_RESIST}
static OsdiJacobianEntry nwn_jacobian[NUM_JAC] = {
    NWN_J(NODE_A, NODE_A), NWN_J(NODE_A, NODE_B), NWN_J(NODE_A, NODE_L),
    NWN_J(NODE_B, NODE_A), NWN_J(NODE_B, NODE_B), NWN_J(NODE_B, NODE_L),
    NWN_J(NODE_L, NODE_A), NWN_J(NODE_L, NODE_B),
    {{NODE_L, NODE_L}, (uint32_t)offsetof(nwn_osdi_instance, jac_react_ptr_ll),
     JACOBIAN_ENTRY_RESIST | JACOBIAN_ENTRY_REACT | JACOBIAN_ENTRY_REACT_CONST},
};
#undef NWN_J

const uint32_t OSDI_VERSION_MAJOR = 0;
const uint32_t OSDI_VERSION_MINOR = 3;

#define NWN_OSDI_DESCRIPTOR(M, DEV)                                                     \
    {                                                                                   \
        .name = #DEV,                                                                   \
        .num_nodes = NUM_NODES,                                                         \
        .num_terminals = NUM_NODES,                                                     \
        .nodes = nwn_nodes,                                                             \
        .num_jacobian_entries = NUM_JAC,                                                \
        .jacobian_entries = nwn_jacobian,                                               \
        .num_collapsible = 0,                                                           \
        .collapsible = NULL,                                                            \
        .collapsed_offset = (uint32_t)offsetof(nwn_osdi_instance, collapsed),           \
        .noise_sources = NULL,                                                          \
        .num_noise_src = 0,                                                             \
        .num_params = NUM_INST_PARAMS + NWN_NUM_##M,                                    \
        .num_instance_params = NUM_INST_PARAMS,                                         \
        .num_opvars = 0,                                                                \
        .param_opvar = nwn_params_##M,                                                  \
        .node_mapping_offset = (uint32_t)offsetof(nwn_osdi_instance, node_mapping),     \
        .jacobian_ptr_resist_offset = (uint32_t)offsetof(nwn_osdi_instance, jac_resist_ptr), \
        .num_states = 0,                                                                \
        .state_idx_off = (uint32_t)offsetof(nwn_osdi_instance, state_idx),              \
        .bound_step_offset = UINT32_MAX,                                                \
        .instance_size = sizeof(nwn_osdi_instance),                                     \
        .model_size = sizeof(nwn_osdi_model) + NWN_NUM_##M * sizeof(double),            \
        .access = nwn_access_##M,                                                       \
        .setup_model = nwn_setup_model_##M,                                             \
        .setup_instance = nwn_setup_instance_##M,                                       \
        .eval = nwn_eval_##M,                                                           \
        .load_noise = nwn_load_noise,                                                   \
        .load_residual_resist = nwn_load_residual_resist,                               \
        .load_residual_react = nwn_load_residual_react,                                 \
        .load_limit_rhs_resist = nwn_load_limit_rhs,                                    \
        .load_limit_rhs_react = nwn_load_limit_rhs,                                     \
        .load_spice_rhs_dc = nwn_load_spice_rhs_dc,                                     \
        .load_spice_rhs_tran = nwn_load_spice_rhs_tran,                                 \
        .load_jacobian_resist = nwn_load_jacobian_resist,                               \
        .load_jacobian_react = nwn_load_jacobian_react,                                 \
        .load_jacobian_tran = nwn_load_jacobian_tran,                                   \
    },
const OsdiDescriptor OSDI_DESCRIPTORS[] = {NWN_JUNCTION_MODELS(NWN_OSDI_DESCRIPTOR)};
#undef NWN_OSDI_DESCRIPTOR
const uint32_t OSDI_NUM_DESCRIPTORS = sizeof OSDI_DESCRIPTORS / sizeof OSDI_DESCRIPTORS[0];

/*
 * The potentiation-depression rate-balance junction of the Turin group (Milano et al., Nat. Mater. 21,
 * 195, 2022; after Miranda et al.; nwnTorch calls it "miranda"). C99, header-only, usable from C (code
 * model, OSDI device) and C++ (registry, generators, native engine, tests).
 *
 * State: g in [0, 1], the fraction of the junction that is potentiated,
 *   dg/dt = kp(V)(1 - g) - kd(V) g,   kp = kp0 exp(etap |V|),   kd = kd0 exp(-etad |V|),
 * Conductance: Y = ymin (1 - g) + ymax g.
 * At a fixed V the rate equation is linear in g, so one step of length dt has the closed form
 *   g(t + dt) = g_inf + (g(t) - g_inf) exp(-(kp + kd) dt),   g_inf = kp / (kp + kd),
 * which the Turin code applies per step (Fig_5/functions.py, update_edge_weigths) and the native engine
 * applies as its discrete rule; the SPICE forms integrate the rate equation itself.
 *
 * The Turin code writes that step as kp/(kp+kd) * (1 - (1 - (1 + (kd/kp)*g)) * exp(-(kp+kd)*dt))
 * (Fig_5/functions.py line 293): Python's precedence makes (1 + (kd/kp)*g) of the paper's (1 + kd/kp)*g,
 * so its step is g_inf + kd/(kp+kd) g exp(-(kp+kd) dt), which is not a solution of its own rate equation
 * (from g = 0 it jumps to g_inf in one step of any length). nwnsim_compat = 1 (--nwnsim-compat) selects
 * that expression verbatim, to reproduce the published runs; the default is the exact step.
 */
#ifndef NWNSPICE_MIRANDA_H
#define NWNSPICE_MIRANDA_H

#include <math.h>

#include "../device_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest exponent etap|V| (etad|V|) used: beyond it the rates are held (exp(200) ~ 7e86/s against the
   published kd0 of 65/s), so a Newton iterate of many volts cannot overflow exp() into inf and
   g_inf = kp/(kp + kd) into NaN. With the published etap it is reached only above |V| = 5.7 V. */
#define NWN_MIRANDA_MAX_EXPONENT 200.0

/*
 * Parameter table: X(name, dc_default, ac_default, unit, description); the model has one set, so both
 * columns hold it. Defaults: the Turin group's published fit (Milano et al. 2022, repository
 * MilanoGianluca/Nanowire_Network_Reservoir_Computing, Fig_5/RC_Mnist_28x28_network_stimulation.py
 * lines 92-97, the same in Fig_3_4/RC_pattern.py lines 72-77 and Fig_5/mackey_glass.py lines 43-48),
 * with its initial state g = 0 (Fig_5/functions.py, initialize_graph_attributes).
 */
#define NWN_MIRANDA_PARAM_TABLE(X)                                                                                \
    X(kp0, 2.555173332603108574e-06, 2.555173332603108574e-06, "1/s", "potentiation rate at V = 0")          \
    X(kd0, 6.488388862524891465e+01, 6.488388862524891465e+01, "1/s", "depression rate at V = 0")            \
    X(etap, 3.492155165334443012e+01, 3.492155165334443012e+01, "1/V", "potentiation rate: exponent per volt") \
    X(etad, 5.590601016803570467e+00, 5.590601016803570467e+00, "1/V", "depression rate: exponent per volt")  \
    X(ymin, 1.014708121672117710e-03, 1.014708121672117710e-03, "S", "conductance at g = 0")                 \
    X(ymax, 2.723493729125820492e-03, 2.723493729125820492e-03, "S", "conductance at g = 1")                 \
    X(g0, 0, 0, "1", "state held at a DC operating point without .ic (code model, OSDI)")                     \
    X(cstate, NWN_CSTATE, NWN_CSTATE, "F", "capacitance of the state node l (SPICE): sets g's tolerances")

NWN_DEFINE_PARAMS(NWN_MIRANDA_PARAM_TABLE, nwn_miranda_params, nwn_miranda_params_dc, nwn_miranda_params_ac)

/* NULL when the parameters are physically possible, else a message naming the parameter (index to *which). */
static inline const char* nwn_miranda_params_check(const nwn_miranda_params* p, int* which) {
#define NWN_MIRANDA_BAD(field, msg) do { *which = NWN_PARAM_INDEX(nwn_miranda_params, field); return msg; } while (0)
    if (!(p->kp0 > 0)) NWN_MIRANDA_BAD(kp0, "kp0 must be > 0");
    if (!(p->kd0 > 0)) NWN_MIRANDA_BAD(kd0, "kd0 must be > 0");
    if (!(p->etap >= 0)) NWN_MIRANDA_BAD(etap, "etap must be >= 0");
    if (!(p->etad >= 0)) NWN_MIRANDA_BAD(etad, "etad must be >= 0");
    if (!(p->ymin > 0)) NWN_MIRANDA_BAD(ymin, "ymin must be > 0");
    if (!(p->ymax >= p->ymin)) NWN_MIRANDA_BAD(ymax, "ymax must be >= ymin");
    if (!(p->g0 >= 0 && p->g0 <= 1)) NWN_MIRANDA_BAD(g0, "g0 must be in [0, 1]");
    if (!(p->cstate > 0 && p->cstate <= 1e6)) NWN_MIRANDA_BAD(cstate, "cstate must be in (0, 1e6] F");
    *which = -1;
    return 0;
#undef NWN_MIRANDA_BAD
}

/* exp(min(a, NWN_MIRANDA_MAX_EXPONENT)) and its derivative in a. */
static inline double nwn_miranda_exp(double a, double* d) {
    if (a >= NWN_MIRANDA_MAX_EXPONENT) {
        *d = 0.0;
        return exp(NWN_MIRANDA_MAX_EXPONENT);
    }
    *d = exp(a);
    return *d;
}

/* Y(g) (S) and dY/dg. */
static inline double nwn_miranda_conductance(const nwn_miranda_params* p, double g, double* dy_dg) {
    *dy_dg = p->ymax - p->ymin;
    return p->ymin + (p->ymax - p->ymin) * g;
}

/* kp(V), kd(V) (1/s) and their derivatives in V. |V| has a kink at 0, where the rates are continuous. */
static inline void nwn_miranda_rates(const nwn_miranda_params* p, double v, double* kp, double* kd, double* dkp_dv,
                                     double* dkd_dv) {
    double av = fabs(v), s = (double)((v > 0) - (v < 0)), ep, ed;
    *kp = p->kp0 * nwn_miranda_exp(p->etap * av, &ep);
    *kd = p->kd0 / nwn_miranda_exp(p->etad * av, &ed);
    *dkp_dv = p->kp0 * p->etap * ep * s;
    *dkd_dv = ed > 0 ? -*kd * p->etad * s : 0.0;
}

/* dg/dt (1/s) at junction voltage v and state g, with its partial derivatives. */
static inline double nwn_miranda_rate(const nwn_miranda_params* p, double v, double g, double* df_dv, double* df_dg) {
    double kp, kd, dkp, dkd;
    nwn_miranda_rates(p, v, &kp, &kd, &dkp, &dkd);
    *df_dv = dkp * (1.0 - g) - dkd * g;
    *df_dg = -(kp + kd);
    return kp * (1.0 - g) - kd * g;
}

/* One step of length dt at a fixed v (see the top): exact, or the Turin code's expression when compat != 0. */
static inline double nwn_miranda_step(const nwn_miranda_params* p, double g, double v, double dt, int compat) {
    double kp, kd, dkp, dkd;
    nwn_miranda_rates(p, v, &kp, &kd, &dkp, &dkd);
    const double e = exp(-(kp + kd) * dt), g_inf = kp / (kp + kd);
    if (compat) return g_inf * (1.0 - (1.0 - (1.0 + (kd / kp) * g)) * e);
    return g_inf + (g - g_inf) * e;
}

/* ---- the model interface (device_common.h) ---- */

#define nwn_miranda_state_name "g"
#define nwn_miranda_state_unit ""
#define nwn_miranda_state_range "[0, 1]"
#define nwn_miranda_state_desc "state g (0..1)"
#define nwn_miranda_settings "g0 cstate" /* not device properties: --spread leaves them alone */
#define nwn_miranda_param_table NWN_MIRANDA_PARAM_TABLE
static inline double nwn_miranda_state_hold(const nwn_miranda_params* p) { return p->g0; }
static inline void nwn_miranda_state_bounds(const nwn_miranda_params* p, double* lo, double* hi) {
    (void)p;
    *lo = 0.0;
    *hi = 1.0;
}
/* G needs no preparation: the prepared parameters are the parameters. */
static inline nwn_miranda_params nwn_miranda_native_g_params(const nwn_miranda_params* p) { return *p; }
static inline double nwn_miranda_native_g_prepared(const nwn_miranda_params* p, double g) {
    double d;
    return nwn_miranda_conductance(p, g, &d);
}
static inline double nwn_miranda_native_conductance(const nwn_miranda_params* p, double g) {
    return nwn_miranda_native_g_prepared(p, g);
}
static inline double nwn_miranda_native_update(const nwn_miranda_params* p, double g, double v, double dt, int compat) {
    return nwn_miranda_step(p, g, v, dt, compat);
}

#ifdef __cplusplus
}
#endif

#endif /* NWNSPICE_MIRANDA_H */

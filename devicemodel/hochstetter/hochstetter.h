/*
 * nwnspice junction physics: the one source of truth for the memristive wire-wire junction
 * (Hochstetter et al., Nat. Commun. 12, 4008, 2021; NWNsim). C99, header-only, usable from C
 * (the XSPICE code model) and C++ (generators, native engine, tests).
 *
 * State: filament state lambda (V*s). Continuous-time form of NWNsim's rule (docs/model.md §1.1):
 *   dlambda/dt = set(V) - boost * tent(V) * sign(lambda),  confined to [-lmax, lmax],
 *   set(V)  = relu(V - vset) - relu(-V - vset)      (= H(|V|-vset)(|V|-vset) sign V)
 *   tent(V) = relu(vreset - |V|)
 * Conductance (docs/model.md §1.2, coded as NWNsim codes it, phi^2 in the exponent):
 *   s = smax * relu(lcrit - |lambda|) / lcrit,  Rt = (2/area) s / sqrt(phi) exp(C0 s phi^2) / J1,
 *   G = 1 / (Rt + 1/gon) + goff.      Binary variant: G = gon if |lambda| >= lcrit else goff.
 *
 * Newton needs continuous derivatives, so every kink is smoothed with a C1 piecewise polynomial of
 * compact support: voltage kinks over +-vsmooth, sign(lambda) over +-lzero, lcrit and the clamp over
 * +-lsmooth.
 * Outside those bands the rules are NWNsim's exactly; with both widths 0 they are exact everywhere.
 * sign(lambda) becomes a ramp through 0, so reset drives lambda to 0 and never through it.
 */
#ifndef NWNSPICE_HOCHSTETTER_H
#define NWNSPICE_HOCHSTETTER_H

#include <math.h>

#include "../device_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Constants of NWNsim's tunnelSwitchL.m. */
#define NWN_TUNNEL_C0 10.19
#define NWN_TUNNEL_J1 0.0000471307

/* Rate (1/s) at which a state beyond +-lmax is pulled back. The continuous-time solution never leaves
   [-lmax, lmax]; multistep integrators (Gear) can overshoot the corner at the bound by a few 1e-5 V*s,
   and this stiff restoring term (acting only beyond the bound) removes that within ~0.1 ms. */
#define NWN_CLAMP_RATE 1e4

/* Half-width (V*s) of the smoothed sign(lambda) that stops the reset at lambda = 0. Inside it the
   reset is a linear decay of rate 2*boost*(vreset - |V|)/lzero (up to 1e4/s at 1e-5 V*s): a stiff
   mode that every SPICE truncation test resolves relative to its own size, so each junction resetting
   to 0 cost ~100 steps of ~10 us. G is flat there (G - goff < 1e-19 S for |lambda| <= 5e-4), so a wider band
   changes no conductance; what it changes is the residual state of a junction set again within
   ~lzero/(boost*vreset) of its reset (docs/junction.md, "State tolerances"). */
#define NWN_LZERO 5e-4

/*
 * Parameter table: X(name, dc_default, ac_default, unit, description).
 * Names are the .model card / subcircuit / JSON / CLI names everywhere.
 * dc = NWNsim's DC paper set (the default), ac = its AC attractor / Lyapunov set (docs/model.md §1.3).
 */
#define NWN_JUNCTION_PARAM_TABLE(X)                                                                   \
    X(vset, 1e-2, 1e-2, "V", "set threshold voltage: the filament grows for |V| > vset")             \
    X(vreset, 5e-3, 1e-2, "V", "reset threshold voltage: the filament dissolves for |V| < vreset")  \
    X(lcrit, 1e-2, 1e-2, "V*s", "critical filament state: gap closed, G = gon + goff")              \
    X(lmax, 1.5e-2, 1.5e-2, "V*s", "maximum |filament state|")                                       \
    X(boost, 10, 10, "1", "reset rate multiplier b")                                                 \
    X(gon, 7.77e-5, 7.77e-5, "S", "on conductance (1/Ron of the formed filament)")                   \
    X(goff, 7.77e-8, 1e-8, "S", "off conductance, in parallel with the filament")                    \
    X(phi, 0.81, 0.81, "V", "tunnelling barrier height")                                              \
    X(area, 0.17, 0.17, "1", "filament area A of the tunnelling prefactor")                          \
    X(smax, 5, 5, "nm", "tunnelling gap at lambda = 0")                                               \
    X(binary, 0, 0, "1", "1 = binary atomic switch (G = gon if |lambda| >= lcrit else goff)")        \
    X(vsmooth, 1e-4, 1e-4, "V", "smoothing half-width of the voltage thresholds (0 = hard rules)")   \
    X(lsmooth, 1e-5, 1e-5, "V*s", "smoothing half-width of lcrit and lmax (0 = hard)")                \
    X(lzero, NWN_LZERO, NWN_LZERO, "V*s", "half-width of sign(lambda): reset slows to a stop at 0 (0 = hard)") \
    X(lambda0, 0, 0, "V*s", "state held at a DC operating point without .ic (code model only)")   \
    X(cstate, NWN_CSTATE, NWN_CSTATE, "F", "capacitance of the state node l (SPICE): sets lambda's tolerances")

NWN_DEFINE_PARAMS(NWN_JUNCTION_PARAM_TABLE, nwn_junction_params, nwn_params_dc, nwn_params_ac)

/* The same parameters with NWNsim's hard rules (both smoothing widths 0). */
static inline nwn_junction_params nwn_params_exact(nwn_junction_params p) {
    p.vsmooth = 0.0;
    p.lsmooth = 0.0;
    return p;
}

/* Returns NULL when the parameters are physically possible, else a message naming the parameter, whose
   table index goes to *which. */
static inline const char* nwn_params_check_at(const nwn_junction_params* p, int* which) {
#define NWN_BAD(field, msg) do { *which = NWN_PARAM_INDEX(nwn_junction_params, field); return msg; } while (0)
    if (!(p->vset > 0)) NWN_BAD(vset, "vset must be > 0");
    if (!(p->vreset >= 0)) NWN_BAD(vreset, "vreset must be >= 0");
    if (!(p->vreset <= p->vset)) NWN_BAD(vreset, "vreset must be <= vset");
    if (!(p->lcrit > 0)) NWN_BAD(lcrit, "lcrit must be > 0");
    if (!(p->lmax >= p->lcrit)) NWN_BAD(lmax, "lmax must be >= lcrit");
    if (!(p->boost >= 0)) NWN_BAD(boost, "boost must be >= 0");
    if (!(p->gon > 0)) NWN_BAD(gon, "gon must be > 0");
    if (!(p->goff > 0)) NWN_BAD(goff, "goff must be > 0");
    if (!(p->phi > 0)) NWN_BAD(phi, "phi must be > 0");
    if (!(p->area > 0)) NWN_BAD(area, "area must be > 0");
    if (!(p->smax > 0)) NWN_BAD(smax, "smax must be > 0");
    if (!(p->binary == 0 || p->binary == 1)) NWN_BAD(binary, "binary must be 0 or 1");
    if (!(p->vsmooth >= 0 && p->vsmooth <= 0.25 * p->vset)) NWN_BAD(vsmooth, "vsmooth must be in [0, vset/4]");
    if (p->vreset > 0 && !(p->vsmooth <= 0.5 * p->vreset)) NWN_BAD(vsmooth, "vsmooth must be <= vreset/2");
    if (!(p->lsmooth >= 0 && p->lsmooth <= 0.25 * p->lcrit)) NWN_BAD(lsmooth, "lsmooth must be in [0, lcrit/4]");
    if (!(p->lzero >= 0 && p->lzero <= 0.25 * p->lcrit)) NWN_BAD(lzero, "lzero must be in [0, lcrit/4]");
    if (!(p->lsmooth <= 0.5 * (p->lmax - p->lcrit) || p->lmax == p->lcrit))
        NWN_BAD(lsmooth, "lsmooth must be <= (lmax - lcrit)/2");
    if (!(fabs(p->lambda0) <= p->lmax)) NWN_BAD(lambda0, "|lambda0| must be <= lmax");
    if (!(p->cstate > 0 && p->cstate <= 1e6)) NWN_BAD(cstate, "cstate must be in (0, 1e6] F");
    *which = -1;
    return 0;
#undef NWN_BAD
}

static inline const char* nwn_params_check(const nwn_junction_params* p) {
    int which;
    return nwn_params_check_at(p, &which);
}

/* ---- C1 smoothing primitives; width w <= 0 gives the hard function ---- */

/* relu(x) = max(x, 0), quadratic over [-w, w]. */
static inline double nwn_relu(double x, double w, double* d) {
    if (x >= w) { *d = 1.0; return x; }
    if (x <= -w) { *d = 0.0; return 0.0; }
    *d = (x + w) / (2.0 * w);
    return (x + w) * (x + w) / (4.0 * w);
}

/* sign(x), a ramp u(2-|u|) over [-w, w] (sign(0) = 0 as in MATLAB). */
static inline double nwn_sign(double x, double w, double* d) {
    if (x >= w && x > 0) { *d = 0.0; return 1.0; }
    if (x <= -w && x < 0) { *d = 0.0; return -1.0; }
    if (w <= 0) { *d = 0.0; return 0.0; }
    double u = x / w;
    *d = (2.0 - 2.0 * fabs(u)) / w;
    return u * (2.0 - fabs(u));
}

/* Heaviside H(x) (H(0) = 1, NWNsim's >=), smoothstep over [-w, w]. */
static inline double nwn_step(double x, double w, double* d) {
    if (x >= w && (x >= 0)) { *d = 0.0; return 1.0; }
    if (x <= -w && x < 0) { *d = 0.0; return 0.0; }
    double u = (x + w) / (2.0 * w);
    *d = 6.0 * u * (1.0 - u) / (2.0 * w);
    return u * u * (3.0 - 2.0 * u);
}

/* relu(a - |x|) for a >= 0, as relu(x+a) - 2 relu(x) + relu(x-a): exact outside the bands. */
static inline double nwn_tent(double x, double a, double w, double* d) {
    double d1, d2, d3;
    if (x >= a + w || x <= -a - w) { *d = 0.0; return 0.0; }  /* exact 0, no cancellation noise */
    double v = nwn_relu(x + a, w, &d1) - 2.0 * nwn_relu(x, w, &d2) + nwn_relu(x - a, w, &d3);
    *d = d1 - 2.0 * d2 + d3;
    return v;
}

/* 1 well inside the bound, 0 at and beyond it; smoothstep over the last w before the bound. */
static inline double nwn_window(double distance, double w, double* d) {
    if (w <= 0) { *d = 0.0; return distance > 0 ? 1.0 : 0.0; }
    if (distance >= w) { *d = 0.0; return 1.0; }
    if (distance <= 0) { *d = 0.0; return 0.0; }
    double u = distance / w;
    *d = 6.0 * u * (1.0 - u) / w;
    return u * u * (3.0 - 2.0 * u);
}

/* ---- conductance ---- */

/* Tunnelling gap s (nm) and ds/dlambda. */
static inline double nwn_gap(const nwn_junction_params* p, double lambda, double* ds_dl) {
    double dt;
    double k = p->smax / p->lcrit;
    double s = k * nwn_tent(lambda, p->lcrit, p->lsmooth, &dt);
    *ds_dl = k * dt;
    return s;
}

/* Tunnel resistance Rt(s) (ohm) and dRt/ds, as coded in NWNsim's tunnelSwitchL.m. */
static inline double nwn_tunnel_resistance(const nwn_junction_params* p, double s, double* dr_ds) {
    double c = NWN_TUNNEL_C0 * p->phi * p->phi;
    double pre = (2.0 / p->area) / sqrt(p->phi) / NWN_TUNNEL_J1;
    double e = exp(c * s);
    *dr_ds = pre * e * (1.0 + c * s);
    return pre * s * e;
}

/* Junction conductance G(lambda) (S) and dG/dlambda. */
static inline double nwn_conductance(const nwn_junction_params* p, double lambda, double* dg_dl) {
    if (p->binary > 0.5) {
        double d1, d2;
        double on = nwn_step(lambda - p->lcrit, p->lsmooth, &d1) + nwn_step(-lambda - p->lcrit, p->lsmooth, &d2);
        *dg_dl = (p->gon - p->goff) * (d1 - d2);
        return p->goff + (p->gon - p->goff) * on;
    }
    double ds_dl, dr_ds;
    double s = nwn_gap(p, lambda, &ds_dl);
    double r = nwn_tunnel_resistance(p, s, &dr_ds) + 1.0 / p->gon;
    *dg_dl = -dr_ds * ds_dl / (r * r);
    return 1.0 / r + p->goff;
}

/* ---- state rate ---- */

/* dlambda/dt (V) at junction voltage v and state lambda, with its partial derivatives. */
static inline double nwn_rate(const nwn_junction_params* p, double v, double lambda, double* df_dv,
                              double* df_dl) {
    double wv = p->vsmooth, wl = p->lsmooth;
    double dsp, dsn, dtent, dsg;
    double set = nwn_relu(v - p->vset, wv, &dsp) - nwn_relu(-v - p->vset, wv, &dsn);
    double dset_dv = dsp + dsn;
    double reset = p->boost * nwn_tent(v, p->vreset, wv, &dtent);
    double sg = nwn_sign(lambda, p->lzero, &dsg);
    double f0 = set - reset * sg;
    double df0_dv = dset_dv - p->boost * dtent * sg;
    double df0_dl = -reset * dsg;

    /* Clamp at +-lmax: outward motion is cut within lsmooth of the bound, inward motion is free.
       f = f0*wdn + relu(f0)*(wup - wdn) is f0*wup when growing and f0*wdn when shrinking. */
    double dwup, dwdn, dr;
    double wup = nwn_window(p->lmax - lambda, wl, &dwup);
    double wdn = nwn_window(p->lmax + lambda, wl, &dwdn);
    double pos = nwn_relu(f0, wv, &dr);
    double gain = wdn + dr * (wup - wdn);
    double do1, do2;
    double over = nwn_relu(lambda - p->lmax - wl, wl, &do1) - nwn_relu(-lambda - p->lmax - wl, wl, &do2);
    *df_dv = df0_dv * gain;
    *df_dl = df0_dl * gain + f0 * dwdn + pos * (-dwup - dwdn) - NWN_CLAMP_RATE * (do1 + do2);
    return f0 * wdn + pos * (wup - wdn) - NWN_CLAMP_RATE * over;
}

/* Everything a circuit simulator needs at one evaluation point. */
typedef struct nwn_junction_eval {
    double g;      /* conductance G(lambda) */
    double i;      /* junction current G(lambda) v */
    double di_dv;  /* = g */
    double di_dl;  /* v dG/dlambda */
    double f;      /* dlambda/dt */
    double df_dv;
    double df_dl;
} nwn_junction_eval;

static inline nwn_junction_eval nwn_junction_evaluate(const nwn_junction_params* p, double v, double lambda) {
    nwn_junction_eval e;
    double dg;
    e.g = nwn_conductance(p, lambda, &dg);
    e.i = e.g * v;
    e.di_dv = e.g;
    e.di_dl = v * dg;
    e.f = nwn_rate(p, v, lambda, &e.df_dv, &e.df_dl);
    return e;
}

/* ---- NWNsim's discrete update (docs/model.md §1.1), for the native fixed-step engine ---- */

static inline double nwn_sgn0(double x) { return (double)((x > 0) - (x < 0)); }

/* One explicit-Euler step of NWNsim's hard rules (smoothing ignored). nwnsim_compat != 0 keeps its
   sign-asymmetric reset-to-zero test (negative lambda may cross 0 for one step, docs/model.md §9.2);
   otherwise the reset stops at 0 for both signs. */
static inline double nwn_euler_update(const nwn_junction_params* p, double lambda, double v, double dt,
                                      int nwnsim_compat) {
    double av = fabs(v);
    double l1 = lambda + (av > p->vset ? (av - p->vset) * nwn_sgn0(v) * dt : 0.0);
    double mag = p->vreset > av ? (p->vreset - av) * dt * p->boost : 0.0;
    double l2;
    if (nwnsim_compat) {
        double rho = mag * nwn_sgn0(l1);
        l2 = (rho >= fabs(l1)) ? 0.0 : l1 - rho;
    } else {
        l2 = (mag >= fabs(l1)) ? 0.0 : l1 - mag * nwn_sgn0(l1);
    }
    if (l2 > p->lmax) l2 = p->lmax;
    if (l2 < -p->lmax) l2 = -p->lmax;
    return l2;
}

/* ---- the model interface (device_common.h): what the generated forms and the registry call ---- */

#define nwn_hochstetter_state_name "lambda"
#define nwn_hochstetter_state_unit " V·s" /* UTF-8, as the CLI prints it */
#define nwn_hochstetter_state_range "[-lmax, lmax]"
#define nwn_hochstetter_state_desc "filament state lambda (V*s)"
/* Settings, not device properties: --spread leaves them alone. */
#define nwn_hochstetter_settings "binary vsmooth lsmooth lzero lambda0 cstate"
typedef nwn_junction_params nwn_hochstetter_params;
#define nwn_hochstetter_param_table NWN_JUNCTION_PARAM_TABLE
static inline nwn_junction_params nwn_hochstetter_params_dc(void) { return nwn_params_dc(); }
static inline nwn_junction_params nwn_hochstetter_params_ac(void) { return nwn_params_ac(); }
static inline const char* nwn_hochstetter_params_check(const nwn_junction_params* p, int* which) {
    return nwn_params_check_at(p, which);
}
static inline double nwn_hochstetter_conductance(const nwn_junction_params* p, double x, double* dg_dx) {
    return nwn_conductance(p, x, dg_dx);
}
static inline double nwn_hochstetter_rate(const nwn_junction_params* p, double v, double x, double* df_dv,
                                          double* df_dx) {
    return nwn_rate(p, v, x, df_dv, df_dx);
}
static inline double nwn_hochstetter_state_hold(const nwn_junction_params* p) { return p->lambda0; }
static inline void nwn_hochstetter_state_bounds(const nwn_junction_params* p, double* lo, double* hi) {
    *lo = -p->lmax;
    *hi = p->lmax;
}
/* The native engine's rules are NWNsim's hard ones: no smoothing in G, the discrete update of §1.1. The
   engine prepares each junction's parameters for G once (native_g_params) and evaluates G with them every
   step (native_g_prepared): building the hard-rule parameters per call cost the native engine 15 %. */
static inline nwn_junction_params nwn_hochstetter_native_g_params(const nwn_junction_params* p) {
    return nwn_params_exact(*p);
}
static inline double nwn_hochstetter_native_g_prepared(const nwn_junction_params* prepared, double x) {
    double d;
    return nwn_conductance(prepared, x, &d);
}
static inline double nwn_hochstetter_native_conductance(const nwn_junction_params* p, double x) {
    const nwn_junction_params exact = nwn_hochstetter_native_g_params(p);
    return nwn_hochstetter_native_g_prepared(&exact, x);
}
static inline double nwn_hochstetter_native_update(const nwn_junction_params* p, double x, double v, double dt,
                                                   int compat) {
    return nwn_euler_update(p, x, v, dt, compat);
}

#ifdef __cplusplus
}
#endif

#endif /* NWNSPICE_HOCHSTETTER_H */

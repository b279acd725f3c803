/*
 * What every junction model's SPICE forms share (C99): the state node's capacitance and the DC hold.
 * A model is one folder devicemodel/<model>/ whose header <model>.h defines, under the prefix nwn_<model>_,
 * the interface the generated code model, the OSDI device and the C++ registry (models.h) use; see
 * docs/junction_models.md, "Adding a model".
 */
#ifndef NWNSPICE_DEVICE_COMMON_H
#define NWNSPICE_DEVICE_COMMON_H

#include <stddef.h>

/* State capacitance (F) of the SPICE formulation, the default of every model's cstate. The state x is the
   voltage of node l; the state capacitor there holds q = cstate*x and the device drives cstate*dx/dt into
   it, so the dynamics do not depend on cstate, but ngspice's truncation-error test of that node does: it
   allows an error rate of abstol/cstate + reltol*|dx/dt| (per s) and resolves x relative to
   max(|x|, chgtol/cstate). With 1 F (before 0.2) abstol = 1e-12 A held lambda to 1e-12 V*s/s and
   the step collapsed to ~1 us on large networks; 1e-8 F gives 1e-4 V*s/s at the default abstol, so a
   junction near lambda = 0 no longer forces steps (docs/junction.md, "State tolerances"). Newton's test on l
   (vntol, 1e-6 V*s) does not depend on cstate.
   The code model takes 1 F when a .model card omits cstate (decks written for the 1 F capacitor). */
#define NWN_CSTATE 1e-8
#define NWN_CSTATE_CODEMODEL_DEFAULT 1.0

/* At a static solution (DC operating point, AC) the state capacitor is open: the code model and the OSDI
   device pin l to the model's held state through this conductance (S). .ic of a transient's operating
   point (1e10 S in ngspice) overrides it. */
#define NWN_DC_HOLD 1.0

/* A model's parameter struct `type` (the doubles of TABLE, X(name, dc, ac, unit, desc), in table order:
   the registry and the OSDI device read it as that array) and its presets dc_fn() and ac_fn(). */
#define NWN_PARAM_FIELD_(name, dc, ac, unit, desc) double name;
#define NWN_PARAM_DC_(name, dc, ac, unit, desc) p.name = (dc);
#define NWN_PARAM_AC_(name, dc, ac, unit, desc) p.name = (ac);
#define NWN_DEFINE_PARAMS(TABLE, type, dc_fn, ac_fn)                 \
    typedef struct type {                                            \
        TABLE(NWN_PARAM_FIELD_)                                      \
    } type;                                                          \
    static inline type dc_fn(void) {                                 \
        type p;                                                      \
        TABLE(NWN_PARAM_DC_)                                         \
        return p;                                                    \
    }                                                                \
    static inline type ac_fn(void) {                                 \
        type p;                                                      \
        TABLE(NWN_PARAM_AC_)                                         \
        return p;                                                    \
    }

/* Index in its table of parameter `field` of the struct `type`: what a check reports with its message. */
#define NWN_PARAM_INDEX(type, field) ((int)(offsetof(type, field) / sizeof(double)))

#endif /* NWNSPICE_DEVICE_COMMON_H */

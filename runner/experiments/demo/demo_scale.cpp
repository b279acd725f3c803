// How much each section of the demo computes in each mode. The default takes about 2.5 minutes on two
// cores after the build, --quick in about 25 s (the CI test), --full pools more for tighter numbers.
#include "runner/experiments/demo/demo_context.h"

namespace nwn::exp {

DemoScale demo_scale(DemoMode mode) {
    DemoScale s;
    switch (mode) {
        case DemoMode::Quick:
            s.activation_vstar = {2, 20};
            s.ensemble_seeds = 12;
            s.ensemble_lx = 50;
            s.ensemble_tstop = 30;
            s.drift_vstar = {};
            s.drift_seeds = 0;
            s.spice_member_tstop = 5;
            s.chaos_frequencies = {0.1, 0.85};
            s.chaos_transient = 10;
            s.chaos_periods = 6;
            s.edge_amplitudes = {0.5, 0.8, 1.25};
            s.nlt_duration = 20;
            s.reservoir_samples = 300;
            s.digit_images = 300;
            break;
        case DemoMode::Default:
            s.activation_vstar = {1.2, 1.5, 2, 5, 20};
            // Paper Fig. 5's size and duration; 16 members give ~400 avalanches, whose fits pass every check.
            s.ensemble_seeds = 16;
            s.ensemble_lx = 100;
            s.ensemble_tstop = 30;
            s.drift_vstar = {0.7, 1.8};
            s.drift_seeds = 3;
            s.spice_member_tstop = 10;
            s.chaos_frequencies = {0.1, 0.25, 0.5, 0.85};
            s.chaos_transient = 30;
            s.chaos_periods = 12;
            // Dense where λ crosses 0 at 0.85 Hz (between 0.7 and 0.9 V): the 2f peak sits there.
            s.edge_amplitudes = {0.5, 0.7, 0.8, 1.25};
            s.edge_control_duration = 120;
            s.nlt_duration = 80;
            s.reservoir_samples = 300;
            s.digit_images = 300;
            s.reservoir_spice = true;
            s.reservoir_tia = true;  // beside the grounded SPICE run, on the other core: ~5 s more
            break;
        case DemoMode::Full:
            s.activation_vstar = {1.1, 1.2, 1.5, 2, 3, 5, 20};
            s.ensemble_seeds = 64;
            s.ensemble_lx = 100;
            s.ensemble_tstop = 30;
            s.drift_vstar = {0.7, 1.8};
            s.drift_seeds = 16;
            s.spice_member_tstop = 30;
            s.chaos_frequencies = {0.1, 0.25, 0.35, 0.5, 0.65, 0.85};
            s.chaos_transient = 100;
            s.chaos_periods = 40;
            s.chaos_spice = true;
            s.edge_amplitudes = {0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 1, 1.25};
            s.edge_control_duration = 300;
            s.nlt_duration = 80;
            // At 1 000 samples the test part holds a switching event the training part never saw (one readout's
            // current doubles) and NRMSE is 1.48; from 2 000 on the training part holds such events too.
            s.reservoir_samples = 2000;
            s.digit_images = 1000;
            s.reservoir_spice = true;
            s.reservoir_tia = true;
            break;
    }
    return s;
}

}  // namespace nwn::exp

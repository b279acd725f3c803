// The avalanche-analysis options shared by `nwn avalanches`, `nwn ensemble` and `nwn demo`: plain
// values as the command line gives them, their conversion to the analysis options, and (header-only,
// for the CLI's translation units) their Boost.Program_options declarations with help texts.
#pragma once
#include <cstdint>
#include <sstream>
#include <string>

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/value_semantic.hpp>

#include "runner/analysis/criticality.h"

namespace nwn::exp {

struct AvalancheFlags {
    double thresh = 5e-8;
    double rel_thresh = 0.05;
    std::string condition;  // "" or "event-interval"
    std::string bin = "mean-iei";
    std::size_t resamples = 500;
    std::size_t shape_bootstraps = 20;
    std::uint64_t seed = 1;
    unsigned threads = 0;
    bool no_plots = false;

    // Throws nwn::Error for a bad --bin or --condition.
    analysis::CriticalityOptions criticality() const;
};

// "mean-iei" (k = 1), "mean-iei:K" (K·⟨IEI⟩, NWNsim's bs-K) or a whole number of samples.
analysis::BinSpec parse_bin(const std::string& text);

// Declares the flags on `opts`; `conductance_events` adds the thresholds and the conditioning, which
// only apply to events detected on the network conductance.
inline void add_avalanche_options(boost::program_options::options_description& opts, AvalancheFlags& f,
                                  bool conductance_events) {
    namespace po = boost::program_options;
    auto shown = [](double x) {  // "5e-08" rather than Boost's 17 digits
        std::ostringstream os;
        os << x;
        return os.str();
    };
    if (conductance_events)
        opts.add_options()
            ("thresh", po::value(&f.thresh)->default_value(f.thresh, shown(f.thresh)),
             "conductance events: |dG| threshold, S per sample (NWNsim's thresholdPeak; +inf switches it off)")
            ("rel-thresh", po::value(&f.rel_thresh)->default_value(f.rel_thresh, shown(f.rel_thresh)),
             "conductance events: |dG|/G threshold per sample (inf switches it off)")
            ("condition", po::value(&f.condition),
             "event-interval: first cut each series to the span from its first to its last sample over a threshold");
    opts.add_options()
        ("bin", po::value(&f.bin)->default_value(f.bin),
         "avalanche bin: mean-iei (the mean inter-event interval), mean-iei:K (K times it) or N samples")
        ("resamples", po::value(&f.resamples)->default_value(f.resamples),
         "synthetic data sets for the power-law p-values and the bootstrap sigma")
        ("shape-bootstraps", po::value(&f.shape_bootstraps)->default_value(f.shape_bootstraps),
         "avalanche resamples for the error of the shape collapse")
        ("seed", po::value(&f.seed)->default_value(f.seed), "random seed of the resampling (results depend only on it)")
        ("threads", po::value(&f.threads)->default_value(f.threads), "threads for the resampling (0 = all cores)")
        ("no-plots", po::bool_switch(&f.no_plots), "skip the gnuplot figures");
}

}  // namespace nwn::exp

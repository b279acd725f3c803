// Lyapunov-exponent arithmetic, free of engines and files: separation of perturbed copies from the
// reference, Gram–Schmidt renormalisation (Benettin et al. 1980), statistics of the per-segment growth
// rates, and the conductance ratio r of docs/model.md §5.
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace nwn::analysis {

using State = std::vector<double>;

// A unit vector along coordinate `axis` (NWNsim's single-junction perturbation), or a uniformly random
// direction on the unit sphere (seeded; std::mt19937_64, Box–Muller, so identical on every platform).
State unit_axis(std::size_t n, std::size_t axis);
State random_unit(std::size_t n, std::uint64_t seed);

// One renormalisation of the K perturbed copies copies[1..K] around the reference copies[0]: the
// separations δ_j = copies[j] − copies[0] are orthogonalised in order (modified Gram–Schmidt); returns
// the K stretch factors |R_jj| / eps and resets copies[j] = copies[0] + eps·q_j.
// A separation at or below the rounding noise of the states (64 ulp of the largest |state|) has no
// direction left: it was annihilated (NWNsim's hard clamps and resets do that; its loop then stops on
// −∞) or became dependent on the earlier ones. Its factor is then floor/eps, which makes every exponent
// computed from it an upper bound; `lost[j]` (if given) is set, and the copy restarts along a random
// direction (seeded by the reference state) orthogonal to the earlier ones.
std::vector<double> renormalise(std::vector<State>& copies, double eps, std::vector<bool>* lost = nullptr);

// {ref, ref + eps·q_1, ..., ref + eps·q_K}: q_1 along `first`, the others from random directions
// (seeded), made orthonormal.
std::vector<State> perturbed_copies(const State& ref, const State& first, std::size_t k, double eps,
                                    std::uint64_t seed);

struct ExponentStats {
    double mean = std::numeric_limits<double>::quiet_NaN();   // 1/s
    double sigma = std::numeric_limits<double>::quiet_NaN();  // standard error of the mean (batch means)
    std::size_t used = 0;        // rates averaged
    std::size_t batches = 0;     // batches behind sigma
    std::vector<double> running; // running mean after each used rate (the convergence trace)
};

// Mean of the rates after `skip` leading ones. The rates of neighbouring segments are correlated (and,
// for segments shorter than a drive period, vary with the drive phase), so sigma comes from batch
// means: the rates are first averaged in blocks of `block` (one drive period of segments), then the
// n blocks in max(2, floor(√n)) consecutive batches; sigma = sd(batch means)/√batches. NaN with fewer
// than two blocks.
ExponentStats exponent_stats(const std::vector<double>& rates, std::size_t skip = 0, std::size_t block = 1);

// r of docs/model.md §5 (aveMaxMin): the mean over whole drive periods of max(G)/min(G) within the period,
// G = |I/V| of the network. Points with |V| <= v_floor are skipped, as are non-finite or non-positive G:
// at a zero crossing of the drive I/V is 0/0 (NaN in NWNsim, docs/model.md §9.19, skipped by MATLAB's max/min),
// and just after it SPICE's current is no better than its Newton tolerance (1 µV on the wires) allows.
// Periods are [kP, (k+1)P) of the drive's own time; feed points in time order. A period counts once a
// point of a later period arrives and only if it began at or after t_begin (the first fed time), so
// partial periods never count.
class PeriodRatio {
public:
    PeriodRatio(double period, double t_begin, double v_floor = 0);
    void add(double t, double v, double i);
    double mean() const;  // NaN when no whole period was seen
    std::size_t periods() const { return count_; }

private:
    double period_, t_begin_, v_floor_;
    long current_ = std::numeric_limits<long>::min();
    double max_ = 0, min_ = 0;
    bool has_value_ = false;
    double sum_ = 0;
    std::size_t count_ = 0;
};

}  // namespace nwn::analysis

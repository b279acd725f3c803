#include "runner/analysis/lyapunov_math.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <functional>
#include <numbers>
#include <random>

#include "common/error.h"

namespace nwn::analysis {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double dot(const State& a, const State& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

double norm(const State& a) { return std::sqrt(dot(a, a)); }

// Removes the components along the (orthonormal) directions q[0..count) from d, twice: one pass of
// modified Gram–Schmidt loses orthogonality when d is nearly dependent on them.
void orthogonalise(State& d, const std::vector<State>& q, std::size_t count) {
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t i = 0; i < count; ++i) {
            const double c = dot(q[i], d);
            for (std::size_t m = 0; m < d.size(); ++m) d[m] -= c * q[i][m];
        }
}

// A random direction outside span(q[0..count)), seeded from the reference state so runs repeat exactly. A
// random one (not a coordinate axis) has a component along every mode, so the copy can find the leading
// direction again even when one coordinate keeps being wiped out.
State fresh_direction(const State& ref, const std::vector<State>& q, std::size_t count) {
    std::uint64_t seed = 0x9e3779b97f4a7c15ULL * (count + 1);
    for (double x : ref) seed = (seed ^ std::hash<double>{}(x)) * 0x100000001b3ULL;
    for (int attempt = 0; attempt < 100; ++attempt) {
        State d = random_unit(ref.size(), seed + attempt);
        orthogonalise(d, q, count);
        const double r = norm(d);
        if (r > 0.1) {
            for (double& x : d) x /= r;
            return d;
        }
    }
    throw Error("Lyapunov: more perturbed copies than state dimensions");
}

// Separations at or below this are rounding noise of states of size `scale`, not a direction.
double noise_floor(const State& ref, double eps) {
    double scale = eps;
    for (double x : ref) scale = std::max(scale, std::abs(x));
    return 64 * DBL_EPSILON * scale;
}

}  // namespace

State unit_axis(std::size_t n, std::size_t axis) {
    if (axis >= n) throw Error("Lyapunov: perturbation axis " + std::to_string(axis) + " outside the " +
                               std::to_string(n) + " state variables");
    State u(n, 0.0);
    u[axis] = 1.0;
    return u;
}

State random_unit(std::size_t n, std::uint64_t seed) {
    if (n == 0) throw Error("Lyapunov: empty state");
    std::mt19937_64 gen(seed);
    auto uniform = [&] { return (static_cast<double>(gen() >> 11) + 0.5) * 0x1.0p-53; };  // in (0, 1)
    State u(n);
    for (std::size_t i = 0; i < n; ++i)
        u[i] = std::sqrt(-2 * std::log(uniform())) * std::cos(2 * std::numbers::pi * uniform());
    const double r = norm(u);
    for (double& x : u) x /= r;
    return u;
}

std::vector<double> renormalise(std::vector<State>& copies, double eps, std::vector<bool>* lost) {
    if (!(eps > 0)) throw Error("Lyapunov: the perturbation size must be > 0");
    if (copies.size() < 2) throw Error("Lyapunov: need a reference and at least one perturbed copy");
    const State& ref = copies[0];
    const std::size_t n = ref.size(), k = copies.size() - 1;
    const double floor = noise_floor(ref, eps);
    std::vector<State> q(k);
    std::vector<double> factor(k);
    if (lost) lost->assign(k, false);
    for (std::size_t j = 0; j < k; ++j) {
        State& pert = copies[j + 1];
        if (pert.size() != n) throw Error("Lyapunov: perturbed copy of a different size than the reference");
        State d(n);
        for (std::size_t m = 0; m < n; ++m) d[m] = pert[m] - ref[m];
        orthogonalise(d, q, j);
        const double r = norm(d);
        if (r > floor) {
            for (double& x : d) x /= r;
            q[j] = std::move(d);
            factor[j] = r / eps;
        } else {
            q[j] = fresh_direction(ref, q, j);
            factor[j] = floor / eps;
            if (lost) (*lost)[j] = true;
        }
        for (std::size_t m = 0; m < n; ++m) pert[m] = ref[m] + eps * q[j][m];
    }
    return factor;
}

std::vector<State> perturbed_copies(const State& ref, const State& first, std::size_t k, double eps,
                                    std::uint64_t seed) {
    if (first.size() != ref.size()) throw Error("Lyapunov: perturbation direction of the wrong size");
    if (k == 0) throw Error("Lyapunov: need at least one perturbed copy");
    if (k > ref.size()) throw Error("Lyapunov: more exponents requested than state variables");
    std::vector<State> copies{ref};
    for (std::size_t j = 0; j < k; ++j) {
        const State dir = j == 0 ? first : random_unit(ref.size(), seed + j);
        State p(ref.size());
        for (std::size_t m = 0; m < ref.size(); ++m) p[m] = ref[m] + dir[m];  // scaled to eps by renormalise
        copies.push_back(std::move(p));
    }
    renormalise(copies, eps);
    return copies;
}

ExponentStats exponent_stats(const std::vector<double>& rates, std::size_t skip, std::size_t block) {
    ExponentStats s;
    block = std::max<std::size_t>(block, 1);
    std::vector<double> used;
    for (std::size_t i = skip; i < rates.size(); ++i) {
        if (!std::isfinite(rates[i])) throw Error("Lyapunov: a growth rate is not finite");
        used.push_back(rates[i]);
        const double previous = s.running.empty() ? 0 : s.running.back();
        s.running.push_back(previous + (rates[i] - previous) / used.size());
    }
    s.used = used.size();
    if (used.empty()) return s;
    s.mean = s.running.back();

    std::vector<double> blocks;
    for (std::size_t i = 0; i + block <= used.size(); i += block) {
        double sum = 0;
        for (std::size_t m = i; m < i + block; ++m) sum += used[m];
        blocks.push_back(sum / block);
    }
    if (blocks.size() < 2) return s;
    const std::size_t nb = std::max<std::size_t>(2, static_cast<std::size_t>(std::sqrt(static_cast<double>(blocks.size()))));
    const std::size_t per = blocks.size() / nb;
    std::vector<double> means;
    for (std::size_t b = 0; b < nb; ++b) {
        double sum = 0;
        for (std::size_t m = b * per; m < (b + 1) * per; ++m) sum += blocks[m];
        means.push_back(sum / per);
    }
    double mu = 0, ss = 0;
    for (double m : means) mu += m / nb;
    for (double m : means) ss += (m - mu) * (m - mu);
    s.batches = nb;
    s.sigma = std::sqrt(ss / (nb - 1) / nb);
    return s;
}

PeriodRatio::PeriodRatio(double period, double t_begin, double v_floor)
    : period_(period), t_begin_(t_begin), v_floor_(v_floor) {
    if (!(period > 0)) throw Error("conductance ratio: the drive period must be > 0");
}

void PeriodRatio::add(double t, double v, double i) {
    const long k = static_cast<long>(std::floor(t / period_ + 1e-9));
    if (k != current_) {
        if (has_value_ && current_ * period_ >= t_begin_ - 1e-9 * period_ && k > current_) {
            sum_ += max_ / min_;
            ++count_;
        }
        current_ = k;
        has_value_ = false;
    }
    const double g = std::abs(i / v);
    if (!(std::abs(v) > v_floor_) || !std::isfinite(g) || !(g > 0)) return;
    if (!has_value_) {
        max_ = min_ = g;
        has_value_ = true;
    } else {
        max_ = std::max(max_, g);
        min_ = std::min(min_, g);
    }
}

double PeriodRatio::mean() const { return count_ ? sum_ / count_ : kNaN; }

}  // namespace nwn::analysis

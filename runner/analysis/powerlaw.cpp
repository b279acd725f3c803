#include "runner/analysis/powerlaw.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <string>

#include <boost/math/special_functions/beta.hpp>

#include "common/cancel.h"
#include "common/error.h"
#include "runner/analysis/parallel.h"
#include "runner/analysis/random.h"
#include "runner/analysis/validate.h"

namespace nwn::analysis {

namespace {

void check_options(const PowerLawOptions& o) {
    if (!(o.tau_min >= 0) || !(o.tau_max > o.tau_min) || !std::isfinite(o.tau_max))
        throw Error("power-law fit: need 0 <= tau_min < tau_max, got [" + std::to_string(o.tau_min) + ", " +
                    std::to_string(o.tau_max) + "]");
    if (!(o.pcrit > 0 && o.pcrit <= 1)) throw Error("power-law fit: pcrit must lie in (0, 1]");
    if (o.min_n < 2) throw Error("power-law fit: min_n must be at least 2");
}

void check_data(std::span<const std::int64_t> x) {
    for (std::size_t i = 0; i < x.size(); ++i)
        if (x[i] < 1)
            throw Error("power-law fit: value " + std::to_string(i) + " is " + std::to_string(x[i]) +
                        ", sizes and lifetimes must be >= 1");
}

// Distinct values with counts and running totals, so any support's n and Σ ln x cost O(1).
struct Distinct {
    std::vector<std::int64_t> value;
    std::vector<std::size_t> count;
    std::vector<std::size_t> cum;  // samples <= value[i]
    std::vector<double> cum_log;   // Σ ln x over samples <= value[i]

    explicit Distinct(std::vector<std::int64_t> x) {
        std::sort(x.begin(), x.end());
        std::size_t total = 0;
        double total_log = 0;
        for (std::size_t i = 0; i < x.size();) {
            std::size_t j = i;
            while (j < x.size() && x[j] == x[i]) ++j;
            value.push_back(x[i]);
            count.push_back(j - i);
            total += j - i;
            total_log += static_cast<double>(j - i) * std::log(static_cast<double>(x[i]));
            cum.push_back(total);
            cum_log.push_back(total_log);
            i = j;
        }
    }
    std::size_t n(std::size_t i, std::size_t j) const { return cum[j] - (i ? cum[i - 1] : 0); }
    double sum_log(std::size_t i, std::size_t j) const { return cum_log[j] - (i ? cum_log[i - 1] : 0.0); }
};

struct Outcome {
    double tau, ks;
};

// One synthetic data set of n draws from the fitted law, re-fitted on the same support.
Outcome resample_once(const DiscretePowerLaw& law, const DiscretePowerLaw::Sampler& draw, std::size_t n,
                      std::uint64_t seed, const PowerLawOptions& o) {
    std::mt19937_64 g(seed);
    std::vector<std::int64_t> values;
    std::vector<std::size_t> counts;
    const auto range = static_cast<std::uint64_t>(law.xmax() - law.xmin()) + 1;
    if (range <= 4 * static_cast<std::uint64_t>(n) + 4096) {
        // Counting is cheaper than sorting when the support is not much longer than the sample.
        std::vector<std::uint32_t> c(range, 0);
        for (std::size_t i = 0; i < n; ++i) ++c[static_cast<std::size_t>(draw(g) - law.xmin())];
        for (std::size_t k = 0; k < range; ++k)
            if (c[k]) values.push_back(law.xmin() + static_cast<std::int64_t>(k)), counts.push_back(c[k]);
    } else {
        std::vector<std::int64_t> x(n);
        for (auto& v : x) v = draw(g);
        std::sort(x.begin(), x.end());
        for (std::size_t i = 0; i < n;) {
            std::size_t j = i;
            while (j < n && x[j] == x[i]) ++j;
            values.push_back(x[i]);
            counts.push_back(j - i);
            i = j;
        }
    }
    double sum_log = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
        sum_log += static_cast<double>(counts[i]) * std::log(static_cast<double>(values[i]));
    const double tau = law.fit(sum_log / static_cast<double>(n), o.tau_min, o.tau_max);
    return {tau, ks_distance(law, tau, values, counts)};
}

// reject_at[m]: the smallest k with P(Binomial(m, pcrit) >= k) < likelihood; a candidate still needing
// k successes from m remaining resamples is given up once k >= reject_at[m].
std::vector<std::size_t> early_stop_table(std::size_t R, double pcrit, double likelihood) {
    // P(Binomial(m, p) >= k) = I_p(k, m - k + 1). reject_at[m] never falls and rises by at most one per
    // step (adding a trial cannot lower the tail, nor lift it past the next count), so walking k upward
    // from reject_at[m - 1] makes the table O(R), not the O(R²) of summing each tail term by term.
    auto tail = [pcrit](std::size_t m, std::size_t k) -> double {
        if (k == 0) return 1.0;
        if (k > m) return 0.0;
        if (pcrit <= 0) return 0.0;
        if (pcrit >= 1) return 1.0;
        return boost::math::ibeta(static_cast<double>(k), static_cast<double>(m - k + 1), pcrit);
    };
    std::vector<std::size_t> reject_at(R + 1);
    std::size_t k = 0;
    for (std::size_t m = 0; m <= R; ++m) {
        if ((m & 0xffff) == 0) throw_if_cancelled();
        while (tail(m, k) >= likelihood) ++k;
        reject_at[m] = k;
    }
    return reject_at;
}

struct ResampleSummary {
    std::size_t done = 0, successes = 0;
    std::vector<double> taus;
    bool accepted = false;
};

// Resamples for one support. With early_stop (the search) results are consumed strictly in resample
// order, so where it stops does not depend on the thread count or the block size.
ResampleSummary run_resamples(const DiscretePowerLaw& law, double tau, double ks_data, std::size_t n,
                              const PowerLawOptions& o, const std::vector<std::size_t>* reject_at) {
    ResampleSummary s;
    const std::size_t R = o.resamples;
    if (R == 0) return s;
    const auto draw = law.sampler(tau);
    const auto needed = static_cast<std::size_t>(std::ceil(o.pcrit * static_cast<double>(R) - 1e-9));
    const unsigned threads = resolve_threads(o.threads);
    const std::size_t block = reject_at ? std::max<std::size_t>(32, 8 * threads) : R;
    std::vector<Outcome> out;
    while (s.done < R) {
        const std::size_t count = std::min(block, R - s.done), first = s.done;
        out.assign(count, {});
        parallel_for(count, threads, [&](std::size_t i) {
            const auto seed = derive_seed(o.seed, static_cast<std::uint64_t>(law.xmin()),
                                          static_cast<std::uint64_t>(law.xmax()), first + i);
            out[i] = resample_once(law, draw, n, seed, o);
        });
        for (const auto& r : out) {
            ++s.done;
            s.taus.push_back(r.tau);
            if (r.ks >= ks_data) ++s.successes;
            if (!reject_at) continue;
            if (s.successes >= needed) {
                s.accepted = true;
                return s;
            }
            if (needed - s.successes >= (*reject_at)[R - s.done]) return s;
        }
    }
    s.accepted = s.successes >= needed;
    return s;
}

// A GCC/Clang extension (hence __extension__: -Wpedantic would flag it): the products of two
// int64 need 128 bits.
__extension__ using int128 = __int128;

// Cross-multiplied so equal ratios compare equal (their logarithms might not).
bool wider(std::int64_t lo1, std::int64_t hi1, std::int64_t lo2, std::int64_t hi2) {
    return static_cast<int128>(hi1) * lo2 > static_cast<int128>(hi2) * lo1;
}

}  // namespace

double ks_distance(const DiscretePowerLaw& law, double tau, std::span<const std::int64_t> values,
                   std::span<const std::size_t> counts) {
    if (values.empty()) return 0.0;
    double n = 0;
    for (auto c : counts) n += static_cast<double>(c);
    // F_data is constant between distinct values while F_law rises, so the largest gap is at a
    // distinct value or just before the next one.
    std::vector<std::int64_t> pts;
    std::vector<double> Fd;
    if (values[0] > law.xmin()) pts.push_back(values[0] - 1), Fd.push_back(0.0);
    double cum = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if ((i & 0xffff) == 0) throw_if_cancelled();  // 10^6 distinct values cost ~0.1 s
        cum += static_cast<double>(counts[i]);
        pts.push_back(values[i]), Fd.push_back(cum / n);
        const std::int64_t next = i + 1 < values.size() ? values[i + 1] : law.xmax() + 1;
        if (next - 1 > values[i]) pts.push_back(next - 1), Fd.push_back(cum / n);
    }
    const auto F = law.cdf(tau, pts);
    double d = 0;
    for (std::size_t i = 0; i < F.size(); ++i) d = std::max(d, std::fabs(F[i] - Fd[i]));
    return d;
}

PowerLawFit fit_power_law(std::span<const std::int64_t> x, std::int64_t xmin, std::int64_t xmax,
                          const PowerLawOptions& o) {
    check_options(o);
    check_data(x);
    std::vector<std::int64_t> in;
    for (auto v : x)
        if (v >= xmin && v <= xmax) in.push_back(v);
    const std::string where = "[" + std::to_string(xmin) + ", " + std::to_string(xmax) + "]";
    require_count(in.size(), o.min_n, "power-law fit: samples within " + where);
    const DiscretePowerLaw law(xmin, xmax);
    const Distinct d(std::move(in));
    const std::size_t last = d.value.size() - 1, n = d.n(0, last);
    const double sum_log = d.sum_log(0, last);

    PowerLawFit f;
    f.xmin = xmin, f.xmax = xmax, f.n_in = n;
    f.value = law.fit(sum_log / static_cast<double>(n), o.tau_min, o.tau_max);
    f.sigma_fisher = 1.0 / std::sqrt(static_cast<double>(n) * law.moments(f.value).var_log);
    f.log_likelihood = law.log_likelihood(f.value, static_cast<double>(n), sum_log);
    f.ks = ks_distance(law, f.value, d.value, d.count);
    const auto s = run_resamples(law, f.value, f.ks, n, o, nullptr);
    if (s.done > 0) f.p = static_cast<double>(s.successes) / static_cast<double>(s.done);
    if (s.taus.size() >= 2) {
        double mean = 0, var = 0;
        for (double t : s.taus) mean += t;
        mean /= static_cast<double>(s.taus.size());
        for (double t : s.taus) var += (t - mean) * (t - mean);
        f.sigma_boot = std::sqrt(var / static_cast<double>(s.taus.size() - 1));
    }
    f.sigma = std::isnan(f.sigma_boot) ? f.sigma_fisher : f.sigma_boot;
    return f;
}

PowerLawFit search_power_law(std::span<const std::int64_t> x, const PowerLawOptions& o) {
    check_options(o);
    check_data(x);
    if (o.resamples == 0) throw Error("power-law support search: needs resamples > 0 to compute p-values");
    require_count(x.size(), o.min_n, "power-law fit: samples");
    const Distinct d(std::vector<std::int64_t>(x.begin(), x.end()));
    const std::size_t m = d.value.size();
    require_count(m, 3, "power-law fit: distinct values");

    // k-way merge over xmin of the candidates in search order (all pairs can be too many to sort).
    struct Cand {
        std::size_t i, j;
    };
    auto later = [&](const Cand& p, const Cand& q) {  // true when p comes after q
        const auto &u = d.value;
        if (wider(u[q.i], u[q.j], u[p.i], u[p.j])) return true;
        if (wider(u[p.i], u[p.j], u[q.i], u[q.j])) return false;
        return p.i != q.i ? p.i > q.i : p.j > q.j;
    };
    std::priority_queue<Cand, std::vector<Cand>, decltype(later)> queue(later);
    for (std::size_t i = 0; i + 2 < m; ++i) queue.push({i, m - 1});

    const auto reject_at = early_stop_table(o.resamples, o.pcrit, o.early_stop_likelihood);
    std::size_t tried = 0;
    bool found = false, any = false;
    Cand chosen{}, best{};
    double best_p = -1;
    while (!queue.empty() && tried < o.max_candidates) {
        throw_if_cancelled();  // a candidate costs O(distinct values), and there may be millions of both
        const Cand c = queue.top();
        queue.pop();
        if (c.j > c.i + 2) queue.push({c.i, c.j - 1});
        const std::size_t n = d.n(c.i, c.j);
        if (n < o.min_n) continue;
        ++tried;
        const DiscretePowerLaw law(d.value[c.i], d.value[c.j]);
        const double tau = law.fit(d.sum_log(c.i, c.j) / static_cast<double>(n), o.tau_min, o.tau_max);
        const std::size_t len = c.j - c.i + 1;
        const double ks = ks_distance(law, tau, std::span(d.value).subspan(c.i, len),
                                      std::span(d.count).subspan(c.i, len));
        double p = 0;
        if (!(o.screen > 0 && 2 * std::exp(-2.0 * static_cast<double>(n) * ks * ks) < o.screen)) {
            const auto s = run_resamples(law, tau, ks, n, o, &reject_at);
            if (s.accepted) {
                chosen = c, found = true;
                break;
            }
            p = static_cast<double>(s.successes) / static_cast<double>(s.done);
        }
        if (p > best_p) best_p = p, best = c, any = true;
    }
    if (!found && !any)
        throw Error("power-law support search: no support holds at least " + std::to_string(o.min_n) +
                    " samples over 3 or more distinct values");
    if (!found) chosen = best;
    PowerLawFit f = fit_power_law(x, d.value[chosen.i], d.value[chosen.j], o);
    f.pcrit_reached = found;
    f.candidates_tried = tried;
    return f;
}

}  // namespace nwn::analysis

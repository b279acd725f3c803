// Mean junction count of random sticks against its analytic expectation.
//
// Wires a, b: centres uniform in the domain (area A), angles uniform, lengths La, Lb. With a's centre and
// the lengths fixed, b crosses a exactly when b's centre lies in the parallelogram spanned by a and by b
// around a's centre, of area La·Lb·|sin φ| (φ the angle between them). Averaging |sin φ| over uniform φ
// gives 2/π, so P(a × b) = 2·La·Lb/(π·A) — provided the parallelogram lies inside the domain, which holds
// whenever a's centre is at least m = max L from the boundary ("a is inner"). Far from any boundary this
// is the textbook E[junctions] = C(N,2)·2⟨L⟩²/(πA) (independent lengths: ⟨La·Lb⟩ = ⟨L⟩²).
// The boundary is handled by counting ordered pairs (a inner, b any other) that cross: each junction
// counts once per inner end. Given the lengths (independent of the positions),
//   E[count] = p_in · 2/(πA) · Σ_a La·(ΣL − La),   p_in = (Lx − 2m)(Ly − 2m)/A.
// Over an ensemble of seeds, mean(count − E) must be within 3 standard errors of 0.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "netlistgen/network/generator.h"

using namespace nwn::net;

namespace {

struct Sample {
    double observed, expected;
};

Sample sample(GeneratorParams p) {
    p.keep_all = true;
    const auto net = generate_network(p);
    double m = 0, total = 0;
    for (const auto& w : net.wires) {
        m = std::max(m, w.length);
        total += w.length;
    }
    auto inner = [&](const Wire& w) { return w.xc >= m && w.xc <= p.lx - m && w.yc >= m && w.yc <= p.ly - m; };
    double observed = 0;
    for (const auto& J : net.junctions) observed += inner(net.wires[J.i]) + inner(net.wires[J.j]);
    const double area = p.lx * p.ly, p_in = (p.lx - 2 * m) * (p.ly - 2 * m) / area;
    double pairs = 0;
    for (const auto& w : net.wires) pairs += w.length * (total - w.length);
    return {observed, p_in * 2 / (std::numbers::pi * area) * pairs};
}

void check_ensemble(double length_sd) {
    GeneratorParams p;
    p.wires = 300;
    p.lx = p.ly = 100;
    p.length_mean = 10;
    p.length_sd = length_sd;
    const int seeds = 1000;
    double s = 0, s2 = 0, expected = 0;
    for (int seed = 0; seed < seeds; ++seed) {
        p.seed = static_cast<std::uint32_t>(seed);
        const Sample x = sample(p);
        const double d = x.observed - x.expected;
        s += d;
        s2 += d * d;
        expected += x.expected;
    }
    const double mean = s / seeds, sd = std::sqrt((s2 - seeds * mean * mean) / (seeds - 1)), se = sd / std::sqrt(seeds);
    INFO("length sd " << length_sd << ": mean expected " << expected / seeds << ", mean(observed - expected) " << mean
                      << " +- " << se << " (standard error)");
    CHECK(std::abs(mean) < 3 * se);
    CHECK(std::abs(mean) < 0.02 * expected / seeds);
}

}  // namespace

TEST_CASE("mean junction count of random sticks matches 2·La·Lb/(πA) per pair (boundary excluded)") {
    check_ensemble(1.0);  // NWNsim's default lengths
    check_ensemble(4.0);  // broad lengths: the expectation uses each pair's lengths
}

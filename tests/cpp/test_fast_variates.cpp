// stats/fast_variates.hpp: the engine against independent references (numpy's Philox4x64-10 for the seeding,
// a Python rewrite of Blackman and Vigna's published xoshiro256++ for the outputs), the ziggurat's constants
// against the published r for 256 layers, and every sampler's distribution against Boost.Math's cdf/pmf
// (chi-square and Kolmogorov–Smirnov at the 0.1% level, fixed seeds), each with a control that the same test
// rejects a slightly wrong distribution (5% more gamma shape, sd 1.04, 0.3–3% more λ).
#include <doctest/doctest.h>

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include "healthyplaces/stats/fast_variates.hpp"
#include "healthyplaces/stats/random.hpp"

namespace hs = hp::stats;

namespace {
/// Kolmogorov–Smirnov D·√n of a sample against a continuous cdf; the 0.1% critical value is 1.9495.
double ks_scaled(std::vector<double> x, const std::function<double(double)>& cdf) {
    std::sort(x.begin(), x.end());
    const double n = static_cast<double>(x.size());
    double d = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double f = cdf(x[i]);
        d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
    }
    return d * std::sqrt(n);
}
constexpr double ks_critical = 1.9495;  // P(√n·D > 1.9495) = 0.001 (Kolmogorov's limit distribution)

/// Chi-square goodness of fit of integer draws against a pmf: bins of consecutive values merged until each
/// expects at least 20, the tails pooled into the end bins. Returns (statistic, 0.999 quantile for its df).
std::pair<double, double> chi_square(const std::vector<std::int64_t>& k, const std::function<double(std::int64_t)>& pmf,
                                     std::int64_t lo, std::int64_t hi) {
    const double n = static_cast<double>(k.size());
    std::vector<double> observed(static_cast<std::size_t>(hi - lo + 1), 0.0), expected(observed.size(), 0.0);
    for (auto v : k) observed[static_cast<std::size_t>(std::clamp(v, lo, hi) - lo)] += 1;
    double below = 0;
    for (std::int64_t v = 0; v < lo; ++v) below += pmf(v);
    double total = below;
    for (std::int64_t v = lo; v <= hi; ++v) {
        expected[static_cast<std::size_t>(v - lo)] = pmf(v) * n;
        total += pmf(v);
    }
    expected.front() += below * n;
    expected.back() += (1 - total) * n;
    std::vector<double> o_m, e_m;
    double o_acc = 0, e_acc = 0;
    for (std::size_t i = 0; i < observed.size(); ++i) {
        o_acc += observed[i];
        e_acc += expected[i];
        if (e_acc >= 20) {
            o_m.push_back(o_acc);
            e_m.push_back(e_acc);
            o_acc = e_acc = 0;
        }
    }
    o_m.back() += o_acc;
    e_m.back() += e_acc;
    double stat = 0;
    for (std::size_t i = 0; i < o_m.size(); ++i) stat += (o_m[i] - e_m[i]) * (o_m[i] - e_m[i]) / e_m[i];
    const boost::math::chi_squared_distribution<> chi2(static_cast<double>(o_m.size() - 1));
    return {stat, boost::math::quantile(chi2, 0.999)};
}
}  // namespace

TEST_CASE("FastStream: Philox-seeded xoshiro256++, checked against numpy's Philox and the published algorithm") {
    // numpy.random.Philox(counter=(7 << 128) - 1, key=42 + (0xD1B54A32D192ED03 << 64)).random_raw(4): numpy
    // increments the counter before each block, so this is Philox4x64-10 of counter {0, 0, 7, 0} under key
    // {42, 0xD1B54A32D192ED03}, the state of FastStream(42, 7).
    hs::FastStream g(42, 7);
    CHECK(g.state()[0] == 0x8e9d54f2fd4ce666ULL);
    CHECK(g.state()[1] == 0x437a83d2a13d33f8ULL);
    CHECK(g.state()[2] == 0xc6e27a7dc2cbf231ULL);
    CHECK(g.state()[3] == 0x8a6d6c0a084aecc2ULL);
    // The first outputs of xoshiro256++ from that state (a Python rewrite of Blackman and Vigna's reference C).
    CHECK(g() == 0x0d2020dc91596bc6ULL);
    CHECK(g() == 0x6e33d651995cf266ULL);
    CHECK(g() == 0x703354515a68e823ULL);
    // A pure function of (seed, stream): the same pair repeats, another differs, and it is not RandomStream's bits.
    hs::FastStream a(5, 9), b(5, 9), c(5, 10), d(6, 9);
    hs::RandomStream r(5, 9);
    const auto x = a();
    CHECK(x == b());
    CHECK(x != c());
    CHECK(x != d());
    CHECK(x != r());
    double sum = 0;
    for (int i = 0; i < 100000; ++i) {
        const double u = a.uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u;
    }
    CHECK(std::abs(sum / 100000 - 0.5) < 5 * 0.00091);  // sd of the mean 1/√(12·10⁵)
}

TEST_CASE("ziggurat: r and the layer area are the published ones for 256 layers and every layer has area v") {
    const auto& z = hs::detail::ziggurat();
    // Marsaglia and Tsang (2000) / Doornik (2005) for 256 layers: r = 3.6541528853610088, v = 4.92867323399e-3.
    CHECK(z.r == doctest::Approx(3.6541528853610088).epsilon(1e-14));
    CHECK(z.v == doctest::Approx(4.92867323399e-3).epsilon(1e-11));
    // Each layer i >= 1 is [0, x_i] × [f(x_i), f(x_{i+1})] with area v; x_i = w[i]·2^53, the top's f(x_256) = 1.
    for (int i = 1; i < 256; ++i) {
        const double xi = z.w[i] * 0x1.0p53;
        INFO("layer " << i);
        CHECK(xi * (z.f[i + 1] - z.f[i]) == doctest::Approx(z.v).epsilon(1e-12));
        CHECK(z.f[i] == doctest::Approx(std::exp(-0.5 * xi * xi)).epsilon(1e-15));
    }
    // The base: the rectangle [0, r] × [0, f(r)] and the tail beyond r (√(π/2)·erfc(r/√2)) make v.
    CHECK(z.r * std::exp(-0.5 * z.r * z.r) + std::sqrt(std::acos(-1.0) / 2) * std::erfc(z.r / std::sqrt(2.0)) ==
          doctest::Approx(z.v).epsilon(1e-13));
}

TEST_CASE("standard_normal: chi-square over 400 bins, KS, and the tail beyond r against the normal cdf") {
    const boost::math::normal_distribution<> phi;
    hs::FastStream g(2026, 1);
    const int n = 2000000;
    std::vector<double> x(static_cast<std::size_t>(n));
    for (auto& v : x) v = hs::standard_normal(g);
    // 400 equiprobable bins (edges from Boost's normal quantile): the wedges and layers are fine-grained, so a
    // wrong layer would show in its bins.
    std::vector<std::int64_t> bin(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        bin[i] = std::min<std::int64_t>(399, static_cast<std::int64_t>(boost::math::cdf(phi, x[i]) * 400));
    const auto [stat, crit] = chi_square(bin, [](std::int64_t) { return 1.0 / 400; }, 0, 399);
    INFO("chi-square " << stat << " critical " << crit);
    CHECK(stat < crit);
    const std::vector<double> head(x.begin(), x.begin() + 200000);
    CHECK(ks_scaled(head, [&](double v) { return boost::math::cdf(phi, v); }) < ks_critical);
    // The tail: P(|X| > r) = 2Φ(−r) = 2.58e-4 within 4 SE, and the draws beyond r follow the truncated normal.
    const double r = hs::detail::ziggurat().r, p_tail = 2 * boost::math::cdf(phi, -r);
    std::vector<double> tail;
    for (double v : x)
        if (std::abs(v) > r) tail.push_back(std::abs(v));
    CHECK(std::abs(static_cast<double>(tail.size()) - n * p_tail) < 4 * std::sqrt(n * p_tail));
    CHECK(ks_scaled(tail, [&](double v) { return 1 - boost::math::cdf(phi, -v) * 2 / p_tail; }) < ks_critical);
    // Control: the same KS rejects sd 1.04.
    CHECK(ks_scaled(head, [&](double v) { return boost::math::cdf(phi, v / 1.04); }) > ks_critical);
}

TEST_CASE("standard_gamma: KS against the gamma cdf for shapes below one, near one and large") {
    for (double shape : {0.3, 1.0, 2.5, 40.0, 5000.0}) {
        hs::FastStream g(7, static_cast<std::uint64_t>(shape * 10));
        std::vector<double> x(100000);
        for (auto& v : x) v = hs::standard_gamma(shape, g);
        const boost::math::gamma_distribution<> ref(shape), wrong(shape * 1.05);
        INFO("shape " << shape);
        CHECK(ks_scaled(x, [&](double v) { return boost::math::cdf(ref, v); }) < ks_critical);
        CHECK(ks_scaled(x, [&](double v) { return boost::math::cdf(wrong, v); }) > ks_critical);  // control
    }
    // The RandomStream instantiation is the same algorithm on other bits.
    hs::RandomStream rs(3, 0);
    std::vector<double> x(50000);
    for (auto& v : x) v = hs::standard_gamma(3.5, rs);
    const boost::math::gamma_distribution<> ref(3.5);
    CHECK(ks_scaled(x, [&](double v) { return boost::math::cdf(ref, v); }) < ks_critical);
}

TEST_CASE("poisson: chi-square against the pmf by inversion below 10 and PTRS at and above") {
    for (double lambda : {0.5, 3.0, 9.99, 10.0, 40.0, 1234.5, 1e5}) {
        hs::FastStream g(11, static_cast<std::uint64_t>(lambda * 100));
        std::vector<std::int64_t> k(200000);
        for (auto& v : k) v = hs::poisson(lambda, g);
        const boost::math::poisson_distribution<> ref(lambda), wrong(lambda * (lambda < 100 ? 1.03 : 1.003));
        const auto lo = static_cast<std::int64_t>(boost::math::quantile(ref, 1e-5));
        const auto hi = static_cast<std::int64_t>(boost::math::quantile(ref, 1 - 1e-5)) + 1;
        auto pmf = [&](const boost::math::poisson_distribution<>& p) {
            return [&p](std::int64_t v) { return boost::math::pdf(p, static_cast<double>(v)); };
        };
        const auto [stat, crit] = chi_square(k, pmf(ref), lo, hi);
        const auto [stat_wrong, crit_wrong] = chi_square(k, pmf(wrong), lo, hi);
        INFO("lambda " << lambda << " chi-square " << stat << " critical " << crit << " wrong " << stat_wrong);
        CHECK(stat < crit);
        CHECK(stat_wrong > crit_wrong);  // control: 3% (0.3% for large λ) more rejected
    }
    hs::FastStream g(1, 1);
    CHECK(hs::poisson(0.0, g) == 0);
    CHECK(hs::poisson(-1.0, g) == 0);
}

TEST_CASE("log_factorial: table and Stirling series against lgamma") {
    for (int k = 0; k < 200; ++k) {
        INFO("k " << k);
        CHECK(hs::detail::log_factorial(k) == doctest::Approx(std::lgamma(k + 1.0)).epsilon(1e-15).scale(1));
    }
    CHECK(hs::detail::log_factorial(1e7) == doctest::Approx(std::lgamma(1e7 + 1)).epsilon(1e-15));
}

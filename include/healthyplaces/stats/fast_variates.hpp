#pragma once
// Fast exact variates for simulations that draw tens of millions of them (the pooled-budget spend simulation).
//
// FastStream is a xoshiro256++ engine (Blackman and Vigna, "Scrambled linear pseudorandom number generators",
// ACM TOMS 47(4), 2021) whose 256-bit state is the output of ONE Philox4x64-10 call keyed by (seed, stream):
// a stream is still a pure function of (seed, stream id), as with RandomStream, so work split by stream over
// threads, processes or Dask workers gives the same numbers; each draw after that costs about a nanosecond
// instead of a quarter of a Philox call. Streams start at independent random points of a 2^256 − 1 period.
//
// The samplers are exact (rejection or inversion of the distribution itself, no approximation beyond double
// rounding) and are templates over any generator returning 64 uniform bits (FastStream or RandomStream):
//   standard_normal  ziggurat with 256 layers (Marsaglia and Tsang, "The ziggurat method for generating random
//                    variables", J Stat Softw 5(8), 2000), the base layer's tail by Marsaglia's (1964) rejection
//                    from an exponential; r is solved for at start-up so the layers close exactly at the mode.
//   standard_gamma   Marsaglia and Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000,
//                    with that normal; shape < 1 as Gamma(shape + 1)·U^(1/shape).
//   poisson          inversion (sequential search from 0) below λ = 10; at and above, Hörmann's PTRS (transformed
//                    rejection with squeeze, Insurance: Mathematics and Economics 12, 1993; numpy's method too).
#include <Random123/philox.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>

#include "healthyplaces/base/error.hpp"

namespace hp::stats {

/// A uniform random bit generator (std::uniform_random_bit_generator): xoshiro256++ seeded by Philox4x64-10.
class FastStream {
public:
    using result_type = std::uint64_t;

    FastStream(std::uint64_t seed, std::uint64_t stream) noexcept {
        // Another key word than RandomStream's, so these bits are not the first block of RandomStream(seed, stream).
        const r123::Philox4x64::key_type key{{seed, 0xD1B54A32D192ED03ULL}};
        const r123::Philox4x64::ctr_type ctr{{0, 0, stream, 0}};
        const auto out = r123::Philox4x64()(ctr, key);
        s_ = {out.v[0], out.v[1], out.v[2], out.v[3]};
        if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;  // the one state xoshiro never leaves (p = 2^-256)
    }

    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

    result_type operator()() noexcept {
        const std::uint64_t out = std::rotl(s_[0] + s_[3], 23) + s_[0];
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = std::rotl(s_[3], 45);
        return out;
    }

    /// Uniform on [0, 1) with 53 random bits.
    double uniform() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

    /// The engine's state (for tests against the reference algorithm).
    const std::array<std::uint64_t, 4>& state() const noexcept { return s_; }

private:
    std::array<std::uint64_t, 4> s_;
};

/// Uniform on [0, 1) with 53 random bits from any 64-bit generator.
template <class G>
inline double uniform01(G& g) noexcept {
    return static_cast<double>(g() >> 11) * 0x1.0p-53;
}

namespace detail {

/// The ziggurat for the half-normal f(x) = exp(−x²/2): x[1] = r > x[2] > … > x[255] > x[256] = 0, layer i ≥ 1
/// the rectangle [0, x[i]] × [f(x[i]), f(x[i+1])] of area v, layer 0 the rectangle [0, r] × [0, f(r)] plus the
/// tail beyond r, also of area v, drawn as a rectangle of width x[0] = v / f(r).
struct Ziggurat {
    static constexpr int layers = 256;
    double r = 0;                  ///< where the tail starts (3.6541528853610088 for 256 layers)
    double v = 0;                  ///< each layer's area
    double w[layers] = {};         ///< x[i] · 2^-53: the draw is m · w[i] for a 53-bit integer m
    std::uint64_t k[layers] = {};  ///< m < k[i] ⇔ m · 2^-53 · x[i] < x[i+1] (inside the layer above: accept at once)
    double f[layers + 1] = {};     ///< f(x[i]) for i ≥ 1 (f[256] = 1); f[0] unused

    Ziggurat() noexcept {
        using L = long double;
        const L sqrt_half_pi = 1.2533141373155002512078826424055226L;
        auto fx = [](L x) { return std::exp(-x * x / 2); };
        auto area = [&](L r0) { return r0 * fx(r0) + sqrt_half_pi * std::erfc(r0 / std::sqrt(L{2})); };
        // Layers 1 … 254 from x[1] = r; the top layer [0, x[255]] × [f(x[255]), 1] must then have area v too.
        // Too small an r (layers too thick) reaches the mode early (+1); too large leaves the top too big (−1).
        L x[layers + 1];
        auto build = [&](L r0) -> int {
            const L v0 = area(r0);
            x[1] = r0;
            for (int i = 1; i < layers - 1; ++i) {
                const L y = v0 / x[i] + fx(x[i]);
                if (y >= 1) return +1;
                x[i + 1] = std::sqrt(-2 * std::log(y));
            }
            return x[layers - 1] * (1 - fx(x[layers - 1])) > v0 ? -1 : +1;
        };
        L lo = 3, hi = 4;
        for (int it = 0; it < 200 && hi - lo > 0; ++it) {
            const L mid = (lo + hi) / 2;
            if (mid <= lo || mid >= hi) break;
            (build(mid) > 0 ? lo : hi) = mid;
        }
        build(hi);  // the layers for the bracket's upper end: the top layer's area is v to long double precision
        const L v0 = area(hi);
        x[0] = v0 / fx(hi);
        x[layers] = 0;
        r = static_cast<double>(hi);
        v = static_cast<double>(v0);
        const L two53 = 9007199254740992.0L;
        for (int i = 0; i < layers; ++i) {
            w[i] = static_cast<double>(x[i] / two53);
            k[i] = static_cast<std::uint64_t>(std::floor(x[i + 1] / x[i] * two53));
        }
        for (int i = 1; i < layers; ++i) f[i] = static_cast<double>(fx(x[i]));
        f[layers] = 1;
    }
};

inline const Ziggurat& ziggurat() noexcept {
    static const Ziggurat z;
    return z;
}

/// The normal tail beyond r: Marsaglia (1964), x = r + E/r with E exponential, accepted with probability
/// exp(−(E/r)²/2) by comparing with a second exponential.
template <class G>
double normal_tail(double r, G& g) noexcept {
    for (;;) {
        const double a = -std::log(1.0 - uniform01(g)) / r;  // 1 − U in (0, 1]: no log(0)
        const double b = -std::log(1.0 - uniform01(g));
        if (b + b >= a * a) return r + a;
    }
}

/// log(k!) for k >= 0: a table below 10, Stirling's series beyond (absolute error below 1e-14 there).
inline double log_factorial(double k) noexcept {
    static constexpr double table[10] = {0.0, 0.0, 0.69314718055994531, 1.791759469228055, 3.1780538303479458,
                                         4.7874917427820458, 6.5792512120101012, 8.5251613610654147,
                                         10.604602902745251, 12.801827480081469};
    if (k < 10) return table[static_cast<int>(k)];
    const double x = k + 1, r = 1 / x, r2 = r * r;
    return (x - 0.5) * std::log(x) - x + 0.91893853320467274 +
           r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))));
}

/// x · 2^-53 as a double for x < 2^53 (a signed conversion: one instruction where the unsigned one is several).
inline double to_double53(std::uint64_t x) noexcept { return static_cast<double>(static_cast<std::int64_t>(x)); }

inline double flip_sign(double x, std::uint64_t sign) noexcept {
    return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) ^ sign);
}

/// The rare part of standard_normal (about 1% of draws): the base layer's tail and the wedges, for the 64 bits
/// `bits` already drawn; a rejected point starts over with new bits. Inline on purpose: a generator passed by
/// reference to an out-of-line function must live in memory, and the store-to-load round trip on every draw
/// cost more than the code size.
template <class G>
inline double normal_rare(std::uint64_t bits, G& g) noexcept {
    const Ziggurat& z = ziggurat();
    for (;;) {
        const unsigned i = static_cast<unsigned>(bits & 0xff);
        const std::uint64_t sign = (bits & 0x100) << 55;  // bit 8 to the sign bit
        const std::uint64_t m = bits >> 11;
        const double x = to_double53(m) * z.w[i];
        if (m < z.k[i]) return flip_sign(x, sign);
        if (i == 0) return flip_sign(normal_tail(z.r, g), sign);
        // The wedge between the layer's rectangle and the curve: accept a uniform height under the curve.
        if (z.f[i] + uniform01(g) * (z.f[i + 1] - z.f[i]) < std::exp(-0.5 * x * x)) return flip_sign(x, sign);
        bits = g();
    }
}

/// The rare part of the PTRS Poisson (Hörmann 1993, step 3.1): the exact acceptance test
/// log(V·α⁻¹/(a/us² + b)) <= −λ + k·log λ − log k!, with the three logarithms on the left taken as one.
[[gnu::noinline]] inline bool ptrs_accept(double k, double lambda, double log_lambda, double a, double b, double us,
                                          double v) noexcept {
    const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    if (std::isnan(log_lambda)) log_lambda = std::log(lambda);
    return std::log(v * inv_alpha / (a / (us * us) + b)) <= -lambda + k * log_lambda - log_factorial(k);
}

}  // namespace detail

/// One standard normal variate (ziggurat). About 99% of draws take one 64-bit number and no function call:
/// 8 bits pick the layer, 1 the sign, 53 the abscissa.
template <class G>
inline double standard_normal(G& g) noexcept {
    const detail::Ziggurat& z = detail::ziggurat();
    const std::uint64_t bits = g();
    const unsigned i = static_cast<unsigned>(bits & 0xff);
    const std::uint64_t m = bits >> 11;
    if (m < z.k[i]) [[likely]]
        return detail::flip_sign(detail::to_double53(m) * z.w[i], (bits & 0x100) << 55);
    return detail::normal_rare(bits, g);
}

/// One Gamma(shape, 1) variate, shape > 0 (Marsaglia–Tsang).
template <class G>
inline double standard_gamma(double shape, G& g) noexcept {
    // Gamma(a) = Gamma(a + 1) · U^(1/a) for a < 1 (1 − U in (0, 1]); no recursion, so this inlines whole.
    const double boost_u = shape < 1.0 ? 1.0 - uniform01(g) : 1.0;
    const double a = shape < 1.0 ? shape + 1.0 : shape;
    const double scale = shape < 1.0 ? std::pow(boost_u, 1.0 / shape) : 1.0;
    // d = a − 1/3, c = 1/√(9d): accept d·v, v = (1 + y)³, y = c·x, x normal, when log U < Q = x²/2 + d − d·v +
    // d·log v. Two squeezes before the logarithms: Marsaglia and Tsang's U < 1 − 0.0331·x⁴, and one that is
    // tight for large shapes (aggregate costs of many events): Q = d·F(y) with F' = −3y³/(1 + y), F(0) = 0, so
    // Q >= −0.75·d·y⁴ / min(1, 1 + y) = −c²x⁴ / (12·min(1, 1 + y)), and log U <= U − 1; with 1 − |y| <= min(1, 1 + y)
    // (no branch: a min() here was a coin-flip branch), accept when 12·(1 − |y|)·(1 − U) > c²·x⁴ (which fails
    // only ~1/(36d) of the time).
    const double d = a - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d), c2 = c * c;
    for (;;) {
        double x, w;
        do {
            x = standard_normal(g);
            w = 1.0 + c * x;
        } while (w <= 0.0);
        const double v = w * w * w;
        const double u = uniform01(g);
        const double x2 = x * x, x4 = x2 * x2;
        if (12.0 * (1.0 - std::abs(c * x)) * (1.0 - u) > c2 * x4) [[likely]]
            return d * v * scale;
        if (u < 1.0 - 0.0331 * x4) return d * v * scale;
        if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v * scale;
    }
}

/// The largest Poisson mean poisson() accepts: 2^62 (4.6e18). Its counts stay below 2^63 with a margin of 2^62
/// (the spread is a few times √λ ≈ 2^31), so the cast of the candidate count to int64 cannot overflow.
inline constexpr double poisson_max_mean = 0x1.0p62;

namespace detail {
[[noreturn, gnu::cold, gnu::noinline]] inline void poisson_mean_out_of_range(double lambda) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", lambda);
    throw DomainError(std::string("poisson: the mean must be at most 2^62 (4.6e18) and not NaN, got ") + buf);
}
}  // namespace detail

/// One Poisson(λ) count for 0 <= λ <= poisson_max_mean (0 for λ <= 0); a larger, infinite or NaN λ throws
/// DomainError, checked before any cast (one comparison on the PTRS path, none below λ = 10). A caller that knows
/// log λ (λ = m·exp(t): log m + t) may pass it to spare the rare exact test a logarithm; NaN (the default)
/// computes it when needed.
template <class G>
inline std::int64_t poisson(double lambda, G& g, double log_lambda = std::numeric_limits<double>::quiet_NaN()) {
    if (!(lambda < 10)) [[likely]] {
        if (!(lambda <= poisson_max_mean)) [[unlikely]] detail::poisson_mean_out_of_range(lambda);  // also NaN
    } else {
        if (!(lambda > 0)) return 0;
        // Inversion: the smallest k with U < P(K <= k), walking the pmf up from P(0) = e^−λ. Rounding can leave
        // the pmf's running sum a hair below 1; a U beyond it (probability ~1e-16) is drawn again.
        const double p0 = std::exp(-lambda);
        for (;;) {
            double u = uniform01(g), p = p0;
            for (std::int64_t k = 0; k < 200; ++k) {
                if (u < p) return k;
                u -= p;
                p *= lambda / static_cast<double>(k + 1);
            }
        }
    }
    // PTRS: k = ⌊(2a/us + b)·U + λ + 0.43⌋ from two uniforms; the squeeze (us >= 0.07, V <= v_r) accepts most
    // without a logarithm. v_r = 0.9277 − 3.6224/(b − 2) is tested as V·(b − 2) <= 0.9277·(b − 2) − 3.6224 (b > 2).
    const double slam = std::sqrt(lambda), b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b, two_a = 2 * a,
                 b2 = b - 2, vr_b2 = 0.9277 * b2 - 3.6224;
    for (;;) {
        const double u = uniform01(g) - 0.5, v = uniform01(g), us = 0.5 - std::abs(u);
        const double kd = (two_a / us + b) * u + lambda + 0.43;
        // With us >= 0.07, kd > 0 for every λ >= 10, so truncation is the floor.
        if ((us >= 0.07) & (v * b2 <= vr_b2)) [[likely]]  // one branch, not two
            return static_cast<std::int64_t>(kd);
        if (!(kd >= 0) || (us < 0.013 && v > us)) continue;
        if (!(kd < 0x1.0p62)) continue;  // only as us → 0: a count whose probability is 0 in double precision
        const double k = std::floor(kd);
        if (detail::ptrs_accept(k, lambda, log_lambda, a, b, us, v)) return static_cast<std::int64_t>(k);
    }
}

}  // namespace hp::stats

#include "healthyplaces/indicators/rates.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>

#if defined(__linux__)
#include <sys/mman.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HP_AVX2_KERNELS 1
#else
#define HP_AVX2_KERNELS 0
#endif

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::indicators {
namespace {

using stats::format_number;
constexpr double inf = std::numeric_limits<double>::infinity();

// The two-sided normal quantile z = Φ⁻¹(1 − (1 − confidence)/2), as qnorm(confidence + (1-confidence)/2).
double z_of(double confidence) {
    return boost::math::quantile(boost::math::normal_distribution<double>(), confidence + (1.0 - confidence) / 2.0);
}

void check_sizes(std::string_view fn, std::string_view a, std::size_t na, std::string_view b, std::size_t nb) {
    if (na != nb)
        throw DataError(std::string(fn) + ": " + std::string(a) + " has " + std::to_string(na) + " values but " +
                        std::string(b) + " has " + std::to_string(nb) + "; give one of each per group");
}

void check_multiplier(std::string_view fn, double m) {
    if (!(m > 0) || !std::isfinite(m))
        throw DomainError(std::string(fn) + ": multiplier must be a positive finite number, got " + format_number(m));
}

[[noreturn]] void bad(std::string_view fn, std::size_t i, std::string_view what) {
    throw DataError(std::string(fn) + ": group " + std::to_string(i) + " " + std::string(what));
}

// A count: finite and >= 0.
void check_count(std::string_view fn, std::size_t i, std::string_view name, double x) {
    if (!(x >= 0) || !std::isfinite(x))
        bad(fn, i, "has " + std::string(name) + " " + format_number(x) + "; it must be a finite number >= 0");
}

// A denominator: finite and > 0.
void check_denominator(std::string_view fn, std::size_t i, std::string_view name, double n) {
    if (!(n > 0) || !std::isfinite(n))
        bad(fn, i, "has " + std::string(name) + " " + format_number(n) + "; it must be a finite number > 0");
}

// A result vector of n doubles. Large ones are advised onto transparent huge pages (as numpy does for its
// arrays): fresh 4 KiB pages fault one by one and cost more than the arithmetic for a million groups.
void allocate(std::vector<double>& v, std::size_t n) {
    std::vector<double>().swap(v);
    v.reserve(n);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::size_t page = 4096, big = std::size_t{4} << 20;
    const std::size_t bytes = n * sizeof(double);
    if (bytes >= big) {
        const auto start = (reinterpret_cast<std::uintptr_t>(v.data()) + page - 1) / page * page;
        const auto end = (reinterpret_cast<std::uintptr_t>(v.data()) + bytes) / page * page;
        if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);  // advice only
    }
#endif
    v.resize(n);
}

// Intervals for n groups at the given levels, every entry to be written by the caller.
Intervals allocate(std::size_t n, std::span<const double> levels) {
    Intervals out;
    out.confidence.assign(levels.begin(), levels.end());
    allocate(out.value, n);
    out.lower.resize(levels.size());
    out.upper.resize(levels.size());
    for (std::size_t l = 0; l < levels.size(); ++l) allocate(out.lower[l], n), allocate(out.upper[l], n);
    return out;
}

IntervalsView view_of(Intervals& r) {
    IntervalsView v{r.value, {}, {}};
    for (auto& row : r.lower) v.lower.emplace_back(row);
    for (auto& row : r.upper) v.upper.emplace_back(row);
    return v;
}

void check_view(std::string_view fn, const IntervalsView& out, std::size_t n, std::size_t levels) {
    bool ok = out.value.size() == n && out.lower.size() == levels && out.upper.size() == levels;
    for (std::size_t l = 0; ok && l < levels; ++l) ok = out.lower[l].size() == n && out.upper[l].size() == n;
    if (!ok)
        throw DomainError(std::string(fn) + ": the output view must hold " + std::to_string(n) + " values and " +
                          std::to_string(levels) + " rows of limits");
}

constexpr std::size_t block = 1024;

constexpr double big_finite = std::numeric_limits<double>::max();

// r[i] = x[i] / d[i] and value[i] = r[i] × mult over one block, and whether every group passes the cheap validity test
// (0 <= x, x <= d for a proportion, 0 < d, both finite; NaN fails); the exact checks, with their messages, run
// only for a block that fails it.
bool ratio_block_scalar(const double* __restrict x, const double* __restrict d, double* __restrict r,
                        double* __restrict v, std::size_t m, double mult, bool x_within_d) {
    bool ok = true;
    for (std::size_t i = 0; i < m; ++i) {
        ok &= (x[i] >= 0) & (x[i] <= (x_within_d ? d[i] : big_finite)) & (d[i] > 0) & (d[i] <= big_finite);
        r[i] = x[i] / d[i];
        v[i] = r[i] * mult;
    }
    return ok;
}

// Wilson limits for m groups at one level, scaled by mult: (2x + z² ∓ z√(z² + 4x(1 − r))) / (2(n + z²)),
// r = x/n computed once per block for every level.
void wilson_block_scalar(const double* __restrict x, const double* __restrict n, const double* __restrict r,
                         double* __restrict lo, double* __restrict hi, std::size_t m, double z, double mult) {
    const double z2 = z * z;
    for (std::size_t i = 0; i < m; ++i) {
        const double centre = 2 * x[i] + z2, half = z * std::sqrt(z2 + 4 * x[i] * (1 - r[i]));
        const double scale = mult / (2 * (n[i] + z2));
        lo[i] = (centre - half) * scale;
        hi[i] = (centre + half) * scale;
    }
}

// Byar's limits as rates (× mult / population), in two steps so that a second confidence level costs only
// multiplications: per block, the level-free parts p = 1 − (1/x)/9, s = √(1/x) (and p1, s1 for x + 1) and the
// scale mult/population; per level, b = p − (z/3)s, c = p1 + (z/3)s1, lower x·b³·scale, upper (x + 1)·c³·scale.
// 0 events give a lower limit of 0 (1/x is ∞ there and b is −∞).
struct ByarsParts {
    std::array<double, block> p, s, p1, s1, scale;
};

void byars_prepare_scalar(const double* __restrict x, const double* __restrict pop, ByarsParts& b, std::size_t off,
                          std::size_t m, double mult) {
    constexpr double ninth = 1.0 / 9.0;
    for (std::size_t i = off; i < off + m; ++i) {
        const double inv = 1.0 / x[i], inv1 = 1.0 / (x[i] + 1.0);
        b.p[i] = 1.0 - inv * ninth, b.s[i] = std::sqrt(inv);
        b.p1[i] = 1.0 - inv1 * ninth, b.s1[i] = std::sqrt(inv1);
        b.scale[i] = mult / pop[i];
    }
}

void byars_level_scalar(const double* __restrict x, const ByarsParts& b, std::size_t off, double* __restrict lo,
                        double* __restrict hi, std::size_t m, double z) {
    const double z3 = z / 3.0;
    for (std::size_t i = off; i < off + m; ++i) {
        const double lb = b.p[i] - z3 * b.s[i], uc = b.p1[i] + z3 * b.s1[i];
        lo[i - off] = lb > 0 ? x[i] * lb * lb * lb * b.scale[i] : 0.0;
        hi[i - off] = (x[i] + 1.0) * uc * uc * uc * b.scale[i];
    }
}

// The same kernels four groups at a time with AVX2 where the CPU has it (checked once at run time; the
// library itself is built for baseline x86-64). Same operations in the same order, no FMA contraction, so
// the limits equal the scalar ones.
#if HP_AVX2_KERNELS
__attribute__((target("avx2"))) bool ratio_block_avx2(const double* __restrict x, const double* __restrict d,
                                                       double* __restrict r, double* __restrict v, std::size_t m,
                                                       double mult, bool x_within_d) {
    const __m256d zero = _mm256_setzero_pd(), big = _mm256_set1_pd(big_finite), vm = _mm256_set1_pd(mult);
    __m256d ok = _mm256_cmp_pd(zero, zero, _CMP_EQ_OQ);  // all ones
    std::size_t i = 0;
    for (; i + 4 <= m; i += 4) {
        const __m256d xv = _mm256_loadu_pd(x + i), dv = _mm256_loadu_pd(d + i);
        const __m256d cap = x_within_d ? dv : big;
        __m256d t = _mm256_and_pd(_mm256_cmp_pd(xv, zero, _CMP_GE_OQ), _mm256_cmp_pd(xv, cap, _CMP_LE_OQ));
        t = _mm256_and_pd(t, _mm256_and_pd(_mm256_cmp_pd(dv, zero, _CMP_GT_OQ), _mm256_cmp_pd(dv, big, _CMP_LE_OQ)));
        ok = _mm256_and_pd(ok, t);
        const __m256d rv = _mm256_div_pd(xv, dv);
        _mm256_storeu_pd(r + i, rv);
        _mm256_storeu_pd(v + i, _mm256_mul_pd(rv, vm));
    }
    const bool rest = ratio_block_scalar(x + i, d + i, r + i, v + i, m - i, mult, x_within_d);
    return rest && _mm256_movemask_pd(ok) == 0xF;
}

__attribute__((target("avx2"))) void wilson_block_avx2(const double* __restrict x, const double* __restrict n,
                                                        const double* __restrict r, double* __restrict lo,
                                                        double* __restrict hi, std::size_t m, double z, double mult) {
    const double z2 = z * z;
    const __m256d vz = _mm256_set1_pd(z), vz2 = _mm256_set1_pd(z2), vm = _mm256_set1_pd(mult),
                  one = _mm256_set1_pd(1.0), two = _mm256_set1_pd(2.0), four = _mm256_set1_pd(4.0);
    std::size_t i = 0;
    for (; i + 4 <= m; i += 4) {
        const __m256d xv = _mm256_loadu_pd(x + i), nv = _mm256_loadu_pd(n + i);
        const __m256d centre = _mm256_add_pd(_mm256_mul_pd(two, xv), vz2);
        const __m256d q = _mm256_sub_pd(one, _mm256_loadu_pd(r + i));
        const __m256d half = _mm256_mul_pd(vz, _mm256_sqrt_pd(_mm256_add_pd(vz2, _mm256_mul_pd(_mm256_mul_pd(four, xv), q))));
        const __m256d scale = _mm256_div_pd(vm, _mm256_mul_pd(two, _mm256_add_pd(nv, vz2)));
        _mm256_storeu_pd(lo + i, _mm256_mul_pd(_mm256_sub_pd(centre, half), scale));
        _mm256_storeu_pd(hi + i, _mm256_mul_pd(_mm256_add_pd(centre, half), scale));
    }
    wilson_block_scalar(x + i, n + i, r + i, lo + i, hi + i, m - i, z, mult);
}

__attribute__((target("avx2"))) void byars_prepare_avx2(const double* __restrict x, const double* __restrict pop,
                                                         ByarsParts& b, std::size_t m, double mult) {
    const __m256d one = _mm256_set1_pd(1.0), ninth = _mm256_set1_pd(1.0 / 9.0), vm = _mm256_set1_pd(mult);
    std::size_t i = 0;
    for (; i + 4 <= m; i += 4) {
        const __m256d xv = _mm256_loadu_pd(x + i);
        const __m256d inv = _mm256_div_pd(one, xv), inv1 = _mm256_div_pd(one, _mm256_add_pd(xv, one));
        _mm256_storeu_pd(b.p.data() + i, _mm256_sub_pd(one, _mm256_mul_pd(inv, ninth)));
        _mm256_storeu_pd(b.s.data() + i, _mm256_sqrt_pd(inv));
        _mm256_storeu_pd(b.p1.data() + i, _mm256_sub_pd(one, _mm256_mul_pd(inv1, ninth)));
        _mm256_storeu_pd(b.s1.data() + i, _mm256_sqrt_pd(inv1));
        _mm256_storeu_pd(b.scale.data() + i, _mm256_div_pd(vm, _mm256_loadu_pd(pop + i)));
    }
    byars_prepare_scalar(x, pop, b, i, m - i, mult);
}

__attribute__((target("avx2"))) void byars_level_avx2(const double* __restrict x, const ByarsParts& b,
                                                       double* __restrict lo, double* __restrict hi, std::size_t m,
                                                       double z) {
    const __m256d vz3 = _mm256_set1_pd(z / 3.0), one = _mm256_set1_pd(1.0), zero = _mm256_setzero_pd();
    std::size_t i = 0;
    for (; i + 4 <= m; i += 4) {
        const __m256d xv = _mm256_loadu_pd(x + i), sc = _mm256_loadu_pd(b.scale.data() + i);
        const __m256d lb = _mm256_sub_pd(_mm256_loadu_pd(b.p.data() + i), _mm256_mul_pd(vz3, _mm256_loadu_pd(b.s.data() + i)));
        const __m256d uc = _mm256_add_pd(_mm256_loadu_pd(b.p1.data() + i), _mm256_mul_pd(vz3, _mm256_loadu_pd(b.s1.data() + i)));
        const __m256d low = _mm256_mul_pd(_mm256_mul_pd(_mm256_mul_pd(_mm256_mul_pd(xv, lb), lb), lb), sc);
        _mm256_storeu_pd(lo + i, _mm256_and_pd(low, _mm256_cmp_pd(lb, zero, _CMP_GT_OQ)));  // 0 where b <= 0
        const __m256d x1 = _mm256_add_pd(xv, one);
        _mm256_storeu_pd(hi + i, _mm256_mul_pd(_mm256_mul_pd(_mm256_mul_pd(_mm256_mul_pd(x1, uc), uc), uc), sc));
    }
    byars_level_scalar(x, b, i, lo + i, hi + i, m - i, z);
}

// __builtin_cpu_init first: this runs in a static initializer, possibly before libgcc's own.
const bool has_avx2 = (__builtin_cpu_init(), __builtin_cpu_supports("avx2"));
#endif

bool ratio_block(const double* x, const double* d, double* r, double* v, std::size_t m, double mult, bool x_within_d) {
#if HP_AVX2_KERNELS
    if (has_avx2) return ratio_block_avx2(x, d, r, v, m, mult, x_within_d);
#endif
    return ratio_block_scalar(x, d, r, v, m, mult, x_within_d);
}

void wilson_block(const double* x, const double* n, const double* r, double* lo, double* hi, std::size_t m, double z,
                  double mult) {
#if HP_AVX2_KERNELS
    if (has_avx2) return wilson_block_avx2(x, n, r, lo, hi, m, z, mult);
#endif
    wilson_block_scalar(x, n, r, lo, hi, m, z, mult);
}

void byars_prepare(const double* x, const double* pop, ByarsParts& b, std::size_t m, double mult) {
#if HP_AVX2_KERNELS
    if (has_avx2) return byars_prepare_avx2(x, pop, b, m, mult);
#endif
    byars_prepare_scalar(x, pop, b, 0, m, mult);
}

void byars_level(const double* x, const ByarsParts& b, double* lo, double* hi, std::size_t m, double z) {
#if HP_AVX2_KERNELS
    if (has_avx2) return byars_level_avx2(x, b, lo, hi, m, z);
#endif
    byars_level_scalar(x, b, 0, lo, hi, m, z);
}

double alpha_of(double confidence) { return 1.0 - confidence; }

double clopper_lower(double x, double n, double confidence) {
    return x <= 0 ? 0.0 : boost::math::ibeta_inv(x, n - x + 1.0, alpha_of(confidence) / 2.0);
}
double clopper_upper(double x, double n, double confidence) {
    return x >= n ? 1.0 : boost::math::ibetac_inv(x + 1.0, n - x, alpha_of(confidence) / 2.0);
}

}  // namespace

// ---- the per-count limits ---------------------------------------------------------------------------------

double wilson_lower(double x, double n, double confidence) {
    const double z = z_of(confidence), z2 = z * z;
    const double r = x / n;
    return (2 * x + z2 - z * std::sqrt(z2 + 4 * x * (1 - r))) / (2 * (n + z2));
}
double wilson_upper(double x, double n, double confidence) {
    const double z = z_of(confidence), z2 = z * z;
    const double r = x / n;
    return (2 * x + z2 + z * std::sqrt(z2 + 4 * x * (1 - r))) / (2 * (n + z2));
}

// Byar's approximation to the Poisson limits (Breslow & Day 1987, vol. II p. 69). The lower limit is 0 at
// x = 0 and is floored at 0 where the cube goes negative (small x at high confidence, only when forced).
double byars_lower(double x, double confidence) {
    if (x <= 0) return 0.0;
    const double z = z_of(confidence), inv = 1.0 / x;
    const double b = (1.0 - inv * (1.0 / 9.0)) - z / 3.0 * std::sqrt(inv);
    return b <= 0 ? 0.0 : x * b * b * b;
}
double byars_upper(double x, double confidence) {
    const double z = z_of(confidence), x1 = x + 1.0, inv = 1.0 / x1;
    const double b = (1.0 - inv * (1.0 / 9.0)) + z / 3.0 * std::sqrt(inv);
    return x1 * b * b * b;
}

// Exact Poisson limits: qchisq(α/2, 2x)/2 and qchisq(1 − α/2, 2x + 2)/2, i.e. gamma quantiles of shape x and
// x + 1 (the upper taken from the complement for accuracy near 1).
double poisson_exact_lower(double x, double confidence) {
    return x <= 0 ? 0.0 : boost::math::gamma_p_inv(x, alpha_of(confidence) / 2.0);
}
double poisson_exact_upper(double x, double confidence) {
    return boost::math::gamma_q_inv(x + 1.0, alpha_of(confidence) / 2.0);
}

// ---- proportion ------------------------------------------------------------------------------------------

std::string proportion_into(std::span<const double> numerator, std::span<const double> denominator,
                            const ProportionOptions& options, const IntervalsView& out) {
    constexpr std::string_view fn = "proportion";
    check_levels(options.confidence);
    check_multiplier(fn, options.multiplier);
    check_sizes(fn, "numerator", numerator.size(), "denominator", denominator.size());
    const std::size_t n = numerator.size(), nl = options.confidence.size();
    check_view(fn, out, n, nl);
    const double mult = options.multiplier;
    const bool wilson = options.method == ProportionMethod::wilson;
    const double *xs = numerator.data(), *ds = denominator.data();
    std::vector<double> zs(nl);
    for (std::size_t l = 0; l < nl; ++l) zs[l] = z_of(options.confidence[l]);
    // Blocks small enough to stay in cache: a branch-free validity test over the block, the exact check (and
    // its message) only for a block that fails it, then one tight loop per output row.
    std::array<double, block> r;  // numerator / denominator of the block, shared by every level
    for (std::size_t b0 = 0; b0 < n; b0 += block) {
        const std::size_t m = std::min(n, b0 + block) - b0;
        double* v = out.value.data() + b0;
        if (!ratio_block(xs + b0, ds + b0, r.data(), v, m, mult, true))
            for (std::size_t i = b0; i < b0 + m; ++i) {
                check_count(fn, i, "numerator", xs[i]);
                check_denominator(fn, i, "denominator", ds[i]);
                if (xs[i] > ds[i])
                    bad(fn, i, "has numerator " + format_number(xs[i]) + " above its denominator " + format_number(ds[i]));
            }
        for (std::size_t l = 0; l < nl; ++l) {
            double *lo = out.lower[l].data() + b0, *hi = out.upper[l].data() + b0;
            if (wilson) {
                wilson_block(xs + b0, ds + b0, r.data(), lo, hi, m, zs[l], mult);
            } else {
                for (std::size_t i = 0; i < m; ++i) {
                    lo[i] = clopper_lower(xs[b0 + i], ds[b0 + i], options.confidence[l]) * mult;
                    hi[i] = clopper_upper(xs[b0 + i], ds[b0 + i], options.confidence[l]) * mult;
                }
            }
        }
    }
    return wilson ? "Wilson score interval" : "Clopper-Pearson exact interval";
}

Intervals proportion(std::span<const double> numerator, std::span<const double> denominator,
                     const ProportionOptions& options) {
    check_levels(options.confidence);
    Intervals out = allocate(numerator.size(), options.confidence);
    out.method = proportion_into(numerator, denominator, options, view_of(out));
    return out;
}

// ---- rate ------------------------------------------------------------------------------------------------

std::string rate_into(std::span<const double> events, std::span<const double> population, const RateOptions& options,
                      const IntervalsView& out) {
    constexpr std::string_view fn = "rate";
    check_levels(options.confidence);
    check_multiplier(fn, options.multiplier);
    check_sizes(fn, "events", events.size(), "population", population.size());
    const std::size_t n = events.size(), nl = options.confidence.size();
    check_view(fn, out, n, nl);
    const double mult = options.multiplier;
    // Exact limits for the whole counts 0..9 at each level, so the common small counts cost a lookup.
    constexpr int small = 10;
    std::vector<std::array<double, small>> exact_lo(nl), exact_hi(nl);
    for (std::size_t l = 0; l < nl; ++l)
        for (int k = 0; k < small; ++k)
            exact_lo[l][k] = poisson_exact_lower(k, options.confidence[l]),
            exact_hi[l][k] = poisson_exact_upper(k, options.confidence[l]);
    const double *xs = events.data(), *ps = population.data();
    std::vector<double> zs(nl);
    for (std::size_t l = 0; l < nl; ++l) zs[l] = z_of(options.confidence[l]);
    std::array<double, block> r;  // numerator / denominator of the block, shared by every level
    const auto parts = std::make_unique<ByarsParts>();  // 40 KB: the heap, not the stack
    for (std::size_t b0 = 0; b0 < n; b0 += block) {
        const std::size_t m = std::min(n, b0 + block) - b0;
        if (!ratio_block(xs + b0, ps + b0, r.data(), out.value.data() + b0, m, mult, false))
            for (std::size_t i = b0; i < b0 + m; ++i) {
                check_count(fn, i, "events", xs[i]);
                check_denominator(fn, i, "population", ps[i]);
            }
        if (options.method != RateMethod::exact) byars_prepare(xs + b0, ps + b0, *parts, m, mult);
        for (std::size_t l = 0; l < nl; ++l) {
            double *lo = out.lower[l].data() + b0, *hi = out.upper[l].data() + b0;
            const double c = options.confidence[l];
            if (options.method != RateMethod::exact) byars_level(xs + b0, *parts, lo, hi, m, zs[l]);
            if (options.method == RateMethod::byars) continue;
            // Exact limits where asked for, or (automatic) over Byar's for the groups below 10 events.
            for (std::size_t i = 0; i < m; ++i) {
                const double x = xs[b0 + i];
                if (options.method == RateMethod::automatic && !(x < small)) continue;
                const double scale = mult / ps[b0 + i];
                if (x < small && x == std::floor(x)) {
                    const auto k = static_cast<std::size_t>(x);
                    lo[i] = exact_lo[l][k] * scale, hi[i] = exact_hi[l][k] * scale;
                } else {
                    lo[i] = poisson_exact_lower(x, c) * scale, hi[i] = poisson_exact_upper(x, c) * scale;
                }
            }
        }
    }
    switch (options.method) {
        case RateMethod::exact: return "Exact Poisson";
        case RateMethod::byars: return "Byar's";
        default: return "Exact Poisson below 10 events, Byar's at 10 or more";
    }
}

Intervals rate(std::span<const double> events, std::span<const double> population, const RateOptions& options) {
    check_levels(options.confidence);
    Intervals out = allocate(events.size(), options.confidence);
    out.method = rate_into(events, population, options, view_of(out));
    return out;
}

// ---- mean ------------------------------------------------------------------------------------------------

Intervals mean(std::span<const double> values, std::span<const std::int64_t> group, std::size_t n_groups,
               const MeanOptions& options) {
    constexpr std::string_view fn = "mean";
    check_levels(options.confidence);
    check_sizes(fn, "values", values.size(), "group", group.size());
    const std::size_t nl = options.confidence.size();
    std::vector<double> count(n_groups, 0.0), sum(n_groups, 0.0), ss(n_groups, 0.0);
    for (std::size_t r = 0; r < values.size(); ++r) {
        const std::int64_t g = group[r];
        if (g < 0 || static_cast<std::size_t>(g) >= n_groups)
            throw DataError("mean: row " + std::to_string(r) + " has group code " + std::to_string(g) +
                            "; codes must be in [0, " + std::to_string(n_groups) + ")");
        if (!std::isfinite(values[r]))
            throw DataError("mean: row " + std::to_string(r) + " (group " + std::to_string(g) + ") has value " +
                            format_number(values[r]) + "; values must be finite");
        count[g] += 1.0;
        sum[g] += values[r];
    }
    Intervals out;
    out.resize(n_groups, options.confidence);
    out.method = "Student's t interval";
    for (std::size_t g = 0; g < n_groups; ++g) {
        if (count[g] < 2)
            bad(fn, g, "has " + format_number(count[g]) + " value(s); a t interval needs at least 2");
        out.value[g] = sum[g] / count[g];
    }
    // Second pass: squared deviations from the group mean (stable where one-pass sums of squares are not).
    for (std::size_t r = 0; r < values.size(); ++r) {
        const double dv = values[r] - out.value[group[r]];
        ss[group[r]] += dv * dv;
    }
    for (std::size_t g = 0; g < n_groups; ++g) {
        const double se = std::sqrt(ss[g] / (count[g] - 1.0)) / std::sqrt(count[g]);
        const boost::math::students_t_distribution<double> t(count[g] - 1.0);
        for (std::size_t l = 0; l < nl; ++l) {
            const double c = options.confidence[l];
            const double q = boost::math::quantile(t, c + (1.0 - c) / 2.0);
            out.lower[l][g] = out.value[g] - q * se;
            out.upper[l][g] = out.value[g] + q * se;
        }
    }
    return out;
}

// ---- ratios ----------------------------------------------------------------------------------------------

Intervals rate_ratio(std::span<const double> events1, std::span<const double> population1,
                     std::span<const double> events2, std::span<const double> population2, const RatioOptions& options) {
    constexpr std::string_view fn = "rate_ratio";
    check_levels(options.confidence);
    check_sizes(fn, "events1", events1.size(), "population1", population1.size());
    check_sizes(fn, "events1", events1.size(), "events2", events2.size());
    check_sizes(fn, "events1", events1.size(), "population2", population2.size());
    const std::size_t n = events1.size(), nl = options.confidence.size();
    const bool log = options.method == RatioMethod::log;
    Intervals out = allocate(n, options.confidence);
    out.method = log ? "Log (Wald) interval" : "Exact conditional (binomial) interval";
    std::vector<double> zs(nl);
    for (std::size_t l = 0; l < nl; ++l) zs[l] = z_of(options.confidence[l]);
    for (std::size_t i = 0; i < n; ++i) {
        const double e1 = events1[i], p1 = population1[i], e2 = events2[i], p2 = population2[i];
        check_count(fn, i, "events1", e1);
        check_denominator(fn, i, "population1", p1);
        check_count(fn, i, "events2", e2);
        check_denominator(fn, i, "population2", p2);
        if (log && (e1 <= 0 || e2 <= 0))
            bad(fn, i, "has events1 " + format_number(e1) + " and events2 " + format_number(e2) +
                           "; the log method needs at least one event on each side (use method \"exact\")");
        if (!log && e1 + e2 <= 0) bad(fn, i, "has no events on either side; the ratio is undefined");
        const double rr = (e1 / p1) / (e2 / p2);
        out.value[i] = rr;
        if (log) {
            const double se = std::sqrt(1.0 / e1 + 1.0 / e2);
            for (std::size_t l = 0; l < nl; ++l) {
                out.lower[l][i] = rr * std::exp(-zs[l] * se);
                out.upper[l][i] = rr * std::exp(zs[l] * se);
            }
        } else {
            const double k = p2 / p1, m = e1 + e2;
            for (std::size_t l = 0; l < nl; ++l) {
                const double lo = clopper_lower(e1, m, options.confidence[l]);
                const double hi = clopper_upper(e1, m, options.confidence[l]);
                out.lower[l][i] = lo / (1.0 - lo) * k;
                out.upper[l][i] = hi >= 1.0 ? inf : hi / (1.0 - hi) * k;
            }
        }
    }
    return out;
}

Intervals risk_ratio(std::span<const double> numerator1, std::span<const double> denominator1,
                     std::span<const double> numerator2, std::span<const double> denominator2,
                     const RatioOptions& options) {
    constexpr std::string_view fn = "risk_ratio";
    check_levels(options.confidence);
    if (options.method != RatioMethod::log)
        throw DomainError("risk_ratio: only the log method is available; the exact method is for rate ratios");
    check_sizes(fn, "numerator1", numerator1.size(), "denominator1", denominator1.size());
    check_sizes(fn, "numerator1", numerator1.size(), "numerator2", numerator2.size());
    check_sizes(fn, "numerator1", numerator1.size(), "denominator2", denominator2.size());
    const std::size_t n = numerator1.size(), nl = options.confidence.size();
    Intervals out = allocate(n, options.confidence);
    out.method = "Log (Katz) interval";
    std::vector<double> zs(nl);
    for (std::size_t l = 0; l < nl; ++l) zs[l] = z_of(options.confidence[l]);
    for (std::size_t i = 0; i < n; ++i) {
        const double x1 = numerator1[i], n1 = denominator1[i], x2 = numerator2[i], n2 = denominator2[i];
        check_count(fn, i, "numerator1", x1);
        check_denominator(fn, i, "denominator1", n1);
        check_count(fn, i, "numerator2", x2);
        check_denominator(fn, i, "denominator2", n2);
        if (x1 > n1) bad(fn, i, "has numerator1 " + format_number(x1) + " above denominator1 " + format_number(n1));
        if (x2 > n2) bad(fn, i, "has numerator2 " + format_number(x2) + " above denominator2 " + format_number(n2));
        if (x1 <= 0 || x2 <= 0)
            bad(fn, i, "has numerator1 " + format_number(x1) + " and numerator2 " + format_number(x2) +
                           "; the log method needs at least one event on each side");
        const double rr = (x1 / n1) / (x2 / n2);
        const double se = std::sqrt(1.0 / x1 - 1.0 / n1 + 1.0 / x2 - 1.0 / n2);
        out.value[i] = rr;
        for (std::size_t l = 0; l < nl; ++l) {
            out.lower[l][i] = rr * std::exp(-zs[l] * se);
            out.upper[l][i] = rr * std::exp(zs[l] * se);
        }
    }
    return out;
}

}  // namespace hp::indicators

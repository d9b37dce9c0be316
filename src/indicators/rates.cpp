#include "healthyplaces/indicators/rates.hpp"

#include "common.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

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
using detail::inf;

using detail::two_sided_z;

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

// Counts and denominators above this are refused: the limits' intermediate terms (4x, 2(n + z²), x·b³) would
// overflow near the double max (1.8e308), and no real count comes near it.
constexpr double max_count = 1e300;

// A count: finite, >= 0 and at most max_count.
void check_count(std::string_view fn, std::size_t i, std::string_view name, double x) {
    if (!(x >= 0) || !std::isfinite(x))
        bad(fn, i, "has " + std::string(name) + " " + format_number(x) + "; it must be a finite number >= 0");
    if (x > max_count)
        bad(fn, i, "has " + std::string(name) + " " + format_number(x) + "; it must be at most 1e300 (the limits "
                   "would overflow the double range)");
}

// A denominator: finite, > 0 and at most max_count.
void check_denominator(std::string_view fn, std::size_t i, std::string_view name, double n) {
    if (!(n > 0) || !std::isfinite(n))
        bad(fn, i, "has " + std::string(name) + " " + format_number(n) + "; it must be a finite number > 0");
    if (n > max_count)
        bad(fn, i, "has " + std::string(name) + " " + format_number(n) + "; it must be at most 1e300 (the limits "
                   "would overflow the double range)");
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
    out.confidence_level.assign(levels.begin(), levels.end());
    allocate(out.value, n);
    out.lower.resize(levels.size());
    out.upper.resize(levels.size());
    for (std::size_t l = 0; l < levels.size(); ++l) allocate(out.lower[l], n), allocate(out.upper[l], n);
    return out;
}

IntervalsView view_of(Intervals& r) {
    IntervalsView v;
    v.value = r.value;
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
    if ((!out.input1.empty() && out.input1.size() != n) || (!out.input2.empty() && out.input2.size() != n) ||
        (!out.byars.empty() && out.byars.size() != n))
        throw DomainError(std::string(fn) + ": the output view's input copies and method codes must hold " +
                          std::to_string(n) + " values each (or none)");
}

// The block's inputs copied into the caller's input rows, if asked for (from cache: the block was just read).
void copy_inputs(const IntervalsView& out, const double* x, const double* d, std::size_t b0, std::size_t m) {
    if (!out.input1.empty()) std::copy(x + b0, x + b0 + m, out.input1.data() + b0);
    if (!out.input2.empty()) std::copy(d + b0, d + b0 + m, out.input2.data() + b0);
}

constexpr std::size_t block = 1024;

constexpr double big_finite = max_count;  // the cheap validity test's bound (the exact checks then explain)

// Where a pass writes: the output rows (indexed by group, like the inputs; an input copy nullptr to skip it), and
// the levels' z.
struct Pass {
    double* in1;
    double* in2;
    double* value;
    double* const* lower;  // lower[level]
    double* const* upper;
    const double* z;
    std::size_t levels;
    double mult;
};

// The pass writing into `out` (raw row pointers: no span indirection in the kernels).
struct PassRows {
    std::vector<double*> lower, upper;
    Pass pass;
    PassRows(const IntervalsView& out, const std::vector<double>& z, double mult) {
        for (auto& r : out.lower) lower.push_back(r.data());
        for (auto& r : out.upper) upper.push_back(r.data());
        pass = {out.input1.empty() ? nullptr : out.input1.data(), out.input2.empty() ? nullptr : out.input2.data(),
                out.value.data(), lower.data(), upper.data(), z.data(), z.size(), mult};
    }
};

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

// One pass of Wilson limits over groups [from, to) of a block: the cheap validity test (returned), the value
// x/n × mult, the input copies and every level's limits, scaled by mult: (2x + z² ∓ z√(z² + 4x(1 − r))) /
// (2(n + z²)), r = x/n. Every output is written once, straight to the caller's rows.
bool wilson_pass_scalar(const double* __restrict x, const double* __restrict n, const Pass& o, std::size_t from,
                        std::size_t to) {
    bool ok = true;
    for (std::size_t i = from; i < to; ++i) {
        ok &= (x[i] >= 0) & (x[i] <= n[i]) & (n[i] > 0) & (n[i] <= big_finite);
        const double r = x[i] / n[i];
        o.value[i] = r * o.mult;
        if (o.in1) o.in1[i] = x[i];
        if (o.in2) o.in2[i] = n[i];
        for (std::size_t l = 0; l < o.levels; ++l) {
            const double z = o.z[l], z2 = z * z;
            const double centre = 2 * x[i] + z2, half = z * std::sqrt(z2 + 4 * x[i] * (1 - r));
            const double scale = o.mult / (2 * (n[i] + z2));
            o.lower[l][i] = (centre - half) * scale;
            o.upper[l][i] = (centre + half) * scale;
        }
    }
    return ok;
}

// The level-free parts of Byar's limits for the whole counts k = 0..byars_table_size, interleaved (p(k), s(k)),
// p = 1 − (1/k)/9 and s = √(1/k): computed once, by the same operations as the kernels, so that a lookup equals
// the computation bit for bit (x + 1 is exact for a whole x; k = 0 gives p = −∞, s = ∞ as 1/0 does). Counts are
// mostly whole and small: two divisions and two square roots per group become loads.
constexpr std::size_t byars_table_size = 16384;

const double* byars_table() {
    static const std::vector<double> table = [] {
        constexpr double ninth = 1.0 / 9.0;
        std::vector<double> t(2 * (byars_table_size + 1));
        for (std::size_t k = 0; k <= byars_table_size; ++k) {
            const double inv = 1.0 / static_cast<double>(k);
            t[2 * k] = 1.0 - inv * ninth, t[2 * k + 1] = std::sqrt(inv);
        }
        return t;
    }();
    return table.data();
}

// One pass of Byar's limits as rates (× mult / population) over groups [from, to): validity (x >= 0, population
// > 0, both finite; returned), the value, the input copies, and per level b = p − (z/3)s, c = p1 + (z/3)s1 with
// p = 1 − (1/x)/9, s = √(1/x) (p1, s1 at x + 1), lower x·b³·scale (0 where b <= 0, as at 0 events where 1/x is ∞),
// upper (x + 1)·c³·scale, scale = mult/population.
bool byars_pass_scalar(const double* __restrict x, const double* __restrict pop, const Pass& o, std::size_t from,
                       std::size_t to) {
    constexpr double ninth = 1.0 / 9.0;
    const double* table = byars_table();
    bool ok = true;
    for (std::size_t i = from; i < to; ++i) {
        ok &= (x[i] >= 0) & (x[i] <= big_finite) & (pop[i] > 0) & (pop[i] <= big_finite);
        o.value[i] = x[i] / pop[i] * o.mult;
        if (o.in1) o.in1[i] = x[i];
        if (o.in2) o.in2[i] = pop[i];
        double p, s, p1, s1;
        if (x[i] >= 0 && x[i] < static_cast<double>(byars_table_size) && x[i] == std::floor(x[i])) {
            const double* e = table + 2 * static_cast<std::size_t>(x[i]);
            p = e[0], s = e[1], p1 = e[2], s1 = e[3];
        } else {
            const double inv = 1.0 / x[i], inv1 = 1.0 / (x[i] + 1.0);
            p = 1.0 - inv * ninth, s = std::sqrt(inv);
            p1 = 1.0 - inv1 * ninth, s1 = std::sqrt(inv1);
        }
        const double scale = o.mult / pop[i];
        for (std::size_t l = 0; l < o.levels; ++l) {
            const double z3 = o.z[l] / 3.0;
            const double lb = p - z3 * s, uc = p1 + z3 * s1;
            o.lower[l][i] = lb > 0 ? x[i] * lb * lb * lb * scale : 0.0;
            o.upper[l][i] = (x[i] + 1.0) * uc * uc * uc * scale;
        }
    }
    return ok;
}

// The same passes four groups at a time with AVX2 where the CPU has it (checked once at run time; the library
// itself is built for baseline x86-64). Same operations in the same order, no FMA contraction, so the limits
// equal the scalar ones.
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

__attribute__((target("avx2"))) bool wilson_pass_avx2(const double* __restrict x, const double* __restrict n,
                                                       const Pass& o, std::size_t from, std::size_t to) {
    const __m256d zero = _mm256_setzero_pd(), big = _mm256_set1_pd(big_finite), vm = _mm256_set1_pd(o.mult),
                  one = _mm256_set1_pd(1.0), two = _mm256_set1_pd(2.0), four = _mm256_set1_pd(4.0);
    __m256d ok = _mm256_cmp_pd(zero, zero, _CMP_EQ_OQ);  // all ones
    std::size_t i = from;
    for (; i + 4 <= to; i += 4) {
        const __m256d xv = _mm256_loadu_pd(x + i), nv = _mm256_loadu_pd(n + i);
        __m256d t = _mm256_and_pd(_mm256_cmp_pd(xv, zero, _CMP_GE_OQ), _mm256_cmp_pd(xv, nv, _CMP_LE_OQ));
        t = _mm256_and_pd(t, _mm256_and_pd(_mm256_cmp_pd(nv, zero, _CMP_GT_OQ), _mm256_cmp_pd(nv, big, _CMP_LE_OQ)));
        ok = _mm256_and_pd(ok, t);
        const __m256d rv = _mm256_div_pd(xv, nv);
        _mm256_storeu_pd(o.value + i, _mm256_mul_pd(rv, vm));
        if (o.in1) _mm256_storeu_pd(o.in1 + i, xv);
        if (o.in2) _mm256_storeu_pd(o.in2 + i, nv);
        const __m256d q = _mm256_sub_pd(one, rv), four_x = _mm256_mul_pd(four, xv), two_x = _mm256_mul_pd(two, xv);
        for (std::size_t l = 0; l < o.levels; ++l) {
            const double z = o.z[l], z2 = z * z;
            const __m256d vz = _mm256_set1_pd(z), vz2 = _mm256_set1_pd(z2);
            const __m256d centre = _mm256_add_pd(two_x, vz2);
            const __m256d half = _mm256_mul_pd(vz, _mm256_sqrt_pd(_mm256_add_pd(vz2, _mm256_mul_pd(four_x, q))));
            const __m256d scale = _mm256_div_pd(vm, _mm256_mul_pd(two, _mm256_add_pd(nv, vz2)));
            _mm256_storeu_pd(o.lower[l] + i, _mm256_mul_pd(_mm256_sub_pd(centre, half), scale));
            _mm256_storeu_pd(o.upper[l] + i, _mm256_mul_pd(_mm256_add_pd(centre, half), scale));
        }
    }
    const bool rest = wilson_pass_scalar(x, n, o, i, to);
    return rest && _mm256_movemask_pd(ok) == 0xF;
}

__attribute__((target("avx2"))) bool byars_pass_avx2(const double* __restrict x, const double* __restrict pop,
                                                      const Pass& o, std::size_t from, std::size_t to) {
    const __m256d zero = _mm256_setzero_pd(), big = _mm256_set1_pd(big_finite), vm = _mm256_set1_pd(o.mult),
                  one = _mm256_set1_pd(1.0), ninth = _mm256_set1_pd(1.0 / 9.0),
                  end = _mm256_set1_pd(static_cast<double>(byars_table_size));
    const double* table = byars_table();
    __m256d ok = _mm256_cmp_pd(zero, zero, _CMP_EQ_OQ);  // all ones
    std::size_t i = from;
    for (; i + 4 <= to; i += 4) {
        const __m256d xv = _mm256_loadu_pd(x + i), pv = _mm256_loadu_pd(pop + i);
        __m256d t = _mm256_and_pd(_mm256_cmp_pd(xv, zero, _CMP_GE_OQ), _mm256_cmp_pd(xv, big, _CMP_LE_OQ));
        t = _mm256_and_pd(t, _mm256_and_pd(_mm256_cmp_pd(pv, zero, _CMP_GT_OQ), _mm256_cmp_pd(pv, big, _CMP_LE_OQ)));
        ok = _mm256_and_pd(ok, t);
        _mm256_storeu_pd(o.value + i, _mm256_mul_pd(_mm256_div_pd(xv, pv), vm));
        if (o.in1) _mm256_storeu_pd(o.in1 + i, xv);
        if (o.in2) _mm256_storeu_pd(o.in2 + i, pv);
        // four whole counts inside the table: x converts to int32 and back unchanged, 0 <= x < size
        const __m128i k = _mm256_cvttpd_epi32(xv);
        const __m256d whole = _mm256_and_pd(
            _mm256_cmp_pd(_mm256_cvtepi32_pd(k), xv, _CMP_EQ_OQ),
            _mm256_and_pd(_mm256_cmp_pd(xv, zero, _CMP_GE_OQ), _mm256_cmp_pd(xv, end, _CMP_LT_OQ)));
        __m256d p, s, p1, s1;
        if (_mm256_movemask_pd(whole) == 0xF) {
            // each group's (p, s, p1, s1) is 32 contiguous bytes of the table: four loads and a 4 x 4 transpose
            alignas(16) std::int32_t kk[4];
            _mm_store_si128(reinterpret_cast<__m128i*>(kk), k);
            const __m256d r0 = _mm256_loadu_pd(table + 2 * kk[0]), r1 = _mm256_loadu_pd(table + 2 * kk[1]),
                          r2 = _mm256_loadu_pd(table + 2 * kk[2]), r3 = _mm256_loadu_pd(table + 2 * kk[3]);
            const __m256d t0 = _mm256_unpacklo_pd(r0, r1), t1 = _mm256_unpackhi_pd(r0, r1),
                          t2 = _mm256_unpacklo_pd(r2, r3), t3 = _mm256_unpackhi_pd(r2, r3);
            p = _mm256_permute2f128_pd(t0, t2, 0x20), p1 = _mm256_permute2f128_pd(t0, t2, 0x31);
            s = _mm256_permute2f128_pd(t1, t3, 0x20), s1 = _mm256_permute2f128_pd(t1, t3, 0x31);
        } else {
            const __m256d inv = _mm256_div_pd(one, xv), inv1 = _mm256_div_pd(one, _mm256_add_pd(xv, one));
            p = _mm256_sub_pd(one, _mm256_mul_pd(inv, ninth)), s = _mm256_sqrt_pd(inv);
            p1 = _mm256_sub_pd(one, _mm256_mul_pd(inv1, ninth)), s1 = _mm256_sqrt_pd(inv1);
        }
        const __m256d sc = _mm256_div_pd(vm, pv), x1 = _mm256_add_pd(xv, one);
        for (std::size_t l = 0; l < o.levels; ++l) {
            const __m256d vz3 = _mm256_set1_pd(o.z[l] / 3.0);
            const __m256d lb = _mm256_sub_pd(p, _mm256_mul_pd(vz3, s)), uc = _mm256_add_pd(p1, _mm256_mul_pd(vz3, s1));
            const __m256d low = _mm256_mul_pd(_mm256_mul_pd(_mm256_mul_pd(_mm256_mul_pd(xv, lb), lb), lb), sc);
            _mm256_storeu_pd(o.lower[l] + i,
                             _mm256_and_pd(low, _mm256_cmp_pd(lb, zero, _CMP_GT_OQ)));  // 0 where b <= 0
            _mm256_storeu_pd(o.upper[l] + i,
                             _mm256_mul_pd(_mm256_mul_pd(_mm256_mul_pd(_mm256_mul_pd(x1, uc), uc), uc), sc));
        }
    }
    const bool rest = byars_pass_scalar(x, pop, o, i, to);
    return rest && _mm256_movemask_pd(ok) == 0xF;
}

// Byar's pass eight groups at a time with AVX-512 (F, DQ, VL) where the CPU has it: the same operations in the same
// order as the AVX2 pass, so the same numbers; it halves the instructions of a pass that is not only memory-bound
// (the two divisions per group dominate the rest).
// AVX-512 brings FMA with it: contraction is switched off here (GCC would fuse a multiply and an add, rounding once
// instead of twice, and the limits would no longer equal the AVX2 and scalar ones).
#if defined(__clang__)
#define HP_NO_CONTRACT
#else
#define HP_NO_CONTRACT __attribute__((optimize("fp-contract=off")))
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"  // GCC 12's AVX-512 headers (_mm512_undefined_*)
#endif
__attribute__((target("avx512f,avx512dq,avx512vl"))) HP_NO_CONTRACT bool byars_pass_avx512(
    const double* __restrict x, const double* __restrict pop, const Pass& o, std::size_t from, std::size_t to) {
#if defined(__clang__)
#pragma clang fp contract(off)
#endif
    const __m512d zero = _mm512_setzero_pd(), big = _mm512_set1_pd(big_finite), vm = _mm512_set1_pd(o.mult),
                  one = _mm512_set1_pd(1.0), ninth = _mm512_set1_pd(1.0 / 9.0),
                  end = _mm512_set1_pd(static_cast<double>(byars_table_size));
    const double* table = byars_table();
    __mmask8 ok = 0xFF;
    std::size_t i = from;
    for (; i + 8 <= to; i += 8) {
        const __m512d xv = _mm512_loadu_pd(x + i), pv = _mm512_loadu_pd(pop + i);
        ok = _kand_mask8(ok, _kand_mask8(_kand_mask8(_mm512_cmp_pd_mask(xv, zero, _CMP_GE_OQ),
                                                     _mm512_cmp_pd_mask(xv, big, _CMP_LE_OQ)),
                                         _kand_mask8(_mm512_cmp_pd_mask(pv, zero, _CMP_GT_OQ),
                                                     _mm512_cmp_pd_mask(pv, big, _CMP_LE_OQ))));
        _mm512_storeu_pd(o.value + i, _mm512_mul_pd(_mm512_div_pd(xv, pv), vm));
        if (o.in1) _mm512_storeu_pd(o.in1 + i, xv);
        if (o.in2) _mm512_storeu_pd(o.in2 + i, pv);
        const __m256i k = _mm512_cvttpd_epi32(xv);
        const __mmask8 whole = _kand_mask8(_mm512_cmp_pd_mask(_mm512_cvtepi32_pd(k), xv, _CMP_EQ_OQ),
                                           _kand_mask8(_mm512_cmp_pd_mask(xv, zero, _CMP_GE_OQ),
                                                       _mm512_cmp_pd_mask(xv, end, _CMP_LT_OQ)));
        __m512d p, s, p1, s1;
        if (whole == 0xFF) {
            // as the AVX2 pass: each group's (p, s, p1, s1) is one 32-byte load, transposed four groups at a time
            alignas(32) std::int32_t kk[8];
            _mm256_store_si256(reinterpret_cast<__m256i*>(kk), k);
            __m256d q[2][4];
            for (int h = 0; h < 2; ++h) {
                const __m256d r0 = _mm256_loadu_pd(table + 2 * kk[4 * h]), r1 = _mm256_loadu_pd(table + 2 * kk[4 * h + 1]),
                              r2 = _mm256_loadu_pd(table + 2 * kk[4 * h + 2]), r3 = _mm256_loadu_pd(table + 2 * kk[4 * h + 3]);
                const __m256d t0 = _mm256_unpacklo_pd(r0, r1), t1 = _mm256_unpackhi_pd(r0, r1),
                              t2 = _mm256_unpacklo_pd(r2, r3), t3 = _mm256_unpackhi_pd(r2, r3);
                q[h][0] = _mm256_permute2f128_pd(t0, t2, 0x20), q[h][1] = _mm256_permute2f128_pd(t1, t3, 0x20);
                q[h][2] = _mm256_permute2f128_pd(t0, t2, 0x31), q[h][3] = _mm256_permute2f128_pd(t1, t3, 0x31);
            }
            p = _mm512_insertf64x4(_mm512_castpd256_pd512(q[0][0]), q[1][0], 1);
            s = _mm512_insertf64x4(_mm512_castpd256_pd512(q[0][1]), q[1][1], 1);
            p1 = _mm512_insertf64x4(_mm512_castpd256_pd512(q[0][2]), q[1][2], 1);
            s1 = _mm512_insertf64x4(_mm512_castpd256_pd512(q[0][3]), q[1][3], 1);
        } else {
            const __m512d inv = _mm512_div_pd(one, xv), inv1 = _mm512_div_pd(one, _mm512_add_pd(xv, one));
            p = _mm512_sub_pd(one, _mm512_mul_pd(inv, ninth)), s = _mm512_sqrt_pd(inv);
            p1 = _mm512_sub_pd(one, _mm512_mul_pd(inv1, ninth)), s1 = _mm512_sqrt_pd(inv1);
        }
        const __m512d sc = _mm512_div_pd(vm, pv), x1 = _mm512_add_pd(xv, one);
        for (std::size_t l = 0; l < o.levels; ++l) {
            const __m512d vz3 = _mm512_set1_pd(o.z[l] / 3.0);
            const __m512d lb = _mm512_sub_pd(p, _mm512_mul_pd(vz3, s)), uc = _mm512_add_pd(p1, _mm512_mul_pd(vz3, s1));
            const __m512d low = _mm512_mul_pd(_mm512_mul_pd(_mm512_mul_pd(_mm512_mul_pd(xv, lb), lb), lb), sc);
            _mm512_storeu_pd(o.lower[l] + i, _mm512_maskz_mov_pd(_mm512_cmp_pd_mask(lb, zero, _CMP_GT_OQ), low));
            _mm512_storeu_pd(o.upper[l] + i,
                             _mm512_mul_pd(_mm512_mul_pd(_mm512_mul_pd(_mm512_mul_pd(x1, uc), uc), uc), sc));
        }
    }
    const bool rest = byars_pass_avx2(x, pop, o, i, to);
    return rest && ok == 0xFF;
}
#if !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// __builtin_cpu_init first: this runs in a static initializer, possibly before libgcc's own.
const bool has_avx2 = (__builtin_cpu_init(), __builtin_cpu_supports("avx2"));
const bool has_avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                        __builtin_cpu_supports("avx512vl");
#endif

bool ratio_block(const double* x, const double* d, double* r, double* v, std::size_t m, double mult, bool x_within_d) {
#if HP_AVX2_KERNELS
    if (has_avx2) return ratio_block_avx2(x, d, r, v, m, mult, x_within_d);
#endif
    return ratio_block_scalar(x, d, r, v, m, mult, x_within_d);
}

bool wilson_pass(const double* x, const double* n, const Pass& o, std::size_t from, std::size_t to) {
#if HP_AVX2_KERNELS
    if (has_avx2) return wilson_pass_avx2(x, n, o, from, to);
#endif
    return wilson_pass_scalar(x, n, o, from, to);
}

bool byars_pass(const double* x, const double* pop, const Pass& o, std::size_t from, std::size_t to) {
#if HP_AVX2_KERNELS
    if (has_avx512) return byars_pass_avx512(x, pop, o, from, to);
    if (has_avx2) return byars_pass_avx2(x, pop, o, from, to);
#endif
    return byars_pass_scalar(x, pop, o, from, to);
}

double alpha_of(double confidence_level) { return 1.0 - confidence_level; }

double clopper_lower(double x, double n, double confidence_level) {
    // Below tiny_count the quantile is under p^(1/x) <= 0.5^100000: 0 in doubles (Boost's tgamma(x) overflows)
    if (x <= detail::tiny_count) return 0.0;
    return boost::math::ibeta_inv(x, n - x + 1.0, alpha_of(confidence_level) / 2.0);
}
double clopper_upper(double x, double n, double confidence_level) {
    return x >= n ? 1.0 : boost::math::ibetac_inv(x + 1.0, n - x, alpha_of(confidence_level) / 2.0);
}

// The Clopper-Pearson limits of one group with Boost's failures (its series give up on counts of about 1e11
// and more) turned into a DataError naming the group.
std::pair<double, double> clopper_limits(std::string_view fn, std::size_t i, double x, double n, double c,
                                         std::string_view instead = "the Wilson method") {
    if (n > detail::max_exact_count)
        bad(fn, i, "has counts " + format_number(x) + " of " + format_number(n) + ": exact (Clopper-Pearson) limits "
                   "are computed for totals up to 1e15; for counts this large use " + std::string(instead));
    try {
        return {clopper_lower(x, n, c), clopper_upper(x, n, c)};
    } catch (const std::exception& e) {
        if (dynamic_cast<const Error*>(&e) != nullptr) throw;
        bad(fn, i, "has counts " + format_number(x) + " of " + format_number(n) + ": their exact (Clopper-Pearson) "
                   "limits cannot be computed (" + detail::boost_reason(e) + "); for counts this large use " +
                   std::string(instead));
    }
}

// A count given to a per-count limit: finite, >= 0, at most max_count.
void check_one_count(std::string_view fn, std::string_view name, double x) {
    if (!(x >= 0) || !std::isfinite(x) || x > max_count)
        throw DomainError(std::string(fn) + ": " + std::string(name) + " must be a finite number in [0, 1e300], got " +
                          format_number(x));
}

}  // namespace

// ---- names ------------------------------------------------------------------------------------------------

ProportionMethod parse_proportion_method(std::string_view name) {
    if (name == "wilson") return ProportionMethod::wilson;
    if (name == "exact" || name == "clopper-pearson") return ProportionMethod::exact;
    throw DomainError("proportion: method must be \"wilson\" or \"exact\" (Clopper-Pearson), got \"" +
                      std::string(name) + "\"");
}
std::string to_string(ProportionMethod method) { return method == ProportionMethod::wilson ? "wilson" : "exact"; }

RateMethod parse_rate_method(std::string_view name) {
    if (name == "auto") return RateMethod::automatic;
    if (name == "exact") return RateMethod::exact;
    if (name == "byars") return RateMethod::byars;
    throw DomainError("rate: method must be \"auto\", \"exact\" or \"byars\", got \"" + std::string(name) + "\"");
}
std::string to_string(RateMethod method) {
    switch (method) {
        case RateMethod::exact: return "exact";
        case RateMethod::byars: return "byars";
        default: return "auto";
    }
}

RatioMethod parse_ratio_method(std::string_view name) {
    if (name == "log") return RatioMethod::log;
    if (name == "exact") return RatioMethod::exact;
    throw DomainError("rate_ratio: method must be \"log\" or \"exact\", got \"" + std::string(name) + "\"");
}
std::string to_string(RatioMethod method) { return method == RatioMethod::log ? "log" : "exact"; }

// ---- the caller's block ------------------------------------------------------------------------------------

std::size_t rows_of_block(std::size_t levels, bool with_inputs) { return (with_inputs ? 3 : 1) + 2 * levels; }

IntervalsView block_view(std::span<double> block, std::size_t n, std::size_t levels, bool with_inputs) {
    const std::size_t rows = rows_of_block(levels, with_inputs);
    if (block.size() != rows * n)
        throw DomainError("block_view: a block for " + std::to_string(n) + " groups at " + std::to_string(levels) +
                          " level(s) holds " + std::to_string(rows) + " rows of " + std::to_string(n) + " values, not " +
                          std::to_string(block.size()) + " values");
    auto row = [&](std::size_t r) { return block.subspan(r * n, n); };
    IntervalsView v;
    std::size_t r = 0;
    if (with_inputs) v.input1 = row(r++), v.input2 = row(r++);
    v.value = row(r++);
    for (std::size_t l = 0; l < levels; ++l) v.lower.push_back(row(r++)), v.upper.push_back(row(r++));
    return v;
}

// ---- the per-count limits ---------------------------------------------------------------------------------

namespace {
void check_wilson(std::string_view fn, double x, double n, double confidence_level) {
    stats::check_confidence_level(confidence_level);
    check_one_count(fn, "x", x);
    if (!(n > 0) || !std::isfinite(n) || n > max_count)
        throw DomainError(std::string(fn) + ": n must be a finite number in (0, 1e300], got " + format_number(n));
    if (x > n)
        throw DomainError(std::string(fn) + ": x (" + format_number(x) + ") must be at most n (" + format_number(n) + ")");
}
}  // namespace

double wilson_lower(double x, double n, double confidence_level) {
    check_wilson("wilson_lower", x, n, confidence_level);
    const double z = two_sided_z(confidence_level), z2 = z * z;
    const double r = x / n;
    return (2 * x + z2 - z * std::sqrt(z2 + 4 * x * (1 - r))) / (2 * (n + z2));
}
double wilson_upper(double x, double n, double confidence_level) {
    check_wilson("wilson_upper", x, n, confidence_level);
    const double z = two_sided_z(confidence_level), z2 = z * z;
    const double r = x / n;
    return (2 * x + z2 + z * std::sqrt(z2 + 4 * x * (1 - r))) / (2 * (n + z2));
}

// Byar's approximation to the Poisson limits (Breslow & Day 1987, vol. II p. 69). The lower limit is 0 at
// x = 0 and is floored at 0 where the cube goes negative (small x at high confidence, only when forced).
double byars_lower(double x, double confidence_level) {
    stats::check_confidence_level(confidence_level);
    check_one_count("byars_lower", "x", x);
    if (x <= 0) return 0.0;
    const double z = two_sided_z(confidence_level), inv = 1.0 / x;
    const double b = (1.0 - inv * (1.0 / 9.0)) - z / 3.0 * std::sqrt(inv);
    return b <= 0 ? 0.0 : x * b * b * b;
}
double byars_upper(double x, double confidence_level) {
    stats::check_confidence_level(confidence_level);
    check_one_count("byars_upper", "x", x);
    const double z = two_sided_z(confidence_level), x1 = x + 1.0, inv = 1.0 / x1;
    const double b = (1.0 - inv * (1.0 / 9.0)) + z / 3.0 * std::sqrt(inv);
    return x1 * b * b * b;
}

// Exact Poisson limits: qchisq(α/2, 2x)/2 and qchisq(1 − α/2, 2x + 2)/2, i.e. gamma quantiles of shape x and
// x + 1 (detail::gamma_quantile: Boost's below detail::huge_count, the Cornish-Fisher expansion above).
double poisson_exact_lower(double x, double confidence_level) {
    stats::check_confidence_level(confidence_level);
    check_one_count("poisson_exact_lower", "x", x);
    try {
        return detail::poisson_lower(x, confidence_level);
    } catch (const std::exception& e) {  // Boost's, if any is left
        throw DomainError("poisson_exact_lower: the limit of x = " + format_number(x) + " at level " +
                          format_number(confidence_level) + " cannot be computed (" + detail::boost_reason(e) + ")");
    }
}
double poisson_exact_upper(double x, double confidence_level) {
    stats::check_confidence_level(confidence_level);
    check_one_count("poisson_exact_upper", "x", x);
    try {
        return detail::poisson_upper(x, confidence_level);
    } catch (const std::exception& e) {  // Boost's, if any is left
        throw DomainError("poisson_exact_upper: the limit of x = " + format_number(x) + " at level " +
                          format_number(confidence_level) + " cannot be computed (" + detail::boost_reason(e) + ")");
    }
}

// ---- proportion ------------------------------------------------------------------------------------------

std::string proportion_into(std::span<const double> numerator, std::span<const double> denominator,
                            const ProportionOptions& options, const IntervalsView& out) {
    constexpr std::string_view fn = "proportion";
    check_levels(options.confidence_level);
    check_multiplier(fn, options.multiplier);
    check_sizes(fn, "numerator", numerator.size(), "denominator", denominator.size());
    const std::size_t n = numerator.size(), nl = options.confidence_level.size();
    check_view(fn, out, n, nl);
    const double mult = options.multiplier;
    const bool wilson = options.method == ProportionMethod::wilson;
    const double *xs = numerator.data(), *ds = denominator.data();
    std::vector<double> zs(nl);
    for (std::size_t l = 0; l < nl; ++l) zs[l] = two_sided_z(options.confidence_level[l]);
    // Blocks small enough to stay in cache: one pass computes a branch-free validity test over the block and writes
    // every output of its groups (the value, the input copies, each level's limits); the exact checks (and their
    // messages) run only for a block that fails the test, before any later block is touched.
    const PassRows rows(out, zs, mult);
    std::array<double, block> r;  // numerator / denominator of the block (the exact method's value)
    for (std::size_t b0 = 0; b0 < n; b0 += block) {
        const std::size_t m = std::min(n, b0 + block) - b0;
        const bool ok = wilson ? wilson_pass(xs, ds, rows.pass, b0, b0 + m)
                               : ratio_block(xs + b0, ds + b0, r.data(), out.value.data() + b0, m, mult, true);
        if (!ok)
            for (std::size_t i = b0; i < b0 + m; ++i) {
                check_count(fn, i, "numerator", xs[i]);
                check_denominator(fn, i, "denominator", ds[i]);
                if (xs[i] > ds[i])
                    bad(fn, i, "has numerator " + format_number(xs[i]) + " above its denominator " + format_number(ds[i]));
            }
        if (wilson) continue;
        copy_inputs(out, xs, ds, b0, m);
        for (std::size_t l = 0; l < nl; ++l) {
            double *lo = out.lower[l].data() + b0, *hi = out.upper[l].data() + b0;
            for (std::size_t i = 0; i < m; ++i) {
                const auto [a, b] = clopper_limits(fn, b0 + i, xs[b0 + i], ds[b0 + i], options.confidence_level[l]);
                lo[i] = a * mult, hi[i] = b * mult;
            }
        }
    }
    return wilson ? "Wilson score interval" : "Clopper-Pearson exact interval";
}

Intervals proportion(std::span<const double> numerator, std::span<const double> denominator,
                     const ProportionOptions& options) {
    check_levels(options.confidence_level);
    Intervals out = allocate(numerator.size(), options.confidence_level);
    out.method = proportion_into(numerator, denominator, options, view_of(out));
    return out;
}

// ---- rate ------------------------------------------------------------------------------------------------

std::string rate_into(std::span<const double> events, std::span<const double> population, const RateOptions& options,
                      const IntervalsView& out) {
    constexpr std::string_view fn = "rate";
    check_levels(options.confidence_level);
    check_multiplier(fn, options.multiplier);
    check_sizes(fn, "events", events.size(), "population", population.size());
    const std::size_t n = events.size(), nl = options.confidence_level.size();
    check_view(fn, out, n, nl);
    const double mult = options.multiplier;
    // Exact limits for the whole counts 0..9 at each level, so the common small counts cost a lookup.
    constexpr int small = 10;
    const bool exact = options.method != RateMethod::byars, byars = options.method != RateMethod::exact;
    std::vector<std::array<double, small>> exact_lo(nl), exact_hi(nl);
    for (std::size_t l = 0; exact && l < nl; ++l)
        for (int k = 0; k < small; ++k)
            exact_lo[l][k] = detail::poisson_lower(k, options.confidence_level[l]),
            exact_hi[l][k] = detail::poisson_upper(k, options.confidence_level[l]);
    const double *xs = events.data(), *ps = population.data();
    std::vector<double> zs(nl);
    for (std::size_t l = 0; l < nl; ++l) zs[l] = two_sided_z(options.confidence_level[l]);
    // As proportion_into: one pass per block writes the value, the input copies and Byar's limits at every level;
    // then the exact limits, where asked for (or, automatic, for the groups below 10 events), overwrite them.
    const auto exact_limits = [&](std::size_t b0, std::size_t m) {
        for (std::size_t l = 0; l < nl; ++l) {
            double *lo = out.lower[l].data() + b0, *hi = out.upper[l].data() + b0;
            const double c = options.confidence_level[l];
            for (std::size_t i = 0; i < m; ++i) {
                const double x = xs[b0 + i];
                if (options.method == RateMethod::automatic && !(x < small)) continue;
                const double scale = mult / ps[b0 + i];
                if (x < small && x == std::floor(x)) {
                    const auto k = static_cast<std::size_t>(x);
                    lo[i] = exact_lo[l][k] * scale, hi[i] = exact_hi[l][k] * scale;
                } else {
                    try {
                        lo[i] = detail::poisson_lower(x, c) * scale, hi[i] = detail::poisson_upper(x, c) * scale;
                    } catch (const std::exception& e) {  // Boost's, if any is left: name the group
                        bad(fn, b0 + i, "has events " + format_number(x) + ": their exact Poisson limits at level " +
                                            format_number(c) + " cannot be computed (" + detail::boost_reason(e) + ")");
                    }
                }
            }
        }
    };
    const PassRows rows(out, zs, mult);
    std::array<double, block> r;  // events / population of the block (the exact method's value)
    for (std::size_t b0 = 0; b0 < n; b0 += block) {
        const std::size_t m = std::min(n, b0 + block) - b0;
        const bool ok = byars ? byars_pass(xs, ps, rows.pass, b0, b0 + m)
                              : ratio_block(xs + b0, ps + b0, r.data(), out.value.data() + b0, m, mult, false);
        if (!ok)
            for (std::size_t i = b0; i < b0 + m; ++i) {
                check_count(fn, i, "events", xs[i]);
                check_denominator(fn, i, "population", ps[i]);
            }
        if (!byars) copy_inputs(out, xs, ps, b0, m);
        if (!out.byars.empty() && options.method == RateMethod::automatic)
            for (std::size_t i = b0; i < b0 + m; ++i) out.byars[i] = static_cast<std::int8_t>(!(xs[i] < small));
        if (exact) exact_limits(b0, m);
        // events / population × multiplier can exceed the double range (a population of 1e-300): refuse
        bool finite = true;
        for (std::size_t i = b0; i < b0 + m; ++i) finite &= std::isfinite(out.value[i]);
        for (std::size_t l = 0; l < nl; ++l)
            for (std::size_t i = b0; i < b0 + m; ++i) finite &= std::isfinite(out.upper[l][i]);
        if (!finite)
            for (std::size_t i = b0; i < b0 + m; ++i) {
                bool ok_i = std::isfinite(out.value[i]);
                for (std::size_t l = 0; l < nl; ++l) ok_i = ok_i && std::isfinite(out.upper[l][i]);
                if (!ok_i)
                    bad(fn, i, "has events " + format_number(xs[i]) + " in population " + format_number(ps[i]) +
                                   ": the rate or its limits (x multiplier " + format_number(mult) +
                                   ") exceed the double range (1.8e308)");
            }
    }
    switch (options.method) {
        case RateMethod::exact: return "Exact Poisson";
        case RateMethod::byars: return "Byar's";
        default: return "Exact Poisson below 10 events, Byar's at 10 or more";
    }
}

Intervals rate(std::span<const double> events, std::span<const double> population, const RateOptions& options) {
    check_levels(options.confidence_level);
    Intervals out = allocate(events.size(), options.confidence_level);
    out.method = rate_into(events, population, options, view_of(out));
    return out;
}

// ---- mean ------------------------------------------------------------------------------------------------

MeanIntervals mean(std::span<const double> values, std::span<const std::int64_t> group, std::size_t n_groups,
                   const MeanOptions& options) {
    constexpr std::string_view fn = "mean";
    check_levels(options.confidence_level);
    check_sizes(fn, "values", values.size(), "group", group.size());
    const std::size_t nl = options.confidence_level.size();
    std::vector<double> count(n_groups, 0.0), sum(n_groups, 0.0), ss(n_groups, 0.0);
    std::vector<double> top(n_groups, 0.0);
    for (std::size_t r = 0; r < values.size(); ++r) {
        const std::int64_t g = group[r];
        if (g < 0 || static_cast<std::size_t>(g) >= n_groups)
            throw DataError("mean: row " + std::to_string(r) + " has group code " + std::to_string(g) +
                            "; codes must be in [0, " + std::to_string(n_groups) + ")");
        if (!std::isfinite(values[r]))
            throw DataError("mean: row " + std::to_string(r) + " (group " + std::to_string(g) + ") has value " +
                            format_number(values[r]) + "; values must be finite");
        top[g] = std::max(top[g], std::abs(values[r]));
    }
    // Sums and squares of values near the double max (1.8e308) overflow: past 2^500 they are taken in units of
    // an exact power of two near the group's largest value (the same numbers, rescaled exactly).
    std::vector<int> e(n_groups, 0);
    for (std::size_t g = 0; g < n_groups; ++g) e[g] = top[g] > 0x1p500 ? std::ilogb(top[g]) : 0;
    const auto at = [&](std::size_t r) { return std::ldexp(values[r], -e[static_cast<std::size_t>(group[r])]); };
    for (std::size_t r = 0; r < values.size(); ++r) {
        const std::int64_t g = group[r];
        count[g] += 1.0;
        sum[g] += at(r);
    }
    MeanIntervals out;
    out.resize(n_groups, options.confidence_level);
    out.method = "Student's t interval";
    std::vector<double> centre(n_groups);
    for (std::size_t g = 0; g < n_groups; ++g) {
        if (count[g] < 2)
            bad(fn, g, "has " + format_number(count[g]) + " value(s); a t interval needs at least 2");
        centre[g] = sum[g] / count[g];
        out.value[g] = std::ldexp(centre[g], e[g]);
    }
    // Second pass: squared deviations from the group mean (stable where one-pass sums of squares are not).
    for (std::size_t r = 0; r < values.size(); ++r) {
        const double dv = at(r) - centre[static_cast<std::size_t>(group[r])];
        ss[group[r]] += dv * dv;
    }
    out.n = count;
    out.sd.resize(n_groups);
    for (std::size_t g = 0; g < n_groups; ++g) {
        const double sd = std::sqrt(ss[g] / (count[g] - 1.0));
        out.sd[g] = std::ldexp(sd, e[g]);
        const double se = sd / std::sqrt(count[g]);
        const boost::math::students_t_distribution<double> t(count[g] - 1.0);
        for (std::size_t l = 0; l < nl; ++l) {
            const double c = options.confidence_level[l];
            const double q = boost::math::quantile(t, c + (1.0 - c) / 2.0);
            out.lower[l][g] = std::ldexp(centre[g] - q * se, e[g]);
            out.upper[l][g] = std::ldexp(centre[g] + q * se, e[g]);
            if (!std::isfinite(out.lower[l][g]) || !std::isfinite(out.upper[l][g]) || !std::isfinite(out.sd[g]))
                bad(fn, g, "has values whose spread or interval (" + format_number(c) + ") exceeds the double "
                           "range (1.8e308); rescale the values (e.g. to thousands)");
        }
    }
    return out;
}

// ---- ratios ----------------------------------------------------------------------------------------------

Intervals rate_ratio(std::span<const double> events1, std::span<const double> population1,
                     std::span<const double> events2, std::span<const double> population2, const RatioOptions& options) {
    constexpr std::string_view fn = "rate_ratio";
    check_levels(options.confidence_level);
    check_sizes(fn, "events1", events1.size(), "population1", population1.size());
    check_sizes(fn, "events1", events1.size(), "events2", events2.size());
    check_sizes(fn, "events1", events1.size(), "population2", population2.size());
    const std::size_t n = events1.size(), nl = options.confidence_level.size();
    const bool log = options.method == RatioMethod::log;
    Intervals out = allocate(n, options.confidence_level);
    out.method = log ? "Log (Wald) interval" : "Exact conditional (binomial) interval";
    std::vector<double> zs(nl);
    for (std::size_t l = 0; l < nl; ++l) zs[l] = two_sided_z(options.confidence_level[l]);
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
        // rates far apart (1e300 in 1e-300 against 1 in 1e300) overflow; no events2 (exact) is an infinite
        // ratio by design
        bool finite = std::isfinite(rr) || (!log && e2 == 0);
        if (log) {
            const double se = std::sqrt(1.0 / e1 + 1.0 / e2);
            for (std::size_t l = 0; l < nl; ++l) {
                out.lower[l][i] = rr * std::exp(-zs[l] * se);
                out.upper[l][i] = rr * std::exp(zs[l] * se);
                finite = finite && std::isfinite(out.upper[l][i]);
            }
        } else {
            const double k = p2 / p1, m = e1 + e2;
            for (std::size_t l = 0; l < nl; ++l) {
                const auto [lo, hi] = clopper_limits(fn, i, e1, m, options.confidence_level[l], "method \"log\"");
                out.lower[l][i] = lo / (1.0 - lo) * k;
                out.upper[l][i] = hi >= 1.0 ? inf : hi / (1.0 - hi) * k;  // unbounded when no events2: by design
                finite = finite && std::isfinite(out.lower[l][i]) && (hi >= 1.0 || std::isfinite(out.upper[l][i]));
            }
        }
        if (!finite)
            bad(fn, i, "has rates " + format_number(e1) + "/" + format_number(p1) + " and " + format_number(e2) + "/" +
                           format_number(p2) + " whose ratio or its limits exceed the double range (1.8e308)");
    }
    return out;
}

Intervals risk_ratio(std::span<const double> numerator1, std::span<const double> denominator1,
                     std::span<const double> numerator2, std::span<const double> denominator2,
                     const RatioOptions& options) {
    constexpr std::string_view fn = "risk_ratio";
    check_levels(options.confidence_level);
    if (options.method != RatioMethod::log)
        throw DomainError("risk_ratio: only the log method is available; the exact method is for rate ratios");
    check_sizes(fn, "numerator1", numerator1.size(), "denominator1", denominator1.size());
    check_sizes(fn, "numerator1", numerator1.size(), "numerator2", numerator2.size());
    check_sizes(fn, "numerator1", numerator1.size(), "denominator2", denominator2.size());
    const std::size_t n = numerator1.size(), nl = options.confidence_level.size();
    Intervals out = allocate(n, options.confidence_level);
    out.method = "Log (Katz) interval";
    std::vector<double> zs(nl);
    for (std::size_t l = 0; l < nl; ++l) zs[l] = two_sided_z(options.confidence_level[l]);
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
        bool finite = std::isfinite(rr);
        for (std::size_t l = 0; l < nl; ++l) {
            out.lower[l][i] = rr * std::exp(-zs[l] * se);
            out.upper[l][i] = rr * std::exp(zs[l] * se);
            finite = finite && std::isfinite(out.upper[l][i]);
        }
        if (!finite)
            bad(fn, i, "has risks " + format_number(x1) + "/" + format_number(n1) + " and " + format_number(x2) + "/" +
                           format_number(n2) + " whose ratio or its limits exceed the double range (1.8e308)");
    }
    return out;
}

}  // namespace hp::indicators

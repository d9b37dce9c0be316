// SMAA-2 and the weighted sum (smaa.hpp).
#include "healthyplaces/appraisal/smaa.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/base/params.hpp"
#include "healthyplaces/stats/fast_variates.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"

namespace hp::appraisal {

namespace mcda_detail {

std::string num(double v);  // weights.cpp

// Stream ids: weights use block b (WeightSampler), performances b + 2^62, the confidence pass b + 2^63, so the
// three never share a stream.
constexpr std::uint64_t performance_streams = 1ULL << 62;
constexpr std::uint64_t confidence_streams = 1ULL << 63;
// Central weights: each block's sums (in double, in a fixed order) are added as integers in units of 2^-32, so
// the total does not depend on how blocks are split over threads; the rounding error of a mean is below 2^-33
// per block and 10^9 draws (at most 2^62 units) cannot overflow.
constexpr double fixed_unit = 4294967296.0;

std::string cell(const std::vector<std::string>& options, const std::vector<Criterion>& criteria, std::size_t i,
                 std::size_t j) {
    return "option '" + options[i] + "', criterion '" + criteria[j].name + "'";
}

void check_table(const std::vector<std::string>& options, const std::vector<Criterion>& criteria,
                 const PerformanceTable& perf, const char* who) {
    const std::string w = who;
    if (options.empty()) throw DomainError(w + ": there must be at least one option");
    if (criteria.empty()) throw DomainError(w + ": there must be at least one criterion");
    if (options.size() > 1000) throw DomainError(w + ": at most 1,000 options, got " + std::to_string(options.size()));
    if (criteria.size() > 1000)
        throw DomainError(w + ": at most 1,000 criteria, got " + std::to_string(criteria.size()));
    if (perf.size() != options.size())
        throw DomainError(w + ": performances need one row per option (" + std::to_string(options.size()) +
                          "), got " + std::to_string(perf.size()));
    std::size_t rows = 0;
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (perf[i].size() != criteria.size())
            throw DomainError(w + ": option '" + options[i] + "' needs one performance per criterion (" +
                              std::to_string(criteria.size()) + "), got " + std::to_string(perf[i].size()));
        for (std::size_t j = 0; j < criteria.size(); ++j) {
            const Performance& p = perf[i][j];
            const std::string where = w + ": " + cell(options, criteria, i, j);
            switch (p.kind) {
                case Performance::Kind::point:
                    if (!std::isfinite(p.a)) throw DomainError(where + ": the performance must be finite, got " + num(p.a));
                    break;
                case Performance::Kind::range:
                    if (!std::isfinite(p.a) || !std::isfinite(p.b) || p.a > p.b)
                        throw DomainError(where + ": a range needs finite low <= high, got [" + num(p.a) + ", " +
                                          num(p.b) + "]");
                    break;
                case Performance::Kind::normal:
                    if (!std::isfinite(p.a) || !(p.b >= 0) || !std::isfinite(p.b))
                        throw DomainError(where + ": a normal needs a finite mean and sd >= 0, got mean " + num(p.a) +
                                          ", sd " + num(p.b));
                    break;
                case Performance::Kind::samples:
                    if (p.values.empty()) throw DomainError(where + ": samples must not be empty");
                    if (rows != 0 && p.values.size() != rows)
                        throw DomainError(where + ": every samples column must have the same number of draws (" +
                                          std::to_string(rows) + "), got " + std::to_string(p.values.size()));
                    rows = p.values.size();
                    for (double v : p.values)
                        if (!std::isfinite(v)) throw DomainError(where + ": samples must be finite, got " + num(v));
                    break;
            }
        }
    }
    for (const auto& c : criteria)
        for (double v : {c.worst, c.best})
            if (std::isinf(v))
                throw DomainError(w + ": criterion '" + c.name + "': worst and best must be finite (or NaN: from the "
                                  "performances), got " + num(v));
}

/// Each criterion's worst value and span (best − worst; 0: every option the same, no discrimination).
void linear_values(const std::vector<Criterion>& scales, std::vector<double>& span, std::vector<double>& worst) {
    span.assign(scales.size(), 0.0);
    worst.assign(scales.size(), 0.0);
    for (std::size_t j = 0; j < scales.size(); ++j) {
        span[j] = scales[j].best - scales[j].worst;
        worst[j] = scales[j].worst;
    }
}

/// The linear partial value (x − worst)/span, exactly 0 at worst and 1 at best; 0 when span is 0.
inline double partial_value(double x, double worst, double span) {
    return span == 0 ? 0.0 : (x - worst) / span + 0.0;  // + 0.0: the worst of a less-is-better criterion is 0, not −0
}

/// Orders idx (size m) by score, highest first; ties keep the listed order (insertion sort: m is small).
inline void rank_order(const double* score, int* idx, std::size_t m) {
    for (std::size_t i = 0; i < m; ++i) {
        const double s = score[i];
        std::size_t k = i;
        while (k > 0 && score[idx[k - 1]] < s) {
            idx[k] = idx[k - 1];
            --k;
        }
        idx[k] = static_cast<int>(i);
    }
}

/// Whether option i is first by score, ties to the option listed first (rank_order's idx[0] == i, in one pass):
/// every option before it scores less, none after it more.
inline bool ranks_first(const double* score, std::size_t i, std::size_t m) {
    for (std::size_t j = 0; j < i; ++j)
        if (!(score[j] < score[i])) return false;
    for (std::size_t j = i + 1; j < m; ++j)
        if (score[j] > score[i]) return false;
    return true;
}

/// Adds one to counts[i·m + rank of i] for every option and returns the option ranked first. Ranks are counted
/// over the m(m − 1)/2 pairs (each pair adds one to the rank of the lower), not sorted: the comparisons have no
/// branches to mispredict, which on random scores costs more than the extra comparisons. In a tie the option
/// listed first is ahead. M > 0 fixes m at compile time (scores and ranks then live in registers).
template <std::size_t M>
inline std::size_t rank_count(const double* score, std::size_t m_rt, std::int64_t* counts) {
    const std::size_t m = M > 0 ? M : m_rt;
    unsigned r_fixed[M > 0 ? M : 1] = {};
    std::vector<unsigned> r_dyn(M > 0 ? 0 : m, 0u);
    unsigned* r = M > 0 ? r_fixed : r_dyn.data();
#pragma GCC unroll 16
    for (std::size_t i = 0; i < m; ++i)
#pragma GCC unroll 16
        for (std::size_t k = i + 1; k < m; ++k) {
            const unsigned behind = score[k] > score[i];
            r[i] += behind;
            r[k] += 1u - behind;
        }
    std::size_t first = 0;
#pragma GCC unroll 16
    for (std::size_t i = 0; i < m; ++i) {
        ++counts[i * m + r[i]];
        first = r[i] == 0 ? i : first;
    }
    return first;
}

/// The draws of one sample's performances as partial values, criterion-major: vt[j·m + i].
class PerformanceDraw {
public:
    PerformanceDraw(const PerformanceTable& perf, const std::vector<double>& span, const std::vector<double>& worst)
        : perf_(perf), span_(span), worst_(worst), m_(perf.size()), n_(span.size()), vt_(m_ * n_) {
        for (std::size_t i = 0; i < m_; ++i)
            for (std::size_t j = 0; j < n_; ++j) {
                const Performance& p = perf[i][j];
                if (p.kind == Performance::Kind::point) vt_[j * m_ + i] = partial_value(p.a, worst[j], span[j]);
                else deterministic_ = false;
                if (p.kind == Performance::Kind::samples) draws_ = p.values.size();
            }
    }
    bool deterministic() const { return deterministic_; }
    const double* values() const { return vt_.data(); }

    template <class G>
    const double* draw(G& g) {
        const std::size_t k = draws_ > 0 ? static_cast<std::size_t>((static_cast<stats::uint128_t>(g()) * draws_) >> 64) : 0;
        for (std::size_t i = 0; i < m_; ++i)
            for (std::size_t j = 0; j < n_; ++j) {
                const Performance& p = perf_[i][j];
                double x;
                switch (p.kind) {
                    case Performance::Kind::point: continue;
                    case Performance::Kind::range: x = p.a + (p.b - p.a) * stats::uniform01(g); break;
                    case Performance::Kind::normal: x = p.a + p.b * stats::standard_normal(g); break;
                    default: x = p.values[k]; break;
                }
                vt_[j * m_ + i] = partial_value(x, worst_[j], span_[j]);
            }
        return vt_.data();
    }

private:
    const PerformanceTable& perf_;
    const std::vector<double>& span_;
    const std::vector<double>& worst_;
    std::size_t m_, n_, draws_ = 0;
    std::vector<double> vt_;
    bool deterministic_ = true;
};

/// score[i] = Σ_j w_j vt[j·m + i] (criterion-major, so the inner loop runs over options and vectorises).
template <std::size_t M = 0>
inline void scores_of(const double* w, const double* vt, double* score, std::size_t m_rt, std::size_t n) {
    const std::size_t m = M > 0 ? M : m_rt;
    for (std::size_t i = 0; i < m; ++i) score[i] = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
        const double wj = w[j];
        const double* col = vt + j * m;
#pragma GCC unroll 16
        for (std::size_t i = 0; i < m; ++i) score[i] += wj * col[i];
    }
}

// The fixed-size kernel (2 to 16 options) scores and ranks several draws at once, one draw per lane of a vector
// (GCC/Clang vector extensions): four in an AVX2 register where the CPU has it (checked once at run time), two in
// an SSE2 register otherwise (the library itself is built for baseline x86-64). Both paths do the same
// operations in the same order (a product then a sum, no FMA contraction), so they give the same numbers.
#ifndef HP_SMAA_AVX2
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HP_SMAA_AVX2 1
#else
#define HP_SMAA_AVX2 0
#endif
#endif
extern bool smaa_avx2;  // weights.cpp: whether the CPU has AVX2

/// Vectors of L doubles (one draw per lane) and the masks their comparisons give (−1 true, 0 false per lane).
template <std::size_t L>
struct SmaaLanes;
template <>
struct SmaaLanes<2> {
    using real = double __attribute__((vector_size(16)));
    using mask = decltype(real{} > real{});
};
template <>
struct SmaaLanes<4> {
    using real = double __attribute__((vector_size(32)));
    using mask = decltype(real{} > real{});
};

/// Scores, ranks and counts the draws [0, count) of one block for M options (m == M), L draws at a time.
/// Scores: lane l of S[i] is Σ_j w_j v_ij for draw s0 + l, summed from 0 over j in order (the scalar path's and
/// the weighted sum's order). Ranks by pairs, not by sorting: R[i] starts at i; for each pair i < k the mask
/// "S[k] > S[i]" adds one to R[i] and takes one from R[k], so R[i] = #{k : s_k > s_i} + #{k < i : s_k = s_i}
/// (ties to the option listed first), with no branch to mispredict. Then counts[i·M + R[i]] += 1 per draw and
/// the central-weight sums of the option ranked first.
template <std::size_t M, std::size_t L>
[[gnu::always_inline]] inline void smaa_block_lanes(const double* wb, std::int64_t count, PerformanceDraw& draw,
                                                    stats::FastStream& g, std::size_t n, std::int64_t* rk,
                                                    double* block_cw) {
    using lane_double = typename SmaaLanes<L>::real;
    using lane_int = typename SmaaLanes<L>::mask;
    constexpr auto lanes = static_cast<std::int64_t>(L);
    // The block's rank counts on this thread's stack, added to `rk` at the end: the workers' count arrays may
    // share a cache line at their ends, and ten increments a draw into it from two threads would bounce it.
    std::int64_t counts[M * M] = {};
    const double* vt = draw.values();
    const bool fixed_values = draw.deterministic();
    for (std::int64_t s0 = 0; s0 < count; s0 += lanes) {
        const std::int64_t valid = std::min(lanes, count - s0);
        const double* w[L];
        for (std::int64_t l = 0; l < lanes; ++l)  // past the block's end: its last draw again (not counted)
            w[l] = wb + std::min(s0 + l, count - 1) * static_cast<std::int64_t>(n);
        lane_double S[M];
        if (fixed_values) {
#pragma GCC unroll 16
            for (std::size_t i = 0; i < M; ++i) S[i] = lane_double{};
            for (std::size_t j = 0; j < n; ++j) {
                lane_double wj;
                for (std::size_t l = 0; l < L; ++l) wj[l] = w[l][j];
                const double* col = vt + j * M;
#pragma GCC unroll 16
                for (std::size_t i = 0; i < M; ++i) S[i] += wj * col[i];
            }
        } else {
            for (std::int64_t l = 0; l < lanes; ++l) {
                if (l < valid) vt = draw.draw(g);  // the draws' order in g is the draws' order in the block
#pragma GCC unroll 16
                for (std::size_t i = 0; i < M; ++i) {
                    double si = 0.0;
                    for (std::size_t j = 0; j < n; ++j) si += w[l][j] * vt[j * M + i];
                    S[i][l] = si;
                }
            }
        }
        lane_int R[M];
#pragma GCC unroll 16
        for (std::size_t i = 0; i < M; ++i) R[i] = lane_int{} + static_cast<std::int64_t>(i);
#pragma GCC unroll 16
        for (std::size_t i = 0; i < M; ++i)
#pragma GCC unroll 16
            for (std::size_t k = i + 1; k < M; ++k) {
                const lane_int ahead = S[k] > S[i];  // −1 where k is ahead of i
                R[i] -= ahead;
                R[k] += ahead;
            }
        for (std::int64_t l = 0; l < valid; ++l) {
            std::size_t first = 0;
#pragma GCC unroll 16
            for (std::size_t i = 0; i < M; ++i) {
                const auto r = static_cast<std::size_t>(R[i][l]);
                ++counts[i * M + r];
                first = r == 0 ? i : first;
            }
            double* c = block_cw + first * n;
            for (std::size_t j = 0; j < n; ++j) c[j] += w[l][j];
        }
    }
    for (std::size_t k = 0; k < M * M; ++k) rk[k] += counts[k];
}

#if HP_SMAA_AVX2
template <std::size_t M>
__attribute__((target("avx2"))) void smaa_block_avx2(const double* wb, std::int64_t count, PerformanceDraw& draw,
                                                     stats::FastStream& g, std::size_t n, std::int64_t* rk,
                                                     double* block_cw) {
    smaa_block_lanes<M, 4>(wb, count, draw, g, n, rk, block_cw);
}
#endif

/// One block of pass 1: ranks and central-weight sums for `count` weight draws in `wb`. Templated on the number
/// of options (0: any, one draw at a time) so that for a decision's usual sizes the scores stay in registers.
template <std::size_t M>
void smaa_block(const double* wb, std::int64_t count, PerformanceDraw& draw, stats::FastStream& g, std::size_t m_rt,
                std::size_t n, std::int64_t* rk, double* block_cw) {
    if constexpr (M > 0) {
#if HP_SMAA_AVX2
        if (smaa_avx2) return smaa_block_avx2<M>(wb, count, draw, g, n, rk, block_cw);
#endif
        return smaa_block_lanes<M, 2>(wb, count, draw, g, n, rk, block_cw);
    } else {
        const std::size_t m = m_rt;
        std::vector<double> score(m);
        std::vector<std::int64_t> counts(m * m, 0);  // the block's, as in smaa_block_lanes
        const double* vt = draw.values();
        for (std::int64_t s = 0; s < count; ++s) {
            if (!draw.deterministic()) vt = draw.draw(g);
            const double* w = wb + s * static_cast<std::int64_t>(n);
            scores_of<0>(w, vt, score.data(), m, n);
            const std::size_t first = rank_count<0>(score.data(), m, counts.data());
            double* c = block_cw + first * n;
            for (std::size_t j = 0; j < n; ++j) c[j] += w[j];
        }
        for (std::size_t k = 0; k < m * m; ++k) rk[k] += counts[k];
    }
}

using BlockKernel = void (*)(const double*, std::int64_t, PerformanceDraw&, stats::FastStream&, std::size_t,
                             std::size_t, std::int64_t*, double*);

template <std::size_t... Ms>
BlockKernel pick_kernel(std::size_t m, std::index_sequence<Ms...>) {
    BlockKernel k = &smaa_block<0>;
    ((m == Ms + 2 ? (k = &smaa_block<Ms + 2>, 0) : 0), ...);
    return k;
}

}  // namespace mcda_detail

Performance Performance::point(double value) { return {Kind::point, value, 0, {}}; }
Performance Performance::range(double low, double high) { return {Kind::range, low, high, {}}; }
Performance Performance::normal(double mean, double sd) { return {Kind::normal, mean, sd, {}}; }
Performance Performance::samples(std::vector<double> values) { return {Kind::samples, 0, 0, std::move(values)}; }

std::vector<Criterion> value_scales(const std::vector<Criterion>& criteria, const PerformanceTable& perf) {
    std::vector<Criterion> out = criteria;
    for (std::size_t j = 0; j < criteria.size(); ++j) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (const auto& row : perf) {
            if (j >= row.size()) continue;
            const Performance& p = row[j];
            switch (p.kind) {
                case Performance::Kind::point: lo = std::min(lo, p.a); hi = std::max(hi, p.a); break;
                case Performance::Kind::range: lo = std::min(lo, p.a); hi = std::max(hi, p.b); break;
                case Performance::Kind::normal:
                    lo = std::min(lo, p.a - 3 * p.b);
                    hi = std::max(hi, p.a + 3 * p.b);
                    break;
                case Performance::Kind::samples:
                    for (double v : p.values) {
                        lo = std::min(lo, v);
                        hi = std::max(hi, v);
                    }
                    break;
            }
        }
        const bool more = criteria[j].direction == Direction::more_is_better;
        if (std::isnan(out[j].worst)) out[j].worst = more ? lo : hi;
        if (std::isnan(out[j].best)) out[j].best = more ? hi : lo;
        if (!std::isnan(criteria[j].worst) && !std::isnan(criteria[j].best) && criteria[j].worst == criteria[j].best)
            throw DomainError("criterion '" + criteria[j].name + "': worst and best must differ, both are " +
                              mcda_detail::num(criteria[j].worst));
    }
    return out;
}

namespace mcda_detail {
// SMAA-2 as slices of whole blocks (of WeightSampler::block_size draws) and their merge, so that a run can be
// cut into tasks (hp.distributed) and give what smaa gives: every partial is integer counts and integer sums
// (central weights in units of 2^-32, rounded per block), which add up exactly in any grouping. smaa runs its
// one slice of every block through the same functions.

std::vector<std::string> smaa_criterion_names(const std::vector<Criterion>& criteria) {
    std::vector<std::string> names;
    for (const auto& c : criteria) names.push_back(c.name);
    return names;
}

void smaa_check_slice(std::int64_t first_block, std::int64_t n_blocks, std::int64_t blocks, const char* pass) {
    if (first_block < 0 || n_blocks < 1 || first_block >= blocks || n_blocks > blocks - first_block)
        throw DomainError(std::string("smaa: ") + pass + " blocks " + std::to_string(first_block) + " to " +
                          std::to_string(first_block + n_blocks - 1) + " are not within its " +
                          std::to_string(blocks) + " blocks (at least one block a slice)");
}

// Slices must follow each other from block 0 to the last block.
template <class Part>
void smaa_check_cover(const std::vector<Part>& parts, std::int64_t blocks, const char* pass) {
    std::int64_t next = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].first_block != next || parts[i].n_blocks < 1)
            throw DomainError(std::string("smaa: the ") + pass + " slices must cover blocks 0 to " +
                              std::to_string(blocks - 1) + " in order; slice " + std::to_string(i) +
                              " starts at block " + std::to_string(parts[i].first_block) + ", expected " +
                              std::to_string(next));
        next += parts[i].n_blocks;
    }
    if (next != blocks)
        throw DomainError(std::string("smaa: the ") + pass + " slices cover " + std::to_string(next) + " of its " +
                          std::to_string(blocks) + " blocks");
}

// Pass 1 over blocks [first_block, first_block + n_blocks): rank counts and central-weight sums.
SmaaPartial smaa_pass1(const WeightSampler& sampler, const std::vector<Criterion>& scales,
                       const PerformanceTable& performances, const SmaaOptions& opts, std::int64_t first_block,
                       std::int64_t n_blocks) {
    std::vector<double> span, worst;
    linear_values(scales, span, worst);
    const std::size_t m = performances.size(), n = scales.size();
    const PerformanceDraw proto(performances, span, worst);
    const std::int64_t B = WeightSampler::block_size;
    const int workers = stats::resolve_threads(opts.threads, n_blocks);
    std::vector<std::vector<std::int64_t>> ranks(static_cast<std::size_t>(workers), std::vector<std::int64_t>(m * m)),
        cw(static_cast<std::size_t>(workers), std::vector<std::int64_t>(m * n));

    const BlockKernel kernel = pick_kernel(m, std::make_index_sequence<15>{});  // 2 to 16 options: fixed sizes
    stats::parallel_for(n_blocks, opts.threads, [&](std::int64_t begin, std::int64_t end, int worker) {
        std::vector<double> wb(static_cast<std::size_t>(B) * n), block_cw(m * n);
        PerformanceDraw draw = proto;
        auto& rk = ranks[static_cast<std::size_t>(worker)];
        auto& cwk = cw[static_cast<std::size_t>(worker)];
        for (std::int64_t b = first_block + begin; b < first_block + end; ++b) {
            const std::int64_t count = std::min(B, opts.n_sims - b * B);
            sampler.sample_block(opts.seed, b, count, wb.data());
            stats::FastStream g(opts.seed, performance_streams + static_cast<std::uint64_t>(b));
            std::fill(block_cw.begin(), block_cw.end(), 0.0);
            kernel(wb.data(), count, draw, g, m, n, rk.data(), block_cw.data());
            // A block's sums depend only on the block; as integers they add up in any order.
            for (std::size_t k = 0; k < m * n; ++k) cwk[k] += std::llround(block_cw[k] * fixed_unit);
        }
    });
    SmaaPartial part;
    part.first_block = first_block;
    part.n_blocks = n_blocks;
    part.rank_counts.assign(m * m, 0);
    part.central_weight_sums.assign(m * n, 0);
    for (int k = 0; k < workers; ++k) {
        for (std::size_t i = 0; i < m * m; ++i) part.rank_counts[i] += ranks[static_cast<std::size_t>(k)][i];
        for (std::size_t i = 0; i < m * n; ++i) part.central_weight_sums[i] += cw[static_cast<std::size_t>(k)][i];
    }
    return part;
}

// Pass 1's result from its slices; the confidence factors NaN until pass 2.
SmaaResult smaa_pass1_result(const WeightSampler& sampler, const std::vector<std::string>& options,
                             std::vector<Criterion> scales, const PerformanceTable& performances,
                             const SmaaOptions& opts, const std::vector<SmaaPartial>& parts) {
    const std::size_t m = options.size(), n = scales.size();
    smaa_check_cover(parts, smaa_blocks(opts.n_sims), "pass-1");
    std::vector<std::int64_t> rank_total(m * m, 0), cw_total(m * n, 0);
    for (std::size_t p = 0; p < parts.size(); ++p) {
        if (parts[p].rank_counts.size() != m * m || parts[p].central_weight_sums.size() != m * n)
            throw DomainError("smaa: pass-1 slice " + std::to_string(p) + " is of another table (" +
                              std::to_string(m) + " options and " + std::to_string(n) + " criteria here)");
        for (std::size_t i = 0; i < m * m; ++i) rank_total[i] += parts[p].rank_counts[i];
        for (std::size_t i = 0; i < m * n; ++i) cw_total[i] += parts[p].central_weight_sums[i];
    }
    SmaaResult res;
    res.options = options;
    res.criteria = std::move(scales);
    res.n_sims = opts.n_sims;
    res.seed = opts.seed;
    res.weight_method = sampler.method();
    res.thinning = sampler.thinning();
    std::vector<double> span, worst;
    linear_values(res.criteria, span, worst);
    res.deterministic_performances = PerformanceDraw(performances, span, worst).deterministic();
    const double N = static_cast<double>(opts.n_sims);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    res.rank_acceptability.assign(m, std::vector<double>(m));
    res.central_weights.assign(m, std::vector<double>(n, nan));
    res.first_counts.assign(m, 0);
    res.holistic_acceptability.assign(m, 0.0);
    for (std::size_t i = 0; i < m; ++i) {
        for (std::size_t r = 0; r < m; ++r) {
            const double b = static_cast<double>(rank_total[i * m + r]) / N;
            res.rank_acceptability[i][r] = b;
            const double alpha = m == 1 ? 1.0 : static_cast<double>(m - 1 - r) / static_cast<double>(m - 1);
            res.holistic_acceptability[i] += alpha * b;
        }
        res.first_counts[i] = rank_total[i * m];
        if (res.first_counts[i] > 0)
            for (std::size_t j = 0; j < n; ++j)
                res.central_weights[i][j] =
                    static_cast<double>(cw_total[i * n + j]) / fixed_unit / static_cast<double>(res.first_counts[i]);
    }
    res.confidence_factors.assign(m, nan);
    return res;
}

// Pass 2 over blocks [first_block, first_block + n_blocks) of its own draws: per option, the draws where it is
// first when weighted by its central weights (a NaN row: never first in pass 1, skipped).
SmaaConfidencePartial smaa_pass2(const std::vector<Criterion>& scales, const PerformanceTable& performances,
                                 const std::vector<std::vector<double>>& central_weights, const SmaaOptions& opts,
                                 std::int64_t first_block, std::int64_t n_blocks) {
    std::vector<double> span, worst;
    linear_values(scales, span, worst);
    const std::size_t m = performances.size(), n = scales.size();
    const PerformanceDraw proto(performances, span, worst);
    const std::int64_t B = WeightSampler::block_size;
    const std::int64_t conf_sims = proto.deterministic() ? 1 : opts.n_sims;
    const int conf_workers = stats::resolve_threads(opts.threads, n_blocks);
    std::vector<std::vector<std::int64_t>> firsts(static_cast<std::size_t>(conf_workers), std::vector<std::int64_t>(m));
    stats::parallel_for(n_blocks, opts.threads, [&](std::int64_t begin, std::int64_t end, int worker) {
        std::vector<double> score(m);
        PerformanceDraw draw = proto;
        auto& fk = firsts[static_cast<std::size_t>(worker)];
        for (std::int64_t b = first_block + begin; b < first_block + end; ++b) {
            const std::int64_t count = std::min(B, conf_sims - b * B);
            stats::FastStream g(opts.seed, confidence_streams + static_cast<std::uint64_t>(b));
            const double* vt = draw.values();
            for (std::int64_t s = 0; s < count; ++s) {
                if (!draw.deterministic()) vt = draw.draw(g);
                for (std::size_t i = 0; i < m; ++i) {
                    if (std::isnan(central_weights[i][0])) continue;
                    scores_of(central_weights[i].data(), vt, score.data(), m, n);
                    if (ranks_first(score.data(), i, m)) ++fk[i];
                }
            }
        }
    });
    SmaaConfidencePartial part;
    part.first_block = first_block;
    part.n_blocks = n_blocks;
    part.first_counts.assign(m, 0);
    for (int k = 0; k < conf_workers; ++k)
        for (std::size_t i = 0; i < m; ++i) part.first_counts[i] += firsts[static_cast<std::size_t>(k)][i];
    return part;
}

void smaa_check(const std::vector<std::string>& options, const std::vector<Criterion>& criteria,
                const PerformanceTable& performances, const SmaaOptions& opts) {
    check_count(opts.n_sims, "n_sims", 1);
    check_threads(opts.threads);
    check_table(options, criteria, performances, "smaa");
}
}  // namespace mcda_detail

std::int64_t smaa_blocks(std::int64_t n_sims) {
    check_count(n_sims, "n_sims", 1);
    return (n_sims + WeightSampler::block_size - 1) / WeightSampler::block_size;
}

std::int64_t smaa_confidence_blocks(const SmaaResult& pass1) {
    return pass1.deterministic_performances ? 1 : smaa_blocks(pass1.n_sims);
}

SmaaPartial smaa_partial(const std::vector<std::string>& options, const std::vector<Criterion>& criteria,
                         const PerformanceTable& performances, const WeightSpec& weights, const SmaaOptions& opts,
                         std::int64_t first_block, std::int64_t n_blocks) {
    using namespace mcda_detail;
    smaa_check(options, criteria, performances, opts);
    smaa_check_slice(first_block, n_blocks, smaa_blocks(opts.n_sims), "pass-1");
    const WeightSampler sampler(weights, smaa_criterion_names(criteria));
    return smaa_pass1(sampler, value_scales(criteria, performances), performances, opts, first_block, n_blocks);
}

SmaaResult smaa_merge(const std::vector<std::string>& options, const std::vector<Criterion>& criteria,
                      const PerformanceTable& performances, const WeightSpec& weights, const SmaaOptions& opts,
                      const std::vector<SmaaPartial>& parts) {
    using namespace mcda_detail;
    smaa_check(options, criteria, performances, opts);
    const WeightSampler sampler(weights, smaa_criterion_names(criteria));
    return smaa_pass1_result(sampler, options, value_scales(criteria, performances), performances, opts, parts);
}

SmaaConfidencePartial smaa_confidence_partial(const std::vector<std::string>& options,
                                              const std::vector<Criterion>& criteria,
                                              const PerformanceTable& performances,
                                              const std::vector<std::vector<double>>& central_weights,
                                              const SmaaOptions& opts, std::int64_t first_block,
                                              std::int64_t n_blocks) {
    using namespace mcda_detail;
    smaa_check(options, criteria, performances, opts);
    const auto scales = value_scales(criteria, performances);
    std::vector<double> span, worst;
    linear_values(scales, span, worst);
    const bool fixed = PerformanceDraw(performances, span, worst).deterministic();
    smaa_check_slice(first_block, n_blocks, fixed ? 1 : smaa_blocks(opts.n_sims), "confidence-pass");
    if (central_weights.size() != options.size())
        throw DomainError("smaa: central_weights need one row per option (" + std::to_string(options.size()) +
                          "), got " + std::to_string(central_weights.size()));
    for (std::size_t i = 0; i < central_weights.size(); ++i) {
        const auto& row = central_weights[i];
        if (row.size() != criteria.size())
            throw DomainError("smaa: option '" + options[i] + "' needs one central weight per criterion (" +
                              std::to_string(criteria.size()) + "), got " + std::to_string(row.size()));
        const bool never_first = std::isnan(row[0]);
        for (double w : row)
            if (never_first ? !std::isnan(w) : !std::isfinite(w))
                throw DomainError("smaa: option '" + options[i] + "': central weights must be finite (or all NaN: "
                                  "never first), got " + num(w));
    }
    return smaa_pass2(scales, performances, central_weights, opts, first_block, n_blocks);
}

void smaa_confidence_merge(SmaaResult& result, const std::vector<SmaaConfidencePartial>& parts) {
    using namespace mcda_detail;
    const std::int64_t blocks = smaa_confidence_blocks(result);
    smaa_check_cover(parts, blocks, "confidence-pass");
    const std::size_t m = result.options.size();
    std::vector<std::int64_t> firsts_total(m, 0);
    for (std::size_t p = 0; p < parts.size(); ++p) {
        if (parts[p].first_counts.size() != m)
            throw DomainError("smaa: confidence-pass slice " + std::to_string(p) + " is of another table (" +
                              std::to_string(m) + " options here)");
        for (std::size_t i = 0; i < m; ++i) firsts_total[i] += parts[p].first_counts[i];
    }
    const std::int64_t conf_sims = result.deterministic_performances ? 1 : result.n_sims;
    result.confidence_factors.assign(m, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < m; ++i)
        if (result.first_counts[i] > 0)
            result.confidence_factors[i] = static_cast<double>(firsts_total[i]) / static_cast<double>(conf_sims);
}

SmaaResult smaa(const std::vector<std::string>& options, const std::vector<Criterion>& criteria,
                const PerformanceTable& performances, const WeightSpec& weights, const SmaaOptions& opts) {
    using namespace mcda_detail;
    smaa_check(options, criteria, performances, opts);
    const WeightSampler sampler(weights, smaa_criterion_names(criteria));
    const auto scales = value_scales(criteria, performances);
    // Pass 1: rank acceptabilities and central weights; pass 2: confidence factors, every option's central
    // weights on the same performance draws. Each pass is one slice of all its blocks.
    const std::vector<SmaaPartial> pass1{smaa_pass1(sampler, scales, performances, opts, 0, smaa_blocks(opts.n_sims))};
    SmaaResult res = smaa_pass1_result(sampler, options, scales, performances, opts, pass1);
    const std::vector<SmaaConfidencePartial> pass2{
        smaa_pass2(res.criteria, performances, res.central_weights, opts, 0, smaa_confidence_blocks(res))};
    smaa_confidence_merge(res, pass2);
    return res;
}

WeightedSum weighted_sum(const std::vector<std::string>& options, const std::vector<Criterion>& criteria,
                         const PerformanceTable& performances, const std::vector<double>& weights) {
    using namespace mcda_detail;
    check_table(options, criteria, performances, "weighted_sum");
    for (std::size_t i = 0; i < options.size(); ++i)
        for (std::size_t j = 0; j < criteria.size(); ++j)
            if (performances[i][j].kind != Performance::Kind::point)
                throw DomainError("weighted_sum: " + cell(options, criteria, i, j) +
                                  ": a single score needs point performances; use smaa for ranges, distributions "
                                  "and samples");
    std::vector<std::string> names;
    for (const auto& c : criteria) names.push_back(c.name);
    WeightSpec spec;
    spec.exact = weights;
    const WeightSampler check(spec, names);  // the exact weights' rules, once
    WeightedSum out;
    out.options = options;
    out.criteria = value_scales(criteria, performances);
    out.weights = weights;
    std::vector<double> span, worst;
    linear_values(out.criteria, span, worst);
    const std::size_t m = options.size(), n = criteria.size();
    out.values.assign(m, std::vector<double>(n));
    out.scores.assign(m, 0.0);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            out.values[i][j] = partial_value(performances[i][j].a, worst[j], span[j]);
            out.scores[i] += weights[j] * out.values[i][j];
        }
    std::vector<int> idx(m);
    rank_order(out.scores.data(), idx.data(), m);
    out.ranks.assign(m, 0);
    for (std::size_t r = 0; r < m; ++r) out.ranks[static_cast<std::size_t>(idx[r])] = static_cast<int>(r) + 1;
    return out;
}

}  // namespace hp::appraisal

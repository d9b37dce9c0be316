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

SmaaResult smaa(const std::vector<std::string>& options, const std::vector<Criterion>& criteria,
                const PerformanceTable& performances, const WeightSpec& weights, const SmaaOptions& opts) {
    using namespace mcda_detail;
    check_count(opts.n_sims, "n_sims", 1);
    check_threads(opts.threads);
    check_table(options, criteria, performances, "smaa");
    std::vector<std::string> names;
    for (const auto& c : criteria) names.push_back(c.name);
    const WeightSampler sampler(weights, names);
    SmaaResult res;
    res.options = options;
    res.criteria = value_scales(criteria, performances);
    res.n_sims = opts.n_sims;
    res.seed = opts.seed;
    res.weight_method = sampler.method();
    res.thinning = sampler.thinning();
    std::vector<double> span, worst;
    linear_values(res.criteria, span, worst);

    const std::size_t m = options.size(), n = criteria.size();
    const PerformanceDraw proto(performances, span, worst);
    res.deterministic_performances = proto.deterministic();
    const std::int64_t B = WeightSampler::block_size;
    const std::int64_t blocks = (opts.n_sims + B - 1) / B;
    const int workers = stats::resolve_threads(opts.threads, blocks);
    std::vector<std::vector<std::int64_t>> ranks(static_cast<std::size_t>(workers), std::vector<std::int64_t>(m * m)),
        cw(static_cast<std::size_t>(workers), std::vector<std::int64_t>(m * n));

    // Pass 1: rank acceptabilities and central weights.
    const BlockKernel kernel = pick_kernel(m, std::make_index_sequence<15>{});  // 2 to 16 options: fixed sizes
    stats::parallel_for(blocks, opts.threads, [&](std::int64_t begin, std::int64_t end, int worker) {
        std::vector<double> wb(static_cast<std::size_t>(B) * n), block_cw(m * n);
        PerformanceDraw draw = proto;
        auto& rk = ranks[static_cast<std::size_t>(worker)];
        auto& cwk = cw[static_cast<std::size_t>(worker)];
        for (std::int64_t b = begin; b < end; ++b) {
            const std::int64_t count = std::min(B, opts.n_sims - b * B);
            sampler.sample_block(opts.seed, b, count, wb.data());
            stats::FastStream g(opts.seed, performance_streams + static_cast<std::uint64_t>(b));
            std::fill(block_cw.begin(), block_cw.end(), 0.0);
            kernel(wb.data(), count, draw, g, m, n, rk.data(), block_cw.data());
            // A block's sums depend only on the block; as integers they add up in any order.
            for (std::size_t k = 0; k < m * n; ++k) cwk[k] += std::llround(block_cw[k] * fixed_unit);
        }
    });
    std::vector<std::int64_t> rank_total(m * m, 0), cw_total(m * n, 0);
    for (int k = 0; k < workers; ++k) {
        for (std::size_t i = 0; i < m * m; ++i) rank_total[i] += ranks[static_cast<std::size_t>(k)][i];
        for (std::size_t i = 0; i < m * n; ++i) cw_total[i] += cw[static_cast<std::size_t>(k)][i];
    }
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

    // Pass 2: confidence factors, every option's central weights on the same performance draws.
    res.confidence_factors.assign(m, nan);
    std::vector<std::int64_t> firsts_total(m, 0);
    const std::int64_t conf_sims = proto.deterministic() ? 1 : opts.n_sims;
    const std::int64_t conf_blocks = (conf_sims + B - 1) / B;
    const int conf_workers = stats::resolve_threads(opts.threads, conf_blocks);
    std::vector<std::vector<std::int64_t>> firsts(static_cast<std::size_t>(conf_workers), std::vector<std::int64_t>(m));
    stats::parallel_for(conf_blocks, opts.threads, [&](std::int64_t begin, std::int64_t end, int worker) {
        std::vector<double> score(m);
        std::vector<int> idx(m);
        PerformanceDraw draw = proto;
        auto& fk = firsts[static_cast<std::size_t>(worker)];
        for (std::int64_t b = begin; b < end; ++b) {
            const std::int64_t count = std::min(B, conf_sims - b * B);
            stats::FastStream g(opts.seed, confidence_streams + static_cast<std::uint64_t>(b));
            const double* vt = draw.values();
            for (std::int64_t s = 0; s < count; ++s) {
                if (!draw.deterministic()) vt = draw.draw(g);
                for (std::size_t i = 0; i < m; ++i) {
                    if (res.first_counts[i] == 0) continue;
                    scores_of(res.central_weights[i].data(), vt, score.data(), m, n);
                    rank_order(score.data(), idx.data(), m);
                    if (static_cast<std::size_t>(idx[0]) == i) ++fk[i];
                }
            }
        }
    });
    for (int k = 0; k < conf_workers; ++k)
        for (std::size_t i = 0; i < m; ++i) firsts_total[i] += firsts[static_cast<std::size_t>(k)][i];
    for (std::size_t i = 0; i < m; ++i)
        if (res.first_counts[i] > 0)
            res.confidence_factors[i] = static_cast<double>(firsts_total[i]) / static_cast<double>(conf_sims);
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

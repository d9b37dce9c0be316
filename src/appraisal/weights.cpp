// Weights of a multi-criteria analysis: validation, the uniform samplers and swing weighting (weights.hpp).
#include "healthyplaces/appraisal/weights.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <type_traits>
#include <utility>

#include "healthyplaces/base/cancel.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/base/params.hpp"
#include "healthyplaces/stats/fast_variates.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"

namespace hp::appraisal {

namespace mcda_detail {

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

/// minimise c·x subject to A x = b, x >= 0 (dense two-phase simplex with Bland's rule, which cannot cycle).
/// Sizes here are tens of rows, so a tableau is simplest. Returns false when infeasible; `x` the optimum.
/// Unbounded problems do not arise (the weights live in the simplex) and are reported as infeasible.
bool linear_program(const std::vector<std::vector<double>>& A, std::vector<double> b, const std::vector<double>& c,
                    std::vector<double>& x) {
    const std::size_t m = A.size(), n = c.size(), cols = n + m + 1;
    constexpr double eps = 1e-11;
    std::vector<std::vector<double>> t(m + 1, std::vector<double>(cols, 0.0));
    std::vector<std::size_t> basis(m);
    for (std::size_t i = 0; i < m; ++i) {
        const double s = b[i] < 0 ? -1.0 : 1.0;
        for (std::size_t j = 0; j < n; ++j) t[i][j] = s * A[i][j];
        t[i][n + i] = 1.0;
        t[i][cols - 1] = s * b[i];
        basis[i] = n + i;
    }
    auto pivot = [&](std::size_t r, std::size_t q) {
        const double p = t[r][q];
        for (auto& v : t[r]) v /= p;
        for (std::size_t i = 0; i <= m; ++i) {
            if (i == r || t[i][q] == 0.0) continue;
            const double f = t[i][q];
            for (std::size_t j = 0; j < cols; ++j) t[i][j] -= f * t[r][j];
        }
        basis[r] = q;
    };
    auto run = [&](std::size_t allowed) -> bool {  // columns [0, allowed) may enter
        for (int iter = 0; iter < 50000; ++iter) {
            std::size_t q = allowed;
            for (std::size_t j = 0; j < allowed; ++j)
                if (t[m][j] < -eps) {
                    q = j;
                    break;
                }
            if (q == allowed) return true;
            std::size_t r = m;
            double best = 0;
            for (std::size_t i = 0; i < m; ++i) {
                if (t[i][q] <= eps) continue;
                const double ratio = t[i][cols - 1] / t[i][q];
                if (r == m || ratio < best - eps || (ratio <= best + eps && basis[i] < basis[r])) {
                    r = i;
                    best = ratio;
                }
            }
            if (r == m) return false;  // unbounded
            pivot(r, q);
        }
        return false;
    };
    // Phase I: minimise the sum of the artificial variables.
    for (std::size_t j = 0; j < cols; ++j) {
        double s = 0;
        if (j < n || j == cols - 1)
            for (std::size_t i = 0; i < m; ++i) s += t[i][j];
        t[m][j] = -s;
    }
    if (!run(n + m)) return false;
    double scale = 1.0;
    for (double v : b) scale = std::max(scale, std::abs(v));
    if (-t[m][cols - 1] > 1e-9 * scale) return false;
    for (std::size_t i = 0; i < m; ++i)  // drive the artificial variables out of the basis
        if (basis[i] >= n)
            for (std::size_t j = 0; j < n; ++j)
                if (std::abs(t[i][j]) > 1e-9) {
                    pivot(i, j);
                    break;
                }
    // Phase II: the reduced costs of c for the current basis.
    for (std::size_t j = 0; j < cols; ++j) {
        double s = j < n ? c[j] : 0.0;
        for (std::size_t i = 0; i < m; ++i)
            if (basis[i] < n) s -= c[basis[i]] * t[i][j];
        t[m][j] = s;
    }
    if (!run(n)) return false;
    x.assign(n, 0.0);
    for (std::size_t i = 0; i < m; ++i)
        if (basis[i] < n) x[basis[i]] = t[i][cols - 1];
    return true;
}

/// The Chebyshev centre of {w : g w <= h, Σw = 1} within the plane Σw = 1: the point whose distance to the
/// nearest face (measured in the plane) is largest; `radius` that distance. False when the set is empty.
bool chebyshev_centre(const std::vector<std::vector<double>>& g, const std::vector<double>& h, std::size_t n,
                      std::vector<double>& centre, double& radius) {
    // Variables: w (n, >= 0 is among the rows of g), r >= 0, one slack per row. Rows: g_i w + r |P g_i| + s_i = h_i
    // (P projects on the plane's directions), Σ w = 1. Minimise −r. w >= 0 holds as the rows −w_j <= 0 are in g.
    const std::size_t k = g.size(), vars = n + 1 + k;
    std::vector<std::vector<double>> A(k + 1, std::vector<double>(vars, 0.0));
    std::vector<double> b(k + 1, 0.0), c(vars, 0.0), x;
    for (std::size_t i = 0; i < k; ++i) {
        const double mean = std::accumulate(g[i].begin(), g[i].end(), 0.0) / static_cast<double>(n);
        double norm = 0;
        for (std::size_t j = 0; j < n; ++j) {
            A[i][j] = g[i][j];
            norm += (g[i][j] - mean) * (g[i][j] - mean);
        }
        A[i][n] = std::sqrt(norm);
        A[i][n + 1 + i] = 1.0;
        b[i] = h[i];
    }
    for (std::size_t j = 0; j < n; ++j) A[k][j] = 1.0;
    b[k] = 1.0;
    c[n] = -1.0;
    if (!linear_program(A, b, c, x)) return false;
    centre.assign(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n));
    radius = x[n];
    return true;
}

/// Dirichlet(1) on n coordinates by the spacings of n − 1 sorted uniforms (uniform on the simplex): cheaper than
/// n exponentials (a logarithm each) for the sizes of a decision (a few to tens of criteria). N > 0 fixes n at
/// compile time (the sort then unrolls into registers).
template <std::size_t N, class G>
inline void dirichlet1(G& g, std::size_t n_rt, double* w) {
    const std::size_t n = N > 0 ? N : n_rt;
    if (n == 1) {
        w[0] = 1.0;
        return;
    }
    if (n <= 65) {
        const std::size_t k = n - 1;
        double v[N > 0 ? N : 64], u[N > 0 ? N : 64];
#pragma GCC unroll 16
        for (std::size_t i = 0; i < k; ++i) v[i] = stats::uniform01(g);
        // Sorted by counting each one's position (branch-free: random data mispredicts an insertion sort's
        // branches); equal values (probability ~2^-53) keep their drawn order.
        unsigned pos[N > 0 ? N : 64] = {};
#pragma GCC unroll 16
        for (std::size_t i = 0; i < k; ++i)
#pragma GCC unroll 16
            for (std::size_t j = i + 1; j < k; ++j) {
                const unsigned later_smaller = v[j] < v[i];
                pos[i] += later_smaller;
                pos[j] += 1u - later_smaller;
            }
#pragma GCC unroll 16
        for (std::size_t i = 0; i < k; ++i) u[pos[i]] = v[i];
        double prev = 0;
#pragma GCC unroll 16
        for (std::size_t i = 0; i < k; ++i) {
            w[i] = u[i] - prev;
            prev = u[i];
        }
        w[k] = 1.0 - prev;
        return;
    }
    double s = 0;  // many criteria: exponentials, normalised
    for (std::size_t i = 0; i < n; ++i) s += (w[i] = -std::log(1.0 - stats::uniform01(g)));
    for (std::size_t i = 0; i < n; ++i) w[i] /= s;
}

// Dirichlet(1) for 2 to 16 criteria, the case SMAA meets most, four draws at a time: four xoshiro256++ generators
// side by side, one per lane of a vector (GCC/Clang vector extensions: one AVX2 register where the CPU has it,
// checked once at run time, two SSE2 registers otherwise; the library is built for baseline x86-64). A lane's
// generator is the same on both paths (integer additions, shifts and exclusive-ors), so the weights are too.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#ifndef HP_SMAA_AVX2
#define HP_SMAA_AVX2 1
#endif
// __builtin_cpu_init first: this runs in a static initializer, possibly before libgcc's own. Not const: a test
// switches it off to check that the baseline paths (here and in smaa.cpp) give the same numbers.
bool smaa_avx2 = (__builtin_cpu_init(), __builtin_cpu_supports("avx2"));
#else
#ifndef HP_SMAA_AVX2
#define HP_SMAA_AVX2 0
#endif
bool smaa_avx2 = false;
#endif

/// Batcher's odd-even merge sort network for n inputs (pruned from the next power of two; 16 comparators for 7):
/// a fixed sequence of compare-exchanges, so sorting has no data-dependent branch and vectorises across draws.
struct SortNetwork {
    std::uint8_t first[64] = {}, second[64] = {};
    std::size_t size = 0;
};

constexpr SortNetwork batcher(std::size_t n) {
    SortNetwork net;
    for (std::size_t p = 1; p < n; p <<= 1)
        for (std::size_t k = p; k >= 1; k >>= 1)
            for (std::size_t j = k % p; j + k < n; j += 2 * k)
                for (std::size_t i = 0; i < std::min(k, n - j - k); ++i)
                    if ((i + j) / (2 * p) == (i + j + k) / (2 * p)) {
                        net.first[net.size] = static_cast<std::uint8_t>(i + j);
                        net.second[net.size++] = static_cast<std::uint8_t>(i + j + k);
                    }
    return net;
}

/// Vectors of L 64-bit lanes: generator words and doubles.
template <std::size_t L>
struct WeightLanes;
template <>
struct WeightLanes<2> {
    using bits = std::uint64_t __attribute__((vector_size(16)));
    using real = double __attribute__((vector_size(16)));
};
template <>
struct WeightLanes<4> {
    using bits = std::uint64_t __attribute__((vector_size(32)));
    using real = double __attribute__((vector_size(32)));
};

/// The four generators of a block: word w of lane q's xoshiro256++ state is state[w][q], lane q seeded by one
/// Philox4x64-10 call keyed by the seed (FastStream's key) at counter (q + 1, 0, block, 0), which no FastStream
/// (counter (0, 0, stream, 0)) uses.
struct DirichletLanes {
    alignas(32) std::uint64_t state[4][4];
    DirichletLanes(std::uint64_t seed, std::uint64_t block) noexcept {
        const r123::Philox4x64::key_type key{{seed, 0xD1B54A32D192ED03ULL}};
        for (std::uint64_t q = 0; q < 4; ++q) {
            const auto out = r123::Philox4x64()(r123::Philox4x64::ctr_type{{q + 1, 0, block, 0}}, key);
            if ((out.v[0] | out.v[1] | out.v[2] | out.v[3]) == 0) state[0][q] = 1;  // xoshiro's fixed point
            else
                for (std::size_t w = 0; w < 4; ++w) state[w][q] = out.v[w];
        }
    }
};

/// `count` Dirichlet(1) rows of N (2 to 16) into out, draw s from lane s mod 4: N − 1 uniforms (the top 52 bits
/// of a xoshiro256++ output as the mantissa of a double in [1, 2), minus 1), sorted by the network, and their
/// spacings. The lanes go L at a time (4/L passes over the block, each with its own lanes).
template <std::size_t N, std::size_t L>
[[gnu::always_inline]] inline void dirichlet_lanes(const DirichletLanes& gen, std::int64_t count, double* out) {
    using bits = typename WeightLanes<L>::bits;
    using real = typename WeightLanes<L>::real;
    constexpr std::size_t K = N - 1;
    static constexpr SortNetwork net = batcher(K);
    const bits exponent = bits{} + 0x3FF0000000000000ULL;
    const real one = real{} + 1.0;
    for (std::size_t h = 0; h < 4 / L; ++h) {
        bits s0, s1, s2, s3;
        std::memcpy(&s0, gen.state[0] + h * L, sizeof s0);
        std::memcpy(&s1, gen.state[1] + h * L, sizeof s1);
        std::memcpy(&s2, gen.state[2] + h * L, sizeof s2);
        std::memcpy(&s3, gen.state[3] + h * L, sizeof s3);
        for (std::int64_t g0 = static_cast<std::int64_t>(h * L); g0 < count; g0 += 4) {
            real u[K];
#pragma GCC unroll 16
            for (std::size_t k = 0; k < K; ++k) {
                const bits sum = s0 + s3;
                const bits x = ((sum << 23) | (sum >> 41)) + s0;
                const bits t = s1 << 17;
                s2 ^= s0;
                s3 ^= s1;
                s1 ^= s2;
                s0 ^= s3;
                s2 ^= t;
                s3 = (s3 << 45) | (s3 >> 19);
                u[k] = (real)((x >> 12) | exponent) - one;  // a vector cast keeps the bits (std::bit_cast is a call)
            }
            [&]<std::size_t... P>(std::index_sequence<P...>) [[gnu::always_inline]] {
                ((void)[&]() [[gnu::always_inline]] {
                    real& a = u[net.first[P]];
                    real& b = u[net.second[P]];
                    const real lo = a < b ? a : b, hi = a < b ? b : a;
                    a = lo;
                    b = hi;
                }(), ...);
            }(std::make_index_sequence<net.size>{});
            real w[N];
            w[0] = u[0];
#pragma GCC unroll 16
            for (std::size_t j = 1; j < K; ++j) w[j] = u[j] - u[j - 1];
            w[K] = one - u[K - 1];
            for (std::size_t l = 0; l < L; ++l) {
                const std::int64_t s = g0 + static_cast<std::int64_t>(l);
                if (s >= count) break;
                double* row = out + s * static_cast<std::int64_t>(N);
#pragma GCC unroll 16
                for (std::size_t j = 0; j < N; ++j) row[j] = w[j][l];
            }
        }
    }
}

#if HP_SMAA_AVX2
template <std::size_t N>
__attribute__((target("avx2"))) void dirichlet_lanes_avx2(const DirichletLanes& gen, std::int64_t count,
                                                          double* out) {
    dirichlet_lanes<N, 4>(gen, count, out);
}
#endif

/// Block `block` of Dirichlet(1) rows for 2 to 16 criteria (see dirichlet_lanes).
template <std::size_t N>
void dirichlet_block(std::uint64_t seed, std::uint64_t block, std::int64_t count, double* out) {
    const DirichletLanes gen(seed, block);
#if HP_SMAA_AVX2
    if (smaa_avx2) return dirichlet_lanes_avx2<N>(gen, count, out);
#endif
    dirichlet_lanes<N, 2>(gen, count, out);
}

using DirichletBlock = void (*)(std::uint64_t, std::uint64_t, std::int64_t, double*);

template <std::size_t... Ns>
DirichletBlock pick_dirichlet(std::size_t n, std::index_sequence<Ns...>) {
    DirichletBlock k = nullptr;
    ((n == Ns + 2 ? (k = &dirichlet_block<Ns + 2>, 0) : 0), ...);
    return k;
}

/// `count` Dirichlet(1) rows of n into out; fixed sizes for 2 to 16 criteria.
template <class G>
void dirichlet_rows(G& g, std::size_t n, std::int64_t count, double* out) {
    auto run = [&](auto fixed) {
        constexpr std::size_t N = decltype(fixed)::value;
        for (std::int64_t s = 0; s < count; ++s) dirichlet1<N>(g, n, out + s * static_cast<std::int64_t>(n));
    };
    switch (n) {
        case 2: return run(std::integral_constant<std::size_t, 2>{});
        case 3: return run(std::integral_constant<std::size_t, 3>{});
        case 4: return run(std::integral_constant<std::size_t, 4>{});
        case 5: return run(std::integral_constant<std::size_t, 5>{});
        case 6: return run(std::integral_constant<std::size_t, 6>{});
        case 7: return run(std::integral_constant<std::size_t, 7>{});
        case 8: return run(std::integral_constant<std::size_t, 8>{});
        case 9: return run(std::integral_constant<std::size_t, 9>{});
        case 10: return run(std::integral_constant<std::size_t, 10>{});
        case 11: return run(std::integral_constant<std::size_t, 11>{});
        case 12: return run(std::integral_constant<std::size_t, 12>{});
        default: return run(std::integral_constant<std::size_t, 0>{});
    }
}

/// An index uniform on [0, n) (Lemire's multiply; the bias, below 2^-57 for these n, is immaterial).
template <class G>
inline std::size_t below(G& g, std::size_t n) {
    return static_cast<std::size_t>((static_cast<stats::uint128_t>(g()) * n) >> 64);
}

std::string constraint_label(const LinearConstraint& c, std::size_t index, const std::vector<std::string>& names) {
    if (!c.name.empty()) return "constraint '" + c.name + "'";
    std::string s = "constraint " + std::to_string(index + 1) + " (";
    bool first = true;
    for (std::size_t j = 0; j < c.coefficients.size() && j < names.size(); ++j) {
        if (c.coefficients[j] == 0) continue;
        s += (first ? "" : " + ") + num(c.coefficients[j]) + "·" + names[j];
        first = false;
    }
    return s + (c.at_least ? " >= " : " <= ") + num(c.bound) + ")";
}

}  // namespace mcda_detail

std::vector<Criterion> green_paper_criteria() {
    using D = Direction;
    const std::string scale = "score 0-10";
    return {{"financial management", D::more_is_better, scale},
            {"commissioning", D::more_is_better, scale},
            {"communications and coordination", D::more_is_better, scale},
            {"governance and finance issues", D::less_is_better, scale},
            {"restructuring disruption", D::less_is_better, scale},
            {"democratic accountability lost", D::less_is_better, scale}};
}

WeightSampler::WeightSampler(const WeightSpec& spec, const std::vector<std::string>& names) : n_(names.size()) {
    using mcda_detail::num;
    if (n_ == 0) throw DomainError("weights: there must be at least one criterion");
    if (n_ > 1000) throw DomainError("weights: at most 1,000 criteria, got " + std::to_string(n_));
    auto sized = [&](const std::vector<double>& v, const char* what) {
        if (!v.empty() && v.size() != n_)
            throw DomainError(std::string("weights: ") + what + " needs one value per criterion (" +
                              std::to_string(n_) + "), got " + std::to_string(v.size()));
    };
    sized(spec.exact, "exact");
    sized(spec.lower, "lower");
    sized(spec.upper, "upper");
    if (!spec.ranking.empty() && spec.ranking.size() != n_)
        throw DomainError("weights: ranking needs one rank per criterion (" + std::to_string(n_) + "), got " +
                          std::to_string(spec.ranking.size()));
    if (spec.thinning < 0 || spec.thinning > 1'000'000)
        throw DomainError("weights: thinning must be 0 (automatic) or 1 to 1,000,000, got " +
                          std::to_string(spec.thinning));
    const bool has_intervals = !spec.lower.empty() || !spec.upper.empty();
    const bool has_ranking = !spec.ranking.empty();
    const bool has_linear = !spec.constraints.empty();
    centre_.assign(n_, 1.0 / static_cast<double>(n_));

    if (!spec.exact.empty()) {
        if (has_intervals || has_ranking || has_linear)
            throw DomainError("weights: exact weights exclude intervals, a ranking and constraints");
        double s = 0;
        for (std::size_t j = 0; j < n_; ++j) {
            const double w = spec.exact[j];
            if (!(w >= 0 && w <= 1))
                throw DomainError("weights: the weight of criterion '" + names[j] + "' must be in [0, 1], got " +
                                  num(w));
            s += w;
        }
        if (std::abs(s - 1.0) > 1e-9)
            throw DomainError("weights: exact weights must sum to 1, got " + num(s));
        exact_ = spec.exact;
        centre_ = exact_;
        method_ = WeightMethod::exact;
        return;
    }

    std::vector<int> rank_of;
    if (has_ranking) {
        for (std::size_t j = 0; j < n_; ++j)
            if (spec.ranking[j] < 0)
                throw DomainError("weights: the rank of criterion '" + names[j] +
                                  "' must be 1 (most important) or more, or 0 (unranked), got " +
                                  std::to_string(spec.ranking[j]));
        std::vector<int> levels;
        for (int r : spec.ranking)
            if (r > 0) levels.push_back(r);
        std::sort(levels.begin(), levels.end());
        levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
        const bool all_ranked = std::count(spec.ranking.begin(), spec.ranking.end(), 0) == 0;
        if (!has_intervals && !has_linear && all_ranked) {
            for (int level : levels) {
                groups_.emplace_back();
                for (std::size_t j = 0; j < n_; ++j)
                    if (spec.ranking[j] == level) groups_.back().push_back(static_cast<int>(j));
            }
            method_ = groups_.size() == 1 ? WeightMethod::dirichlet : WeightMethod::ranking;
            return;
        }
    } else if (!has_intervals && !has_linear) {
        method_ = WeightMethod::dirichlet;
        return;
    }

    // Hit-and-run: every statement as rows g w <= h, each labelled for the infeasibility message.
    method_ = WeightMethod::hit_and_run;
    std::vector<std::string> labels;
    auto add = [&](std::vector<double> row, double bound, std::string label) {
        g_.push_back(std::move(row));
        h_.push_back(bound);
        labels.push_back(std::move(label));
    };
    for (std::size_t j = 0; j < n_; ++j) {  // w >= 0
        std::vector<double> row(n_, 0.0);
        row[j] = -1.0;
        add(row, 0.0, "");
    }
    const std::size_t base = g_.size();
    if (has_intervals) {
        for (std::size_t j = 0; j < n_; ++j) {
            const double lo = spec.lower.empty() ? 0.0 : spec.lower[j];
            const double hi = spec.upper.empty() ? 1.0 : spec.upper[j];
            const std::string label = "the interval of criterion '" + names[j] + "' [" + num(lo) + ", " + num(hi) + "]";
            if (!(lo >= 0 && hi <= 1 && lo <= hi))
                throw DomainError("weights: " + label + " must satisfy 0 <= lower <= upper <= 1");
            std::vector<double> row(n_, 0.0);
            row[j] = -1.0;
            if (lo > 0) add(row, -lo, label);
            row[j] = 1.0;
            if (hi < 1) add(row, hi, label);
        }
    }
    if (has_ranking) {
        // Group k before group k' (k < k'): w_a >= w_b for a in k, b in k'. Consecutive groups suffice.
        std::vector<int> levels;
        for (int r : spec.ranking)
            if (r > 0) levels.push_back(r);
        std::sort(levels.begin(), levels.end());
        levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
        for (std::size_t l = 0; l + 1 < levels.size(); ++l)
            for (std::size_t a = 0; a < n_; ++a)
                for (std::size_t b = 0; b < n_; ++b)
                    if (spec.ranking[a] == levels[l] && spec.ranking[b] == levels[l + 1]) {
                        std::vector<double> row(n_, 0.0);
                        row[a] = -1.0;
                        row[b] = 1.0;
                        add(row, 0.0, "the ranking '" + names[a] + "' before '" + names[b] + "'");
                    }
    }
    for (std::size_t i = 0; i < spec.constraints.size(); ++i) {
        const auto& c = spec.constraints[i];
        const std::string label = mcda_detail::constraint_label(c, i, names);
        if (c.coefficients.size() != n_)
            throw DomainError("weights: " + label + " needs one coefficient per criterion (" + std::to_string(n_) +
                              "), got " + std::to_string(c.coefficients.size()));
        bool any = false;
        for (double a : c.coefficients) {
            if (!std::isfinite(a)) throw DomainError("weights: " + label + " has a coefficient that is not finite");
            any = any || a != 0;
        }
        if (!std::isfinite(c.bound)) throw DomainError("weights: " + label + " has a bound that is not finite");
        if (!any) throw DomainError("weights: " + label + " has no non-zero coefficient");
        std::vector<double> row = c.coefficients;
        double bound = c.bound;
        if (c.at_least) {
            for (auto& a : row) a = -a;
            bound = -bound;
        }
        add(row, bound, label);
    }
    double radius = 0;
    if (!mcda_detail::chebyshev_centre(g_, h_, n_, centre_, radius)) {
        // Name the first statement that cannot hold together with the ones before it.
        std::vector<std::vector<double>> g(g_.begin(), g_.begin() + static_cast<std::ptrdiff_t>(base));
        std::vector<double> h(h_.begin(), h_.begin() + static_cast<std::ptrdiff_t>(base)), cc;
        double r = 0;
        for (std::size_t i = base; i < g_.size(); ++i) {
            g.push_back(g_[i]);
            h.push_back(h_[i]);
            if (!mcda_detail::chebyshev_centre(g, h, n_, cc, r))
                throw DomainError("weights: " + labels[i] +
                                  " cannot hold together with the statements before it (weights are >= 0 and sum "
                                  "to 1): no weights satisfy them all");
        }
        throw DomainError("weights: no weights satisfy the constraints");
    }
    if (!(radius > 1e-9))
        throw DomainError("weights: the constraints leave no room to vary the weights (the feasible set has no "
                          "interior, e.g. an interval with lower == upper or two constraints that meet): give "
                          "exact weights, or widen the intervals");
    const auto d = static_cast<std::int64_t>(n_ - 1);
    thinning_ = spec.thinning > 0 ? spec.thinning : std::max<std::int64_t>(10, d * d * d);
}

void WeightSampler::sample_block(std::uint64_t seed, std::int64_t block, std::int64_t count, double* out) const {
    const std::size_t n = n_;
    if (method_ == WeightMethod::dirichlet)
        if (const auto lanes = mcda_detail::pick_dirichlet(n, std::make_index_sequence<15>{}))
            return lanes(seed, static_cast<std::uint64_t>(block), count, out);  // 2 to 16 criteria
    stats::FastStream g(seed, static_cast<std::uint64_t>(block));
    switch (method_) {
        case WeightMethod::exact:
            for (std::int64_t s = 0; s < count; ++s) std::copy(exact_.begin(), exact_.end(), out + s * n);
            return;
        case WeightMethod::dirichlet:
            mcda_detail::dirichlet_rows(g, n, count, out);
            return;
        case WeightMethod::ranking: {
            std::vector<double> w(n);
            for (std::int64_t s = 0; s < count; ++s) {
                mcda_detail::dirichlet1<0>(g, n, w.data());
                std::sort(w.begin(), w.end(), std::greater<>());
                double* row = out + s * n;
                std::size_t k = 0;
                for (const auto& group : groups_) {
                    // Tied criteria take the group's values in a random order (Fisher-Yates on the values).
                    for (std::size_t i = group.size(); i > 1; --i) std::swap(w[k + i - 1], w[k + mcda_detail::below(g, i)]);
                    for (int j : group) row[j] = w[k++];
                }
            }
            return;
        }
        case WeightMethod::hit_and_run: {
            const std::size_t k = g_.size();
            std::vector<double> x = centre_, d(n), gx(k), gd(k);
            for (std::size_t i = 0; i < k; ++i)
                gx[i] = std::inner_product(g_[i].begin(), g_[i].end(), x.begin(), 0.0);
            auto step = [&] {
                // A direction uniform on the unit sphere of the plane Σd = 0: a normal vector, centred.
                double mean = 0;
                for (auto& v : d) mean += (v = stats::standard_normal(g));
                mean /= static_cast<double>(n);
                for (auto& v : d) v -= mean;
                double lo = -1e300, hi = 1e300;
                for (std::size_t i = 0; i < k; ++i) {
                    const double a = std::inner_product(g_[i].begin(), g_[i].end(), d.begin(), 0.0);
                    gd[i] = a;
                    const double slack = std::max(0.0, h_[i] - gx[i]);
                    if (a > 1e-300) hi = std::min(hi, slack / a);
                    else if (a < -1e-300) lo = std::max(lo, slack / a);
                }
                if (!(hi > lo)) return;  // a degenerate chord (rounding at a face): stay
                const double t = lo + (hi - lo) * stats::uniform01(g);
                for (std::size_t j = 0; j < n; ++j) x[j] += t * d[j];
                for (std::size_t i = 0; i < k; ++i) gx[i] += t * gd[i];
            };
            // Burn-in from the centre, so each block's chain is near its stationary (uniform) law. A large thinning
            // makes one block long: ask about Ctrl-C every 4,096 steps.
            std::int64_t steps = 0;
            auto walk = [&](std::int64_t k) {
                for (std::int64_t t = 0; t < k; ++t) {
                    step();
                    if ((++steps & 4095) == 0) hp::check_cancelled();
                }
            };
            walk(10 * thinning_);
            for (std::int64_t s = 0; s < count; ++s) {
                walk(thinning_);
                // Clean rounding drift: clip at 0 and renormalise (drift is ~1e-16 a step).
                double sum = 0;
                for (auto& v : x) sum += (v = std::max(v, 0.0));
                double* row = out + s * n;
                for (std::size_t j = 0; j < n; ++j) row[j] = x[j] / sum;
            }
            return;
        }
    }
}

std::vector<double> sample_weights(const WeightSpec& spec, const std::vector<std::string>& names, std::int64_t n,
                                   std::uint64_t seed, int threads) {
    check_count(n, "n_sims", 1);
    check_threads(threads);
    const WeightSampler sampler(spec, names);
    const std::size_t c = names.size();
    std::vector<double> out(static_cast<std::size_t>(n) * c);
    const std::int64_t blocks = (n + WeightSampler::block_size - 1) / WeightSampler::block_size;
    stats::parallel_for(blocks, threads, [&](std::int64_t begin, std::int64_t end, int) {
        for (std::int64_t b = begin; b < end; ++b) {
            const std::int64_t first = b * WeightSampler::block_size;
            const std::int64_t count = std::min(WeightSampler::block_size, n - first);
            sampler.sample_block(seed, b, count, out.data() + first * static_cast<std::int64_t>(c));
        }
    });
    return out;
}

std::vector<double> swing_weights(const std::vector<double>& points, const std::vector<std::string>& names) {
    if (points.size() != names.size())
        throw DomainError("swing_weights: one score per criterion (" + std::to_string(names.size()) + "), got " +
                          std::to_string(points.size()));
    if (points.empty()) throw DomainError("swing_weights: there must be at least one criterion");
    double total = 0, top = 0;
    for (std::size_t j = 0; j < points.size(); ++j) {
        if (!(points[j] >= 0 && points[j] <= 100))
            throw DomainError("swing_weights: the points of criterion '" + names[j] +
                              "' must be from 0 to 100, got " + mcda_detail::num(points[j]));
        total += points[j];
        top = std::max(top, points[j]);
    }
    if (top != 100)
        throw DomainError("swing_weights: the most important swing must have 100 points (the others are scored "
                          "relative to it), got a largest of " + mcda_detail::num(top));
    std::vector<double> w(points.size());
    for (std::size_t j = 0; j < points.size(); ++j) w[j] = points[j] / total;
    return w;
}

}  // namespace hp::appraisal

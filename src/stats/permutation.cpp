#include "healthyplaces/stats/permutation.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/ranks.hpp"
#include "resampling_common.hpp"

namespace hp::stats {

using detail::with_commas;

namespace {
// Both tails' counts in one pass, split over threads like the resamples (the count is a sum: any split
// gives the same integers).
double pvalue_of(std::span<const double> null_distribution, double observed, Alternative alternative, bool exact,
                 int threads) {
    if (null_distribution.empty()) throw DomainError("permutation p-value: the null distribution is empty");
    // scipy: values within 100 machine epsilons of the observed value (relative) count as equal to it, so that
    // arrangements equal in theory but not in floating point are counted; a sampled null counts the observed
    // arrangement too (+1 above and below the line).
    const double gamma = std::abs(100 * std::numeric_limits<double>::epsilon() * observed);
    const auto B = static_cast<std::int64_t>(null_distribution.size());
    const int t = resolve_threads(threads, B / 65536 + 1);  // small nulls: one thread, no spawning
    std::vector<std::int64_t> at_most(static_cast<std::size_t>(t), 0), at_least(static_cast<std::size_t>(t), 0);
    parallel_for(B, t, [&](std::int64_t b0, std::int64_t b1, int worker) {
        std::int64_t le = 0, ge = 0;
        for (auto b = b0; b < b1; ++b) {
            const double v = null_distribution[static_cast<std::size_t>(b)];
            le += v <= observed + gamma;
            ge += v >= observed - gamma;
        }
        at_most[static_cast<std::size_t>(worker)] += le;  // += : a worker may run several chunks
        at_least[static_cast<std::size_t>(worker)] += ge;  // += : a worker may run several chunks
    });
    const double adjust = exact ? 0 : 1;
    const double total = static_cast<double>(B) + adjust;
    double le = adjust, ge = adjust;
    for (int w = 0; w < t; ++w) {
        le += static_cast<double>(at_most[static_cast<std::size_t>(w)]);
        ge += static_cast<double>(at_least[static_cast<std::size_t>(w)]);
    }
    double p = 0;
    switch (alternative) {
        case Alternative::less: p = le / total; break;
        case Alternative::greater: p = ge / total; break;
        case Alternative::two_sided: p = 2 * std::min(le, ge) / total; break;
    }
    return std::clamp(p, 0.0, 1.0);
}
}  // namespace

double permutation_pvalue(std::span<const double> null_distribution, double observed, Alternative alternative,
                          bool exact) {
    return pvalue_of(null_distribution, observed, alternative, exact, 1);
}

std::string_view to_string(PermutationType t) noexcept {
    return t == PermutationType::independent ? "independent" : "samples";
}

PermutationType parse_permutation_type(std::string_view name) {
    if (name == "independent") return PermutationType::independent;
    if (name == "samples") return PermutationType::samples;
    throw DomainError("unknown permutation_type '" + std::string(name) +
                      "': use 'independent' (relabel two groups) or 'samples' (flip signs within pairs)");
}

std::int64_t count_relabellings(std::int64_t nx, std::int64_t ny) noexcept {
    if (nx < 0 || ny < 0) return 0;
    return detail::binomial_sat(nx + ny, nx);
}

namespace {

void check_options(const PermutationOptions& o) {
    if (o.n_resamples < 1)
        throw DomainError("n_resamples must be a positive integer, got " + std::to_string(o.n_resamples));
    if (o.method == TestMethod::asymptotic)
        throw DomainError("a permutation test has no asymptotic method: use 'auto', 'exact' or 'monte_carlo'");
    if (o.max_exact < 1) throw DomainError("max_exact must be positive, got " + std::to_string(o.max_exact));
    validate(o.statistic);
}

// Whether to enumerate, given the number of arrangements by scipy's count (`rule_count`) and the number that
// enumeration would actually visit (`visit_count`).
bool decide_exact(const PermutationOptions& o, std::int64_t rule_count, std::int64_t visit_count, const char* what) {
    switch (o.method) {
        case TestMethod::exact:
            if (visit_count > o.max_exact)
                throw DomainError(std::string("exact permutation test: ") +
                                  (visit_count == std::numeric_limits<std::int64_t>::max() ? "more than 9e18"
                                                                                           : with_commas(visit_count)) +
                                  " " + what + " exceed max_exact = " + with_commas(o.max_exact) +
                                  "; use method 'monte_carlo'");
            return true;
        case TestMethod::monte_carlo: return false;
        default: return rule_count <= o.n_resamples && visit_count <= o.max_exact;
    }
}

PermutationResult finish(PermutationResult r, const PermutationOptions& o, std::int64_t n, const std::string& what) {
    // A difference of two statistics of values near ±1.8e308 can exceed the double range: refuse rather than
    // report an infinite statistic (or NaN) beside a p-value.
    if (!std::isfinite(r.statistic))
        throw DomainError("permutation_test: the observed statistic (" + describe(o.statistic) +
                          ") is beyond the double range (|value| > 1.8e308); rescale the data, e.g. divide it by 1e300");
    for (double v : r.null_distribution)
        if (std::isnan(v))
            throw DomainError("permutation_test: a rearrangement's statistic is undefined (overflow of values near "
                              "±1.8e308); rescale the data, e.g. divide it by 1e300");
    r.alternative = o.alternative;
    r.n = n;
    r.pvalue = pvalue_of(r.null_distribution, r.statistic, o.alternative, r.exact, o.threads);
    r.method = r.exact ? "exact permutation test of the " + what + " (all " +
                             with_commas(static_cast<std::int64_t>(r.null_distribution.size())) + " arrangements)"
                       : "Monte Carlo permutation test of the " + what + " (" +
                             with_commas(static_cast<std::int64_t>(r.null_distribution.size())) + " random arrangements)";
    return r;
}

// ---- independent samples: relabelling ----

// The next combination of k out of n in lexicographic order; false after the last.
bool next_combination(std::vector<std::int64_t>& c, std::int64_t n) {
    const auto k = static_cast<std::int64_t>(c.size());
    auto i = k - 1;
    while (i >= 0 && c[static_cast<std::size_t>(i)] == n - k + i) --i;
    if (i < 0) return false;
    ++c[static_cast<std::size_t>(i)];
    for (auto j = i + 1; j < k; ++j) c[static_cast<std::size_t>(j)] = c[static_cast<std::size_t>(j - 1)] + 1;
    return true;
}

// The rank-th combination of k out of n in lexicographic order (combinatorial number system).
std::vector<std::int64_t> unrank_combination(std::int64_t rank, std::int64_t n, std::int64_t k) {
    std::vector<std::int64_t> c(static_cast<std::size_t>(k));
    std::int64_t v = 0;
    for (std::int64_t i = 0; i < k; ++i) {
        for (;; ++v) {
            const auto with_v = detail::binomial_sat(n - v - 1, k - i - 1);  // combinations whose i-th member is v
            if (rank < with_v) break;
            rank -= with_v;
        }
        c[static_cast<std::size_t>(i)] = v++;
    }
    return c;
}

// Partial Fisher-Yates: the first nx entries of `idx` (reset to 0..N-1 first) become a uniformly random
// nx-subset. Resetting makes arrangement b depend on stream b alone.
void draw_relabelling(std::vector<std::int64_t>& idx, std::int64_t nx, RandomStream& rs) {
    std::iota(idx.begin(), idx.end(), std::int64_t{0});
    const auto N = static_cast<std::int64_t>(idx.size());
    for (std::int64_t i = 0; i < nx; ++i) {
        const auto j = i + static_cast<std::int64_t>(rs.below(static_cast<std::uint64_t>(N - i)));
        std::swap(idx[static_cast<std::size_t>(i)], idx[static_cast<std::size_t>(j)]);
    }
}

// ---- sign flips ----

// The non-zero differences ordered by |d| and grouped by equal |d|; the signed grid of values
// -a_m .. -a_1, [0], a_1 .. a_m on which a flipped sample is tallied.
struct SignFlips {
    std::int64_t n = 0, nz = 0, zeros = 0, words = 0;
    std::vector<std::int64_t> order;  // order[t]: position in d of the t-th non-zero |d|
    std::vector<double> a;            // |d| in that order
    std::vector<std::int64_t> group_start;  // m + 1 boundaries into 0..nz
    std::vector<double> grid;
    std::vector<std::int64_t> grid_counts;  // template: zeros filled in
    std::size_t zero_slot = 0;
    std::int64_t m = 0;
    // mean of many distinct |d|: per byte of bits, the signed sum of its 8 differences
    enum class Path { counts, table, direct } path = Path::counts;
    std::vector<double> table;

    explicit SignFlips(std::span<const double> d, const Statistic& stat) : n(static_cast<std::int64_t>(d.size())) {
        for (std::size_t i = 0; i < d.size(); ++i)
            if (d[i] != 0) order.push_back(static_cast<std::int64_t>(i));
        std::stable_sort(order.begin(), order.end(), [&](std::int64_t i, std::int64_t j) {
            return std::abs(d[static_cast<std::size_t>(i)]) < std::abs(d[static_cast<std::size_t>(j)]);
        });
        nz = static_cast<std::int64_t>(order.size());
        zeros = n - nz;
        words = (nz + 63) / 64;
        for (auto i : order) a.push_back(std::abs(d[static_cast<std::size_t>(i)]));
        for (std::int64_t t = 0; t < nz; ++t)
            if (t == 0 || a[static_cast<std::size_t>(t)] != a[static_cast<std::size_t>(t - 1)]) group_start.push_back(t);
        group_start.push_back(nz);
        m = static_cast<std::int64_t>(group_start.size()) - 1;
        const auto mm = static_cast<std::size_t>(m);
        for (std::size_t j = mm; j-- > 0;) grid.push_back(-a[static_cast<std::size_t>(group_start[j])]);
        zero_slot = grid.size();
        if (zeros > 0) grid.push_back(0.0);
        for (std::size_t j = 0; j < mm; ++j) grid.push_back(a[static_cast<std::size_t>(group_start[j])]);
        grid_counts.assign(grid.size(), 0);
        if (zeros > 0) grid_counts[zero_slot] = zeros;

        // (the signed sums of the fast paths could overflow near the double max: then the counts path, whose
        // mean is overflow-safe)
        const double abs_sum = std::accumulate(a.begin(), a.end(), 0.0);
        if (stat.kind == StatisticKind::mean && 8 * m > nz && std::isfinite(abs_sum)) {
            if (nz <= 8192) {
                path = Path::table;
                const auto chunks = static_cast<std::size_t>((nz + 7) / 8);
                table.assign(chunks * 256, 0.0);
                for (std::size_t c = 0; c < chunks; ++c)
                    for (unsigned byte = 0; byte < 256; ++byte) {
                        double s = 0;
                        for (unsigned bit = 0; bit < 8; ++bit) {
                            const std::size_t t = 8 * c + bit;
                            if (t >= a.size()) break;
                            s += (byte >> bit & 1u) ? a[t] : -a[t];
                        }
                        table[c * 256 + byte] = s;
                    }
            } else {
                path = Path::direct;
            }
        }
    }

    static std::int64_t ones(const std::uint64_t* w, std::int64_t s, std::int64_t e) {
        std::int64_t c = 0;
        while (s < e) {
            const auto word = s / 64, bit = s % 64;
            const auto take = std::min<std::int64_t>(64 - bit, e - s);
            std::uint64_t v = w[word] >> bit;
            if (take < 64) v &= (std::uint64_t{1} << take) - 1;
            c += std::popcount(v);
            s += take;
        }
        return c;
    }

    // The statistic with element t (in |d| order) positive when bit t of `w` is set, negative otherwise.
    double value(const Statistic& stat, const std::uint64_t* w, std::int64_t* counts) const {
        switch (path) {
            case Path::table: {
                double s = 0;
                const auto chunks = static_cast<std::size_t>((nz + 7) / 8);
                for (std::size_t c = 0; c < chunks; ++c) s += table[c * 256 + ((w[c / 8] >> (8 * (c % 8))) & 0xFF)];
                return s / static_cast<double>(n);
            }
            case Path::direct: {
                double s = 0;
                for (std::int64_t t = 0; t < nz; ++t) s += (w[t / 64] >> (t % 64) & 1u) ? a[static_cast<std::size_t>(t)] : -a[static_cast<std::size_t>(t)];
                return s / static_cast<double>(n);
            }
            case Path::counts:
            default: {
                const auto mm = static_cast<std::size_t>(m);
                const std::size_t pos0 = zero_slot + (zeros > 0 ? 1 : 0);
                if (zeros > 0) counts[zero_slot] = zeros;
                for (std::size_t j = 0; j < mm; ++j) {
                    const auto s = group_start[j], e = group_start[j + 1];
                    const auto k = ones(w, s, e);  // positive copies: a Binomial(e - s, 1/2) draw
                    counts[pos0 + j] = k;
                    counts[mm - 1 - j] = (e - s) - k;
                }
                return evaluate(stat, grid, counts, n);
            }
        }
    }
};

PermutationResult run_sign_flips(std::span<const double> d, const PermutationOptions& o, const std::string& what,
                                 std::int64_t n_report) {
    const Statistic& stat = o.statistic;
    SignFlips sf(d, stat);
    PermutationResult r;
    const std::int64_t rule = sf.n >= 63 ? std::numeric_limits<std::int64_t>::max() : std::int64_t{1} << sf.n;
    const std::int64_t visit = sf.nz >= 63 ? std::numeric_limits<std::int64_t>::max() : std::int64_t{1} << sf.nz;
    r.exact = decide_exact(o, rule, visit, "sign patterns");

    std::vector<std::uint64_t> obs(static_cast<std::size_t>(std::max<std::int64_t>(sf.words, 1)), 0);
    for (std::int64_t t = 0; t < sf.nz; ++t)
        if (d[static_cast<std::size_t>(sf.order[static_cast<std::size_t>(t)])] > 0) obs[static_cast<std::size_t>(t / 64)] |= std::uint64_t{1} << (t % 64);
    std::vector<std::int64_t> counts0 = sf.grid_counts;
    r.statistic = sf.value(stat, obs.data(), counts0.data());

    const std::int64_t B = r.exact ? visit : o.n_resamples;
    r.null_distribution.assign(static_cast<std::size_t>(B), 0.0);
    parallel_for(B, o.threads, [&](std::int64_t b0, std::int64_t b1, int) {
        std::vector<std::uint64_t> w(static_cast<std::size_t>(std::max<std::int64_t>(sf.words, 1)), 0);
        std::vector<std::int64_t> counts = sf.grid_counts;
        for (std::int64_t b = b0; b < b1; ++b) {
            if (r.exact) {
                w[0] = static_cast<std::uint64_t>(b);
            } else {
                RandomStream rs(o.seed, static_cast<std::uint64_t>(b));
                for (auto& x : w) x = rs();
            }
            r.null_distribution[static_cast<std::size_t>(b)] = sf.value(stat, w.data(), counts.data());
        }
    });
    return finish(std::move(r), o, n_report, what);
}

}  // namespace

PermutationResult permutation_test(std::span<const double> x, std::span<const double> y, const PermutationOptions& o) {
    check_options(o);
    detail::check_sample(x, "x", 2, "the permutation test");
    detail::check_sample(y, "y", 2, "the permutation test");
    const auto nx = static_cast<std::int64_t>(x.size()), ny = static_cast<std::int64_t>(y.size()), N = nx + ny;
    std::vector<double> pooled(x.begin(), x.end());
    pooled.insert(pooled.end(), y.begin(), y.end());
    const CountedSample c = tally(pooled);
    const Statistic& stat = o.statistic;
    const std::size_t k = c.values.size();

    // stat(x) - stat(y) for x given by its members (indices into the pooled sample); y is the rest.
    const auto value = [&](std::span<const std::int64_t> members, std::vector<std::int64_t>& cx,
                           std::vector<std::int64_t>& cy) {
        std::fill(cx.begin(), cx.end(), std::int64_t{0});
        for (auto i : members) ++cx[static_cast<std::size_t>(c.codes[static_cast<std::size_t>(i)])];
        for (std::size_t v = 0; v < k; ++v) cy[v] = c.counts[v] - cx[v];
        return evaluate(stat, c.values, cx.data(), nx) - evaluate(stat, c.values, cy.data(), ny);
    };

    PermutationResult r;
    const auto total = count_relabellings(nx, ny);
    r.exact = decide_exact(o, total, total, "relabellings");
    {
        std::vector<std::int64_t> members(static_cast<std::size_t>(nx)), cx(k), cy(k);
        std::iota(members.begin(), members.end(), std::int64_t{0});
        r.statistic = value(members, cx, cy);
    }
    const std::int64_t B = r.exact ? total : o.n_resamples;
    r.null_distribution.assign(static_cast<std::size_t>(B), 0.0);
    std::vector<std::vector<std::int64_t>> scratch(static_cast<std::size_t>(resolve_threads(o.threads, B)) * 2,
                                                   std::vector<std::int64_t>(k));
    parallel_for(B, o.threads, [&](std::int64_t b0, std::int64_t b1, int worker) {
        auto& cx = scratch[2 * static_cast<std::size_t>(worker)];
        auto& cy = scratch[2 * static_cast<std::size_t>(worker) + 1];
        if (r.exact) {
            auto comb = unrank_combination(b0, N, nx);
            for (std::int64_t b = b0; b < b1; ++b) {
                r.null_distribution[static_cast<std::size_t>(b)] = value(comb, cx, cy);
                next_combination(comb, N);
            }
        } else {
            std::vector<std::int64_t> idx(static_cast<std::size_t>(N));
            for (std::int64_t b = b0; b < b1; ++b) {
                RandomStream rs(o.seed, static_cast<std::uint64_t>(b));
                draw_relabelling(idx, nx, rs);
                r.null_distribution[static_cast<std::size_t>(b)] =
                    value(std::span<const std::int64_t>(idx.data(), static_cast<std::size_t>(nx)), cx, cy);
            }
        }
    });
    return finish(std::move(r), o, N, "difference in " + describe(stat) + " (x - y)");
}

PermutationResult paired_permutation_test(std::span<const double> x, std::span<const double> y,
                                          const PermutationOptions& o) {
    check_options(o);
    if (x.size() != y.size())
        throw DataError("paired samples must have the same length: x has " + std::to_string(x.size()) + " values, y has " +
                        std::to_string(y.size()));
    detail::check_sample(x, "x", 2, "the paired permutation test");
    detail::check_sample(y, "y", 2, "the paired permutation test");
    const std::vector<double> d = paired_differences(x, y, "the paired permutation test");
    return run_sign_flips(d, o, describe(o.statistic) + " of the paired differences (x - y)",
                          static_cast<std::int64_t>(d.size()));
}

PermutationResult sign_flip_test(std::span<const double> d, const PermutationOptions& o) {
    check_options(o);
    detail::check_sample(d, "d", 2, "the sign-flip test");
    return run_sign_flips(d, o, describe(o.statistic), static_cast<std::int64_t>(d.size()));
}

namespace {
/// The sample count a permutation type takes: (x, y) relabelled, or (x, y) paired / (d,) sign-flipped.
void check_sample_count(std::size_t n, PermutationType type) {
    if (type == PermutationType::independent && n != 2)
        throw DomainError("an independent-samples permutation test takes 2 samples, got " + std::to_string(n));
    if (type == PermutationType::samples && (n < 1 || n > 2))
        throw DomainError("a paired (sign-flip) permutation test takes 1 or 2 samples, got " + std::to_string(n));
}
}  // namespace

PermutationResult permutation_test_samples(std::span<const std::span<const double>> samples, PermutationType type,
                                           const PermutationOptions& options) {
    check_sample_count(samples.size(), type);
    if (type == PermutationType::independent) return permutation_test(samples[0], samples[1], options);
    return samples.size() == 1 ? sign_flip_test(samples[0], options)
                               : paired_permutation_test(samples[0], samples[1], options);
}

PermutationPlan plan_permutation(std::span<const std::span<const double>> samples, PermutationType type,
                                 const PermutationOptions& o) {
    check_options(o);
    check_sample_count(samples.size(), type);
    PermutationPlan plan;
    if (type == PermutationType::independent) {
        detail::check_sample(samples[0], "x", 2, "the permutation test");
        detail::check_sample(samples[1], "y", 2, "the permutation test");
        const auto total = count_relabellings(static_cast<std::int64_t>(samples[0].size()),
                                              static_cast<std::int64_t>(samples[1].size()));
        plan.exact = decide_exact(o, total, total, "relabellings");
        plan.arrangements = plan.exact ? total : o.n_resamples;
        return plan;
    }
    std::span<const double> d = samples[0];
    std::vector<double> differences;
    if (samples.size() == 2) {
        const auto x = samples[0], y = samples[1];
        if (x.size() != y.size())
            throw DataError("paired samples must have the same length: x has " + std::to_string(x.size()) +
                            " values, y has " + std::to_string(y.size()));
        detail::check_sample(x, "x", 2, "the paired permutation test");
        detail::check_sample(y, "y", 2, "the paired permutation test");
        differences = paired_differences(x, y, "the paired permutation test");
        d = differences;
    } else {
        detail::check_sample(d, "d", 2, "the sign-flip test");
    }
    const auto n = static_cast<std::int64_t>(d.size());
    const auto nz = static_cast<std::int64_t>(std::count_if(d.begin(), d.end(), [](double v) { return v != 0; }));
    constexpr auto top = std::numeric_limits<std::int64_t>::max();
    const std::int64_t rule = n >= 63 ? top : std::int64_t{1} << n, visit = nz >= 63 ? top : std::int64_t{1} << nz;
    plan.exact = decide_exact(o, rule, visit, "sign patterns");
    plan.arrangements = plan.exact ? visit : o.n_resamples;
    return plan;
}

void relabellings(std::int64_t nx, std::int64_t ny, bool exact, std::uint64_t seed, std::int64_t begin,
                  std::int64_t end, std::int64_t* out, int threads) {
    if (nx < 1 || ny < 1) throw DomainError("relabellings: both sample sizes must be positive");
    if (begin < 0 || end < begin) throw DomainError("relabellings: need 0 <= begin <= end");
    const std::int64_t N = nx + ny;
    if (exact && end > count_relabellings(nx, ny))
        throw DomainError("relabellings: there are only " + with_commas(count_relabellings(nx, ny)) + " arrangements");
    parallel_for(end - begin, threads, [&](std::int64_t b0, std::int64_t b1, int) {
        if (b0 >= b1) return;
        std::vector<char> in_x(static_cast<std::size_t>(N));
        if (exact) {
            auto comb = unrank_combination(begin + b0, N, nx);
            for (std::int64_t r = b0; r < b1; ++r) {
                std::int64_t* row = out + r * N;
                std::fill(in_x.begin(), in_x.end(), char{0});
                for (auto i : comb) {
                    *row++ = i;
                    in_x[static_cast<std::size_t>(i)] = 1;
                }
                for (std::int64_t i = 0; i < N; ++i)
                    if (!in_x[static_cast<std::size_t>(i)]) *row++ = i;
                next_combination(comb, N);
            }
        } else {
            std::vector<std::int64_t> idx(static_cast<std::size_t>(N));
            for (std::int64_t r = b0; r < b1; ++r) {
                RandomStream rs(seed, static_cast<std::uint64_t>(begin + r));
                draw_relabelling(idx, nx, rs);
                std::copy(idx.begin(), idx.end(), out + r * N);
            }
        }
    });
}

void sign_flips(std::span<const double> d, bool exact, std::uint64_t seed, std::int64_t begin, std::int64_t end,
                double* out, int threads) {
    if (begin < 0 || end < begin) throw DomainError("sign_flips: need 0 <= begin <= end");
    check_finite(d, "d");
    SignFlips sf(d, Statistic{StatisticKind::median});
    if (exact && (sf.nz >= 63 || end > (std::int64_t{1} << sf.nz)))
        throw DomainError("sign_flips: there are only 2^" + std::to_string(sf.nz) + " sign patterns");
    const auto n = static_cast<std::int64_t>(d.size());
    parallel_for(end - begin, threads, [&](std::int64_t b0, std::int64_t b1, int) {
        std::vector<std::uint64_t> w(static_cast<std::size_t>(std::max<std::int64_t>(sf.words, 1)), 0);
        for (std::int64_t r = b0; r < b1; ++r) {
            if (exact) {
                w[0] = static_cast<std::uint64_t>(begin + r);
            } else {
                RandomStream rs(seed, static_cast<std::uint64_t>(begin + r));
                for (auto& x : w) x = rs();
            }
            double* row = out + r * n;
            std::fill(row, row + n, 1.0);
            // bit set: element t becomes +|d|, clear: -|d|; as a factor on d, +1 where that is d's own sign
            for (std::int64_t t = 0; t < sf.nz; ++t) {
                const auto i = static_cast<std::size_t>(sf.order[static_cast<std::size_t>(t)]);
                const bool positive = w[static_cast<std::size_t>(t / 64)] >> (t % 64) & 1u;
                row[i] = positive == (d[i] > 0) ? 1.0 : -1.0;
            }
        }
    });
}

}  // namespace hp::stats

#include "healthyplaces/stats/wilcoxon.hpp"

#include <boost/math/distributions/binomial.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/ranks.hpp"
#include "rank_detail.hpp"

namespace hp::stats {

std::string_view to_string(ZeroMethod z) noexcept {
    switch (z) {
        case ZeroMethod::wilcox: return "wilcox";
        case ZeroMethod::pratt: return "pratt";
        case ZeroMethod::zsplit: return "zsplit";
    }
    return "?";
}

ZeroMethod parse_zero_method(std::string_view name) {
    if (name == "wilcox") return ZeroMethod::wilcox;
    if (name == "pratt") return ZeroMethod::pratt;
    if (name == "zsplit") return ZeroMethod::zsplit;
    throw DomainError("unknown zero_method '" + std::string(name) + "': use 'wilcox', 'pratt' or 'zsplit'");
}

SymmetricNull signed_rank_null(std::int64_t n) {
    if (n < 1) throw DataError("signed_rank_null: needs at least one non-zero difference, got n=" + std::to_string(n));
    const double max = static_cast<double>(n) * static_cast<double>(n + 1) / 2.0;
    if (max / 2 > detail::max_exact_cells || static_cast<double>(n) * max / 2 > detail::max_exact_work)
        throw DomainError("signed_rank_null: the exact distribution for n=" + std::to_string(n) +
                          " is too large to tabulate; use the asymptotic or monte_carlo method");
    struct Cache {
        std::vector<std::pair<std::int64_t, SymmetricNull>> entries;
    };
    thread_local Cache cache;  // recently used tables, per thread
    for (std::size_t i = 0; i < cache.entries.size(); ++i)
        if (cache.entries[i].first == n) {
            auto hit = cache.entries[i];
            cache.entries.erase(cache.entries.begin() + static_cast<std::ptrdiff_t>(i));
            cache.entries.insert(cache.entries.begin(), hit);
            return hit.second;
        }
    const std::int64_t top = n * (n + 1) / 2, half = top / 2;
    // Each rank k is in T+ with probability 1/2: P_k(t) = (P_{k−1}(t) + P_{k−1}(t − k)) / 2. Only additions of
    // positive terms and exact halvings, so every entry keeps full relative accuracy.
    std::vector<double> c(static_cast<std::size_t>(half + 1), 0.0);
    c[0] = 1.0;
    for (std::int64_t k = 1; k <= n; ++k) {
        const std::int64_t hi = std::min(half, k * (k + 1) / 2);
        for (std::int64_t t = hi; t >= k; --t)
            c[static_cast<std::size_t>(t)] = 0.5 * (c[static_cast<std::size_t>(t)] + c[static_cast<std::size_t>(t - k)]);
        for (std::int64_t t = std::min(k - 1, hi); t >= 0; --t) c[static_cast<std::size_t>(t)] *= 0.5;
    }
    SymmetricNull made(top, std::move(c));
    cache.entries.insert(cache.entries.begin(), {n, made});
    if (cache.entries.size() > 8) cache.entries.pop_back();
    return made;
}

namespace {

// Distribution of twice T+ over all sign flips of the items with doubled ranks `values` (plus a constant):
// one item at a time, each in the positive sum with probability 1/2.
detail::Lattice flip_distribution(const std::vector<std::int64_t>& values, std::int64_t constant) {
    const std::int64_t total = std::accumulate(values.begin(), values.end(), std::int64_t{0});
    if (static_cast<double>(total) > detail::max_exact_cells ||
        static_cast<double>(total) * static_cast<double>(values.size()) > detail::max_exact_work)
        throw DomainError("wilcoxon: the exact permutation distribution for " + std::to_string(values.size()) +
                          " differences is too costly to compute; use the asymptotic or monte_carlo method");
    detail::Lattice out;
    out.lo = constant;
    out.prob.assign(static_cast<std::size_t>(total + 1), 0.0);
    out.prob[0] = 1.0;
    std::int64_t reach = 0;
    for (auto v : values) {
        reach += v;
        for (std::int64_t s = reach; s >= v; --s)
            out.prob[static_cast<std::size_t>(s)] = 0.5 * (out.prob[static_cast<std::size_t>(s)] + out.prob[static_cast<std::size_t>(s - v)]);
        for (std::int64_t s = std::min(v - 1, reach); s >= 0; --s) out.prob[static_cast<std::size_t>(s)] *= 0.5;
    }
    return out;
}

std::vector<double> differences(std::span<const double> x, std::span<const double> y, const char* test) {
    if (x.size() != y.size())
        throw DataError(std::string(test) + ": paired samples must have the same length, got x of " +
                        std::to_string(x.size()) + " and y of " + std::to_string(y.size()));
    check_finite(x, (std::string(test) + ": sample x").c_str());
    check_finite(y, (std::string(test) + ": sample y").c_str());
    return paired_differences(x, y, test);
}

}  // namespace

TestResult wilcoxon(std::span<const double> d, const WilcoxonOptions& options) {
    if (d.empty()) throw DataError("wilcoxon: no differences given; the test needs at least one non-zero difference");
    check_finite(d, "wilcoxon: differences");
    if (options.method == TestMethod::monte_carlo) detail::check_monte_carlo(options.monte_carlo, "wilcoxon");
    const auto n_total = static_cast<std::int64_t>(d.size());
    const auto n_zero = static_cast<std::int64_t>(std::count(d.begin(), d.end(), 0.0));
    if (n_zero == n_total)
        throw DataError("wilcoxon: all " + std::to_string(n_total) +
                        " differences are zero; the test needs at least one non-zero difference");

    // what is ranked: the non-zero |d| (wilcox) or every |d| (pratt, zsplit; zeros take the lowest ranks)
    const bool drop_zeros = options.zero_method == ZeroMethod::wilcox;
    std::vector<double> absd, sign;
    absd.reserve(d.size());
    sign.reserve(d.size());
    for (double v : d)
        if (!(drop_zeros && v == 0.0)) {
            absd.push_back(std::fabs(v));
            sign.push_back(v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0));
        }
    const Ranking ranking = rank(absd);
    const auto count = static_cast<std::int64_t>(absd.size());
    const std::int64_t t0 = drop_zeros ? 0 : n_zero;  // zeros among the ranked
    std::int64_t plus2 = 0, minus2 = 0;                // twice T+ and T−
    std::vector<std::int64_t> flip_values;             // doubled ranks of the non-zero differences
    flip_values.reserve(absd.size());
    for (std::size_t i = 0; i < absd.size(); ++i) {
        const std::int64_t v = detail::doubled(ranking.ranks[i]);
        if (sign[i] > 0) plus2 += v;
        if (sign[i] < 0) minus2 += v;
        if (sign[i] != 0) flip_values.push_back(v);
    }
    std::int64_t constant2 = 0;  // zsplit: half the zeros' ranks go to each sum; they total t0(t0+1)/2
    if (options.zero_method == ZeroMethod::zsplit) {
        constant2 = t0 * (t0 + 1) / 2;
        plus2 += constant2;
        minus2 += constant2;
    }
    const bool ties = ranking.has_ties();

    TestResult res;
    res.alternative = options.alternative;
    res.n = count;
    res.statistic = static_cast<double>(options.alternative == Alternative::two_sided ? std::min(plus2, minus2) : plus2) / 2.0;

    TestMethod method = options.method;
    if (method == TestMethod::automatic) {  // scipy 1.17's rule
        if (n_total > 50) method = TestMethod::asymptotic;
        else if (!ties && n_zero == 0) method = TestMethod::exact;
        else if (n_total <= 13) method = TestMethod::exact;  // scipy: a permutation test that enumerates every flip
        else method = TestMethod::asymptotic;
    }
    // the plain table applies when the flipped ranks are exactly 1..count
    const bool untied = !ties && t0 == 0;
    auto exact_pvalue = [&]() {
        if (untied) {
            const SymmetricNull null = signed_rank_null(count);
            const std::int64_t t = plus2 / 2;
            return detail::tail_pvalue(options.alternative, null.cdf(t), null.sf(t - 1));
        }
        const detail::Lattice null = flip_distribution(flip_values, constant2);
        return detail::tail_pvalue(options.alternative, null.le(plus2), null.ge(plus2));
    };

    switch (method) {
        case TestMethod::exact:
            res.pvalue = exact_pvalue();
            res.method = untied ? "exact" : "exact (permutation distribution given the ties and zeros)";
            break;
        case TestMethod::asymptotic: {
            const auto c = static_cast<double>(count), z0 = static_cast<double>(t0);
            double mean = c * (c + 1) / 4.0;
            double var24 = c * (c + 1) * (2 * c + 1);  // 24·variance before the tie term
            double tie = ranking.tie_term();
            if (options.zero_method == ZeroMethod::pratt) {
                // Cureton (1967): the zeros' ranks are out of both the mean and the variance
                mean -= z0 * (z0 + 1) / 4.0;
                var24 -= z0 * (z0 + 1) * (2 * z0 + 1);
                tie -= z0 * z0 * z0 - z0;  // ...and their tie group out of the tie correction
            }
            const double se = std::sqrt((var24 - tie / 2.0) / 24.0);
            double z = (static_cast<double>(plus2) / 2.0 - mean) / se;
            if (options.correction) {
                double s = 1.0;
                if (options.alternative == Alternative::less) s = -1.0;
                if (options.alternative == Alternative::two_sided) s = z > 0 ? 1.0 : (z < 0 ? -1.0 : 0.0);
                z -= s * 0.5 / se;
            }
            switch (options.alternative) {
                case Alternative::less: res.pvalue = detail::normal_cdf(z); break;
                case Alternative::greater: res.pvalue = detail::normal_sf(z); break;
                case Alternative::two_sided: res.pvalue = 2.0 * detail::normal_sf(std::fabs(z)); break;
            }
            res.zstatistic = options.alternative == Alternative::two_sided ? -std::fabs(z) : z;
            res.method = std::string("asymptotic") + (options.correction ? ", continuity corrected" : "") +
                         (ties ? ", tie corrected" : "");
            break;
        }
        case TestMethod::monte_carlo: {
            const auto& mc = options.monte_carlo;
            if (n_total < 62 && (std::int64_t{1} << n_total) <= mc.n_resamples) {  // as scipy: enumerate 2^n flips
                res.pvalue = exact_pvalue();
                res.method = "exact (all " + std::to_string(std::int64_t{1} << n_total) +
                             " sign flips, no more than n_resamples)";
                break;
            }
            const int threads = resolve_threads(mc.threads, mc.n_resamples);
            std::vector<std::int64_t> n_le(static_cast<std::size_t>(threads), 0), n_ge(static_cast<std::size_t>(threads), 0);
            parallel_for(mc.n_resamples, threads, [&](std::int64_t b0, std::int64_t b1, int w) {
                std::int64_t le = 0, ge = 0;
                for (std::int64_t b = b0; b < b1; ++b) {
                    RandomStream rs(mc.seed, static_cast<std::uint64_t>(b));
                    std::int64_t s = constant2;
                    std::uint64_t bits = 0;
                    for (std::size_t i = 0; i < flip_values.size(); ++i) {
                        if (i % 64 == 0) bits = rs();
                        s += static_cast<std::int64_t>(bits & 1u) * flip_values[i];
                        bits >>= 1;
                    }
                    le += s <= plus2;
                    ge += s >= plus2;
                }
                n_le[static_cast<std::size_t>(w)] += le;  // += : a worker may run several chunks
                n_ge[static_cast<std::size_t>(w)] += ge;  // += : a worker may run several chunks
            });
            res.pvalue = detail::monte_carlo_pvalue(options.alternative, std::accumulate(n_le.begin(), n_le.end(), std::int64_t{0}),
                                                    std::accumulate(n_ge.begin(), n_ge.end(), std::int64_t{0}), mc.n_resamples);
            res.method = "monte_carlo (" + std::to_string(mc.n_resamples) + " random sign flips)";
            break;
        }
        case TestMethod::automatic: break;
    }
    return res;
}

TestResult wilcoxon(std::span<const double> x, std::span<const double> y, const WilcoxonOptions& options) {
    const std::vector<double> d = differences(x, y, "wilcoxon");
    return wilcoxon(d, options);
}

// ---------------------------------------------------------------------------------------------------------
// Sign test

TestResult sign_test(std::span<const double> d, const SignTestOptions& options) {
    if (d.empty()) throw DataError("sign_test: no differences given; the test needs at least one difference from mu");
    check_finite(d, "sign_test: differences");
    if (!std::isfinite(options.mu)) throw DomainError("sign_test: mu must be finite, got " + std::to_string(options.mu));
    if (options.method == TestMethod::monte_carlo)
        throw DomainError("sign_test: method 'monte_carlo' is not offered (the exact binomial test is always cheap): "
                          "use 'exact', 'asymptotic' or 'auto'");
    std::int64_t n = 0, k = 0;
    for (double v : d) {
        const double diff = v - options.mu;
        if (diff != 0.0) ++n;
        if (diff > 0.0) ++k;
    }
    if (n == 0)
        throw DataError("sign_test: all " + std::to_string(d.size()) + " differences equal mu (" +
                        format_number(options.mu) + "); the test needs at least one that does not");
    TestResult res;
    res.statistic = static_cast<double>(k);
    res.alternative = options.alternative;
    res.n = n;
    const auto nd = static_cast<double>(n), kd = static_cast<double>(k);
    if (options.method == TestMethod::asymptotic) {
        // K ~ Binomial(n, 1/2) ≈ Normal(n/2, n/4), half a count of continuity correction towards the mean
        const double sd = std::sqrt(nd) / 2.0, mid = nd / 2.0;
        const double z_less = (kd + 0.5 - mid) / sd, z_greater = (kd - 0.5 - mid) / sd;
        const double p_less = detail::normal_cdf(z_less), p_greater = detail::normal_sf(z_greater);
        res.pvalue = detail::tail_pvalue(options.alternative, p_less, p_greater);
        switch (options.alternative) {
            case Alternative::less: res.zstatistic = z_less; break;
            case Alternative::greater: res.zstatistic = z_greater; break;
            case Alternative::two_sided:
                res.zstatistic = (kd > mid ? 1.0 : -1.0) * std::max(std::fabs(kd - mid) - 0.5, 0.0) / sd;
                break;
        }
        res.method = "asymptotic, continuity corrected";
        return res;
    }
    const boost::math::binomial_distribution<double> binom(nd, 0.5);
    auto cdf = [&](std::int64_t j) { return j < 0 ? 0.0 : boost::math::cdf(binom, static_cast<double>(j)); };
    auto at_least = [&](std::int64_t j) {  // P(K >= j)
        return j <= 0 ? 1.0 : boost::math::cdf(boost::math::complement(binom, static_cast<double>(j - 1)));
    };
    auto pmf = [&](std::int64_t j) { return boost::math::pdf(binom, static_cast<double>(j)); };
    switch (options.alternative) {
        case Alternative::less: res.pvalue = cdf(k); break;
        case Alternative::greater: res.pvalue = at_least(k); break;
        case Alternative::two_sided: {
            // scipy.stats.binomtest: add every outcome on the far side of the mode no more likely than k
            // (with a relative allowance of 1e-7 for rounding in the probabilities)
            const double dk = pmf(k) * (1.0 + 1e-7);
            if (2 * k == n) {
                res.pvalue = 1.0;
            } else if (2 * k < n) {
                std::int64_t lo = (n + 1) / 2, hi = n;  // pmf decreases on [ceil(n/2), n]; find the first <= dk
                while (lo < hi) {
                    const std::int64_t mid = lo + (hi - lo) / 2;
                    if (pmf(mid) <= dk) hi = mid;
                    else lo = mid + 1;
                }
                res.pvalue = std::min(1.0, cdf(k) + at_least(lo));
            } else {
                std::int64_t lo = 0, hi = n / 2;  // pmf increases on [0, floor(n/2)]; find the last <= dk
                while (lo < hi) {
                    const std::int64_t mid = lo + (hi - lo + 1) / 2;
                    if (pmf(mid) <= dk) lo = mid;
                    else hi = mid - 1;
                }
                res.pvalue = std::min(1.0, (pmf(lo) <= dk ? cdf(lo) : 0.0) + at_least(k));
            }
            break;
        }
    }
    res.method = "exact (binomial)";
    return res;
}

TestResult sign_test(std::span<const double> x, std::span<const double> y, const SignTestOptions& options) {
    const std::vector<double> d = differences(x, y, "sign_test");
    return sign_test(d, options);
}

}  // namespace hp::stats

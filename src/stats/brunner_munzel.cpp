#include "healthyplaces/stats/brunner_munzel.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "healthyplaces/error.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/ranks.hpp"

namespace hp::stats {

std::string_view to_string(Approximation a) noexcept { return a == Approximation::t ? "t" : "normal"; }

Approximation parse_approximation(std::string_view name) {
    if (name == "t") return Approximation::t;
    if (name == "normal") return Approximation::normal;
    throw DomainError("unknown distribution '" + std::string(name) + "': use 't' or 'normal'");
}

namespace detail {

__extension__ typedef __int128 int128;  // GCC/Clang; __extension__ keeps -Wpedantic quiet

TwoSampleLevels two_sample_levels(std::span<const double> x, std::span<const double> y) {
    std::vector<double> xs(x.begin(), x.end()), ys(y.begin(), y.end());
    std::sort(xs.begin(), xs.end());
    std::sort(ys.begin(), ys.end());
    TwoSampleLevels t;
    t.nx = static_cast<std::int64_t>(xs.size());
    t.ny = static_cast<std::int64_t>(ys.size());
    t.a.reserve(xs.size() + ys.size());
    t.b.reserve(xs.size() + ys.size());
    std::size_t i = 0, j = 0;
    while (i < xs.size() || j < ys.size()) {
        double v;
        if (j == ys.size() || (i < xs.size() && xs[i] <= ys[j])) v = xs[i];
        else v = ys[j];
        std::int64_t ca = 0, cb = 0;
        while (i < xs.size() && xs[i] == v) ++i, ++ca;
        while (j < ys.size() && ys[j] == v) ++j, ++cb;
        t.a.push_back(ca);
        t.b.push_back(cb);
    }
    return t;
}

Placements placements(std::span<const std::int64_t> a, std::span<const std::int64_t> b) noexcept {
    Placements p;
    double below_a = 0, below_b = 0;  // observations of x (of y) at lower levels
    for (std::size_t l = 0; l < a.size(); ++l) {
        const auto al = static_cast<double>(a[l]), bl = static_cast<double>(b[l]);
        p.sum_x += al * (below_b + 0.5 * bl);
        p.sum_y += bl * (below_a + 0.5 * al);
        p.ties += al * bl;
        below_a += al;
        below_b += bl;
    }
    p.nx = below_a;
    p.ny = below_b;
    // second pass for the sums of squares: no cancellation, unlike Σp² − (Σp)²/n
    const double mx = p.sum_x / p.nx, my = p.sum_y / p.ny;
    below_a = below_b = 0;
    for (std::size_t l = 0; l < a.size(); ++l) {
        const auto al = static_cast<double>(a[l]), bl = static_cast<double>(b[l]);
        const double dx = below_b + 0.5 * bl - mx, dy = below_a + 0.5 * al - my;
        p.ss_x += al * dx * dx;
        p.ss_y += bl * dy * dy;
        below_a += al;
        below_b += bl;
    }
    return p;
}

double brunner_munzel_statistic(const Placements& p) noexcept {
    const double v = p.nx * p.ss_x / (p.nx - 1) + p.ny * p.ss_y / (p.ny - 1);
    const double num = p.sum_y - 0.5 * p.nx * p.ny;  // nx·ny·(p̂ − ½), exact: a multiple of ½
    if (v == 0) {
        if (num == 0) return nan;
        return num > 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    }
    return num / std::sqrt(v);
}

double brunner_munzel_df(const Placements& p) noexcept {
    const double vx = p.nx * p.ss_x / (p.nx - 1), vy = p.ny * p.ss_y / (p.ny - 1);
    if (vx + vy == 0) return nan;
    return (vx + vy) * (vx + vy) / (vx * vx / (p.nx - 1) + vy * vy / (p.ny - 1));
}

std::int64_t count_distinct_splits(std::span<const std::int64_t> sizes, std::int64_t n, std::int64_t cap) {
    // ways[s]: how many count vectors over the groups seen so far sum to s, saturated at cap + 1.
    const auto over = cap + 1;
    std::vector<std::int64_t> ways(static_cast<std::size_t>(n) + 1, 0), next(ways.size());
    std::vector<int128> prefix(ways.size() + 1);
    ways[0] = 1;
    for (auto c : sizes) {
        prefix[0] = 0;
        for (std::size_t s = 0; s < ways.size(); ++s) prefix[s + 1] = prefix[s] + ways[s];
        for (std::size_t s = 0; s < ways.size(); ++s) {
            // next[s] = Σ_{t=0..min(c,s)} ways[s − t]; a window holding a saturated entry saturates too
            const std::size_t lo = s >= static_cast<std::size_t>(c) ? s - static_cast<std::size_t>(c) : 0;
            const int128 w = prefix[s + 1] - prefix[lo];
            next[s] = w >= over ? over : static_cast<std::int64_t>(w);
        }
        ways.swap(next);
    }
    return ways[static_cast<std::size_t>(n)];
}

std::int64_t multinomial_capped(std::span<const std::int64_t> sizes, std::int64_t cap) {
    const int128 over = static_cast<int128>(cap) + 1;
    int128 r = 1;
    std::int64_t total = 0;
    for (auto nj : sizes) {
        total += nj;
        // C(total, nj) by the exact recurrence C(m − k + i, i) = C(m − k + i − 1, i − 1)·(m − k + i)/i
        const std::int64_t k = std::min(nj, total - nj);
        int128 c = 1;
        for (std::int64_t i = 1; i <= k; ++i) {
            c = c * (total - k + i) / i;
            if (c >= over) return static_cast<std::int64_t>(over);
        }
        r *= c;
        if (r >= over) return static_cast<std::int64_t>(over);
    }
    return static_cast<std::int64_t>(r);
}

std::vector<double> log_factorials(std::int64_t n) {
    std::vector<double> lf(static_cast<std::size_t>(n) + 1);
    for (std::size_t i = 0; i < lf.size(); ++i) lf[i] = std::lgamma(static_cast<double>(i) + 1.0);
    return lf;
}

std::string thousands(std::int64_t v) {
    const std::string s = std::to_string(v);
    std::string out;
    const std::size_t digits_start = (v < 0) ? 1 : 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i > digits_start && (s.size() - i) % 3 == 0) out += ',';
        out += s[i];
    }
    return out;
}

}  // namespace detail

namespace {

using detail::thousands;

using detail::Placements;

// p-value of the permutation test from the weights of the arrangements at least as extreme each way.
double permutation_pvalue(Alternative alt, double p_ge, double p_le) {
    // W large means y larger, i.e. x smaller: the alternative `less`.
    double p = 0;
    switch (alt) {
        case Alternative::less: p = p_ge; break;
        case Alternative::greater: p = p_le; break;
        case Alternative::two_sided: p = 2 * std::min(p_ge, p_le); break;
    }
    return std::clamp(p, 0.0, 1.0);
}

// Every distinct split of the pooled levels into x and y (a_l of the c_l values at level l go to x), weighted by
// ∏ C(c_l, a_l) / C(N, nx), the probability of that split under random labelling.
struct ExactSplits {
    const std::vector<std::int64_t>& c;
    std::vector<std::int64_t> suffix;  // suffix[l] = Σ_{l' ≥ l} c_l'
    std::vector<std::int64_t> a, b;
    std::vector<double> log_fact;
    double log_total = 0;
    double w_obs = 0, tol = 0;
    detail::NeumaierSum ge, le;

    ExactSplits(const std::vector<std::int64_t>& counts, std::int64_t nx, double observed)
        : c(counts), suffix(counts.size() + 1, 0), a(counts.size()), b(counts.size()), w_obs(observed) {
        for (std::size_t l = counts.size(); l-- > 0;) suffix[l] = suffix[l + 1] + counts[l];
        log_fact = detail::log_factorials(suffix[0]);
        const auto n = static_cast<std::size_t>(suffix[0]), k = static_cast<std::size_t>(nx);
        log_total = log_fact[n] - log_fact[k] - log_fact[n - k];
        tol = std::isfinite(observed) ? detail::permutation_rtol * std::abs(observed) : 0.0;
    }

    void run(std::size_t l, std::int64_t left, double logw) {
        if (l == c.size()) {
            const double w = brunner_munzel_statistic_of(a, b);
            const double prob = std::exp(logw - log_total);
            if (w >= w_obs - tol) ge.add(prob);
            if (w <= w_obs + tol) le.add(prob);
            return;
        }
        const std::int64_t lo = std::max<std::int64_t>(0, left - suffix[l + 1]), hi = std::min(c[l], left);
        const auto cl = static_cast<std::size_t>(c[l]);
        for (std::int64_t t = lo; t <= hi; ++t) {
            a[l] = t;
            b[l] = c[l] - t;
            const auto ut = static_cast<std::size_t>(t);
            run(l + 1, left - t, logw + log_fact[cl] - log_fact[ut] - log_fact[cl - ut]);
        }
    }

    static double brunner_munzel_statistic_of(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
        return detail::brunner_munzel_statistic(detail::placements(a, b));
    }
};

}  // namespace

BrunnerMunzelResult brunner_munzel(std::span<const double> x, std::span<const double> y,
                                   const BrunnerMunzelOptions& options) {
    check_finite(x, "x");
    check_finite(y, "y");
    for (auto [s, name] : {std::pair{x, "x"}, std::pair{y, "y"}})
        if (s.size() < 2)
            throw DataError(std::string(name) + ": the Brunner-Munzel test needs at least 2 observations in each "
                            "sample, got " + std::to_string(s.size()));
    const auto& mc = options.monte_carlo;
    if (options.method == TestMethod::monte_carlo && mc.n_resamples < 1)
        throw DomainError("n_resamples must be at least 1, got " + std::to_string(mc.n_resamples));

    const auto lv = detail::two_sample_levels(x, y);
    if (lv.a.size() == 1)
        throw DataError("x and y: every value is equal, so there is nothing to compare (the Brunner-Munzel "
                        "statistic is 0/0)");
    const Placements obs = detail::placements(lv.a, lv.b);
    const double w = detail::brunner_munzel_statistic(obs);

    BrunnerMunzelResult r;
    r.statistic = w;
    r.alternative = options.alternative;
    r.n = lv.nx + lv.ny;
    r.estimate = obs.sum_y / (obs.nx * obs.ny);

    const std::int64_t n_total = lv.nx + lv.ny;
    std::vector<std::int64_t> counts(lv.a.size());
    for (std::size_t l = 0; l < counts.size(); ++l) counts[l] = lv.a[l] + lv.b[l];

    TestMethod method = options.method;
    if (method == TestMethod::automatic) method = TestMethod::asymptotic;
    bool enumerate = method == TestMethod::exact;
    std::int64_t distinct = 0;
    if (method == TestMethod::exact || method == TestMethod::monte_carlo) {
        distinct = detail::count_distinct_splits(counts, lv.nx, options.max_arrangements);
        if (method == TestMethod::exact && distinct > options.max_arrangements)
            throw DomainError("exact Brunner-Munzel test: more than " + thousands(options.max_arrangements) +
                              " distinct assignments of the " + std::to_string(n_total) +
                              " pooled values to samples of sizes " + std::to_string(lv.nx) + " and " +
                              std::to_string(lv.ny) + "; use method 'monte_carlo' (or raise max_arrangements)");
        // as scipy.stats.permutation_test: asking for at least as many resamples as there are arrangements
        // (C(N, nx) labellings) gets the exact distribution
        if (method == TestMethod::monte_carlo && distinct <= options.max_arrangements) {
            const std::int64_t sizes[] = {lv.nx, lv.ny};
            if (detail::multinomial_capped(sizes, mc.n_resamples) <= mc.n_resamples) enumerate = true;
        }
    }

    if (enumerate) {
        ExactSplits ex(counts, lv.nx, w);
        ex.run(0, lv.nx, 0.0);
        r.pvalue = permutation_pvalue(options.alternative, ex.ge.value(), ex.le.value());
        r.method = "exact studentized permutation test (Neubert & Brunner 2007): " + thousands(distinct) +
                   " distinct assignments of the pooled values enumerated";
        return r;
    }
    if (method == TestMethod::monte_carlo) {
        // Each resample b draws from RandomStream(seed, b) alone: a partial Fisher-Yates shuffle picks x's nx
        // observations out of the pooled level indices.
        std::vector<std::int32_t> pooled;
        pooled.reserve(static_cast<std::size_t>(n_total));
        for (std::size_t l = 0; l < counts.size(); ++l)
            pooled.insert(pooled.end(), static_cast<std::size_t>(counts[l]), static_cast<std::int32_t>(l));
        const int t = resolve_threads(mc.threads, mc.n_resamples);
        std::vector<std::int64_t> n_ge(static_cast<std::size_t>(t), 0), n_le(static_cast<std::size_t>(t), 0);
        const double tol = std::isfinite(w) ? detail::permutation_rtol * std::abs(w) : 0.0;
        parallel_for(mc.n_resamples, t, [&](std::int64_t begin, std::int64_t end, int worker) {
            std::vector<std::int32_t> buf(pooled.size());
            std::vector<std::int64_t> a(counts.size()), b(counts.size());
            std::int64_t ge = 0, le = 0;
            for (std::int64_t s = begin; s < end; ++s) {
                RandomStream rs(mc.seed, static_cast<std::uint64_t>(s));
                std::copy(pooled.begin(), pooled.end(), buf.begin());
                std::fill(a.begin(), a.end(), 0);
                const auto nn = static_cast<std::uint64_t>(buf.size());
                for (std::uint64_t i = 0; i < static_cast<std::uint64_t>(lv.nx); ++i) {
                    std::swap(buf[i], buf[i + rs.below(nn - i)]);
                    ++a[static_cast<std::size_t>(buf[i])];
                }
                for (std::size_t l = 0; l < counts.size(); ++l) b[l] = counts[l] - a[l];
                const double ws = detail::brunner_munzel_statistic(detail::placements(a, b));
                ge += ws >= w - tol;
                le += ws <= w + tol;
            }
            n_ge[static_cast<std::size_t>(worker)] = ge;
            n_le[static_cast<std::size_t>(worker)] = le;
        });
        double ge = 0, le = 0;
        for (int i = 0; i < t; ++i) {
            ge += static_cast<double>(n_ge[static_cast<std::size_t>(i)]);
            le += static_cast<double>(n_le[static_cast<std::size_t>(i)]);
        }
        const double denom = static_cast<double>(mc.n_resamples) + 1;
        r.pvalue = permutation_pvalue(options.alternative, (ge + 1) / denom, (le + 1) / denom);
        r.method = "Monte Carlo studentized permutation test (Neubert & Brunner 2007): " +
                   thousands(mc.n_resamples) + " resamples, seed " + std::to_string(mc.seed);
        return r;
    }

    // asymptotic
    const bool use_t = options.distribution == Approximation::t;
    if (std::isinf(w)) {
        // zero variance (no overlap): the p-value's limit as |W| → ∞, the same under t (any df) and normal
        const bool toward_less = w > 0;  // y above x
        switch (options.alternative) {
            case Alternative::two_sided: r.pvalue = 0; break;
            case Alternative::less: r.pvalue = toward_less ? 0 : 1; break;
            case Alternative::greater: r.pvalue = toward_less ? 1 : 0; break;
        }
        r.method = std::string("asymptotic (") + (use_t ? "t" : "normal") +
                   "), degenerate: the samples do not overlap, so the variance estimate is zero, the statistic is "
                   "infinite and the p-value is its limit; use method 'exact' for small samples";
        return r;
    }
    // only the tail the alternative needs: each t tail is an incomplete beta function, the costly part of a call
    auto tail = [&](const auto& dist) {
        switch (options.alternative) {
            case Alternative::less: return cdf(complement(dist, w));  // P(T ≥ W)
            case Alternative::greater: return cdf(dist, w);           // P(T ≤ W)
            case Alternative::two_sided: break;
        }
        return std::min(1.0, 2 * cdf(complement(dist, std::abs(w))));
    };
    if (use_t) {
        r.df = detail::brunner_munzel_df(obs);
        r.pvalue = tail(boost::math::students_t(r.df));
        r.method = "asymptotic (Student t, Welch-Satterthwaite df)";
    } else {
        r.pvalue = tail(boost::math::normal());
        r.zstatistic = w;
        r.method = "asymptotic (normal)";
    }
    return r;
}

}  // namespace hp::stats

#include "healthyplaces/stats/brunner_munzel.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "healthyplaces/base/error.hpp"
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

// Twice the placements are integers: x at level l sits above 2·B + b_l halves of y (B: y below level l). Sums of
// them and of their squares are exact in 128 bits, so Σ(P − P̄)² = (n·ΣP² − (ΣP)²)/n has a single rounding, and
// the same table always gives bit-identical statistics however it was reached (enumerated, sampled, observed).
struct PlacementSums {
    std::int64_t nx = 0, ny = 0;
    int128 t1x = 0, t2x = 0, t1y = 0, t2y = 0;  // Σ 2P, Σ (2P)² over x; same over y
    void add_x(std::int64_t count, std::int64_t twice) {
        t1x += static_cast<int128>(count) * twice;
        t2x += static_cast<int128>(count) * twice * twice;
    }
    void add_y(std::int64_t count, std::int64_t twice) {
        t1y += static_cast<int128>(count) * twice;
        t2y += static_cast<int128>(count) * twice * twice;
    }
    Placements finish() const noexcept {
        Placements p;
        p.nx = static_cast<double>(nx);
        p.ny = static_cast<double>(ny);
        p.sum_x = static_cast<double>(t1x) / 2;
        p.sum_y = static_cast<double>(t1y) / 2;
        p.ss_x = static_cast<double>(static_cast<int128>(nx) * t2x - t1x * t1x) / (4 * p.nx);
        p.ss_y = static_cast<double>(static_cast<int128>(ny) * t2y - t1y * t1y) / (4 * p.ny);
        return p;
    }
};

Placements placements(std::span<const std::int64_t> a, std::span<const std::int64_t> b) noexcept {
    PlacementSums s;
    std::int64_t below_a = 0, below_b = 0;  // observations of x (of y) at lower levels
    int128 ties = 0;
    for (std::size_t l = 0; l < a.size(); ++l) {
        s.add_x(a[l], 2 * below_b + b[l]);
        s.add_y(b[l], 2 * below_a + a[l]);
        ties += static_cast<int128>(a[l]) * b[l];
        below_a += a[l];
        below_b += b[l];
    }
    s.nx = below_a;
    s.ny = below_b;
    Placements p = s.finish();
    p.ties = static_cast<double>(ties);
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

std::int64_t enumerate_tables(std::span<const std::int64_t> counts, std::span<const std::int64_t> sizes,
                              TableVisitor& visitor, std::int64_t budget) {
    const std::size_t levels = counts.size(), k = sizes.size();
    std::int64_t n = 0;
    for (auto c : counts) n += c;
    std::vector<double> lf(static_cast<std::size_t>(n) + 1);  // log i!
    // Boost's lgamma: accurate for large arguments and, unlike std::lgamma, it writes no global (signgam)
    for (std::size_t i = 0; i < lf.size(); ++i) lf[i] = boost::math::lgamma(static_cast<double>(i) + 1.0);
    double log_total = lf[static_cast<std::size_t>(n)];  // log N!/∏ n_j!
    for (auto nj : sizes) log_total -= lf[static_cast<std::size_t>(nj)];

    std::vector<std::int64_t> cap(sizes.begin(), sizes.end());  // room left in each group
    std::vector<std::int64_t> t(levels * k, 0);                 // row l at t[l·k .. l·k + k)
    std::vector<double> logw(levels + 1, 0.0);                  // log ∏_{l' < l} c!/∏ t! along the path
    std::size_t open = 0;
    for (auto c : cap) open += c > 0;

    auto row = [&](std::size_t l) { return std::span<std::int64_t>(t.data() + l * k, k); };
    auto push = [&](std::size_t l) {
        auto r = row(l);
        double w = logw[l] + lf[static_cast<std::size_t>(counts[l])];
        for (std::size_t j = 0; j < k; ++j) {
            w -= lf[static_cast<std::size_t>(r[j])];
            if (r[j] > 0 && (cap[j] -= r[j]) == 0) --open;
        }
        logw[l + 1] = w;
        visitor.push(l, r);
    };
    auto pop = [&](std::size_t l) {
        auto r = row(l);
        visitor.pop(l, r);
        for (std::size_t j = 0; j < k; ++j)
            if (r[j] > 0 && (cap[j] += r[j]) == r[j]) ++open;
    };
    // First row of level l: greedy, each group as full as it can be (Σ cap ≥ c_l always holds).
    auto first = [&](std::size_t l) {
        auto r = row(l);
        std::int64_t rest = counts[l];
        for (std::size_t j = 0; j < k; ++j) rest -= (r[j] = std::min(cap[j], rest));
    };
    // Next row in decreasing lexicographic order: move one unit from the rightmost group that can give one to a
    // later group with room, then refill the later groups greedily.
    auto next = [&](std::size_t l) {
        auto r = row(l);
        std::int64_t room = 0, moved = 0;  // room and counts in groups after j
        for (std::size_t j = k - 1; j-- > 0;) {
            room += cap[j + 1] - r[j + 1];
            moved += r[j + 1];
            if (r[j] > 0 && room > 0) {
                --r[j];
                ++moved;
                for (std::size_t i = j + 1; i < k; ++i) moved -= (r[i] = std::min(cap[i], moved));
                return true;
            }
        }
        return false;
    };

    std::int64_t tables = 0;
    std::size_t l = 0;
    bool descending = true;
    for (;;) {
        if (descending) {
            if (open <= 1 || l == levels) {
                std::size_t g = 0;
                while (g + 1 < k && cap[g] == 0) ++g;
                visitor.leaf(l, g, std::exp(logw[l] - log_total));
                if (++tables > budget) return tables;
                if (l == 0) return tables;
                --l;
                descending = false;
                continue;
            }
            first(l);
            push(l);
            ++l;
            continue;
        }
        pop(l);
        if (next(l)) {
            push(l);
            ++l;
            descending = true;
        } else {
            if (l == 0) return tables;
            --l;
        }
    }
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

// The studentized permutation distribution over distinct splits of the pooled levels into x (group 0) and y.
class SplitVisitor final : public detail::TableVisitor {
public:
    SplitVisitor(std::int64_t nx, std::int64_t ny, double observed)
        : observed_(observed),
          tol_(std::isfinite(observed) ? detail::permutation_rtol * std::abs(observed) : 0.0) {
        sums_.nx = nx;
        sums_.ny = ny;
    }
    void push(std::size_t, std::span<const std::int64_t> r) override {
        sums_.add_x(r[0], 2 * below_y_ + r[1]);
        sums_.add_y(r[1], 2 * below_x_ + r[0]);
        below_x_ += r[0];
        below_y_ += r[1];
    }
    void pop(std::size_t, std::span<const std::int64_t> r) override {
        below_x_ -= r[0];
        below_y_ -= r[1];
        sums_.add_x(-r[0], 2 * below_y_ + r[1]);
        sums_.add_y(-r[1], 2 * below_x_ + r[0]);
    }
    void leaf(std::size_t, std::size_t group, double probability) override {
        // the rest all go to one sample, above everything of the other (which is full)
        detail::PlacementSums s = sums_;
        const std::int64_t rest = s.nx + s.ny - below_x_ - below_y_;
        if (group == 0) s.add_x(rest, 2 * below_y_);
        else s.add_y(rest, 2 * below_x_);
        const double w = detail::brunner_munzel_statistic(s.finish());
        if (w >= observed_ - tol_) ge.add(probability);
        if (w <= observed_ + tol_) le.add(probability);
    }
    detail::NeumaierSum ge, le;

private:
    detail::PlacementSums sums_;
    std::int64_t below_x_ = 0, below_y_ = 0;
    double observed_, tol_;
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
    const std::int64_t sizes[] = {lv.nx, lv.ny};
    const std::int64_t limit = options.max_arrangements;
    // Enumerate for exact, and for monte_carlo when it asks for at least as many resamples as there are
    // labellings C(N, nx) (as scipy.stats.permutation_test does).
    if (method == TestMethod::exact ||
        (method == TestMethod::monte_carlo && detail::multinomial_capped(sizes, mc.n_resamples) <= mc.n_resamples)) {
        // Refuse early when the count of distinct splits is cheap to know; otherwise the enumeration's budget
        // stops it.
        bool over = false;
        if (detail::multinomial_capped(sizes, limit) > limit) {
            const std::int64_t small = std::min(lv.nx, lv.ny);
            if (static_cast<double>(counts.size()) * static_cast<double>(small + 1) <= 5e7)
                over = detail::count_distinct_splits(counts, small, limit) > limit;
        }
        std::int64_t tables = limit + 1;
        SplitVisitor visit(lv.nx, lv.ny, w);
        if (!over) tables = detail::enumerate_tables(counts, sizes, visit, limit);
        if (tables <= limit) {
            r.pvalue = permutation_pvalue(options.alternative, visit.ge.value(), visit.le.value());
            r.method = "exact studentized permutation test (Neubert & Brunner 2007): " + thousands(tables) +
                       " distinct assignments of the pooled values enumerated";
            return r;
        }
        if (method == TestMethod::exact)
            throw DomainError("exact Brunner-Munzel test: more than " + thousands(limit) +
                              " distinct assignments of the " + std::to_string(n_total) +
                              " pooled values to samples of sizes " + std::to_string(lv.nx) + " and " +
                              std::to_string(lv.ny) + "; use method 'monte_carlo' (or raise max_arrangements)");
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
            n_ge[static_cast<std::size_t>(worker)] += ge;  // += : a worker may run several chunks
            n_le[static_cast<std::size_t>(worker)] += le;  // += : a worker may run several chunks
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

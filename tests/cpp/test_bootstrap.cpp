// Named statistics, the jackknife and the bootstrap: hand-worked values, brute-force enumeration of every
// index resample for tiny samples, Monte Carlo against exact within stated Monte Carlo error, thread
// invariance, and every bad input.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/bootstrap.hpp"
#include "healthyplaces/stats/random.hpp"

using namespace hp::stats;

namespace {

Statistic make(StatisticKind k) {
    Statistic s;
    s.kind = k;
    return s;
}

// Every one of the n^n index resamples of x (and, for two samples, of y), with the statistic tallied:
// the definition of the exact bootstrap distribution, by brute force.
std::map<double, double> brute_force(const std::vector<double>& x, const Statistic& s) {
    const std::size_t n = x.size();
    std::size_t total = 1;
    for (std::size_t i = 0; i < n; ++i) total *= n;
    std::map<double, double> dist;
    std::vector<double> r(n);
    for (std::size_t code = 0; code < total; ++code) {
        std::size_t c = code;
        for (std::size_t i = 0; i < n; ++i, c /= n) r[i] = x[c % n];
        dist[evaluate(s, r)] += 1.0 / static_cast<double>(total);
    }
    return dist;
}

std::vector<double> ordinal(std::size_t n, std::uint64_t seed, int levels = 4) {
    RandomStream rs(seed, 999);
    std::vector<double> x(n);
    for (auto& v : x) v = 1.0 + static_cast<double>(rs.below(static_cast<std::uint64_t>(levels)));
    return x;
}

// Inverse CDF of an exact distribution at p (smallest value whose cumulative probability reaches p).
double inverse_cdf(const BootstrapResult& r, double p) {
    double cum = 0;
    for (std::size_t i = 0; i < r.distribution.size(); ++i) {
        cum += r.probabilities[i];
        if (cum >= p - 1e-12) return r.distribution[i];
    }
    return r.distribution.back();
}

}  // namespace

TEST_CASE("named statistics: hand-worked values, numpy's definitions") {
    const std::vector<double> x{4, 1, 3, 3, 2, 1, 3, 4};  // sorted: 1 1 2 3 3 3 4 4, n = 8
    CHECK(evaluate(make(StatisticKind::mean), x) == doctest::Approx(21.0 / 8).epsilon(1e-15));
    CHECK(evaluate(make(StatisticKind::median), x) == 3.0);                        // (3 + 3) / 2
    CHECK(evaluate(make(StatisticKind::median), std::vector<double>{1, 2, 4, 9}) == 3.0);  // (2 + 4) / 2
    CHECK(evaluate(make(StatisticKind::mode), x) == 3.0);
    Statistic share = make(StatisticKind::share_at_or_above);
    share.threshold = 3;
    CHECK(evaluate(share, x) == 5.0 / 8);
    share.threshold = 3.5;
    CHECK(evaluate(share, x) == 2.0 / 8);

    // quantile p = 0.3 of 1 1 2 3 3 3 4 4: numpy's virtual index (n - 1) p = 2.1
    Statistic q = make(StatisticKind::quantile);
    q.p = 0.3;
    q.quantile_method = QuantileMethod::linear;  // y[2] + 0.1 (y[3] - y[2]) = 2 + 0.1
    CHECK(evaluate(q, x) == doctest::Approx(2.1).epsilon(1e-15));
    q.quantile_method = QuantileMethod::lower;  // y[2]
    CHECK(evaluate(q, x) == 2.0);
    q.quantile_method = QuantileMethod::higher;  // y[3]
    CHECK(evaluate(q, x) == 3.0);
    q.quantile_method = QuantileMethod::nearest;  // y[round(2.1)] = y[2]
    CHECK(evaluate(q, x) == 2.0);
    q.quantile_method = QuantileMethod::midpoint;  // (y[2] + y[3]) / 2
    CHECK(evaluate(q, x) == 2.5);
    q.quantile_method = QuantileMethod::inverted_cdf;  // n p = 2.4 -> y[ceil(2.4) - 1] = y[2]
    CHECK(evaluate(q, x) == 2.0);
    q.p = 0.25;  // n p = 2 exactly -> y[1]
    CHECK(evaluate(q, x) == 1.0);
    q.p = 1.0;
    q.quantile_method = QuantileMethod::linear;
    CHECK(evaluate(q, x) == 4.0);
    q.p = 0.0;
    CHECK(evaluate(q, x) == 1.0);
}

TEST_CASE("mode tie policies") {
    const std::vector<double> tied{1, 1, 2, 4, 4, 3};  // 1 and 4 both twice
    Statistic m = make(StatisticKind::mode);
    m.tie_policy = TiePolicy::lowest;
    CHECK(evaluate(m, tied) == 1.0);
    m.tie_policy = TiePolicy::highest;
    CHECK(evaluate(m, tied) == 4.0);
    m.tie_policy = TiePolicy::mean;
    CHECK(evaluate(m, tied) == 2.5);
    m.tie_policy = TiePolicy::error;
    CHECK_THROWS_AS(evaluate(m, tied), hp::DomainError);
    CHECK(evaluate(m, std::vector<double>{1, 2, 2}) == 2.0);
    CHECK(parse_tie_policy("highest") == TiePolicy::highest);
    CHECK_THROWS_WITH_AS(parse_tie_policy("first"), doctest::Contains("'lowest'"), hp::DomainError);
}

TEST_CASE("statistic names and parameters") {
    CHECK(parse_statistic("median").kind == StatisticKind::median);
    CHECK(parse_statistic("mean_difference").kind == StatisticKind::mean);
    CHECK(names_difference("mode_difference"));
    CHECK_FALSE(names_difference("mode"));
    CHECK_THROWS_WITH_AS(parse_statistic("average"), doctest::Contains("unknown statistic 'average'"), hp::DomainError);
    Statistic bad;
    bad.p = 1.5;
    CHECK_THROWS_WITH_AS(parse_statistic("quantile", bad), doctest::Contains("p must be in [0, 1]"), hp::DomainError);
    bad = make(StatisticKind::share_at_or_above);
    bad.threshold = std::nan("");
    CHECK_THROWS_AS(validate(bad), hp::DomainError);
    CHECK(describe(make(StatisticKind::mode)) == "mode (ties: lowest)");
}

TEST_CASE("jackknife: few-values and many-values paths agree with leaving each observation out") {
    // 400 observations: 300 distinct values (the aggregate path) with duplicates, and a 4-level sample.
    std::vector<double> many;
    for (int i = 0; i < 300; ++i) many.push_back(std::round(1000 * std::sin(i * 1.7)) / 10);
    for (int i = 0; i < 100; ++i) many.push_back(many[static_cast<std::size_t>(i * 3 % 300)]);
    for (int i = 0; i < 5; ++i) many.push_back(many[7]);  // a clear mode
    const auto few = ordinal(41, 3);
    std::vector<Statistic> stats{make(StatisticKind::mean), make(StatisticKind::median),
                                 make(StatisticKind::share_at_or_above)};
    stats.back().threshold = 2.5;
    for (auto method : {QuantileMethod::linear, QuantileMethod::lower, QuantileMethod::higher, QuantileMethod::nearest,
                        QuantileMethod::midpoint, QuantileMethod::inverted_cdf}) {
        Statistic q = make(StatisticKind::quantile);
        q.p = 0.37;
        q.quantile_method = method;
        stats.push_back(q);
    }
    for (auto tie : {TiePolicy::lowest, TiePolicy::highest, TiePolicy::mean}) {
        Statistic m = make(StatisticKind::mode);
        m.tie_policy = tie;
        stats.push_back(m);
    }
    for (const std::vector<double>* xs : std::vector<const std::vector<double>*>{&many, &few}) {
        const auto c = tally(*xs);
        for (const auto& s : stats) {
            CAPTURE(describe(s));
            const auto jk = jackknife(s, c);
            REQUIRE(jk.values.size() == c.values.size());
            CHECK(jk.n == static_cast<std::int64_t>(xs->size()));
            for (std::size_t i = 0; i < c.values.size(); ++i) {
                // leave out one copy of values[i] by hand
                std::vector<double> loo = *xs;
                loo.erase(std::find(loo.begin(), loo.end(), c.values[i]));
                CHECK(jk.weights[i] == static_cast<double>(c.counts[i]));
                CHECK(jk.values[i] == doctest::Approx(evaluate(s, loo)).epsilon(1e-12));
            }
        }
    }
}

TEST_CASE("exact bootstrap distribution: hand-worked n = 3 and brute force over all n^n resamples") {
    // x = {1, 2, 2}: the median of a resample is 1 when at least two of the three draws are 1:
    // P = 3 (1/3)^2 (2/3) + (1/3)^3 = 6/27 + 1/27 = 7/27; otherwise 2 (20/27).
    const auto d = exact_bootstrap_distribution(std::vector<double>{1, 2, 2}, make(StatisticKind::median));
    REQUIRE(d.values == std::vector<double>{1, 2});
    CHECK(d.probabilities[0] == doctest::Approx(7.0 / 27).epsilon(1e-13));
    CHECK(d.probabilities[1] == doctest::Approx(20.0 / 27).epsilon(1e-13));
    CHECK(d.n_resamples == 4);  // count vectors (#1s, #2s): (0,3), (1,2), (2,1), (3,0) = C(3 + 2 - 1, 1)
    CHECK(distinct_resamples(3, 2) == 4);
    CHECK(distinct_resamples(30, 4) == 5456);  // C(33, 3)
    CHECK(distinct_resamples(100000, 100000) == std::numeric_limits<std::int64_t>::max());

    std::vector<Statistic> stats{make(StatisticKind::mean), make(StatisticKind::median), make(StatisticKind::mode)};
    Statistic q = make(StatisticKind::quantile);
    q.p = 0.3;
    stats.push_back(q);
    Statistic share = make(StatisticKind::share_at_or_above);
    share.threshold = 2;
    stats.push_back(share);
    Statistic mean_mode = make(StatisticKind::mode);
    mean_mode.tie_policy = TiePolicy::mean;
    stats.push_back(mean_mode);
    for (const auto& x : {std::vector<double>{1, 2, 2}, std::vector<double>{1, 2, 4, 4}, std::vector<double>{3, 1, 4, 1, 5},
                          std::vector<double>{0.5, -1.25, 2, 7, 7, 3}}) {
        for (const auto& s : stats) {
            CAPTURE(describe(s));
            CAPTURE(x.size());
            const auto bf = brute_force(x, s);
            const auto ex = exact_bootstrap_distribution(x, s, 10'000'000, 3);
            REQUIRE(ex.values.size() == bf.size());
            std::size_t i = 0;
            double total = 0;
            for (const auto& [v, p] : bf) {
                CHECK(ex.values[i] == doctest::Approx(v).epsilon(1e-14));
                CHECK(ex.probabilities[i] == doctest::Approx(p).epsilon(1e-12));
                total += ex.probabilities[i];
                ++i;
            }
            CHECK(total == doctest::Approx(1.0).epsilon(1e-13));
        }
    }
}

TEST_CASE("exact bootstrap distribution of a difference: brute force over both samples' resamples") {
    const std::vector<double> x{1, 2, 2}, y{1, 3, 4};
    const auto s = make(StatisticKind::median);
    const auto bx = brute_force(x, s), by = brute_force(y, s);
    std::map<double, double> expected;
    for (const auto& [u, pu] : bx)
        for (const auto& [v, pv] : by) expected[u - v] += pu * pv;
    const auto ex = exact_bootstrap_distribution(x, y, s);
    REQUIRE(ex.values.size() == expected.size());
    std::size_t i = 0;
    for (const auto& [v, p] : expected) {
        CHECK(ex.values[i] == v);
        CHECK(ex.probabilities[i] == doctest::Approx(p).epsilon(1e-12));
        ++i;
    }
    CHECK(ex.n_resamples == 4 * 10);  // C(4, 1) count vectors for x, C(5, 2) for y
}

TEST_CASE("bootstrap interval arithmetic on a hand-sized distribution") {
    // Monte Carlo distribution 1..5 (B = 5); scipy's linear quantile: jg = pB + 1 - p, between the order
    // statistics floor(jg) - 1 and floor(jg). At p = 0.1: jg = 1.4 -> 0.6 * 1 + 0.4 * 2 = 1.4; at p = 0.9:
    // jg = 4.6 -> 0.4 * 4 + 0.6 * 5 = 4.6.
    const std::vector<double> dist{3, 1, 5, 2, 4};
    const std::vector<double> none;
    auto ci = bootstrap_interval(dist, none, 3.0, {}, IntervalMethod::percentile, 0.8, Alternative::two_sided);
    CHECK(ci.low == doctest::Approx(1.4).epsilon(1e-14));
    CHECK(ci.high == doctest::Approx(4.6).epsilon(1e-14));
    // basic: 2 * theta - (high, low) with theta = 2.5
    ci = bootstrap_interval(dist, none, 2.5, {}, IntervalMethod::basic, 0.8, Alternative::two_sided);
    CHECK(ci.low == doctest::Approx(5 - 4.6).epsilon(1e-14));
    CHECK(ci.high == doctest::Approx(5 - 1.4).epsilon(1e-14));
    // one-sided at 0.8: alpha = 0.2 -> jg = 0.2 * 5 + 0.8 = 1.8 -> 0.2 * 1 + 0.8 * 2 = 1.8
    ci = bootstrap_interval(dist, none, 3.0, {}, IntervalMethod::percentile, 0.8, Alternative::greater);
    CHECK(ci.low == doctest::Approx(1.8).epsilon(1e-14));
    CHECK(ci.high == std::numeric_limits<double>::infinity());
    ci = bootstrap_interval(dist, none, 3.0, {}, IntervalMethod::percentile, 0.8, Alternative::less);
    CHECK(ci.low == -std::numeric_limits<double>::infinity());
    CHECK(ci.high == doctest::Approx(4.2).epsilon(1e-14));  // p = 0.8: jg = 4.2 -> 0.8 * 4 + 0.2 * 5

    // BCa: observed 3 sits mid-distribution: (2 below + 3 at or below) / (2 * 5) = 0.5 -> z0 = 0.
    // Jackknife {0, 0, 3} (n = 3): mean 1; U = 2 (1 - theta_i) = 2, 2, -4;
    // a = (1/6) (sum U^3 / 27) / (sum U^2 / 9)^1.5 = (1/6) (-48 / 27) / (24 / 9)^1.5.
    Jackknife jk{{0, 3}, {2, 1}, 3};
    const double a = (1.0 / 6) * (-48.0 / 27) / std::pow(24.0 / 9, 1.5);
    ci = bootstrap_interval(dist, none, 3.0, std::vector<Jackknife>{jk}, IntervalMethod::bca, 0.8, Alternative::two_sided);
    CHECK(ci.bias_correction == 0.0);
    CHECK(ci.acceleration == doctest::Approx(a).epsilon(1e-14));
    // alpha_1 = Phi(z + z / (1 - a z)) with z = Phi^-1(0.1) = -1.2815515655446004
    const double z = -1.2815515655446004;
    const double a1 = 0.5 * std::erfc(-(z / (1 - a * z)) / std::sqrt(2.0));
    const double jg = a1 * 5 + 1 - a1, g = jg - std::floor(jg);  // between order statistics 0 and 1 here
    CHECK(std::floor(jg) == 1.0);
    CHECK(ci.low == doctest::Approx((1 - g) * 1 + g * 2).epsilon(1e-12));

    // Exact distribution: inverse CDF. Values 1, 2, 3 with probabilities 0.1, 0.3, 0.6 -> 10% point is 1,
    // 90% point is 3; mid-probability of 2 is 0.1 + 0.3 / 2 = 0.25.
    const std::vector<double> v{1, 2, 3}, p{0.1, 0.3, 0.6};
    ci = bootstrap_interval(v, p, 2.0, {}, IntervalMethod::percentile, 0.8, Alternative::two_sided);
    CHECK(ci.low == 1.0);
    CHECK(ci.high == 3.0);
    CHECK(bootstrap_standard_error(v, p) == doctest::Approx(std::sqrt(0.1 * 1.5 * 1.5 + 0.3 * 0.5 * 0.5 + 0.6 * 0.5 * 0.5)).epsilon(1e-14));
    ci = bootstrap_interval(v, p, 2.0, std::vector<Jackknife>{jk}, IntervalMethod::bca, 0.8, Alternative::two_sided);
    CHECK(ci.bias_correction == doctest::Approx(-0.6744897501960817).epsilon(1e-12));  // Phi^-1(0.25)
    // Monte Carlo standard error is the sample standard deviation (ddof = 1): 1..5 -> sqrt(2.5)
    CHECK(bootstrap_standard_error(dist, none) == doctest::Approx(std::sqrt(2.5)).epsilon(1e-14));
}

TEST_CASE("degenerate data: BCa is undefined (NaN with a reason), percentile is the constant") {
    const std::vector<double> x(12, 3.0);
    BootstrapOptions o;
    o.statistic = make(StatisticKind::mean);
    auto r = bootstrap(x, o);
    CHECK(std::isnan(r.estimate.ci_low));
    CHECK(std::isnan(r.estimate.ci_high));
    CHECK(r.warning.find("jackknife") != std::string::npos);
    o.method = IntervalMethod::percentile;
    r = bootstrap(x, o);
    CHECK(r.estimate.ci_low == 3.0);
    CHECK(r.estimate.ci_high == 3.0);
    CHECK(r.warning.empty());
    CHECK(r.estimate.standard_error == 0.0);
}

TEST_CASE("automatic resampling: exact when affordable, multinomial for few values, indices otherwise") {
    BootstrapOptions o;
    o.method = IntervalMethod::percentile;
    auto small = ordinal(20, 1);  // C(23, 3) = 1771 <= 9999 distinct resamples
    CHECK(bootstrap(small, o).resampling == Resampling::exact);
    CHECK(bootstrap(small, o).n_resamples == 1771);
    auto big = ordinal(200, 2);
    CHECK(bootstrap(big, o).resampling == Resampling::multinomial);
    std::vector<double> cont(200);
    for (std::size_t i = 0; i < cont.size(); ++i) cont[i] = std::sin(static_cast<double>(i));
    CHECK(bootstrap(cont, o).resampling == Resampling::indices);
    CHECK(bootstrap(cont, o).distribution.size() == 9999);
    o.resampling = Resampling::multinomial;
    CHECK(bootstrap(small, o).resampling == Resampling::multinomial);
    CHECK(bootstrap(small, o).probabilities.empty());
}

TEST_CASE("multinomial and index resampling draw the same distribution as the exact bootstrap") {
    // n = 15 on 1..4: 816 distinct resamples, so the exact distribution is the reference. With B = 200,000
    // resamples the largest CDF gap (Kolmogorov-Smirnov) exceeds 1.95 / sqrt(B) with probability < 0.001.
    const auto x = ordinal(15, 5);
    for (auto kind : {StatisticKind::mean, StatisticKind::median, StatisticKind::mode}) {
        BootstrapOptions o;
        o.statistic = make(kind);
        o.method = IntervalMethod::percentile;
        o.resampling = Resampling::exact;
        const auto ex = bootstrap(x, o);
        for (auto how : {Resampling::multinomial, Resampling::indices}) {
            o.resampling = how;
            o.n_resamples = 200000;
            o.seed = 11;
            auto mc = bootstrap(x, o);
            std::sort(mc.distribution.begin(), mc.distribution.end());
            double cum = 0, worst = 0;
            for (std::size_t i = 0; i < ex.distribution.size(); ++i) {
                cum += ex.probabilities[i];
                const auto below = std::upper_bound(mc.distribution.begin(), mc.distribution.end(), ex.distribution[i] + 1e-12) -
                                   mc.distribution.begin();
                worst = std::max(worst, std::abs(static_cast<double>(below) / 200000.0 - cum));
            }
            CAPTURE(to_string(kind));
            CAPTURE(to_string(how));
            CHECK(worst < 1.95 / std::sqrt(200000.0));
        }
    }
}

TEST_CASE("Monte Carlo intervals converge on the exact-bootstrap intervals within Monte Carlo error") {
    // A Monte Carlo end is the linear quantile of B draws at level a: it lies between the exact inverse-CDF
    // values at a -/+ 4 sd(a) with sd(a) = sqrt(a (1 - a) / B) (the sd of the empirical CDF at that point),
    // failing with probability < 1e-4. BCa's level a depends on z0, whose Monte Carlo estimate (a share) has
    // sd <= 0.5 / sqrt(B): we check that, the (deterministic) acceleration, and the end at the Monte Carlo level.
    const auto x = ordinal(25, 8);
    const double B = 100000;
    for (auto kind : {StatisticKind::mean, StatisticKind::median}) {
        for (auto method : {IntervalMethod::percentile, IntervalMethod::basic, IntervalMethod::bca}) {
            BootstrapOptions o;
            o.statistic = make(kind);
            o.method = method;
            o.confidence_level = 0.9;
            o.resampling = Resampling::exact;
            const auto ex = bootstrap(x, o);
            o.resampling = Resampling::multinomial;
            o.n_resamples = static_cast<std::int64_t>(B);
            const auto mc = bootstrap(x, o);
            CAPTURE(to_string(kind));
            CAPTURE(to_string(method));
            double a1 = 0.05, a2 = 0.95;
            if (method == IntervalMethod::bca) {
                if (std::isnan(ex.acceleration)) {
                    CHECK(std::isnan(mc.acceleration));
                    continue;
                }
                CHECK(mc.acceleration == doctest::Approx(ex.acceleration).epsilon(1e-12));
                const double pe = 0.5 * std::erfc(-ex.bias_correction / std::sqrt(2.0));
                const double pm = 0.5 * std::erfc(-mc.bias_correction / std::sqrt(2.0));
                CHECK(std::abs(pe - pm) < 4 * 0.5 / std::sqrt(B));
                // the levels the Monte Carlo run used
                const double z = -1.6448536269514729, z0 = mc.bias_correction, a = mc.acceleration;
                a1 = 0.5 * std::erfc(-(z0 + (z0 + z) / (1 - a * (z0 + z))) / std::sqrt(2.0));
                a2 = 0.5 * std::erfc(-(z0 + (z0 - z) / (1 - a * (z0 - z))) / std::sqrt(2.0));
            }
            const auto band = [&](double a) { return 4 * std::sqrt(a * (1 - a) / B); };
            double lo = mc.estimate.ci_low, hi = mc.estimate.ci_high;
            if (method == IntervalMethod::basic) {  // undo the reflection: compare the quantiles
                const double t = ex.estimate.estimate;
                lo = 2 * t - mc.estimate.ci_high;
                hi = 2 * t - mc.estimate.ci_low;
            }
            CHECK(lo >= inverse_cdf(ex, a1 - band(a1)));
            CHECK(lo <= inverse_cdf(ex, a1 + band(a1)));
            CHECK(hi >= inverse_cdf(ex, a2 - band(a2)));
            CHECK(hi <= inverse_cdf(ex, a2 + band(a2)));
            // the standard error: relative sd of a sample sd is about 1 / sqrt(2B)
            CHECK(mc.estimate.standard_error == doctest::Approx(ex.estimate.standard_error).epsilon(4 / std::sqrt(2 * B)));
        }
    }
}

TEST_CASE("the same numbers for 1, 2 and 7 threads, and on repeat runs") {
    const auto x = ordinal(300, 21), y = ordinal(280, 22);
    std::vector<double> cont(150);
    for (std::size_t i = 0; i < cont.size(); ++i) cont[i] = std::cos(static_cast<double>(i) * 0.77);
    for (auto how : {Resampling::multinomial, Resampling::indices, Resampling::exact}) {
        BootstrapOptions o;
        o.statistic = make(StatisticKind::median);
        o.method = IntervalMethod::percentile;  // BCa of a median of ties is often undefined (NaN != NaN)
        o.resampling = how;
        o.n_resamples = 5000;
        o.seed = 99;
        std::vector<BootstrapResult> runs;
        for (int threads : {1, 2, 7, 1}) {
            o.threads = threads;
            if (how == Resampling::exact) runs.push_back(bootstrap(ordinal(30, 3), o));
            else runs.push_back(bootstrap(x, y, o));
        }
        for (const auto& r : runs) {
            CHECK(r.distribution == runs[0].distribution);
            CHECK(r.probabilities == runs[0].probabilities);
            CHECK(r.estimate.ci_low == runs[0].estimate.ci_low);
            CHECK(r.estimate.ci_high == runs[0].estimate.ci_high);
        }
    }
    BootstrapOptions o;
    o.statistic = make(StatisticKind::mean);
    o.threads = 1;
    const auto one = bootstrap(cont, o);
    o.threads = 7;
    CHECK(bootstrap(cont, o).distribution == one.distribution);
    o.seed = 1;
    CHECK(bootstrap(cont, o).distribution != one.distribution);
}

TEST_CASE("index resampling sees exactly the resamples bootstrap_indices reports") {
    // The path a Python callable takes: draw indices, compute the statistic outside, same numbers.
    const auto x = ordinal(40, 31), y = ordinal(35, 32);
    BootstrapOptions o;
    o.statistic = make(StatisticKind::median);
    o.resampling = Resampling::indices;
    o.n_resamples = 300;
    o.seed = 5;
    o.method = IntervalMethod::bca;
    const auto r = bootstrap(x, y, o);
    const std::vector<std::int64_t> sizes{40, 35};
    std::vector<std::int64_t> idx(300 * 75);
    bootstrap_indices(sizes, 5, 0, 300, idx.data(), 2);
    std::vector<double> dist(300);
    for (std::size_t b = 0; b < 300; ++b) {
        std::vector<double> rx, ry;
        for (std::size_t i = 0; i < 40; ++i) rx.push_back(x[static_cast<std::size_t>(idx[b * 75 + i])]);
        for (std::size_t i = 40; i < 75; ++i) ry.push_back(y[static_cast<std::size_t>(idx[b * 75 + i])]);
        dist[b] = evaluate(o.statistic, rx) - evaluate(o.statistic, ry);
    }
    CHECK(dist == r.distribution);
    // the interval from the same distribution and plain (unit-weight) jackknife values
    std::vector<Jackknife> jk(2);
    for (int s = 0; s < 2; ++s) {
        const auto& v = s == 0 ? x : y;
        jk[static_cast<std::size_t>(s)].n = static_cast<std::int64_t>(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) {
            auto loo = v;
            loo.erase(loo.begin() + static_cast<std::ptrdiff_t>(i));
            jk[static_cast<std::size_t>(s)].values.push_back(evaluate(o.statistic, loo));
            jk[static_cast<std::size_t>(s)].weights.push_back(1.0);
        }
    }
    const auto ci = bootstrap_interval(dist, {}, r.estimate.estimate, jk, IntervalMethod::bca, 0.95, Alternative::two_sided);
    if (std::isnan(r.estimate.ci_low)) {
        CHECK(std::isnan(ci.low));
    } else {
        CHECK(ci.low == doctest::Approx(r.estimate.ci_low).epsilon(1e-12));
        CHECK(ci.high == doctest::Approx(r.estimate.ci_high).epsilon(1e-12));
    }
}

TEST_CASE("paired bootstrap is the one-sample bootstrap of the differences") {
    const auto x = ordinal(60, 41), y = ordinal(60, 42);
    std::vector<double> d(60);
    for (std::size_t i = 0; i < 60; ++i) d[i] = x[i] - y[i];
    BootstrapOptions o;
    o.statistic = make(StatisticKind::mean);
    o.scale = Scale{1, 4};
    const auto p = bootstrap_paired(x, y, o);
    o.scale.reset();
    const auto one = bootstrap(d, o);
    CHECK(p.distribution == one.distribution);
    CHECK(p.estimate.ci_low == one.estimate.ci_low);
    CHECK(p.estimate.n == 60);
    CHECK(p.estimate.method.find("paired differences") != std::string::npos);
}

TEST_CASE("bootstrap: every bad input is a clear error") {
    const std::vector<double> ok{1, 2, 3, 4}, empty, one{1.0};
    BootstrapOptions o;
    CHECK_THROWS_WITH_AS(bootstrap(empty, o), doctest::Contains("at least 2 observations"), hp::DataError);
    CHECK_THROWS_WITH_AS(bootstrap(one, o), doctest::Contains("x: the bootstrap needs at least 2"), hp::DataError);
    CHECK_THROWS_WITH_AS(bootstrap(std::vector<double>{1, std::nan(""), 3}, o), doctest::Contains("position 1"), hp::DataError);
    CHECK_THROWS_WITH_AS(bootstrap(ok, std::vector<double>{1, HUGE_VAL}, o), doctest::Contains("y: infinite value"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(bootstrap_paired(ok, std::vector<double>{1, 2, 3}, o), doctest::Contains("same length"),
                         hp::DataError);
    auto bad = o;
    bad.n_resamples = 0;
    CHECK_THROWS_WITH_AS(bootstrap(ok, bad), doctest::Contains("n_resamples"), hp::DomainError);
    for (double c : {0.0, 1.0, -0.5, 1.5, std::nan("")}) {
        bad = o;
        bad.confidence_level = c;
        CHECK_THROWS_WITH_AS(bootstrap(ok, bad), doctest::Contains("between 0 and 1"), hp::DomainError);
    }
    bad = o;
    bad.scale = Scale{1, 3};
    CHECK_THROWS_WITH_AS(bootstrap(ok, bad), doctest::Contains("value 4 at position 3 is off the declared scale"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(bootstrap(std::vector<double>{1, 2.5}, bad), doctest::Contains("off the declared scale"), hp::DataError);
    bad.scale = Scale{4, 1};
    CHECK_THROWS_WITH_AS(bootstrap(ok, bad), doctest::Contains("empty"), hp::DomainError);
    bad = o;
    bad.statistic.kind = StatisticKind::quantile;
    bad.statistic.p = -0.1;
    CHECK_THROWS_AS(bootstrap(ok, bad), hp::DomainError);
    bad = o;
    bad.resampling = Resampling::exact;
    bad.max_exact = 10;
    CHECK_THROWS_WITH_AS(bootstrap(ok, bad), doctest::Contains("max_exact"), hp::DomainError);
    bad = o;
    bad.statistic = make(StatisticKind::mode);
    bad.statistic.tie_policy = TiePolicy::error;
    CHECK_THROWS_WITH_AS(bootstrap(std::vector<double>{1, 1, 2, 2, 3}, bad), doctest::Contains("tie_policy is 'error'"),
                         hp::DomainError);
    CHECK_THROWS_AS(parse_interval_method("studentized"), hp::DomainError);
    CHECK(parse_interval_method("bca") == IntervalMethod::bca);
    CHECK_THROWS_AS(parse_resampling("fast"), hp::DomainError);
    CHECK_THROWS_AS(bootstrap_interval({}, {}, 0.0, {}, IntervalMethod::percentile, 0.95, Alternative::two_sided),
                    hp::DomainError);
    const std::vector<double> dist{1, 2};
    CHECK_THROWS_WITH_AS(bootstrap_interval(dist, {}, 0.0, {}, IntervalMethod::bca, 0.95, Alternative::two_sided),
                         doctest::Contains("jackknife"), hp::DomainError);
    CHECK_THROWS_WITH_AS(bootstrap_interval(dist, std::vector<double>{0.5, 0.6}, 0.0, {}, IntervalMethod::percentile, 0.95,
                                            Alternative::two_sided),
                         doctest::Contains("sum to"), hp::DomainError);
    CHECK_THROWS_WITH_AS(bootstrap_interval(std::vector<double>{2, 1}, std::vector<double>{0.5, 0.5}, 0.0, {},
                                            IntervalMethod::percentile, 0.95, Alternative::two_sided),
                         doctest::Contains("ascending"), hp::DomainError);
    CHECK_THROWS_AS(bootstrap_interval(dist, std::vector<double>{0.5}, 0.0, {}, IntervalMethod::percentile, 0.95,
                                       Alternative::two_sided),
                    hp::DomainError);
}

TEST_CASE("bootstrap from a list of samples, and the plan a callable statistic gets") {
    const std::vector<double> x{1, 2, 2, 3, 4, 4, 5}, y{2, 2, 3, 3, 3, 5, 6};
    const std::vector<std::span<const double>> both{x, y}, one{x}, three{x, y, x};
    BootstrapOptions o;
    o.statistic = make(StatisticKind::mean);
    o.n_resamples = 500;
    CHECK(bootstrap_samples(one, false, o).estimate.ci_low == bootstrap(x, o).estimate.ci_low);
    CHECK(bootstrap_samples(both, false, o).estimate.ci_low == bootstrap(x, y, o).estimate.ci_low);
    CHECK(bootstrap_samples(both, true, o).estimate.ci_low == bootstrap_paired(x, y, o).estimate.ci_low);
    CHECK_THROWS_WITH_AS(bootstrap_samples(one, true, o), "a paired bootstrap needs two samples (x, y), got 1",
                         hp::DomainError);
    CHECK_THROWS_WITH_AS(bootstrap_samples(three, false, o), "bootstrap takes 1 or 2 samples, got 3", hp::DomainError);

    CHECK(plan_bootstrap(three, false, o) == std::vector<std::int64_t>{7, 7, 7});
    CHECK(plan_bootstrap(both, true, o) == std::vector<std::int64_t>{7});
    auto exact = o;
    exact.resampling = Resampling::exact;
    CHECK_THROWS_WITH_AS(plan_bootstrap(one, false, exact), doctest::Contains("'exact' needs a named statistic"),
                         hp::DomainError);
    auto wide = o;
    wide.confidence_level = 1;
    CHECK_THROWS_WITH_AS(plan_bootstrap(one, false, wide), doctest::Contains("between 0 and 1"), hp::DomainError);
    auto scale = o;
    scale.scale = Scale{1, 4};
    CHECK_THROWS_WITH_AS(plan_bootstrap(one, false, scale),
                         "x: value 5 at position 6 is off the declared scale: the integers 1 to 4",
                         hp::DataError);
    const std::vector<double> lone{1}, shorter{1, 2};
    const std::vector<std::span<const double>> with_lone{x, lone}, uneven{x, shorter};
    CHECK_THROWS_WITH_AS(plan_bootstrap(with_lone, false, o), "y: the bootstrap needs at least 2 observations, got 1",
                         hp::DataError);
    CHECK_THROWS_WITH_AS(plan_bootstrap(uneven, true, o), "paired samples must all have the same length: got lengths 7, 2",
                         hp::DataError);
}

// Mann–Whitney U: hand-worked distributions and p-values, the two exact algorithms against brute force,
// Monte Carlo against exact, bad input. (Comparisons with scipy over a battery are in tests/python.)
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/mann_whitney.hpp"
#include "healthyplaces/stats/random.hpp"
#include "healthyplaces/stats/ranks.hpp"

using namespace hp::stats;

namespace {

// every subset of size n1 of the pooled doubled ranks: the exact permutation p-values, by brute force
struct Brute {
    double le = 0, ge = 0;
};
Brute brute_force(const std::vector<double>& x, const std::vector<double>& y) {
    const auto r = rank(x, y);
    const std::size_t N = r.ranks.size(), n1 = x.size();
    std::int64_t obs = 0;
    for (std::size_t i = 0; i < n1; ++i) obs += std::llround(2 * r.ranks[i]);
    std::int64_t le = 0, ge = 0, total = 0;
    for (std::uint32_t mask = 0; mask < (1u << N); ++mask) {
        if (static_cast<std::size_t>(__builtin_popcount(mask)) != n1) continue;
        std::int64_t s = 0;
        for (std::size_t i = 0; i < N; ++i)
            if (mask >> i & 1u) s += std::llround(2 * r.ranks[i]);
        ++total;
        le += s <= obs;
        ge += s >= obs;
    }
    return {static_cast<double>(le) / static_cast<double>(total), static_cast<double>(ge) / static_cast<double>(total)};
}

MannWhitneyOptions mw_options(TestMethod m, Alternative a = Alternative::two_sided) {
    MannWhitneyOptions o;
    o.method = m;
    o.alternative = a;
    return o;
}

}  // namespace

TEST_CASE("mann_whitney: the null distribution of U for 3 and 3, counted by hand") {
    // U for n1 = n2 = 3 over the C(6,3) = 20 labellings: partitions of u into at most 3 parts, each at most 3:
    // u = 0..9 -> 1 1 2 3 3 3 3 2 1 1
    const SymmetricNull null = mann_whitney_null(3, 3);
    const double counts[] = {1, 1, 2, 3, 3, 3, 3, 2, 1, 1};
    CHECK(null.max() == 9);
    double cum = 0;
    for (int u = 0; u <= 9; ++u) {
        cum += counts[u];
        CHECK(null.pmf(u) == doctest::Approx(counts[u] / 20).epsilon(1e-15));
        CHECK(null.cdf(u) == doctest::Approx(cum / 20).epsilon(1e-15));
        CHECK(null.sf(u) == doctest::Approx(1 - cum / 20).epsilon(1e-14));
    }
    CHECK(null.pmf(-1) == 0.0);
    CHECK(null.pmf(10) == 0.0);
    CHECK(null.cdf(-1) == 0.0);
    CHECK(null.sf(9) == 0.0);
    CHECK(null.quantile(0.0) == 0);
    CHECK(null.quantile(0.05) == 0);   // cdf(0) = 1/20 = 0.05 >= 0.05
    CHECK(null.quantile(0.051) == 1);  // cdf(1) = 2/20
    CHECK(null.quantile(1.0) == 9);
    CHECK(null.lower_critical(0.05) == 0);
    CHECK(null.lower_critical(0.04) == -1);
    CHECK(null.lower_critical(0.1) == 1);
    CHECK_THROWS_AS(null.quantile(1.5), hp::DomainError);
    // symmetric both ways round
    CHECK(mann_whitney_null(3, 5).pmf(4) == mann_whitney_null(5, 3).pmf(4));
}

TEST_CASE("mann_whitney: scipy's documented example (Shier 2004)") {
    // males 19 22 16 29 24, females 20 11 17 12: U of males = 17 (ranks 6 8 3 9 7 sum 33, minus 15)
    const std::vector<double> males{19, 22, 16, 29, 24}, females{20, 11, 17, 12};
    auto r = mann_whitney(males, females, mw_options(TestMethod::exact));
    CHECK(r.statistic == 17.0);
    // P(U <= 3) for 4 and 5: counts 1 1 2 3 of u = 0..3, out of C(9,4) = 126 -> 7/126; two-sided 14/126
    CHECK(r.pvalue == doctest::Approx(14.0 / 126).epsilon(1e-14));
    CHECK(r.method == "exact");
    r = mann_whitney(females, males, mw_options(TestMethod::exact, Alternative::less));
    CHECK(r.statistic == 3.0);
    CHECK(r.pvalue == doctest::Approx(7.0 / 126).epsilon(1e-14));
    // asymptotic: (17 − 10 − 0.5) / sqrt(20·10/12) = 1.5922, p = 2·(1 − Φ(1.5922)) = 0.11134688653314041 (scipy)
    r = mann_whitney(males, females, mw_options(TestMethod::asymptotic));
    CHECK(r.pvalue == doctest::Approx(0.11134688653314041).epsilon(1e-12));
    CHECK(r.zstatistic == doctest::Approx(6.5 / std::sqrt(200.0 / 12)).epsilon(1e-14));
    MannWhitneyOptions o = mw_options(TestMethod::asymptotic);
    o.continuity = false;
    CHECK(mann_whitney(males, females, o).pvalue == doctest::Approx(0.0864107329737).epsilon(1e-11));
    // auto picks exact: both samples small and no ties
    CHECK(mann_whitney(males, females).method == "exact");
}

TEST_CASE("mann_whitney: exact with ties is the permutation distribution, worked by hand") {
    // x = 1 2, y = 2 3: mid-ranks 1 2.5 | 2.5 4; doubled 2 5 | 5 8. The 6 pairs of the pool sum (doubled) to
    // 7 7 10 10 13 13; x has 7: P(S <= 7) = 2/6, P(S >= 7) = 1, two-sided 2/3. U = 3.5 − 3 = 0.5.
    const std::vector<double> x{1, 2}, y{2, 3};
    auto r = mann_whitney(x, y, mw_options(TestMethod::exact));
    CHECK(r.statistic == 0.5);
    CHECK(r.pvalue == doctest::Approx(2.0 / 3).epsilon(1e-14));
    CHECK(r.method == "exact (permutation distribution given the ties)");
    CHECK(mann_whitney(x, y, mw_options(TestMethod::exact, Alternative::less)).pvalue == doctest::Approx(1.0 / 3).epsilon(1e-14));
    CHECK(mann_whitney(x, y, mw_options(TestMethod::exact, Alternative::greater)).pvalue == doctest::Approx(1.0).epsilon(1e-14));
    // auto: ties -> asymptotic (scipy's rule)
    CHECK(mann_whitney(x, y).method == "asymptotic, continuity corrected, tie corrected");
}

TEST_CASE("mann_whitney: both exact algorithms with ties agree with brute force over all subsets") {
    RandomStream rs(11, 0);
    for (int trial = 0; trial < 60; ++trial) {
        const auto n1 = static_cast<std::size_t>(1 + rs.below(6)), n2 = static_cast<std::size_t>(1 + rs.below(7));
        const auto levels = 2 + rs.below(4);
        std::vector<double> x(n1), y(n2);
        for (auto& v : x) v = static_cast<double>(rs.below(levels));
        for (auto& v : y) v = static_cast<double>(rs.below(levels));
        const Brute b = brute_force(x, y);
        const auto r = rank(x, y);
        std::int64_t obs = 0;
        for (std::size_t i = 0; i < n1; ++i) obs += std::llround(2 * r.ranks[i]);
        for (auto alg : {detail::TiedAlgorithm::dynamic_programming, detail::TiedAlgorithm::enumeration,
                         detail::TiedAlgorithm::automatic}) {
            const auto null = detail::rank_sum_permutation_null(r.ties, static_cast<std::int64_t>(n1), alg);
            CHECK(null.le(obs) == doctest::Approx(b.le).epsilon(1e-12));
            CHECK(null.ge(obs) == doctest::Approx(b.ge).epsilon(1e-12));
        }
        const auto two = mann_whitney(x, y, mw_options(TestMethod::exact)).pvalue;
        CHECK(two == doctest::Approx(std::min(1.0, 2 * std::min(b.le, b.ge))).epsilon(1e-12));
    }
}

TEST_CASE("mann_whitney: the two algorithms agree on larger ordinal samples") {
    // 40 + 50 values on a 1-4 scale: far beyond brute force; DP and enumeration are independent computations
    RandomStream rs(5, 1);
    std::vector<double> x(40), y(50);
    for (auto& v : x) v = 1.0 + static_cast<double>(rs.below(4));
    for (auto& v : y) v = 1.0 + static_cast<double>(rs.below(3));
    const auto r = rank(x, y);
    const auto a = detail::rank_sum_permutation_null(r.ties, 40, detail::TiedAlgorithm::dynamic_programming);
    const auto b = detail::rank_sum_permutation_null(r.ties, 40, detail::TiedAlgorithm::enumeration);
    REQUIRE(a.lo == b.lo);
    REQUIRE(a.prob.size() == b.prob.size());
    double total = 0;
    for (std::size_t i = 0; i < a.prob.size(); ++i) {
        total += a.prob[i];
        CHECK(a.prob[i] == doctest::Approx(b.prob[i]).epsilon(1e-9).scale(1e-300));
    }
    CHECK(total == doctest::Approx(1.0).epsilon(1e-12));
}

TEST_CASE("mann_whitney: the double-precision table agrees with exact 128-bit counts") {
    for (auto [n1, n2] : {std::pair<int, int>{10, 10}, {30, 40}, {60, 60}, {8, 300}, {1, 50}}) {
        const auto exact = detail::mann_whitney_lower_pmf(n1, n2, true);
        const auto dbl = detail::mann_whitney_lower_pmf(n1, n2, false);
        REQUIRE(exact.size() == dbl.size());
        double worst = 0;
        for (std::size_t u = 0; u < exact.size(); ++u) worst = std::max(worst, std::fabs(dbl[u] - exact[u]) / exact[u]);
        CAPTURE(n1);
        CAPTURE(n2);
        CHECK(worst < 1e-11);
    }
    // totals: the lower half is half the mass (plus half the centre when n1·n2 is even)
    const SymmetricNull null = mann_whitney_null(60, 60);
    CHECK(null.cdf(1799) + null.pmf(1800) / 2 == doctest::Approx(0.5).epsilon(1e-13));
    CHECK(null.cdf(3600) == 1.0);
    // P(U = 0) = 1 / C(120, 60)
    CHECK(null.pmf(0) == doctest::Approx(1.0 / 9.661490884036332e34).epsilon(1e-12));
}

TEST_CASE("mann_whitney: Monte Carlo is thread-invariant and near the exact value") {
    RandomStream rs(3, 3);
    std::vector<double> x(12), y(15);
    for (auto& v : x) v = 1.0 + static_cast<double>(rs.below(4));
    for (auto& v : y) v = 1.4 + static_cast<double>(rs.below(4));
    MannWhitneyOptions o = mw_options(TestMethod::monte_carlo);
    o.monte_carlo.n_resamples = 20000;
    o.monte_carlo.seed = 42;
    const auto one = mann_whitney(x, y, o);
    o.monte_carlo.threads = 2;
    const auto two = mann_whitney(x, y, o);
    o.monte_carlo.threads = 0;
    const auto all = mann_whitney(x, y, o);
    CHECK(one.pvalue == two.pvalue);
    CHECK(one.pvalue == all.pvalue);
    CHECK(one.method == "monte_carlo (20000 random relabellings)");
    for (auto alt : {Alternative::two_sided, Alternative::less, Alternative::greater}) {
        o.alternative = alt;
        const double exact = mann_whitney(x, y, mw_options(TestMethod::exact, alt)).pvalue;
        const double mc = mann_whitney(x, y, o).pvalue;
        const double se = std::sqrt(std::max(exact * (1 - exact), 1e-4) / 20000.0) * (alt == Alternative::two_sided ? 2 : 1);
        CHECK(std::fabs(mc - exact) < 4 * se);
    }
    o.monte_carlo.seed = 43;
    CHECK(mann_whitney(x, y, o).pvalue != one.pvalue);  // the seed matters
    // no more arrangements than resamples: enumerated exactly, as scipy.stats.permutation_test does
    const std::vector<double> a{1, 2, 3}, b{2, 5, 6};
    o.monte_carlo.n_resamples = 20;  // C(6, 3) = 20
    o.alternative = Alternative::two_sided;
    const auto enumerated = mann_whitney(a, b, o);
    CHECK(enumerated.method == "exact (all 20 arrangements, no more than n_resamples)");
    CHECK(enumerated.pvalue == mann_whitney(a, b, mw_options(TestMethod::exact)).pvalue);
}

TEST_CASE("mann_whitney: all values equal gives p = 1, not NaN") {
    const std::vector<double> x{2, 2, 2}, y{2, 2};
    for (auto m : {TestMethod::asymptotic, TestMethod::exact, TestMethod::automatic}) {
        const auto r = mann_whitney(x, y, mw_options(m));
        CHECK(r.pvalue == 1.0);
        CHECK(r.statistic == 3.0);
    }
}

TEST_CASE("mann_whitney: bad input") {
    const std::vector<double> x{1, 2, 3}, empty, nan{1, std::nan(""), 3}, inf{1, 2, HUGE_VAL};
    CHECK_THROWS_WITH_AS(mann_whitney(empty, x), "mann_whitney: sample x is empty; each sample needs at least one value",
                         hp::DataError);
    CHECK_THROWS_WITH_AS(mann_whitney(x, empty), "mann_whitney: sample y is empty; each sample needs at least one value",
                         hp::DataError);
    CHECK_THROWS_WITH_AS(mann_whitney(x, nan),
                         "mann_whitney: sample y: missing value (NaN) at position 1; remove it before testing", hp::DataError);
    CHECK_THROWS_WITH_AS(mann_whitney(inf, x),
                         "mann_whitney: sample x: infinite value at position 2; remove it before testing", hp::DataError);
    MannWhitneyOptions o = mw_options(TestMethod::monte_carlo);
    o.monte_carlo.n_resamples = 0;
    CHECK_THROWS_WITH_AS(mann_whitney(x, x, o), "mann_whitney: n_resamples must be at least 1, got 0", hp::DomainError);
    o.monte_carlo.n_resamples = 10;
    o.monte_carlo.threads = -1;
    CHECK_THROWS_AS(mann_whitney(x, x, o), hp::DomainError);
    CHECK_THROWS_AS(mann_whitney_null(0, 3), hp::DataError);
    CHECK_THROWS_AS(mann_whitney_null(200000, 200000), hp::DomainError);
    CHECK_THROWS_AS(parse_test_method("bootstrap"), hp::DomainError);
    // an exact distribution with ties that would take too long says so
    std::vector<double> big(4000), big2(4000);
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<double>(i % 997), big2[i] = static_cast<double>(i % 991);
    CHECK_THROWS_AS(mann_whitney(big, big2, mw_options(TestMethod::exact)), hp::DomainError);
}

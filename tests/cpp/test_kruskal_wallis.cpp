// Kruskal-Wallis: hand-worked cases, scipy's published examples, exact/Monte Carlo agreement, bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/kruskal_wallis.hpp"

using hp::stats::KruskalOptions;
using hp::stats::TestMethod;

namespace {
hp::stats::TestResult kw(const std::vector<std::vector<double>>& groups, KruskalOptions o = {}) {
    std::vector<std::span<const double>> spans(groups.begin(), groups.end());
    return hp::stats::kruskal_wallis(spans, o);
}
KruskalOptions kw_options(TestMethod m, std::int64_t resamples = 9999, int threads = 1, std::uint64_t seed = 0) {
    KruskalOptions o;
    o.method = m;
    o.monte_carlo.n_resamples = resamples;
    o.monte_carlo.threads = threads;
    o.monte_carlo.seed = seed;
    return o;
}
}  // namespace

TEST_CASE("kruskal_wallis: H by hand and scipy's docstring examples") {
    // x = 1 3 5 7 9, y = 2 4 6 8 10: rank sums 25 and 30, N = 10, no ties:
    // H = 12/(10·11)·(25²/5 + 30²/5) − 3·11 = 12·305/110 − 33 = 0.272727…
    const auto r = kw({{1, 3, 5, 7, 9}, {2, 4, 6, 8, 10}});
    CHECK(r.statistic == doctest::Approx(3.0 / 11.0).epsilon(1e-13));
    CHECK(r.pvalue == doctest::Approx(0.6015081344405895).epsilon(1e-12));  // scipy.stats.kruskal docstring
    CHECK(r.df == 1);
    CHECK(r.n == 10);
    // ties: 1 1 1 | 2 2 2 | 2 2 → scipy's docstring gives H = 7.0, p = 0.0301973834223185
    const auto t = kw({{1, 1, 1}, {2, 2, 2}, {2, 2}});
    CHECK(t.statistic == doctest::Approx(7.0).epsilon(1e-13));
    CHECK(t.pvalue == doctest::Approx(0.0301973834223185).epsilon(1e-12));
    CHECK(t.df == 2);
    CHECK(t.method.find("asymptotic") != std::string::npos);
}

TEST_CASE("kruskal_wallis: exact distribution worked by hand") {
    // x = 1 2, y = 3 (N = 3, no ties): y's rank r ∈ {1, 2, 3}, each with probability 1/3; R_x = 6 − r.
    // H = 12/12·((6 − r)²/2 + r²) − 12 → 1.5, 0, 1.5. Observed r = 3: H = 1.5, P(H ≥ 1.5) = 2/3.
    const auto a = kw({{1, 2}, {3}}, kw_options(TestMethod::exact));
    CHECK(a.statistic == doctest::Approx(1.5).epsilon(1e-14));
    CHECK(a.pvalue == doctest::Approx(2.0 / 3.0).epsilon(1e-13));

    // ties: x = 1 2 2, y = 2 3. Pooled 1 2 2 2 3 has mid-ranks 1, 3, 3, 3, 5; tie correction 1 − 24/120 = 0.8.
    // With R_x = 15 − R_y: H = 12/30·[(R_y − 6)²/3 + (R_y − 6)²/2]/0.8 = (5/12)(R_y − 6)².
    // y's C(5,2) = 10 equally likely pairs: {1,2} ×3 → R_y = 4, H = 5/3; {1,3} ×1 → 6, H = 0; {2,2} ×3 → 6, H = 0;
    // {2,3} ×3 → 8, H = 5/3. Observed y = {2,3}: H = 5/3, P(H ≥ 5/3) = 6/10 over 4 distinct tables.
    const auto b = kw({{1, 2, 2}, {2, 3}}, kw_options(TestMethod::exact));
    CHECK(b.statistic == doctest::Approx(5.0 / 3.0).epsilon(1e-13));
    CHECK(b.pvalue == doctest::Approx(0.6).epsilon(1e-13));
    CHECK(b.method.find(" 4 distinct") != std::string::npos);
}

TEST_CASE("kruskal_wallis: Monte Carlo is seeded, thread-independent and near the exact p-value") {
    const std::vector<std::vector<double>> g{{1, 2, 2, 3, 1, 4}, {2, 3, 3, 4, 4, 2, 3}, {1, 1, 2, 2, 3}};
    const auto exact = kw(g, kw_options(TestMethod::exact));
    const auto one = kw(g, kw_options(TestMethod::monte_carlo, 20000, 1, 7));
    const auto two = kw(g, kw_options(TestMethod::monte_carlo, 20000, 2, 7));
    const auto all = kw(g, kw_options(TestMethod::monte_carlo, 20000, 0, 7));
    CHECK(one.pvalue == two.pvalue);
    CHECK(one.pvalue == all.pvalue);
    CHECK(kw(g, kw_options(TestMethod::monte_carlo, 20000, 1, 8)).pvalue != one.pvalue);
    // binomial standard error of a p near 0.1 with 20,000 draws is 0.0021: allow 5 of them
    CHECK(std::abs(one.pvalue - exact.pvalue) < 5 * std::sqrt(exact.pvalue * (1 - exact.pvalue) / 20000));
    CHECK(one.statistic == exact.statistic);
    // enough resamples for every arrangement (3!/(2!1!) = 3): enumerated, as scipy.stats.permutation_test does
    const auto small = kw({{1, 2}, {3}}, kw_options(TestMethod::monte_carlo, 3));
    CHECK(small.pvalue == doctest::Approx(2.0 / 3.0).epsilon(1e-13));
    CHECK(small.method.find("exact") != std::string::npos);
}

TEST_CASE("kruskal_wallis: exact stays cheap with heavy ties and refuses what it cannot enumerate") {
    // 45 ordinal scores on 1–4 in three groups: 45!/(15!)³ ≈ 5e19 arrangements of observations, but only 143,100
    // distinct tables of counts (level × group).
    const std::vector<std::vector<double>> g{{1, 2, 2, 3, 3, 3, 4, 2, 1, 3, 2, 4, 3, 2, 3},
                                             {2, 3, 3, 4, 4, 3, 2, 4, 3, 3, 4, 1, 3, 4, 2},
                                             {1, 1, 2, 2, 3, 1, 2, 2, 4, 1, 3, 2, 2, 1, 3}};
    const auto e = kw(g, kw_options(TestMethod::exact));
    CHECK(e.method.find("143,100 distinct") != std::string::npos);
    CHECK(e.pvalue < kw(g).pvalue);  // 0.0183 exact against 0.0213 from chi-square(2) at H = 7.698
    const auto m = kw(g, kw_options(TestMethod::monte_carlo, 20000, 2));
    CHECK(std::abs(m.pvalue - e.pvalue) < 5 * std::sqrt(e.pvalue * (1 - e.pvalue) / 20000) + 1e-4);

    std::vector<std::vector<double>> big(3);
    for (int i = 0; i < 45; ++i) big[static_cast<std::size_t>(i % 3)].push_back(i * 1.5);
    CHECK_THROWS_WITH_AS(kw(big, kw_options(TestMethod::exact)),
                         doctest::Contains("more than 2,000,000 distinct assignments"), hp::DomainError);
}

TEST_CASE("kruskal_wallis: exact with one observation against 100,000 (no recursion, no per-level cost)") {
    // x = {2499.5} among y = 0, 1, …, 99999: x has rank 2501 of N = 100,001. Under permutation the lone x takes any
    // rank r with probability 1/N, and H grows with |r − 50001|; ranks at least 47,500 from the centre are
    // r ≤ 2501 or r ≥ 97501: 2501 + 2501 = 5002 of them, so p = 5002/100001.
    std::vector<double> y(100000);
    for (std::size_t i = 0; i < y.size(); ++i) y[i] = static_cast<double>(i);
    const auto r = kw({{2499.5}, y}, kw_options(TestMethod::exact));
    CHECK(r.pvalue == doctest::Approx(5002.0 / 100001).epsilon(1e-11));
    CHECK(r.method.find("100,001 distinct") != std::string::npos);
}

TEST_CASE("kruskal_wallis: bad input") {
    CHECK_THROWS_WITH_AS(kw({{1, 2}}), "the Kruskal-Wallis test needs at least 2 samples, got 1", hp::DataError);
    CHECK_THROWS_WITH_AS(kw({{1, 2}, {}}), doctest::Contains("sample 2 of 2 is empty"), hp::DataError);
    CHECK_THROWS_WITH_AS(kw({{1, 2}, {3, std::nan("")}}),
                         "sample 2: missing value (NaN) at position 1; remove it before testing", hp::DataError);
    CHECK_THROWS_WITH_AS(kw({{1, std::numeric_limits<double>::infinity()}, {3}}), doctest::Contains("infinite"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(kw({{2, 2}, {2}, {2, 2}}), doctest::Contains("every value in the 3 samples is equal"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(kw({{1, 2}, {3}}, kw_options(TestMethod::monte_carlo, 0)),
                         "n_resamples must be at least 1, got 0", hp::DomainError);
}

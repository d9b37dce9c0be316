// Brunner-Munzel: a hand-worked case (asymptotic and exact), published values, degenerate variance, bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/brunner_munzel.hpp"

using hp::stats::Alternative;
using hp::stats::Approximation;
using hp::stats::BrunnerMunzelOptions;
using hp::stats::TestMethod;

namespace {
using V = std::vector<double>;
BrunnerMunzelOptions opts(Alternative alt, TestMethod m = TestMethod::automatic,
                          Approximation d = Approximation::t) {
    BrunnerMunzelOptions o;
    o.alternative = alt;
    o.method = m;
    o.distribution = d;
    return o;
}
}  // namespace

TEST_CASE("brunner_munzel: worked by hand, asymptotic and exact") {
    // x = 1 3, y = 2 4. Placements of x among y: 0, 1 (mean ½, Σ squared deviations ½, S²x = ½);
    // of y among x: 1, 2 (S²y = ½). p̂ = P(X<Y) + ½P(X=Y) = (1 + 2)/4 = ¾. v = 2·½ + 2·½ = 2,
    // W = 2·2·(¾ − ½)/√2 = 1/√2, df = 2²/(1²/1 + 1²/1) = 2. For t(2), P(T ≥ w) = ½(1 − w/√(w² + 2)), so the
    // two-sided p = 1 − (1/√2)/√(5/2) = 1 − 1/√5.
    const V x{1, 3}, y{2, 4};
    const auto r = hp::stats::brunner_munzel(x, y);
    CHECK(r.statistic == doctest::Approx(1 / std::sqrt(2.0)).epsilon(1e-14));
    CHECK(r.df == doctest::Approx(2.0).epsilon(1e-14));
    CHECK(r.estimate == 0.75);
    CHECK(r.pvalue == doctest::Approx(1 - 1 / std::sqrt(5.0)).epsilon(1e-13));
    CHECK(hp::stats::brunner_munzel(x, y, opts(Alternative::less)).pvalue ==
          doctest::Approx((1 - 1 / std::sqrt(5.0)) / 2).epsilon(1e-13));

    // Exact: the 6 ways to pick x's two values out of 1 2 3 4 give W = {1,2}: +inf, {1,3}: 1/√2, {1,4}: 0,
    // {2,3}: 0, {2,4}: −1/√2, {3,4}: −inf. Observed 1/√2: P(W ≥ w) = 2/6, P(W ≤ w) = 5/6.
    const auto less = hp::stats::brunner_munzel(x, y, opts(Alternative::less, TestMethod::exact));
    const auto greater = hp::stats::brunner_munzel(x, y, opts(Alternative::greater, TestMethod::exact));
    const auto two = hp::stats::brunner_munzel(x, y, opts(Alternative::two_sided, TestMethod::exact));
    CHECK(less.pvalue == doctest::Approx(2.0 / 6).epsilon(1e-13));
    CHECK(greater.pvalue == doctest::Approx(5.0 / 6).epsilon(1e-13));
    CHECK(two.pvalue == doctest::Approx(4.0 / 6).epsilon(1e-13));
    CHECK(two.method.find("6 distinct") != std::string::npos);
    CHECK(std::isnan(two.df));
}

TEST_CASE("brunner_munzel: published values") {
    // Pain scores (Brunner & Munzel 2000, corrected in Neubert & Brunner 2007); scipy.stats.brunnermunzel's
    // docstring gives W = 3.1374674823029505, p = 0.0057862086661515377; R's brunnermunzel gives df = 17.683,
    // P(X<Y)+.5*P(X=Y) = 0.788961.
    const V x{1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 1, 1}, y{3, 3, 4, 3, 1, 2, 3, 1, 1, 5, 4};
    const auto r = hp::stats::brunner_munzel(x, y);
    CHECK(r.statistic == doctest::Approx(3.1374674823029505).epsilon(1e-12));
    CHECK(r.pvalue == doctest::Approx(0.0057862086661515377).epsilon(1e-10));
    CHECK(r.df == doctest::Approx(17.682841979481548).epsilon(1e-12));
    CHECK(r.estimate == doctest::Approx(0.788961038961039).epsilon(1e-14));
    // Hollander & Wolfe (1973) depression scores, R's brunnermunzel.test: W = -1.4673, df = 15.147, p = 0.1628
    const V a{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
    const V b{0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
    const auto h = hp::stats::brunner_munzel(a, b);
    CHECK(h.statistic == doctest::Approx(-1.4673).epsilon(1e-4));
    CHECK(h.df == doctest::Approx(15.147).epsilon(1e-4));
    CHECK(h.pvalue == doctest::Approx(0.1628).epsilon(1e-3));
    CHECK(h.estimate == doctest::Approx(0.2839506).epsilon(1e-6));
    // normal reference: zstatistic is reported and the p-value is the normal tail
    const auto n = hp::stats::brunner_munzel(x, y, opts(Alternative::two_sided, TestMethod::asymptotic,
                                                        Approximation::normal));
    CHECK(n.zstatistic == n.statistic);
    CHECK(n.pvalue == doctest::Approx(std::erfc(n.statistic / std::sqrt(2.0))).epsilon(1e-12));
}

TEST_CASE("brunner_munzel: samples that do not overlap (zero variance) have a defined result") {
    const V lo{1, 2, 3}, hi{4, 5, 6, 7};
    const auto r = hp::stats::brunner_munzel(lo, hi);
    CHECK(std::isinf(r.statistic));
    CHECK(r.statistic > 0);  // y above x
    CHECK(std::isnan(r.df));
    CHECK(r.pvalue == 0);
    CHECK(r.estimate == 1);
    CHECK(r.method.find("do not overlap") != std::string::npos);
    CHECK(hp::stats::brunner_munzel(lo, hi, opts(Alternative::less)).pvalue == 0);
    CHECK(hp::stats::brunner_munzel(lo, hi, opts(Alternative::greater)).pvalue == 1);
    CHECK(hp::stats::brunner_munzel(hi, lo, opts(Alternative::greater)).pvalue == 0);
    // exact: only the observed labelling of C(7,3) = 35 is as extreme each way, so two-sided p = 2/35
    const auto e = hp::stats::brunner_munzel(lo, hi, opts(Alternative::two_sided, TestMethod::exact));
    CHECK(e.pvalue == doctest::Approx(2.0 / 35).epsilon(1e-13));
    CHECK(hp::stats::brunner_munzel(lo, hi, opts(Alternative::less, TestMethod::exact)).pvalue ==
          doctest::Approx(1.0 / 35).epsilon(1e-13));
}

TEST_CASE("brunner_munzel: Monte Carlo is seeded, thread-independent and near the exact p-value") {
    // C(24, 12) = 2,704,156 labellings: more than the resamples, so they are sampled, not enumerated
    const V x{1, 2, 2, 3, 1, 4, 2, 1, 3, 2, 1, 2}, y{2, 3, 3, 4, 4, 2, 3, 1, 3, 4, 2, 3};
    auto mc = opts(Alternative::two_sided, TestMethod::monte_carlo);
    mc.monte_carlo.n_resamples = 20000;
    const auto one = hp::stats::brunner_munzel(x, y, mc);
    mc.monte_carlo.threads = 2;
    const auto two = hp::stats::brunner_munzel(x, y, mc);
    mc.monte_carlo.seed = 1;
    const auto other = hp::stats::brunner_munzel(x, y, mc);
    const auto exact = hp::stats::brunner_munzel(x, y, opts(Alternative::two_sided, TestMethod::exact));
    CHECK(one.pvalue == two.pvalue);
    CHECK(other.pvalue != one.pvalue);
    // a two-sided p is twice a tail frequency: its binomial SE is 2·sqrt(q(1−q)/B) with q = p/2
    const double q = exact.pvalue / 2;
    CHECK(std::abs(one.pvalue - exact.pvalue) < 5 * 2 * std::sqrt(q * (1 - q) / 20000));
    CHECK(one.method.find("Monte Carlo") != std::string::npos);
    // with at least C(N, nx) resamples every labelling is enumerated instead (as scipy.stats.permutation_test)
    const V sx{1, 2, 2, 3}, sy{2, 3, 3, 4, 4};  // C(9, 4) = 126
    mc.monte_carlo.n_resamples = 126;
    const auto enumerated = hp::stats::brunner_munzel(sx, sy, mc);
    CHECK(enumerated.pvalue ==
          hp::stats::brunner_munzel(sx, sy, opts(Alternative::two_sided, TestMethod::exact)).pvalue);
    CHECK(enumerated.method.find("exact") != std::string::npos);
}

TEST_CASE("brunner_munzel: bad input") {
    const V ok{1, 2, 3};
    CHECK_THROWS_WITH_AS(hp::stats::brunner_munzel(V{1}, ok),
                         "x: the Brunner-Munzel test needs at least 2 observations in each sample, got 1",
                         hp::DataError);
    CHECK_THROWS_WITH_AS(hp::stats::brunner_munzel(ok, V{}), doctest::Contains("y: the Brunner-Munzel test needs"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(hp::stats::brunner_munzel(ok, V{1, std::nan("")}),
                         "y: missing value (NaN) at position 1; remove it before testing", hp::DataError);
    CHECK_THROWS_WITH_AS(hp::stats::brunner_munzel(V{2, 2}, V{2, 2, 2}), doctest::Contains("every value is equal"),
                         hp::DataError);
    auto o = opts(Alternative::two_sided, TestMethod::monte_carlo);
    o.monte_carlo.n_resamples = 0;
    CHECK_THROWS_AS(hp::stats::brunner_munzel(ok, V{4, 5}, o), hp::DomainError);
    std::vector<double> big1, big2;
    for (int i = 0; i < 20; ++i) big1.push_back(i), big2.push_back(i + 0.5);
    CHECK_THROWS_WITH_AS(hp::stats::brunner_munzel(big1, big2, opts(Alternative::less, TestMethod::exact)),
                         doctest::Contains("more than 2,000,000 distinct assignments"), hp::DomainError);
    CHECK_THROWS_WITH_AS(hp::stats::parse_approximation("student"), "unknown distribution 'student': use 't' or 'normal'",
                         hp::DomainError);
}

TEST_CASE("brunner_munzel: counting helpers") {
    // splits of sizes {2, 1, 3} taking 3: count vectors (a0 ≤ 2, a1 ≤ 1, a2 ≤ 3, Σ = 3):
    // a1 = 0: (0,0,3) (1,0,2) (2,0,1); a1 = 1: (0,1,2) (1,1,1) (2,1,0) → 6
    const std::int64_t sizes[] = {2, 1, 3};
    CHECK(hp::stats::detail::count_distinct_splits(sizes, 3, 100) == 6);
    CHECK(hp::stats::detail::count_distinct_splits(sizes, 3, 5) == 6);  // capped at cap + 1
    // 6!/(2!·1!·3!) = 60
    CHECK(hp::stats::detail::multinomial_capped(sizes, 1000) == 60);
    CHECK(hp::stats::detail::multinomial_capped(sizes, 10) == 11);
    const std::int64_t halves[] = {50, 50};  // C(100, 50) ≈ 1e29 saturates
    CHECK(hp::stats::detail::multinomial_capped(halves, 2'000'000) == 2'000'001);

    // The enumerator visits those same 6 tables (levels of 2, 1, 3 values into groups of 3 and 3) and their
    // probabilities C(2,a0)·C(1,a1)·C(3,a2)/C(6,3) add up to 1: in the order listed above (1 + 6 + 3 + 3 + 6 + 1)/20.
    struct Count final : hp::stats::detail::TableVisitor {
        int pushed = 0;
        double total = 0;
        void push(std::size_t, std::span<const std::int64_t>) override { ++pushed; }
        void pop(std::size_t, std::span<const std::int64_t>) override { --pushed; }
        void leaf(std::size_t, std::size_t, double p) override { total += p; }
    } visit;
    const std::int64_t groups[] = {3, 3};
    CHECK(hp::stats::detail::enumerate_tables(sizes, groups, visit, 100) == 6);
    CHECK(visit.total == doctest::Approx(1.0).epsilon(1e-14));
    CHECK(visit.pushed == 0);  // every push was popped
    CHECK(hp::stats::detail::enumerate_tables(sizes, groups, visit, 4) == 5);  // stops past the budget
}

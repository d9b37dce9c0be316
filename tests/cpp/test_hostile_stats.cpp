// Issue 15 (hostile input) for stats: the exact Mann–Whitney null past the fast recursion's accurate range,
// and values near the double max in means, medians, permutation statistics and bootstrap standard errors.
// (Indicators, demography and power: tests/python/test_hostile_stats.py.)
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/bootstrap.hpp"
#include "healthyplaces/stats/mann_whitney.hpp"
#include "healthyplaces/stats/permutation.hpp"
#include "healthyplaces/stats/statistic.hpp"

using namespace hp::stats;

TEST_CASE("hostile: the stable Mann-Whitney recursion equals exact 128-bit counts") {
    for (auto [n1, n2] : {std::pair<int, int>{1, 1}, {1, 9}, {7, 7}, {20, 31}, {45, 40}, {3, 200}}) {
        const auto exact = detail::mann_whitney_lower_pmf(n1, n2, true);
        const auto stable = detail::mann_whitney_lower_pmf_stable(n1, n2);
        REQUIRE(exact.size() == stable.size());
        double worst = 0;
        for (std::size_t u = 0; u < exact.size(); ++u) worst = std::max(worst, std::fabs(stable[u] - exact[u]) / exact[u]);
        CAPTURE(n1);
        CAPTURE(n2);
        CHECK(worst < 1e-12);
    }
}

TEST_CASE("hostile: the fast recursion agrees with the stable one where it is used") {
    // 150 x 150 is a corner of the fast recursion's region (measured error 1.5e-13 of the largest probability;
    // the others, e.g. 175 x 700, take seconds by the stable recursion and were measured once)
    for (auto [m, n] : {std::pair<int, int>{150, 150}}) {
        const auto fast = detail::mann_whitney_lower_pmf(m, n, false);
        const auto stable = detail::mann_whitney_lower_pmf_stable(m, n);
        REQUIRE(fast.size() == stable.size());
        double top = 0, worst = 0;
        for (double v : stable) top = std::max(top, v);
        for (std::size_t u = 0; u < fast.size(); ++u) worst = std::max(worst, std::fabs(fast[u] - stable[u]));
        CAPTURE(m);
        CHECK(worst / top < 1e-12);
    }
    CHECK(detail::fast_recursion_accurate(150, 150));
    CHECK_FALSE(detail::fast_recursion_accurate(151, 151));
    CHECK(detail::fast_recursion_accurate(250, 2500));
    CHECK(detail::fast_recursion_accurate(175, 700));
    CHECK_FALSE(detail::fast_recursion_accurate(175, 699));
    CHECK(detail::fast_recursion_accurate(200, 1200));
    CHECK_FALSE(detail::fast_recursion_accurate(251, 100000));
}

TEST_CASE("hostile: the double-double recursion agrees with the stable one") {
    // at 200 x 210 the double recursion is off by ~2e-12 of the largest probability; double-double is not
    // (checked once at 300, 500 and 600 per sample too: 6e-15 relative to each probability, seconds each)
    const auto dd = detail::mann_whitney_lower_pmf_double_double(200, 210);
    const auto stable = detail::mann_whitney_lower_pmf_stable(200, 210);
    REQUIRE(dd.size() == stable.size());
    double worst = 0;
    for (std::size_t u = 0; u < dd.size(); ++u)
        if (stable[u] > 1e-300) worst = std::max(worst, std::fabs(dd[u] - stable[u]) / stable[u]);
    CHECK(worst < 1e-13);
}

TEST_CASE("hostile: the exact null beyond the fast recursion sums to one and refuses past its limits") {
    const SymmetricNull null = mann_whitney_null(170, 160);  // double-double
    CHECK(null.cdf(13599) + null.pmf(13600) / 2 == doctest::Approx(0.5).epsilon(1e-13));
    // P(U = 0) = 1 / C(330, 160)
    const double log_c = std::lgamma(331.0) - std::lgamma(161.0) - std::lgamma(171.0);
    CHECK(null.pmf(0) == doctest::Approx(std::exp(-log_c)).epsilon(1e-10));
    try {
        (void)mann_whitney_null(701, 701);
        FAIL("expected a DomainError");
    } catch (const hp::DomainError& e) {
        CHECK(std::string(e.what()).find("use the asymptotic or monte_carlo method") != std::string::npos);
    }
    CHECK_THROWS_AS(mann_whitney_null(600, 2300), hp::DomainError);  // 600² x 2300 > 8e8
}

TEST_CASE("hostile: means of values near the double max do not overflow") {
    const std::vector<double> xs{1.7e308, 1.7e308, 1.5e308};
    CHECK(evaluate(Statistic{StatisticKind::mean}, xs) == doctest::Approx(1.6333333333333333e308).epsilon(1e-14));
    const std::vector<double> pair{1e308, 1.7e308};
    CHECK(evaluate(Statistic{StatisticKind::median}, pair) == doctest::Approx(1.35e308).epsilon(1e-15));
}

TEST_CASE("hostile: a permutation test near the double max is finite or refused") {
    const std::vector<double> x{1e308, -1e308, 1e308, -1e308, 0}, y{1e308, 1e308, -1e308, 0, 1};
    PermutationOptions o;
    const auto r = permutation_test(x, y, o);
    CHECK(r.statistic == doctest::Approx(-2e307).epsilon(1e-12));
    CHECK(r.pvalue >= 0.0);
    CHECK(r.pvalue <= 1.0);
    for (double v : r.null_distribution) CHECK(std::isfinite(v));
    const std::vector<double> big{1.7e308, 1.7e308, 1.7e308}, neg{-1.7e308, -1.7e308, -1.7e308};
    CHECK_THROWS_AS(permutation_test(big, neg, o), hp::DomainError);
}

TEST_CASE("hostile: the bootstrap standard error of huge values is finite") {
    const std::vector<double> d{1.7e308, -1.7e308, 1.0e308, -1.0e308};
    const double se = bootstrap_standard_error(d, {});
    // sample SD of (1.7, -1.7, 1, -1) e308 = sqrt((2·2.89 + 2·1) / 3) e308
    CHECK(se == doctest::Approx(std::sqrt((2 * 2.89 + 2 * 1.0) / 3) * 1e308).epsilon(1e-13));
}

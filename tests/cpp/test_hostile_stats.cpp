// Issue 15 (hostile input) for stats: the exact Mann–Whitney null past the fast recursion's accurate range,
// and values near the double max in means, medians, permutation statistics and bootstrap standard errors.
// (Indicators, demography and power: tests/python/test_hostile_stats.py.)
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "error_of.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/indicators/funnel.hpp"
#include "healthyplaces/indicators/rates.hpp"
#include "healthyplaces/indicators/spc.hpp"
#include "healthyplaces/stats/bootstrap.hpp"
#include "healthyplaces/stats/mann_whitney.hpp"
#include "healthyplaces/stats/permutation.hpp"
#include "healthyplaces/stats/statistic.hpp"

using namespace hp::stats;

TEST_CASE("hostile: the stable Mann-Whitney recursion equals exact 128-bit counts") {
    for (auto [n1, n2] : {std::pair<int, int>{1, 1}, {1, 9}, {7, 7}, {20, 31}, {45, 40}, {3, 200}}) {
        const auto exact = hp::stats::detail::mann_whitney_lower_pmf(n1, n2, true);
        const auto stable = hp::stats::detail::mann_whitney_lower_pmf_stable(n1, n2);
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
        const auto fast = hp::stats::detail::mann_whitney_lower_pmf(m, n, false);
        const auto stable = hp::stats::detail::mann_whitney_lower_pmf_stable(m, n);
        REQUIRE(fast.size() == stable.size());
        double top = 0, worst = 0;
        for (double v : stable) top = std::max(top, v);
        for (std::size_t u = 0; u < fast.size(); ++u) worst = std::max(worst, std::fabs(fast[u] - stable[u]));
        CAPTURE(m);
        CHECK(worst / top < 1e-12);
    }
    CHECK(hp::stats::detail::fast_recursion_accurate(150, 150));
    CHECK_FALSE(hp::stats::detail::fast_recursion_accurate(151, 151));
    CHECK(hp::stats::detail::fast_recursion_accurate(250, 2500));
    CHECK(hp::stats::detail::fast_recursion_accurate(175, 700));
    CHECK_FALSE(hp::stats::detail::fast_recursion_accurate(175, 699));
    CHECK(hp::stats::detail::fast_recursion_accurate(200, 1200));
    CHECK_FALSE(hp::stats::detail::fast_recursion_accurate(251, 100000));
}

TEST_CASE("hostile: the double-double recursion agrees with the stable one") {
    // at 200 x 210 the double recursion is off by ~2e-12 of the largest probability; double-double is not
    // (checked once at 300, 500 and 600 per sample too: 6e-15 relative to each probability, seconds each)
    const auto dd = hp::stats::detail::mann_whitney_lower_pmf_double_double(200, 210);
    const auto stable = hp::stats::detail::mann_whitney_lower_pmf_stable(200, 210);
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


// ---- indicators: fuzz findings 1, 2, 5 and 6 of docs/fuzzing.md --------------------------------------------

namespace hi = hp::indicators;
using hp::testing::contains;
using hp::testing::error_of;

TEST_CASE("hostile finding 1: the per-count limits check their arguments") {
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    // wilson-level-unchecked: a NaN level escaped as Boost's std::domain_error
    CHECK(contains(error_of([&] { (void)hi::wilson_lower(3, 10, nan); }),
                   "DomainError: confidence_level must be strictly between 0 and 1"));
    CHECK(error_of([] { (void)hi::wilson_upper(3, 10, 95); }) ==
          "DomainError: confidence_level must be strictly between 0 and 1, got 95 (did you mean 0.95?)");
    CHECK(error_of([] { (void)hi::byars_lower(-1, 0.95); }) ==
          "DomainError: byars_lower: x must be a finite number in [0, 1e300], got -1");
    CHECK(contains(error_of([&] { (void)hi::byars_upper(inf, 0.95); }), "byars_upper: x must be a finite number"));
    CHECK(contains(error_of([&] { (void)hi::poisson_exact_lower(nan, 0.95); }), "poisson_exact_lower: x must be"));
    CHECK(contains(error_of([] { (void)hi::poisson_exact_upper(2, 0); }), "confidence_level must be strictly"));
    CHECK(error_of([] { (void)hi::wilson_lower(5, 3, 0.95); }) ==
          "DomainError: wilson_lower: x (5) must be at most n (3)");
    CHECK(contains(error_of([] { (void)hi::wilson_upper(0, 0, 0.95); }), "wilson_upper: n must be a finite number in (0, 1e300]"));
    // valid arguments are unchanged: statsmodels' proportion_confint(3, 10, method="wilson")
    CHECK(hi::wilson_lower(3, 10, 0.95) == doctest::Approx(0.10779126740630104).epsilon(1e-13));
    CHECK(hi::wilson_upper(3, 10, 0.95) == doctest::Approx(0.6032218525388546).epsilon(1e-13));
}

TEST_CASE("hostile finding 2: exact Poisson limits of subnormal and huge counts") {
    // rate-exact-subnormal-events: Boost's tgamma(5e-324) overflowed. The lower limit underflows to 0; the
    // upper is the gamma(1) quantile, −ln(0.025).
    CHECK(hi::poisson_exact_lower(5e-324, 0.95) == 0.0);
    CHECK(hi::poisson_exact_upper(5e-324, 0.95) == doctest::Approx(-std::log(0.025)).epsilon(1e-14));
    const std::vector<double> tiny{5e-324}, one{1};
    const auto r = hi::rate(tiny, one);
    CHECK(r.lower[0][0] == 0.0);
    CHECK(r.upper[0][0] == doctest::Approx(3.6888794541139363e5).epsilon(1e-14));
    // rate-exact-huge-events: Boost's series gave up from about 1e11. scipy.stats.gamma.ppf(0.025, x) and
    // .isf(0.025, x + 1) (= chi2.ppf(0.025, 2x) / 2, ...).
    struct Ref { double x, lo, hi; };
    for (const Ref& e : {Ref{1e12, 999998040036.9626, 1000001959965.9316}, Ref{9e15, 8999999814061491.0, 9000000185938512.0},
                         Ref{1e20, 9.999999998040036e+19, 1.0000000001959964e+20}}) {
        CAPTURE(e.x);
        CHECK(hi::poisson_exact_lower(e.x, 0.95) == doctest::Approx(e.lo).epsilon(1e-14));
        CHECK(hi::poisson_exact_upper(e.x, 0.95) == doctest::Approx(e.hi).epsilon(1e-14));
    }
    const std::vector<double> big{9e15}, pop{1e10};
    hi::RateOptions exact;
    exact.method = hi::RateMethod::exact;
    const auto rb = hi::rate(big, pop, exact);
    CHECK(rb.lower[0][0] == doctest::Approx(8999999814061491.0 / 1e10 * 1e5).epsilon(1e-14));
    // The switch to the Cornish-Fisher expansion at 1e9 is continuous: scipy's quantiles at the switch, and one
    // count either side (Boost's quantile below, the expansion at and above) differ by the count.
    CHECK(hi::poisson_exact_lower(1e9, 0.95) == doctest::Approx(999938021.4439279).epsilon(1e-15));
    CHECK(hi::poisson_exact_upper(1e9, 0.95) == doctest::Approx(1000061981.4504089).epsilon(1e-15));
    CHECK(hi::poisson_exact_lower(1e9, 0.998) == doctest::Approx(999902281.123973).epsilon(1e-15));
    CHECK(hi::poisson_exact_upper(1e9, 0.998) == doctest::Approx(1000097725.5757663).epsilon(1e-15));
    for (double c : {0.95, 0.998, 1 - 1e-12}) {
        CAPTURE(c);
        const double below = std::nextafter(1e9, 0.0), a = (1 - c) / 2;
        CHECK(hi::poisson_exact_lower(1e9, c) == doctest::Approx(boost::math::gamma_p_inv(1e9, a)).epsilon(1e-12));
        CHECK(hi::poisson_exact_lower(1e9, c) - hi::poisson_exact_lower(below, c) ==
              doctest::Approx(1e9 - below).epsilon(1e-3));
        CHECK(hi::poisson_exact_upper(1e9 - 1, c) == doctest::Approx(boost::math::gamma_q_inv(1e9, a)).epsilon(1e-12));
    }
    // proportion-exact-huge-counts: Clopper-Pearson limits of 9.3e18 in 1e19 are refused, naming the group (totals
    // past 1e15: Boost's beta quantile fails on many, and runs for minutes from about 1e25); below, where Boost fails
    const std::vector<double> x{1, 9.3e18}, n{2, 1e19};
    hi::ProportionOptions cp;
    cp.method = hi::ProportionMethod::exact;
    CHECK(error_of([&] { (void)hi::proportion(x, n, cp); }) ==
          "DataError: proportion: group 1 has counts 9.3e+18 of 1e+19: exact (Clopper-Pearson) limits are computed "
          "for totals up to 1e15; for counts this large use the Wilson method");
    const std::vector<double> x2{9.3e14, 5e150}, n2{1e15, 1e151};
    const std::string e = error_of([&] { (void)hi::proportion(x2, n2, cp); });
    CHECK(contains(e, "DataError: proportion: group 0 has counts 9.3e+14 of 1e+15: their exact (Clopper-Pearson) "
                      "limits cannot be computed ("));
    CHECK(contains(e, "use the Wilson method"));
    const std::vector<double> x3{5e150}, n3{1e151};
    CHECK(contains(error_of([&] { (void)hi::proportion(x3, n3, cp); }), "group 0 has counts 5e+150 of 1e+151"));
    hi::RatioOptions rr;
    rr.method = hi::RatioMethod::exact;
    const std::vector<double> e1{9.3e18}, p1{1}, e2{7e17}, p2{1};
    CHECK(contains(error_of([&] { (void)hi::rate_ratio(e1, p1, e2, p2, rr); }), "for counts this large use method \"log\""));
    const std::vector<double> sub{5e-324}, unit{1};
    CHECK(hi::proportion(sub, unit, cp).lower[0][0] == 0.0);
    // the funnel: the chi-square limits read the same quantiles; the exact ones are refused, naming the organisation
    hi::FunnelOptions fo;
    fo.kind = hi::FunnelKind::rate;
    fo.method = hi::FunnelMethod::chisq;
    fo.confidence_level = {0.95};
    const std::vector<double> denominators{1e10, 1e-300};
    const auto fl = hi::funnel_limits(denominators, 9e5, fo);  // expected counts 9e15 and 9e-295
    CHECK(fl.lower[0][0] == doctest::Approx(8999999814061491.0 / 1e10).epsilon(1e-14));
    fo.method = hi::FunnelMethod::exact;
    CHECK(contains(error_of([&] { (void)hi::funnel_limits(denominators, 9e5, fo); }),
                   "DataError: funnel_limits: point 0 has denominator 1e+10: its exact Poisson limits at level 0.95 "
                   "cannot be computed ("));
}

namespace {
// The funnel's exact Poisson limit as it was computed before the bisection: stepping one count at a time from
// the normal approximation (Spiegelhalter 2005's interpolated quantile), for comparison.
double stepped_poisson_limit(double mu, double p) {
    const auto F = [&](double r) { return r < 0 ? 0.0 : boost::math::gamma_q(r + 1.0, mu); };
    const double z = boost::math::quantile(boost::math::normal_distribution<double>(), p);
    double r = std::max(0.0, std::floor(mu + z * std::sqrt(mu))), fr = F(r);
    if (fr >= p) {
        while (r > 0 && F(r - 1) >= p) r -= 1, fr = F(r);
    } else {
        while (fr < p) r += 1, fr = F(r);
    }
    const double below = r > 0 ? F(r - 1) : 0.0, gap = fr - below;
    return std::max(0.0, r - (gap > 0 ? (fr - p) / gap : 0.0));
}
}  // namespace

TEST_CASE("hostile finding 6: the funnel's exact Poisson limits by bisection equal the stepping") {
    hi::FunnelOptions fo;
    fo.kind = hi::FunnelKind::rate;
    fo.method = hi::FunnelMethod::exact;
    fo.confidence_level = {0.95, 0.998, 1 - 1e-12};
    const std::vector<double> denominators{0.01, 0.7, 3, 20, 150, 2e3, 4e4, 1e6};
    const double target = 0.8;  // per person: expected counts 0.008 to 8e5
    const auto f = hi::funnel_limits(denominators, target, fo);
    for (std::size_t l = 0; l < fo.confidence_level.size(); ++l)
        for (std::size_t i = 0; i < denominators.size(); ++i) {
            const double mu = target * denominators[i], a = (1 - fo.confidence_level[l]) / 2;
            CAPTURE(mu);
            CAPTURE(l);
            CHECK(f.lower[l][i] == doctest::Approx(stepped_poisson_limit(mu, a) / denominators[i]).epsilon(1e-15));
            CHECK(f.upper[l][i] == doctest::Approx(stepped_poisson_limit(mu, 1 - a) / denominators[i]).epsilon(1e-15));
        }
    // hang-exact-poisson-quantile: a rate target of 1e154 per 100 put the expected count (5e153) past 2^53, where
    // the stepping's r + 1 == r never moved; the bisection stops, and Boost's failure there is a clear error
    fo.kind = hi::FunnelKind::rate;
    fo.method = hi::FunnelMethod::automatic;
    fo.multiplier = 100;
    fo.confidence_level = {0.8, 0.95, 0.5};
    const std::vector<double> num{5, 19.999999523162842, 50.000000000060027, 0, 100, 2.0004119813092984}, den(6, 50.0);
    CHECK(contains(error_of([&] { (void)hi::funnel(num, den, fo, 1e154); }),
                   "DataError: funnel: organisation 0 has denominator 50: its exact Poisson limits at level 0.8 cannot "
                   "be computed ("));
}

TEST_CASE("hostile finding 5: time indices more than 2^63 apart") {
    constexpr auto lo = std::numeric_limits<std::int64_t>::min(), hi64 = std::numeric_limits<std::int64_t>::max();
    // usual-time-step-overflow: time[i] − time[i − 1] overflowed int64 (undefined behaviour)
    const std::vector<std::int64_t> apart{lo, 0, hi64};  // steps 2^63 and 2^63 − 1: the smaller fits
    CHECK(hi::usual_time_step(apart) == hi64);
    const std::vector<std::int64_t> too_far{lo, hi64};
    CHECK(error_of([&] { (void)hi::usual_time_step(too_far); }) ==
          "DataError: usual_time_step: the usual step, between times -9223372036854775808 (point 0) and "
          "9223372036854775807 (point 1), is outside the 64-bit integer range (|step| < 2^63)");
    const std::vector<std::int64_t> back{hi64, lo, hi64, lo, 0};  // −(2^64 − 1) twice: refused, not wrapped
    CHECK(contains(error_of([&] { (void)hi::usual_time_step(back); }), "between times 9223372036854775807 (point 0)"));
    // xmr takes the same steps for its gaps: one gap of 2^64 − 1 periods less one
    const std::vector<double> values{1, 2, 3};
    const std::vector<std::int64_t> t{lo, hi64 - 1, hi64};
    const auto x = hi::xmr(values, t);
    REQUIRE(x.gaps.size() == 1);
    CHECK(x.gaps[0] == 1);
    CHECK(x.missing_periods[0] == doctest::Approx(18446744073709551614.0 - 1));
}

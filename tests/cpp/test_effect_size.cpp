// Cliff's delta and the probability of superiority: hand-worked cases, R's published values, edge rules.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/effect_size.hpp"

using hp::stats::Approximation;
using hp::stats::CliffsDeltaOptions;
using hp::stats::CliffVariance;

namespace {
using V = std::vector<double>;
CliffsDeltaOptions cliff(CliffVariance v, Approximation d, double conf = 0.95) {
    CliffsDeltaOptions o;
    o.variance = v;
    o.distribution = d;
    o.confidence_level = conf;
    return o;
}
}  // namespace

TEST_CASE("effect size: Cliff's delta worked by hand") {
    // x = 1 3, y = 2 4. Signs d_ij = sign(x_i − y_j): (1,2) −1, (1,4) −1, (3,2) +1, (3,4) −1 → d = −2/4 = −½.
    // Row means d_i. = −1, 0; column means d_.j = 0, −1: each Σ(· − d)² = ¼ + ¼ = ½.
    // ΣΣ(d_ij − d)² = ¼ + ¼ + 9/4 + ¼ = 3.
    // unbiased s² = (2²·½ + 2²·½ − 3)/(2·2·1·1) = ¼ (Cliff's floor (1 − ¼)/3 = ¼ too);
    // consistent s² = (1·½/1 + 1·½/1 + 3/1)/4 = 1.
    // Normal z = 1.959964: with s² = ¼, 1 − d² = ¾, z²s² = 0.960365, d − d³ = −0.375,
    // half-width z·s·√(¾² + z²s²) = 1.209341, denominator ¾ + z²s² = 1.710365:
    // interval ((−0.375 − 1.209341)/1.710365, (−0.375 + 1.209341)/1.710365) = (−0.926318, 0.487815).
    const V x{1, 3}, y{2, 4};
    const auto u = hp::stats::cliffs_delta(x, y, cliff(CliffVariance::unbiased, Approximation::normal));
    CHECK(u.estimate == -0.5);
    CHECK(u.standard_error == doctest::Approx(0.5).epsilon(1e-14));
    CHECK(u.ci_low == doctest::Approx(-0.926318).epsilon(1e-6));
    CHECK(u.ci_high == doctest::Approx(0.487815).epsilon(1e-6));
    const auto c = hp::stats::cliffs_delta(x, y, cliff(CliffVariance::consistent, Approximation::normal));
    CHECK(c.standard_error == doctest::Approx(1.0).epsilon(1e-14));
    CHECK(c.n == 4);
}

TEST_CASE("effect size: Cliff's delta equals R's effsize::cliff.delta") {
    // effsize's own tests (tests/testCliff.Rout.save)
    const V treatment{10, 10, 20, 20, 20, 30, 30, 30, 40, 50}, control{10, 20, 30, 40, 40, 50};
    const auto a = hp::stats::cliffs_delta(treatment, control,
                                           cliff(CliffVariance::consistent, Approximation::normal));
    CHECK(a.estimate == -0.25);
    CHECK(a.ci_low == doctest::Approx(-0.7125351).epsilon(1e-6));
    CHECK(a.ci_high == doctest::Approx(0.3639999).epsilon(1e-6));
    // defaults: unbiased variance, t quantile
    const V x1{10, 20, 20, 20, 30, 30, 30, 40, 50, 100}, x2{10, 20, 30, 40, 40, 50};
    const auto b = hp::stats::cliffs_delta(x1, x2);
    CHECK(b.estimate == doctest::Approx(-0.06666667).epsilon(1e-7));
    CHECK(b.ci_low == doctest::Approx(-0.6082254).epsilon(1e-6));
    CHECK(b.ci_high == doctest::Approx(0.5172431).epsilon(1e-6));
    CHECK(hp::stats::cliffs_delta(x1, x2, 0.95).ci_low == b.ci_low);
}

TEST_CASE("effect size: Cliff's delta at the edges") {
    // disjoint samples: d = −1, the interval's lower bound is −1 and the upper one is below 0
    const V lo{1, 2, 3}, hi{4, 5, 6, 7};
    const auto d = hp::stats::cliffs_delta(lo, hi);
    CHECK(d.estimate == -1);
    CHECK(d.ci_low == -1);
    CHECK(d.ci_high < 0);
    CHECK(d.ci_high > -1);
    CHECK(d.method.find("do not overlap") != std::string::npos);
    // every value equal: d = 0 and the unbiased variance is 0, so Cliff's floor 1/(nm − 1) = 1/11 sets the width
    const auto z = hp::stats::cliffs_delta(V{2, 2, 2}, V{2, 2, 2, 2}, cliff(CliffVariance::unbiased, Approximation::normal));
    CHECK(z.estimate == 0);
    CHECK(z.standard_error == doctest::Approx(std::sqrt(1.0 / 11)).epsilon(1e-14));
    CHECK(z.ci_low == doctest::Approx(-z.ci_high).epsilon(1e-14));
    CHECK(z.ci_high > 0);
}

TEST_CASE("effect size: probability of superiority with the Brunner-Munzel interval") {
    // R's brunnermunzel.test(Y, N) on the pain scores: P(X<Y)+.5*P(X=Y) = 0.788961, 95% CI (0.5952169, 0.9827052);
    // that is P(N > Y) + ½P(N = Y), i.e. probability_of_superiority(N, Y).
    const V Y{1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 1, 1}, N{3, 3, 4, 3, 1, 2, 3, 1, 1, 5, 4};
    const auto p = hp::stats::probability_of_superiority(N, Y);
    CHECK(p.estimate == doctest::Approx(0.788961038961039).epsilon(1e-14));
    CHECK(p.ci_low == doctest::Approx(0.5952169).epsilon(1e-6));
    CHECK(p.ci_high == doctest::Approx(0.9827052).epsilon(1e-6));
    // consistent with the test: brunner_munzel(Y, N) studentizes this estimate
    const auto t = hp::stats::brunner_munzel(Y, N);
    CHECK((p.estimate - 0.5) / p.standard_error == doctest::Approx(t.statistic).epsilon(1e-12));
    // Hollander & Wolfe: R gives (-0.02962941, 0.59753064) around 0.2839506; the lower end is clipped to 0
    const V a{1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
    const V b{0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
    const auto h = hp::stats::probability_of_superiority(b, a);
    CHECK(h.estimate == doctest::Approx(0.2839506).epsilon(1e-6));
    CHECK(h.ci_low == 0);
    CHECK(h.ci_high == doctest::Approx(0.59753064).epsilon(1e-7));
    // disjoint samples: zero variance; the interval is Cliff's mapped by (1 + d)/2
    const V lo{1, 2, 3}, hi{4, 5, 6, 7};
    const auto s = hp::stats::probability_of_superiority(hi, lo);
    const auto c = hp::stats::cliffs_delta(hi, lo);
    CHECK(s.estimate == 1);
    CHECK(s.ci_high == 1);
    CHECK(s.ci_low == doctest::Approx((1 + c.ci_low) / 2).epsilon(1e-15));
    CHECK(s.method.find("Cliff") != std::string::npos);
}

TEST_CASE("effect size: bad input") {
    const V ok{1, 2, 3};
    CHECK_THROWS_WITH_AS(hp::stats::cliffs_delta(V{1}, ok), doctest::Contains("x: Cliff's delta needs at least 2"),
                         hp::DataError);
    CHECK_THROWS_WITH_AS(hp::stats::probability_of_superiority(ok, V{}),
                         doctest::Contains("y: the probability of superiority needs at least 2"), hp::DataError);
    CHECK_THROWS_WITH_AS(hp::stats::cliffs_delta(ok, V{1, std::nan("")}),
                         "y: missing value (NaN) at position 1; remove it before testing", hp::DataError);
    CHECK_THROWS_WITH_AS(hp::stats::cliffs_delta(ok, ok, 1.0), doctest::Contains("strictly between 0 and 1"),
                         hp::DomainError);
    CHECK_THROWS_AS(hp::stats::probability_of_superiority(ok, ok, std::nan("")), hp::DomainError);
    CHECK_THROWS_WITH_AS(hp::stats::parse_cliff_variance("biased"),
                         "unknown variance 'biased': use 'unbiased' or 'consistent'", hp::DomainError);
}

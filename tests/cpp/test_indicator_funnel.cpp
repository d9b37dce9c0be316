// Funnel-plot limits and overdispersion. Expected numbers: PHEindicatormethods' published test outputs
// (tests/testthat/testdata_funnel_prop_outputs.csv, rounded there to 6 decimals), FunnelPlotR's own tests
// (tests/testthat/test-poisson_limits.R, rounded to 6-7 decimals) and README (phi_func example), and an
// independent numpy/scipy 1.17 calculation written out below (Spiegelhalter 2005 appendix interpolation;
// FunnelPlotR's test data of tests/testthat/test-funnel_plot.R for z, phi, tau2 and the adjusted limits).
#include <doctest/doctest.h>

#include "checks.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/indicators/funnel.hpp"

namespace hi = hp::indicators;

namespace {
using V = std::vector<double>;

using hp::testing::close;

using hp::testing::error_of;

// FunnelPlotR tests/testthat/test-funnel_plot.R: six trusts, observed and expected deaths.
const V sr_observed{100, 150, 180, 80, 120, 225}, sr_expected{108, 112, 165, 95, 100, 220};
}  // namespace

TEST_CASE("indicator funnel: PHE proportion limits (Wilson score inverted) number for number") {
    // PHEindicatormethods tests/testthat/testdata_funnel_prop_outputs.csv: Population, lower/upper 95%,
    // lower/upper 99.8%, baseline 80.642448 (%, multiplier 100). Both are rounded to 6 dp in the CSV, so
    // the tolerance is 1e-6 (the baseline's rounding moves the limits by at most 5e-7).
    hi::FunnelOptions o;
    o.multiplier = 100;
    const V n{1, 2, 3, 18, 41, 102, 1008, 110000};
    const double want[8][4] = {
        {3.204264, 100, 0, 100},
        {25.885383, 100, 0, 100},
        {35.933491, 100, 10.150815, 100},
        {62.390093, 98.894803, 51.864359, 100},
        {68.548635, 92.73626, 61.574398, 99.710497},
        {72.974925, 88.309971, 68.553233, 92.731663},
        {78.203374, 83.081521, 76.796814, 84.488082},
        {80.408963, 80.875933, 80.274317, 81.010578},
    };
    const auto r = hi::funnel_limits(n, 80.642448, o);
    REQUIRE(r.size() == 8);
    CHECK(r.method == "Wilson score");
    for (int i = 0; i < 8; ++i) {
        CAPTURE(i);
        close(r.value[i], 80.642448, 1e-12);
        close(r.lower[0][i], want[i][0], 1e-6);
        close(r.upper[0][i], want[i][1], 1e-6);
        close(r.lower[1][i], want[i][2], 1e-6);
        close(r.upper[1][i], want[i][3], 1e-6);
    }
}

TEST_CASE("indicator funnel: FunnelPlotR chi-square Poisson limits for ratios") {
    // FunnelPlotR tests/testthat/test-poisson_limits.R: expected 15, 20, 30, target 1, lower limits rounded to
    // 7 dp and upper to 6 dp there.
    hi::FunnelOptions o;
    o.kind = hi::FunnelKind::ratio;
    o.method = hi::FunnelMethod::chisq;
    const auto r = hi::funnel_limits(V{15, 20, 30}, 1.0, o);
    const V ll95{0.5596924, 0.6108260, 0.6746958}, ul95{1.649348, 1.544419, 1.427562};
    const V ll998{0.3862650, 0.4479107, 0.5289724}, ul998{2.082907, 1.902094, 1.702771};
    for (int i = 0; i < 3; ++i) {
        CAPTURE(i);
        close(r.lower[0][i], ll95[i], 5e-8);
        close(r.upper[0][i], ul95[i], 5e-7);
        close(r.lower[1][i], ll998[i], 5e-8);
        close(r.upper[1][i], ul998[i], 5e-7);
    }
}

TEST_CASE("indicator funnel: exact limits interpolate binomial and Poisson quantiles (Spiegelhalter 2005)") {
    // scipy: r = dist.ppf(p), alpha = (F(r) - p) / (F(r) - F(r - 1)), limit = max(0, r - alpha) / n.
    constexpr double tol = 1e-9;
    hi::FunnelOptions o;
    o.method = hi::FunnelMethod::exact;
    auto p = hi::funnel_limits(V{50, 200, 10}, 0.3, o);
    close(p.lower[0][0], 0.16613938031193454, tol);
    close(p.upper[0][0], 0.4201358867168803, tol);
    close(p.lower[1][0], 0.10312998454753808, tol);
    close(p.upper[1][0], 0.49906958854803607, tol);
    p = hi::funnel_limits(V{200}, 0.05, o);
    close(p.lower[0][0], 0.019584215202106785, tol);
    close(p.upper[0][0], 0.07970798541588547, tol);
    close(p.lower[1][0], 0.006542157942830593, tol);
    close(p.upper[1][0], 0.10117787615598937, tol);
    p = hi::funnel_limits(V{10}, 0.9, o);
    close(p.lower[0][0], 0.6212643402037521, tol);
    close(p.upper[0][0], 0.9928300700230188, tol);
    close(p.upper[1][0], 0.9997132028009208, tol);

    // Ratios: expected counts 10, 2.5 and 250 at target 1 (limits are quantile / expected).
    o.kind = hi::FunnelKind::ratio;
    const auto q = hi::funnel_limits(V{10, 2.5, 250}, 1.0, o);
    CHECK(q.method == "exact Poisson");
    close(q.lower[0][0], 3.775187947688401 / 10, tol);
    close(q.upper[0][0], 16.15995067334478 / 10, tol);
    close(q.lower[1][0], 1.2205293158961341 / 10, tol);
    close(q.upper[1][0], 20.66200083599499 / 10, tol);
    CHECK(q.lower[0][1] == 0.0);  // the interpolation goes below 0 when F(0) > p: floored at 0
    close(q.upper[0][1], 5.6115256746550815 / 2.5, tol);
    close(q.upper[1][1], 8.1625364615309 / 2.5, tol);
    close(q.lower[0][2], 218.99377872519602 / 250, tol);
    close(q.upper[1][2], 299.7726626345124 / 250, tol);

    // A rate of 0.01 per person at population 1000 is a Poisson mean of 10: the same quantiles, per 100,000.
    o.kind = hi::FunnelKind::rate;
    o.multiplier = 100000;
    const auto t = hi::funnel_limits(V{1000}, 1000.0, o);
    close(t.lower[0][0], 3.775187947688401 / 1000 * 100000, 1e-6);
    close(t.upper[1][0], 20.66200083599499 / 1000 * 100000, 1e-6);
}

TEST_CASE("indicator funnel: phi and tau2 as FunnelPlotR") {
    // FunnelPlotR README: phi_func(6, c(1.3, 0.75, 1.5, 2, -1.2, -2.2)) = 2.46375 (no winsorising).
    const auto d = hi::dispersion(V{1.3, 0.75, 1.5, 2, -1.2, -2.2}, V(6, 1.0), 0.0);
    CHECK(d.phi == doctest::Approx(2.46375).epsilon(1e-14));
    CHECK(d.n_used == 6);
    // Equal weights: tau2 = (n phi - (n - 1)) / (sum w - sum w^2 / sum w) = (14.7825 - 5) / (6 - 1).
    CHECK(d.tau2 == doctest::Approx(9.7825 / 5).epsilon(1e-14));
    // Underdispersed: n phi < n - 1 gives tau2 = 0.
    CHECK(hi::dispersion(V{0.1, -0.1, 0.2}, V(3, 1.0), 0.0).tau2 == 0.0);
    // Truncation (SHMI): ranks 1..10 of 10, groups floor(rank * 10 / 11) = 0,1,...,9; keeps groups 1..8.
    const auto t = hi::dispersion(V{-5, 1, 2, 3, 4, 5, 6, 7, 8, 50}, V(10, 1.0), 0.1, 0.1);
    CHECK(t.n_used == 8);
    CHECK(t.phi == doctest::Approx((1 + 4 + 9 + 16 + 25 + 36 + 49 + 64) / 8.0).epsilon(1e-14));
}

TEST_CASE("indicator funnel: standardised ratios with overdispersion (FunnelPlotR test data)") {
    // numpy: z = sqrt(E) log(O/E); winsorised at np.quantile(z, [0.1, 0.9]); phi = mean(wz^2);
    // tau2 = (n phi - (n-1)) / (sum w - sum w^2/sum w), w = E; limits exp(+-z_c sqrt(1/E + tau2)).
    constexpr double tol = 1e-12;
    hi::FunnelOptions o;
    o.kind = hi::FunnelKind::ratio;
    o.overdispersion = hi::Overdispersion::additive;
    const auto f = hi::funnel(sr_observed, sr_expected, o);
    const V z{-0.7998026007070359, 3.0916812945435668, 1.117681374421705, -1.67498911236673, 1.8232155679395459,
              0.33332631914151145};
    for (int i = 0; i < 6; ++i) close(f.z[i], z[i], tol);
    close(f.phi, 2.149053099170452, tol);
    close(f.tau2, 0.012118491459176522, tol);
    CHECK(f.target == 1.0);
    const V lo95{0.7508353250451056, 0.752507849931986, 0.7677725750271195, 0.7445769032533344, 0.7471483905533296,
                 0.7764604205944575};
    const V hi998{1.571180034180758, 1.5656776356399182, 1.5168801038875421, 1.592052525732505, 1.5834218154943447,
                  1.490206516314666};
    for (int i = 0; i < 6; ++i) close(f.lower[0][i], lo95[i], tol), close(f.upper[1][i], hi998[i], tol);
    // b: 150/112 = 1.339 is above its 95% limit 1.3289 but within 99.8%.
    CHECK(f.significance[1] == "high 95%");
    CHECK(f.direction[1] == 1);
    CHECK(f.significance[0] == "within");

    o.overdispersion = hi::Overdispersion::multiplicative;
    const auto m = hi::funnel(sr_observed, sr_expected, o);
    close(m.lower[0][0], 0.7584506876453918, tol);
    close(m.upper[0][5], 1.2137487300952827, tol);
    close(m.z_adjusted[1], z[1] / std::sqrt(2.149053099170452), tol);
}

TEST_CASE("indicator funnel: significance at each level and the overall target") {
    hi::FunnelOptions o;
    o.multiplier = 100;
    // target = 130/400 = 32.5%; at n = 100 the 95% limits are 32.5 +- 1.96 sqrt(.325 .675 / 100) 100 = 23.32..41.68
    // and 99.8% 18.02..46.98.
    const auto f = hi::funnel(V{10, 20, 45, 55}, V{100, 100, 100, 100}, o);
    close(f.target, 32.5, 1e-12);
    CHECK(f.significance == std::vector<std::string>{"low 99.8%", "low 95%", "high 95%", "high 99.8%"});
    CHECK(std::isnan(hi::funnel(V{30, 35}, V{100, 100}, o).beyond[0]));
    // Zero events in a ratio: the value is 0, the z-score uses half an event, nothing is infinite.
    o = {};
    o.kind = hi::FunnelKind::ratio;
    const auto r = hi::funnel(V{0, 10, 12}, V{5, 10, 11}, o);
    CHECK(r.value[0] == 0.0);
    close(r.z[0], std::sqrt(5.0) * std::log(0.5 / 5.0), 1e-12);
    CHECK(r.significance[0] == "low 95%");  // exact Poisson lower 95% limit at E = 5 is above 0
}

TEST_CASE("indicator funnel: bad input names the organisation and what is allowed") {
    hi::FunnelOptions o;
    CHECK(error_of([&] { hi::funnel(V{1, -2}, V{10, 10}, o); }) ==
          "DataError: funnel: organisation 1 has numerator -2; it must be a finite number >= 0");
    CHECK(error_of([&] { hi::funnel(V{1, 2}, V{10, 0}, o); }) ==
          "DataError: funnel: organisation 1 has denominator 0; it must be a finite number > 0");
    CHECK(error_of([&] { hi::funnel(V{11}, V{10}, o); }) ==
          "DataError: funnel: organisation 0 has numerator 11 above its denominator 10; a proportion needs "
          "numerator <= denominator");
    CHECK(error_of([&] { hi::funnel(V{std::nan("")}, V{10}, o); }).starts_with("DataError: funnel: organisation 0 has numerator nan"));
    CHECK(error_of([&] { hi::funnel(V{1, 2}, V{10}, o); }).starts_with("DataError: funnel: numerator has 2 values"));
    CHECK(error_of([&] { hi::funnel(V{}, V{}, o); }).starts_with("DataError: funnel: no organisations"));
    CHECK(error_of([&] { hi::funnel(V{0, 0}, V{10, 10}, o); }).find("the data have no events") != std::string::npos);
    hi::FunnelOptions r = o;
    r.kind = hi::FunnelKind::ratio;
    CHECK(error_of([&] { hi::funnel(V{1}, V{-1}, r); }) ==
          "DataError: funnel: organisation 0 has expected -1; it must be a finite number > 0");
    hi::FunnelOptions bad = o;
    bad.confidence_level = {0.95, 1.0};
    CHECK(error_of([&] { hi::funnel(V{1}, V{10}, bad); }).starts_with("DomainError"));
    bad = o;
    bad.winsorise = 0.5;
    CHECK(error_of([&] { hi::funnel(V{1}, V{10}, bad); }) ==
          "DomainError: funnel: winsorise must be in [0, 0.5) (the fraction pulled in at each tail), got 0.5");
    bad = o;
    bad.method = hi::FunnelMethod::chisq;
    CHECK(error_of([&] { hi::funnel(V{1}, V{10}, bad); }).find("\"chisq\" is for ratios and rates") != std::string::npos);
    bad = r;
    bad.method = hi::FunnelMethod::wilson;
    CHECK(error_of([&] { hi::funnel(V{1}, V{10}, bad); }).find("\"wilson\" is for proportions") != std::string::npos);
    CHECK(error_of([&] { hi::funnel_limits(V{10}, 1.5, o); }).find("strictly between 0 and the multiplier") != std::string::npos);
    // Truncating 40% of two organisations keeps one (rank groups 0 and 1 of k = 2.5): tau2 has no spread to
    // measure (sum w - sum w^2 / sum w = 0) and is 0, not a division by zero.
    hi::FunnelOptions cut = o;
    cut.overdispersion = hi::Overdispersion::additive;
    cut.truncate = 0.4;
    const auto one = hi::funnel(V{1, 5}, V{10, 10}, cut);
    CHECK(one.n_used == 1);
    CHECK(one.tau2 == 0.0);
}

TEST_CASE("funnel: names parse in one place and say what is allowed") {
    CHECK(hi::parse_funnel_kind("ratio") == hi::FunnelKind::ratio);
    CHECK(hi::parse_funnel_method("auto") == hi::FunnelMethod::automatic);
    CHECK(hi::parse_overdispersion("additive") == hi::Overdispersion::additive);
    for (auto k : {hi::FunnelKind::proportion, hi::FunnelKind::ratio, hi::FunnelKind::rate})
        CHECK(hi::parse_funnel_kind(hi::to_string(k)) == k);
    for (auto m : {hi::FunnelMethod::automatic, hi::FunnelMethod::wilson, hi::FunnelMethod::exact, hi::FunnelMethod::chisq})
        CHECK(hi::parse_funnel_method(hi::to_string(m)) == m);
    for (auto o : {hi::Overdispersion::none, hi::Overdispersion::multiplicative, hi::Overdispersion::additive})
        CHECK(hi::parse_overdispersion(hi::to_string(o)) == o);
    CHECK(error_of([] { hi::parse_funnel_kind("odds"); }) ==
          "DomainError: funnel: kind must be \"proportion\", \"ratio\" or \"rate\", got \"odds\"");
    CHECK(error_of([] { hi::parse_funnel_method("normal"); }) ==
          "DomainError: funnel: method must be \"auto\", \"wilson\", \"exact\" or \"chisq\", got \"normal\"");
    CHECK(error_of([] { hi::parse_overdispersion("both"); }) ==
          "DomainError: funnel: overdispersion must be None, \"multiplicative\" or \"additive\", got \"both\"");
}

TEST_CASE("funnel: the default target and the grid the limits are drawn over") {
    hi::FunnelOptions o;
    o.multiplier = 100;
    // Σx / Σn × multiplier, summed in order: (10 + 20 + 45 + 55) / 400 × 100
    CHECK(hi::default_target(o, V{10, 20, 45, 55}, V{100, 100, 100, 100}) == 130.0 / 400.0 * 100);
    o.kind = hi::FunnelKind::ratio;
    CHECK(hi::default_target(o, {}, V{3, 4}) == 100.0);  // 1 × multiplier, numerators not needed
    o.kind = hi::FunnelKind::rate;
    CHECK(error_of([&] { hi::default_target(o, {}, V{3, 4}); }) ==
          "DomainError: funnel_limits: give target= (on the reported scale) or numerator= for a rate");
    // numpy.geomspace(50, 1100, 5): ends exact, 10^(a + k (b - a) / 4) between
    const auto g = hi::funnel_grid(V{400, 100, 1000, 0, -3, std::numeric_limits<double>::infinity()}, 5);
    REQUIRE(g.size() == 5);
    CHECK(g.front() == 50.0);
    CHECK(g.back() == 1000.0 * 1.1);
    const double a = std::log10(50.0), b = std::log10(1100.0);
    for (std::size_t k = 1; k < 4; ++k) CHECK(g[k] == std::pow(10.0, static_cast<double>(k) * ((b - a) / 4) + a));
    CHECK(g[2] == doctest::Approx(std::sqrt(50.0 * 1100.0)).epsilon(1e-14));
    CHECK(error_of([] { hi::funnel_grid(V{1, 2}, 1); }) ==
          "DomainError: funnel_limits: n_points must be at least 2, got 1");
    CHECK(error_of([] { hi::funnel_grid(V{0, -1}, 10); }) ==
          "DataError: funnel_limits: no positive denominators to span; give denominator= values > 0");
}

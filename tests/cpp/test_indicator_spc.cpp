// XmR charts: NHSRplotthedots' own test data and expectations (tests/testthat/test-ptd_spc_standard.R with its
// snapshot tests/testthat/_snaps/ptd_spc_standard.md, test-ptd_spc.R with _snaps/ptd_spc.md, and the rule
// examples of test-ptd_calculate_point_type.R and test-ptd_calculate_assurance_type.R), small series whose
// limits are worked out by hand in the comments, the break rules for missing values and time gaps, and the
// bad-input messages.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/indicators/spc.hpp"

namespace hi = hp::indicators;

namespace {
using V = std::vector<double>;
using T = std::vector<std::int64_t>;
using R = hi::SpcRule;
constexpr double missing = std::numeric_limits<double>::quiet_NaN();

// set.seed(123); rnorm(20): the series the R package's tests use (first values echoed in its snapshots).
const V rnorm20{-0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621,
                -1.26506123, -0.68685285, -0.44566197, 1.22408180,  0.35981383, 0.40077145, 0.11068272,
                -0.55584113, 1.78691314,  0.49785048, -1.96661716, 0.70135590,  -0.47279143};

// the snapshots print 7 significant digits
void near7(double got, double want) {
    INFO("got " << got << " want " << want);
    CHECK(std::abs(got - want) <= 5e-7 * std::max(1.0, std::abs(want)));
}
void near_exact(double got, double want) {  // equal up to rounding: 1e-12 relative
    INFO("got " << got << " want " << want);
    CHECK(std::abs(got - want) <= 1e-12 * std::max(1.0, std::abs(want)));
}

std::vector<R> rules(const hi::XmrResult& r) { return {r.rule.begin(), r.rule.end()}; }

using hp::testing::error_of;
}  // namespace

TEST_CASE("indicator spc: NHSRplotthedots ptd_spc_standard snapshot limits with and without screening") {
    hi::XmrOptions o;
    o.screen_outliers = true;  // the package's default
    const auto r1 = hi::xmr(rnorm20, {}, o);
    REQUIRE(r1.size() == 20);
    near7(r1.centre[0], 0.1416238);
    near7(r1.lower[0], -3.01138);
    near7(r1.upper[19], 3.294627);
    for (auto v : r1.variation) CHECK(v == hi::Variation::common_cause);  // summary: common_cause 20
    // relative_to_mean in the snapshot: -1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1
    const int side[15] = {-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1};
    for (int i = 0; i < 15; ++i) CHECK((rnorm20[i] > r1.centre[i] ? 1 : -1) == side[i]);

    V y = rnorm20;
    y[14] = 10;  // data$y[15] <- 10
    const auto r2 = hi::xmr(y, {}, o);
    near7(r2.centre[0], 0.6694159);
    near7(r2.lower[0], -2.383666);
    near7(r2.upper[0], 3.722497);
    // the two moving ranges either side of the outlier are screened out: 19 - 2 = 17 remain
    CHECK(r2.segments[0].moving_ranges == 17);
    CHECK_FALSE(r2.moving_range_used[14]);
    CHECK_FALSE(r2.moving_range_used[15]);
    CHECK(r2.rule[14] == R::outside_limits);
    CHECK(r2.variation[14] == hi::Variation::improvement);

    o.screen_outliers = false;
    const auto r3 = hi::xmr(y, {}, o);
    near7(r3.lower[0], -4.596625);
    near7(r3.upper[0], 5.935457);
    CHECK(r3.segments[0].moving_ranges == 19);
    CHECK(r3.rule[14] == R::outside_limits);
}

TEST_CASE("indicator spc: rebased segments match the package's per-facet summary") {
    // _snaps/ptd_spc.md: facet = rep(c(0, 1), each = 10) gives 0.0746, -2.60, 2.75 and 0.209, -3.28, 3.70.
    // A rebase at point 10 splits the series the same way; exact values recomputed by hand (numpy) as
    // mean ± 2.66 × screened mean moving range.
    hi::XmrOptions o;
    o.screen_outliers = true;
    o.rebase = {10};
    const auto r = hi::xmr(rnorm20, {}, o);
    REQUIRE(r.segments.size() == 2);
    near_exact(r.segments[0].centre, 0.074625645);
    near_exact(r.segments[0].lower, -2.6005854054);
    near_exact(r.segments[0].upper, 2.7498366954);
    near_exact(r.segments[1].centre, 0.20862196);
    near_exact(r.segments[1].lower, -3.279005453977778);
    near_exact(r.segments[1].upper, 3.696249373977778);
    CHECK(r.segment[9] == 0);
    CHECK(r.segment[10] == 1);
    CHECK(std::isnan(r.moving_range[10]));  // no moving range across a rebase
    near_exact(r.upper[10], 3.696249373977778);
    // a rebase at point 0 changes nothing
    o.rebase = {0};
    CHECK(hi::xmr(rnorm20, {}, o).segments.size() == 1);
}

TEST_CASE("indicator spc: fix_after holds the limits of the first points") {
    // limits from the first 12 points only (numpy: mean 2.33015208 / 12 = 0.19417934, 11 moving ranges summing
    // to 11.5854777, upper limit 2.995758492909091), the same for every later point
    hi::XmrOptions o;
    o.fix_after = 12;
    const auto r = hi::xmr(rnorm20, {}, o);
    near_exact(r.centre[19], 0.19417934);
    near_exact(r.upper[19], 2.995758492909091);
    near_exact(r.upper[0], 2.995758492909091);
    CHECK(r.segments[0].baseline_points == 12);
    CHECK(r.segments[0].moving_ranges == 11);
    CHECK_FALSE(r.moving_range_used[12]);
    CHECK(r.moving_range[12] == doctest::Approx(std::abs(rnorm20[12] - rnorm20[11])));
}

TEST_CASE("indicator spc: trends count points and equal values break them") {
    // ptd_seven_point_trend(1:7) flags a trend: mean 4, mean moving range 1, limits 4 ± 2.66 = 1.34 and 6.66, so
    // the end points are outside the limits, which takes precedence; the five between are the trend.
    auto r = hi::xmr(V{1, 2, 3, 4, 5, 6, 7}, {});
    CHECK(rules(r) == std::vector<R>{R::outside_limits, R::trend, R::trend, R::trend, R::trend, R::trend,
                                     R::outside_limits});
    CHECK(r.variation[0] == hi::Variation::concern);  // below the lower limit, improvement = increase
    CHECK(r.variation[3] == hi::Variation::improvement);
    CHECK(r.variation[6] == hi::Variation::improvement);
    // 7:1 decreasing: the trend is a concern when improvement is an increase, an improvement for decrease
    r = hi::xmr(V{7, 6, 5, 4, 3, 2, 1}, {});
    CHECK(r.rule[2] == R::trend);
    CHECK(r.direction[2] == -1);
    CHECK(r.variation[2] == hi::Variation::concern);
    hi::XmrOptions down;
    down.improvement = hi::Improvement::decrease;
    CHECK(hi::xmr(V{7, 6, 5, 4, 3, 2, 1}, {}, down).variation[2] == hi::Variation::improvement);
    hi::XmrOptions neither;
    neither.improvement = hi::Improvement::neither;
    CHECK(hi::xmr(V{7, 6, 5, 4, 3, 2, 1}, {}, neither).variation[2] == hi::Variation::neither);
    // six points rising are not a trend of seven
    r = hi::xmr(V{1, 2, 3, 4, 5, 6, 2}, {});
    for (auto x : r.rule) CHECK(x != R::trend);
    // ptd_seven_point_trend(c(1:3, 3:6)) is no trend: the repeated 3 breaks it. Mean 24/7, mean moving range 5/6:
    // limits 1.2119 and 5.6452, so only the ends are special.
    r = hi::xmr(V{1, 2, 3, 3, 4, 5, 6}, {});
    CHECK(rules(r) == std::vector<R>{R::outside_limits, R::none, R::none, R::none, R::none, R::none,
                                     R::outside_limits});
    // trend_length = 4: 3, 4, 5, 6 after the tie is a trend (its last point is outside the limits)
    hi::XmrOptions four;
    four.trend_length = 4;
    r = hi::xmr(V{1, 2, 3, 3, 4, 5, 6}, {}, four);
    CHECK(rules(r) == std::vector<R>{R::outside_limits, R::none, R::none, R::trend, R::trend, R::trend,
                                     R::outside_limits});
}

TEST_CASE("indicator spc: two of three beyond two sigma on one side") {
    // mean 0.9375, mean moving range 1.4, 2-sigma line 0.9375 + 1.7733 × 1.4 = 3.42, upper limit 4.6615:
    // the two 3.5s with a 1 (above the mean) between them are two of three; the 1 is not marked.
    const auto r = hi::xmr(V{0, 1, 0, 1, 0, 1, 0, 1, 3.5, 1, 3.5, 1, 0, 1, 0, 1}, {});
    near_exact(r.centre[0], 0.9375);
    near_exact(r.upper[0], 4.6615);
    near_exact(r.upper_2sigma[0], 0.9375 + 2.0 * 2.66 / 3.0 * 1.4);
    for (std::size_t i = 0; i < r.size(); ++i) {
        CAPTURE(i);
        CHECK(r.rule[i] == (i == 8 || i == 10 ? R::two_of_three : R::none));
    }
    // test-ptd_spc_standard.R: two points near the limits on opposite sides of the mean are common cause
    // (screened mean moving range (13 × 2 + 6.5) / 14, limits ± 6.175, 2-sigma lines ± 4.117)
    V y;
    for (int i = 0; i < 8; ++i) {
        y.push_back(1);
        y.push_back(-1);
    }
    y[14] = 5.5;
    y[15] = -5.5;
    hi::XmrOptions o;
    o.screen_outliers = true;
    const auto s = hi::xmr(y, {}, o);
    near_exact(s.upper[0], 6.175);
    CHECK(s.variation[14] == hi::Variation::common_cause);
    CHECK(s.variation[15] == hi::Variation::common_cause);
}

TEST_CASE("indicator spc: shifts, points on the centre line, missing values and time gaps") {
    // mean exactly 0, mean moving range 2, limits ± 5.32. Points 0-5 and 7 are above, point 6 is on the line
    // (it breaks the run of eight), points 8-14 are seven below: a shift, a concern when improvement = increase.
    const V y{0.5, 2.5, 0.5, 2.5, 0.5, 2.5, 0, 2.5, -0.5, -2.5, -0.5, -2.5, -0.5, -2.5, -2.5};
    auto r = hi::xmr(y, {});
    near_exact(r.centre[0], 0.0);
    near_exact(r.upper[0], 5.32);
    for (std::size_t i = 0; i < y.size(); ++i) {
        CAPTURE(i);
        CHECK(r.rule[i] == (i >= 8 ? R::shift : R::none));
        CHECK(r.variation[i] == (i >= 8 ? hi::Variation::concern : hi::Variation::common_cause));
    }
    // with point 6 at 1.0 instead, 0-7 are eight points above the (new) mean: a shift too
    V y1 = y;
    y1[6] = 1.0;
    CHECK(hi::xmr(y1, {}).rule[0] == R::shift);
    // point 6 missing: reported, no moving range either side, the run above is still broken.
    // Mean 0 over 14 values; 12 moving ranges summing to 23: limits ± 2.66 × 23 / 12.
    V y2 = y;
    y2[6] = missing;
    r = hi::xmr(y2, {});
    CHECK(r.missing == std::vector<std::size_t>{6});
    CHECK(std::isnan(r.moving_range[6]));
    CHECK(std::isnan(r.moving_range[7]));
    CHECK(r.segments[0].moving_ranges == 12);
    near_exact(r.upper[0], 2.66 * 23.0 / 12.0);
    CHECK(r.variation[6] == hi::Variation::missing);
    for (std::size_t i = 0; i < 8; ++i) CHECK(r.rule[i] == R::none);
    CHECK(r.rule[8] == R::shift);
    // point 6 absent (a gap in time 0..14): reported at position 6, no moving range across it, same limits
    V y3 = y;
    y3.erase(y3.begin() + 6);
    T t{0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14};
    r = hi::xmr(y3, t);
    CHECK(r.gaps == std::vector<std::size_t>{6});
    CHECK(std::isnan(r.moving_range[6]));
    near_exact(r.upper[0], 2.66 * 23.0 / 12.0);
    for (std::size_t i = 0; i < 7; ++i) CHECK(r.rule[i] == R::none);
    CHECK(r.rule[7] == R::shift);
    // without the gap the seven above would be a shift
    T t2{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
    CHECK(hi::xmr(y3, t2).rule[0] == R::shift);
    // shift_length = 6: points 0-5 (six above) become a shift despite the break
    hi::XmrOptions six;
    six.shift_length = 6;
    CHECK(hi::xmr(y3, t, six).rule[0] == R::shift);
}

TEST_CASE("indicator spc: assurance against a target, as test-ptd_calculate_assurance_type.R") {
    // limits 1.34 and 6.66 (series 1..7): a target above the upper limit fails when improvement is an
    // increase and passes when a decrease; below the lower limit the reverse; between is hit and miss.
    const V y{1, 2, 3, 4, 5, 6, 7};
    hi::XmrOptions o;
    o.target = 7;
    CHECK(hi::xmr(y, {}, o).assurance == hi::Assurance::fail);
    o.target = 1;
    CHECK(hi::xmr(y, {}, o).assurance == hi::Assurance::pass);
    o.target = 4;
    CHECK(hi::xmr(y, {}, o).assurance == hi::Assurance::hit_and_miss);
    o.improvement = hi::Improvement::decrease;
    o.target = 7;
    CHECK(hi::xmr(y, {}, o).assurance == hi::Assurance::pass);
    o.target = 1;
    CHECK(hi::xmr(y, {}, o).assurance == hi::Assurance::fail);
    o.improvement = hi::Improvement::neither;
    CHECK(hi::xmr(y, {}, o).assurance == hi::Assurance::none);
    CHECK(hi::xmr(y, {}).assurance == hi::Assurance::none);
    // the last segment decides: rebased at 7, the second segment 11..17 has limits 11.34 and 16.66
    V z = y;
    for (int i = 0; i < 7; ++i) z.push_back(11 + i);
    hi::XmrOptions last;
    last.target = 8;
    last.rebase = {7};
    CHECK(hi::xmr(z, {}, last).assurance == hi::Assurance::pass);
    CHECK(hi::to_string(hi::Assurance::hit_and_miss) == "hit and miss");
}

TEST_CASE("indicator spc: short series give NaN limits, not an error") {
    auto r = hi::xmr(V{3.0}, {});
    CHECK(r.centre[0] == 3.0);
    CHECK(std::isnan(r.upper[0]));
    CHECK(r.rule[0] == R::none);
    r = hi::xmr(V{5, 5, 5, 5}, {}, [] { hi::XmrOptions o; o.screen_outliers = true; return o; }());
    CHECK(r.upper[0] == 5.0);  // all equal: mean moving range 0, nothing screened
}

TEST_CASE("indicator spc: bad input names the point or the option") {
    CHECK(error_of([] { hi::xmr(V{}, {}); }) == "DataError: xmr: no values; an XmR chart needs at least two points");
    CHECK(error_of([] { hi::xmr(V{1, 2, 3}, T{0, 1, 1}); }) ==
          "DataError: xmr: points 1 and 2 have the same time 1; each time may appear once");
    CHECK(error_of([] { hi::xmr(V{1, 2, 3}, T{0, 2, 1}); }) ==
          "DataError: xmr: point 2 has time 1, before point 1 (2); sort the series by time");
    CHECK(error_of([] { hi::xmr(V{1, 2, 3}, T{0, 1}); }) ==
          "DataError: xmr: 3 values but 2 time indices; give one per value (or none)");
    CHECK(error_of([] { hi::xmr(V{1, std::numeric_limits<double>::infinity()}, {}); }) ==
          "DataError: xmr: point 1 has value inf; values must be finite (NaN marks a missing value)");
    hi::XmrOptions o;
    o.shift_length = -1;
    CHECK(error_of([&] { hi::xmr(V{1, 2}, {}, o); }) ==
          "DomainError: xmr: shift_length must be at least 2 points, got -1");
    o = {};
    o.trend_length = 2;
    CHECK(error_of([&] { hi::xmr(V{1, 2}, {}, o); }) ==
          "DomainError: xmr: trend_length must be at least 3 points, got 2");
    o = {};
    o.fix_after = -3;
    CHECK(error_of([&] { hi::xmr(V{1, 2}, {}, o); }) ==
          "DomainError: xmr: fix_after must be a number of points >= 0 (0 = not fixed), got -3");
    o = {};
    o.rebase = {5};
    CHECK(error_of([&] { hi::xmr(V{1, 2}, {}, o); }) ==
          "DomainError: xmr: rebase point 5 is outside the series (points 0 to 1)");
    o = {};
    o.time_step = 0;
    CHECK(error_of([&] { hi::xmr(V{1, 2}, {}, o); }) ==
          "DomainError: xmr: time_step must be a positive number of time units, got 0");
}

TEST_CASE("indicator spc: NHSRplotthedots integration snapshot on real A and E data, fix_after 12") {
    // NHSRdatasets' ae_attendances summed over all organisations by month, April 2016 to March 2019 (the ae_all()
    // helper of tests/testthat/test-integration_tests.R); expected numbers decoded exactly from the R-serialised
    // snapshot "ae_all performance spc returns expected values" in tests/testthat/_snaps/integration_tests.md.
    const V attendances{1867781, 2070340, 1958802, 2079034, 1932901, 1952464, 2001816, 1907871, 1944567,
                        1895272, 1735619, 2015834, 1949762, 2066789, 1994056, 2073944, 1924663, 1925961,
                        2044137, 1976971, 2003954, 2000086, 1820012, 2049785, 1984369, 2164458, 2093942,
                        2179896, 1997854, 2005695, 2079492, 2037847, 2047518, 2113413, 1954947, 2167550};
    const V breaches{186122, 201329, 184912, 201973, 174419, 182597, 219137, 221713, 268818, 281612, 216416, 201392,
                     184930, 212872, 184945, 200180, 186706, 199027, 205602, 222082, 300893, 294029, 272187, 315232,
                     226764, 208002, 193418, 232824, 205239, 221756, 228550, 252602, 277514, 330696, 308388, 290359};
    V performance;
    for (std::size_t i = 0; i < attendances.size(); ++i) performance.push_back(1 - breaches[i] / attendances[i]);
    hi::XmrOptions o;
    o.fix_after = 12;
    o.screen_outliers = true;
    const auto r = hi::xmr(performance, {}, o);
    near_exact(r.centre[35], 0.8908915564349236);
    near_exact(r.lower[35], 0.8614049789074258);
    near_exact(r.upper[35], 0.9203781339624213);
    // point_type: c = common cause, i = special cause improvement, x = special cause concern
    const std::string want = "cccccccccxciiiiiiiicxxxxcccccxxxxxxx";
    for (std::size_t i = 0; i < want.size(); ++i) {
        CAPTURE(i);
        const auto v = r.variation[i];
        CHECK((v == hi::Variation::common_cause ? 'c' : v == hi::Variation::improvement ? 'i' : 'x') == want[i]);
    }
}

TEST_CASE("xmr: the usual time step, the periods missing at each gap, and the improvement names") {
    CHECK(hi::usual_time_step(T{}) == 1);
    CHECK(hi::usual_time_step(T{7}) == 1);
    CHECK(hi::usual_time_step(T{0, 1, 2, 4, 5, 6, 9}) == 1);  // steps 1 1 2 1 1 3
    CHECK(hi::usual_time_step(T{0, 7, 14, 28, 35}) == 7);      // weekly, one week missing
    CHECK(hi::usual_time_step(T{0, 2, 5, 7, 10}) == 2);        // 2 and 3 equally common: the smaller
    hi::XmrOptions o;
    o.time_step = 7;
    const auto r = hi::xmr(V{1, 2, 3, 4, 5}, T{0, 7, 14, 28, 49}, o);
    CHECK(r.gaps == std::vector<std::size_t>{3, 4});
    CHECK(r.missing_periods == V{1.0, 2.0});  // (28 − 14) / 7 − 1, (49 − 28) / 7 − 1
    CHECK(hi::parse_improvement("neutral") == hi::Improvement::neither);
    for (auto i : {hi::Improvement::increase, hi::Improvement::decrease, hi::Improvement::neither})
        CHECK(hi::parse_improvement(hi::to_string(i)) == i);
    CHECK(r.improvement == hi::Improvement::increase);
    try {
        hi::parse_improvement("up");
        CHECK(false);
    } catch (const hp::DomainError& e) {
        CHECK(std::string(e.what()) == "xmr: improvement must be \"increase\", \"decrease\" or None (\"neither\"), got \"up\"");
    }
}

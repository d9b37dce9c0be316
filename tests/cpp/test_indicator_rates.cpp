// Proportions, crude rates, means and rate/risk ratios: PHEindicatormethods' test inputs (tests/testthat/
// testWilson.R, testByars.R: counts 65, 1045, 0.445 of 100, 5000, 1) with expected numbers from statsmodels
// 0.14 / scipy 1.17 (the R package's expected values live in an Excel workbook), hand calculations written
// out, and the bad-input messages.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/indicators/rates.hpp"

namespace hi = hp::indicators;

namespace {
using V = std::vector<double>;
constexpr double rel = 1.5e-8;  // PHEindicatormethods' expect_equal tolerance

void near(double got, double want, double abs_floor = 0.0) {
    INFO("got " << got << " want " << want);
    if (want == 0.0) {
        CHECK(std::abs(got) <= (abs_floor > 0 ? abs_floor : 1e-15));
    } else {
        CHECK(std::abs(got - want) <= rel * std::abs(want));
    }
}

using hp::testing::error_of;
}  // namespace

TEST_CASE("indicator rates: Wilson proportions at 95 and 99.8 percent together") {
    hi::ProportionOptions o;
    o.confidence_level = {0.95, 0.998};
    const V x{65, 1045, 0.445, 0, 50}, n{100, 5000, 1, 50, 50};
    const auto r = hi::proportion(x, n, o);
    REQUIRE(r.size() == 5);
    REQUIRE(r.lower.size() == 2);
    // statsmodels.stats.proportion.proportion_confint(x, n, alpha=1-c, method="wilson")
    const double want[5][4] = {
        {0.5525444329688796, 0.7363575175690247, 0.4954946574070448, 0.7783540614089687},
        {0.19795549880013297, 0.2204913037318903, 0.19179381799015255, 0.22731562902525793},
        {0.04381744772058821, 0.9334621276979156, 0.019347006132901357, 0.9702259947019534},
        {0.0, 0.07134759913335872, 0.0, 0.160362891042788},
        {0.9286524008666414, 1.0, 0.839637108957212, 1.0},
    };
    for (int i = 0; i < 5; ++i) {
        CAPTURE(i);
        near(r.value[i], x[i] / n[i]);
        near(r.lower[0][i], want[i][0], 1e-15);
        near(r.upper[0][i], want[i][1]);
        near(r.lower[1][i], want[i][2], 1e-15);
        near(r.upper[1][i], want[i][3]);
    }
    // The single-value functions agree with the vectorised loop.
    near(hi::wilson_lower(65, 100, 0.95), want[0][0]);
    near(hi::wilson_upper(1045, 5000, 0.998), want[1][3]);
    CHECK(r.method == "Wilson score interval");
}

TEST_CASE("indicator rates: Wilson proportion as a percentage is the proportion times 100") {
    // 65/100 at 95%: 100 × statsmodels' Wilson limits above.
    hi::ProportionOptions o;
    o.multiplier = 100;
    const auto r = hi::proportion(V{65}, V{100}, o);
    near(r.value[0], 65.0);
    near(r.lower[0][0], 55.25444329688796);
    near(r.upper[0][0], 73.63575175690247);
}

TEST_CASE("indicator rates: Clopper-Pearson exact proportions") {
    hi::ProportionOptions o;
    o.confidence_level = {0.95, 0.998};
    o.method = hi::ProportionMethod::exact;
    const V x{65, 0, 50, 3}, n{100, 50, 50, 7};
    const auto r = hi::proportion(x, n, o);
    // statsmodels proportion_confint(x, n, alpha=1-c, method="beta")
    const double want[4][4] = {
        {0.5481506381760306, 0.7427062214685488, 0.4913756114936011, 0.7882781422458692},
        {0.0, 0.07112173646419764, 0.0, 0.12903641004391936},
        {0.9288782635358024, 1.0, 0.8709635899560807, 1.0},
        {0.09898827844250789, 0.8159484323599169, 0.031560800245182166, 0.9233454571731126},
    };
    for (int i = 0; i < 4; ++i) {
        CAPTURE(i);
        near(r.lower[0][i], want[i][0]);
        near(r.upper[0][i], want[i][1]);
        near(r.lower[1][i], want[i][2]);
        near(r.upper[1][i], want[i][3]);
    }
    CHECK(r.method == "Clopper-Pearson exact interval");
}

TEST_CASE("indicator rates: proportion bad input names the group and the value") {
    CHECK(error_of([] { hi::proportion(V{1, 5}, V{10, 4}); }) ==
          "DataError: proportion: group 1 has numerator 5 above its denominator 4");
    CHECK(error_of([] { hi::proportion(V{1, -2}, V{10, 4}); }) ==
          "DataError: proportion: group 1 has numerator -2; it must be a finite number >= 0");
    CHECK(error_of([] { hi::proportion(V{0}, V{0}); }) ==
          "DataError: proportion: group 0 has denominator 0; it must be a finite number > 0");
    CHECK(error_of([] { hi::proportion(V{1, std::nan("")}, V{2, 3}); }) ==
          "DataError: proportion: group 1 has numerator nan; it must be a finite number >= 0");
    CHECK(error_of([] { hi::proportion(V{1}, V{2, 3}); }) ==
          "DataError: proportion: numerator has 1 values but denominator has 2; give one of each per group");
    hi::ProportionOptions o;
    o.multiplier = 0;
    CHECK(error_of([&] { hi::proportion(V{1}, V{2}, o); }).starts_with("DomainError: proportion: multiplier"));
    o.multiplier = 1;
    o.confidence_level = {1.5};
    CHECK(error_of([&] { hi::proportion(V{1}, V{2}, o); }).starts_with("DomainError"));
}

TEST_CASE("indicator rates: crude rates exact below 10 events and Byars at 10 or more") {
    hi::RateOptions o;
    o.confidence_level = {0.95, 0.998};
    const V x{0, 1, 5, 9, 10, 65, 1045}, pop{1000, 1000, 2000, 1000, 1000, 100000, 5000};
    const auto r = hi::rate(x, pop, o);
    // Exact: scipy.stats.chi2.ppf(α/2, 2x)/2 and chi2.ppf(1−α/2, 2x+2)/2 (Armitage & Berry), in events.
    // Byar's by hand with scipy.stats.norm.ppf for z: x(1 − 1/(9x) − z/(3√x))³, (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³.
    const double want[7][4] = {
        {0.0, 3.6888794541139354, 0.0, 6.907755278982137},
        {0.025317807984289897, 5.571643390938898, 0.0010005003335835346, 9.233413476451585},
        {1.623486390118421, 11.66833207932267, 0.7393717319178327, 16.454745203680105},
        {4.115373097378334, 17.084803451419166, 2.452424404363775, 22.65737330906293},
        {4.787449913967563, 18.391458605756473, 2.916318374695686, 24.19372492788055},     // Byar's
        {50.16318771045943, 82.84913854593984, 42.8802614714802, 94.000290844318},         // Byar's
        {982.5932018073325, 1110.33121298565, 947.9407035610374, 1148.806160988033},       // Byar's
    };
    for (int i = 0; i < 7; ++i) {
        CAPTURE(i);
        const double s = 100000.0 / pop[i];
        near(r.value[i], x[i] * s);
        near(r.lower[0][i], want[i][0] * s);
        near(r.upper[0][i], want[i][1] * s);
        near(r.lower[1][i], want[i][2] * s);
        near(r.upper[1][i], want[i][3] * s);
    }
    near(hi::byars_lower(65, 0.95), 50.16318771045943);
    near(hi::byars_upper(1045, 0.998), 1148.806160988033);
    near(hi::poisson_exact_upper(9, 0.95), 17.084803451419166);
}

TEST_CASE("indicator rates: rate method can be forced") {
    hi::RateOptions o;
    o.multiplier = 1;
    o.method = hi::RateMethod::exact;
    // scipy chi2 exact limits for 65 and 1045 events at 95%.
    auto r = hi::rate(V{65, 1045, 2.5}, V{1, 1, 1}, o);
    near(r.lower[0][0], 50.16562772923427);
    near(r.upper[0][0], 82.84783581587158);
    near(r.lower[0][1], 982.593709411132);
    near(r.upper[0][1], 1110.3307766118824);
    // Non-whole counts go through the gamma quantiles directly: Gamma(2.5) and Gamma(3.5) quantiles
    // (scipy.stats.gamma.ppf(0.025, 2.5), gamma.ppf(0.975, 3.5)).
    near(r.lower[0][2], 0.41560580674333125);
    near(r.upper[0][2], 8.006382137314663);
    CHECK(r.method == "Exact Poisson");
    o.method = hi::RateMethod::byars;
    r = hi::rate(V{9, 0}, V{1, 1}, o);
    // Byar's by hand for 9: 9(1 − 1/81 − 1.959964/9)³ and 10(1 − 1/90 + 1.959964/(3√10))³.
    const double z = 1.959963984540054;
    near(r.lower[0][0], 9 * std::pow(1 - 1.0 / 81 - z / 9, 3));
    near(r.upper[0][0], 10 * std::pow(1 - 1.0 / 90 + z / (3 * std::sqrt(10.0)), 3));
    CHECK(r.lower[0][1] == 0.0);
    near(r.upper[0][1], std::pow(1 - 1.0 / 9 + z / 3, 3));
}

TEST_CASE("indicator rates: rate bad input names the group and the value") {
    CHECK(error_of([] { hi::rate(V{3, -1}, V{10, 10}); }) ==
          "DataError: rate: group 1 has events -1; it must be a finite number >= 0");
    CHECK(error_of([] { hi::rate(V{3, 1}, V{10, 0}); }) ==
          "DataError: rate: group 1 has population 0; it must be a finite number > 0");
    CHECK(error_of([] { hi::rate(V{3}, V{-5}); }) ==
          "DataError: rate: group 0 has population -5; it must be a finite number > 0");
}

TEST_CASE("indicator rates: means with Student t intervals by group") {
    // Rows of two groups interleaved: group 0 = 1 2 3 4 10, group 1 = 5 7.
    const V v{1, 5, 2, 3, 7, 4, 10};
    const std::vector<std::int64_t> g{0, 1, 0, 0, 1, 0, 0};
    hi::MeanOptions o;
    o.confidence_level = {0.95, 0.998};
    const auto r = hi::mean(v, g, 2, o);
    // scipy.stats.t.interval(c, n − 1, loc=mean, scale=sd/√n).
    near(r.value[0], 4.0);
    near(r.lower[0][0], -0.3899451654254138);
    near(r.upper[0][0], 8.389945165425413);
    near(r.lower[1][0], -7.3417969429673064);
    near(r.upper[1][0], 15.341796942967306);
    near(r.value[1], 6.0);
    near(r.lower[0][1], -6.706204736174694);
    near(r.upper[0][1], 18.706204736174694);
    near(r.lower[1][1], -312.30883898555015);
    near(r.upper[1][1], 324.30883898555015);
    CHECK(error_of([] { hi::mean(V{1, 2, 3}, std::vector<std::int64_t>{0, 0, 1}, 2); }) ==
          "DataError: mean: group 1 has 1 value(s); a t interval needs at least 2");
    CHECK(error_of([] { hi::mean(V{1, std::nan(""), 3}, std::vector<std::int64_t>{0, 0, 0}, 1); }) ==
          "DataError: mean: row 1 (group 0) has value nan; values must be finite");
    CHECK(error_of([] { hi::mean(V{1, 2}, std::vector<std::int64_t>{0, 3}, 2); }).starts_with(
        "DataError: mean: row 1 has group code 3"));
}

TEST_CASE("indicator rates: rate ratios, log and exact conditional") {
    hi::RatioOptions o;
    o.confidence_level = {0.95, 0.998};
    // 30 events in 1000 person-years against 20 in 2000: RR = 3.
    auto r = hi::rate_ratio(V{30}, V{1000}, V{20}, V{2000}, o);
    near(r.value[0], 3.0);
    // statsmodels.stats.rates.confint_poisson_2indep(30, 1000, 20, 2000, method="wald-log")
    near(r.lower[0][0], 1.7037290739919275);
    near(r.upper[0][0], 5.282530032144443);
    near(r.lower[1][0], 1.2294157564172892);
    near(r.upper[1][0], 7.320550393975277);
    // Exact conditional: Clopper–Pearson for 30 of 50 (statsmodels proportion_confint method="beta"), p/(1−p)·2.
    o.method = hi::RatioMethod::exact;
    r = hi::rate_ratio(V{30, 0}, V{1000, 1000}, V{20, 20}, V{2000, 2000}, o);
    near(r.lower[0][0], 1.6482637984618242);
    near(r.upper[0][0], 5.573508613925137);
    near(r.lower[1][0], 1.1970020974717843);
    near(r.upper[1][0], 7.946742825923341);
    CHECK(r.lower[0][1] == 0.0);
    near(r.upper[0][1], 0.40509920759366996);  // 0 of 20: upper 0.16843347098308534 → p/(1−p)·2
    CHECK(std::isinf(hi::rate_ratio(V{5}, V{1}, V{0}, V{1}, o).upper[0][0]));
    CHECK(error_of([] { hi::rate_ratio(V{0}, V{10}, V{3}, V{10}); }).starts_with(
        "DataError: rate_ratio: group 0 has events1 0 and events2 3; the log method needs"));
}

TEST_CASE("indicator rates: risk ratios, log method") {
    hi::RatioOptions o;
    o.confidence_level = {0.95, 0.998};
    // 30 of 100 against 20 of 200: RR = 3; statsmodels confint_proportions_2indep(..., method="log",
    // compare="ratio"), i.e. SE = √(1/30 − 1/100 + 1/20 − 1/200) = 0.261406.
    const auto r = hi::risk_ratio(V{30}, V{100}, V{20}, V{200}, o);
    near(r.value[0], 3.0);
    near(r.lower[0][0], 1.797263187985246);
    near(r.upper[0][0], 5.007613832056009);
    near(r.lower[1][0], 1.3375045806363188);
    near(r.upper[1][0], 6.728948917482017);
    CHECK(error_of([] { hi::risk_ratio(V{30}, V{20}, V{2}, V{10}); }) ==
          "DataError: risk_ratio: group 0 has numerator1 30 above denominator1 20");
    o.method = hi::RatioMethod::exact;
    CHECK(error_of([&] { hi::risk_ratio(V{3}, V{20}, V{2}, V{10}, o); }).starts_with("DomainError: risk_ratio"));
}

TEST_CASE("indicator rates: many groups in blocks agree with the one-group functions") {
    // 3000 groups span three 1024-group blocks; each limit is checked against the scalar formulas above.
    const std::size_t n = 3000;
    V x(n), d(n);
    for (std::size_t i = 0; i < n; ++i) {
        d[i] = 1.0 + static_cast<double>(i % 97) * 13.0;
        x[i] = std::floor(d[i] * static_cast<double>(i % 11) / 10.0);
    }
    hi::ProportionOptions po;
    po.confidence_level = {0.95, 0.998};
    const auto p = hi::proportion(x, d, po);
    hi::RateOptions ro;
    ro.confidence_level = {0.95, 0.998};
    const auto r = hi::rate(x, d, ro);
    for (std::size_t i = 0; i < n; i += 7) {
        CAPTURE(i);
        for (std::size_t l = 0; l < 2; ++l) {
            const double c = po.confidence_level[l];
            near(p.lower[l][i], hi::wilson_lower(x[i], d[i], c), 1e-15);
            near(p.upper[l][i], hi::wilson_upper(x[i], d[i], c));
            const double lo = x[i] < 10 ? hi::poisson_exact_lower(x[i], c) : hi::byars_lower(x[i], c);
            const double up = x[i] < 10 ? hi::poisson_exact_upper(x[i], c) : hi::byars_upper(x[i], c);
            near(r.lower[l][i], lo * 100000.0 / d[i]);
            near(r.upper[l][i], up * 100000.0 / d[i]);
        }
    }
    // Byar's forced on every group, zero counts included (every 11th group has x = 0): lower limit 0 there.
    ro.method = hi::RateMethod::byars;
    const auto b = hi::rate(x, d, ro);
    for (std::size_t i = 0; i < n; ++i) {
        CAPTURE(i);
        for (std::size_t l = 0; l < 2; ++l) {
            near(b.lower[l][i], hi::byars_lower(x[i], ro.confidence_level[l]) * 100000.0 / d[i]);
            near(b.upper[l][i], hi::byars_upper(x[i], ro.confidence_level[l]) * 100000.0 / d[i]);
        }
    }
    CHECK(b.lower[0][0] == 0.0);
    // A bad group deep in a later block is still named by its own index.
    x[2500] = d[2500] + 1;
    CHECK(error_of([&] { hi::proportion(x, d); }).starts_with("DataError: proportion: group 2500 has numerator"));
    d[2999] = std::numeric_limits<double>::infinity();
    CHECK(error_of([&] { hi::rate(d, d); }) ==
          "DataError: rate: group 2999 has events inf; it must be a finite number >= 0");
    // The in-place form checks the caller's buffers.
    V v(2), lo(2), up(2);
    hi::IntervalsView view{v, {lo}, {up}};
    CHECK(error_of([&] { hi::proportion_into(V{1, 2, 3}, V{4, 4, 4}, {}, view); }).starts_with(
        "DomainError: proportion: the output view must hold 3 values"));
}

// The passes go four (AVX2) or eight (AVX-512) groups at a time where the CPU allows, with the rest one by one;
// Byar's whole counts below 16384 come from a table. A group computed alone (the one-by-one path) must give the
// same bits as the same group inside a long run (the vector path), whatever the path.
TEST_CASE("indicator rates: vector passes equal the one-group path bit for bit") {
    V x, n, e, p;
    for (int i = 0; i < 1000; ++i) {
        n.push_back(1 + (i * 7919) % 20000);
        x.push_back(std::floor(n.back() * ((i * 104729) % 1000) / 999.0));
        // whole counts inside and outside the table, fractions, 0 and -0
        const double counts[] = {0.0, -0.0, 3, 9, 10, 16383, 16384, 16385, 2.5, 1e6, 4e9, 12345.75};
        e.push_back(i % 3 == 0 ? counts[i % 12] : (i * 31) % 5000);
        p.push_back(1000.0 + (i * 6007) % 100000);
    }
    auto same = [](double a, double b) { return std::signbit(a) == std::signbit(b) && (a == b || (a != a && b != b)); };
    hi::ProportionOptions po;
    po.confidence_level = {0.95, 0.998};
    po.multiplier = 100;
    const auto all = hi::proportion(x, n, po);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const auto one = hi::proportion(V{x[i]}, V{n[i]}, po);
        CAPTURE(i);
        CHECK(same(one.value[0], all.value[i]));
        for (std::size_t l = 0; l < 2; ++l) CHECK((same(one.lower[l][0], all.lower[l][i]) && same(one.upper[l][0], all.upper[l][i])));
    }
    for (auto method : {hi::RateMethod::byars, hi::RateMethod::automatic}) {
        hi::RateOptions ro;
        ro.confidence_level = {0.95, 0.998, 0.5};
        ro.method = method;
        const auto all_r = hi::rate(e, p, ro);
        for (std::size_t i = 0; i < e.size(); ++i) {
            const auto one = hi::rate(V{e[i]}, V{p[i]}, ro);
            CAPTURE(i);
            CAPTURE(e[i]);
            CHECK(same(one.value[0], all_r.value[i]));
            for (std::size_t l = 0; l < 3; ++l)
                CHECK((same(one.lower[l][0], all_r.lower[l][i]) && same(one.upper[l][0], all_r.upper[l][i])));
        }
    }
}

TEST_CASE("indicator rates: one caller-owned block holds the inputs, values and limits in table order") {
    const V x{65, 1045, 0, 50, 7}, n{100, 5000, 50, 50, 7};
    hi::ProportionOptions o;
    o.confidence_level = {0.95, 0.998};
    REQUIRE(hi::rows_of_block(2, true) == 7);
    REQUIRE(hi::rows_of_block(2, false) == 5);
    V block(7 * x.size(), -1.0);
    const auto view = hi::block_view(block, x.size(), 2, true);
    CHECK(hi::proportion_into(x, n, o, view) == "Wilson score interval");
    const auto want = hi::proportion(x, n, o);
    for (std::size_t i = 0; i < x.size(); ++i) {
        CHECK(block[0 * 5 + i] == x[i]);
        CHECK(block[1 * 5 + i] == n[i]);
        CHECK(block[2 * 5 + i] == want.value[i]);
        CHECK(block[3 * 5 + i] == want.lower[0][i]);
        CHECK(block[4 * 5 + i] == want.upper[0][i]);
        CHECK(block[5 * 5 + i] == want.lower[1][i]);
        CHECK(block[6 * 5 + i] == want.upper[1][i]);
    }
    // rate: the same, and with the automatic method which groups got Byar's limits (10 or more events)
    const V ev{3, 10, 9.5, 250, 0}, pop{1000, 1000, 1000, 1000, 1000};
    V rblock(5 * ev.size());
    auto rview = hi::block_view(rblock, ev.size(), 1, true);
    std::vector<std::int8_t> codes(ev.size(), -1);
    rview.byars = codes;
    hi::rate_into(ev, pop, {}, rview);
    CHECK(codes == std::vector<std::int8_t>{0, 1, 0, 1, 0});
    const auto r = hi::rate(ev, pop);
    for (std::size_t i = 0; i < ev.size(); ++i)
        CHECK((rblock[i] == ev[i] && rblock[5 + i] == pop[i] && rblock[10 + i] == r.value[i] &&
               rblock[15 + i] == r.lower[0][i] && rblock[20 + i] == r.upper[0][i]));
    CHECK(error_of([&] { hi::block_view(rblock, 4, 1, true); }) ==
          "DomainError: block_view: a block for 4 groups at 1 level(s) holds 5 rows of 4 values, not 25 values");
    rview.byars = std::span<std::int8_t>(codes.data(), 2);
    CHECK(error_of([&] { hi::rate_into(ev, pop, {}, rview); }).starts_with(
        "DomainError: rate: the output view's input copies and method codes must hold 5 values each"));
}

TEST_CASE("indicator rates: method names parse in one place, and say what is allowed") {
    CHECK(hi::parse_proportion_method("wilson") == hi::ProportionMethod::wilson);
    CHECK(hi::parse_proportion_method("clopper-pearson") == hi::ProportionMethod::exact);
    CHECK(hi::parse_rate_method("auto") == hi::RateMethod::automatic);
    CHECK(hi::parse_rate_method("byars") == hi::RateMethod::byars);
    CHECK(hi::parse_ratio_method("exact") == hi::RatioMethod::exact);
    for (auto m : {hi::ProportionMethod::wilson, hi::ProportionMethod::exact})
        CHECK(hi::parse_proportion_method(hi::to_string(m)) == m);
    for (auto m : {hi::RateMethod::automatic, hi::RateMethod::exact, hi::RateMethod::byars})
        CHECK(hi::parse_rate_method(hi::to_string(m)) == m);
    for (auto m : {hi::RatioMethod::log, hi::RatioMethod::exact}) CHECK(hi::parse_ratio_method(hi::to_string(m)) == m);
    CHECK(error_of([] { hi::parse_proportion_method("score"); }) ==
          "DomainError: proportion: method must be \"wilson\" or \"exact\" (Clopper-Pearson), got \"score\"");
    CHECK(error_of([] { hi::parse_rate_method("Byars"); }) ==
          "DomainError: rate: method must be \"auto\", \"exact\" or \"byars\", got \"Byars\"");
    CHECK(error_of([] { hi::parse_ratio_method("wald"); }) ==
          "DomainError: rate_ratio: method must be \"log\" or \"exact\", got \"wald\"");
}

TEST_CASE("indicator rates: means report each group's n and standard deviation") {
    // group 0 = 1 2 3 4 10 (mean 4, squared deviations 9 4 1 0 36), group 1 = 5 7 (mean 6)
    const V v{1, 5, 2, 3, 7, 4, 10};
    const std::vector<std::int64_t> g{0, 1, 0, 0, 1, 0, 0};
    const auto r = hi::mean(v, g, 2);
    CHECK(r.n == V{5, 2});
    CHECK(r.sd[0] == std::sqrt(50.0 / 4.0));
    CHECK(r.sd[1] == std::sqrt(2.0));
    // the interval is mean ± t · sd / √n with the same sd
    const double t = 2.7764451051977987;  // scipy.stats.t.ppf(0.975, 4)
    near(r.upper[0][0], 4.0 + t * r.sd[0] / std::sqrt(5.0));
}

// Deprivation quantiles (PHEindicatormethods' phe_quantile). The R package's expected quantiles are in
// tests/testthat/testdata_Quantiles.xlsx (not readable here), so the expectations below are worked by hand from
// the published rule (R/Quantiles.R; OHID Technical Guide "Assigning Deprivation Categories"): rank r among n
// values (ties: the lowest rank), quantile floor((q + 1) - ceil(((n + 1) - r) / (n / q))), 0 raised to 1.
// tests/python/test_indicator_quantiles.py checks many random groups against an independent scipy rewrite.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/indicators/quantiles.hpp"

using namespace hp;
using namespace hp::indicators;

namespace {
const double na = std::nan("");

void check_quantiles(const std::vector<double>& got, const std::vector<double>& want) {
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        INFO("row " << i << " got " << got[i] << " want " << want[i]);
        if (std::isnan(want[i]))
            CHECK(std::isnan(got[i]));
        else
            CHECK(got[i] == want[i]);
    }
}
}  // namespace

TEST_CASE("quantiles by hand: ties share the lowest rank, missing values are left out") {
    // 10 values and one missing, 5 quantiles: n / q = 2.
    const std::vector<double> v{10, 20, 20, 30, 40, 50, na, 60, 70, 80, 90};
    const std::vector<std::int64_t> g(v.size(), 0);
    QuantileOptions o;
    o.nquantiles = 5;
    o.invert = false;
    // ascending ranks 1 2 2 4 5 6 - 7 8 9 10; ceil((11 - r) / 2) = 5 5 5 4 3 3 - 2 2 1 1; quantile = 6 - that
    check_quantiles(quantiles(v, g, 1, o).quantile, {1, 1, 1, 2, 3, 3, na, 4, 4, 5, 5});
    // inverted (the default): key 90 - v, ranks 10 8 8 7 6 5 - 4 3 2 1
    o.invert = true;
    check_quantiles(quantiles(v, g, 1, o).quantile, {5, 4, 4, 4, 3, 3, na, 2, 2, 1, 1});
}

TEST_CASE("quantiles within groups, per-group direction, too few values") {
    // group 0: 4 values into 4 quantiles; group 1: 3 values (fewer than 4: none assigned, reported);
    // group 2: one value and one missing (also too few).
    const std::vector<double> v{3, 1, 7, 9, 5, 1, 4, 2, na};
    const std::vector<std::int64_t> g{0, 1, 0, 1, 0, 0, 1, 2, 2};
    QuantileOptions o;
    o.nquantiles = 4;
    auto r = quantiles(v, g, 3, o);
    // group 0 values 3 1 7 5 (rows 0 2 4 5 -> 3, 7, 5, 1), inverted: 7 -> 1, 5 -> 2, 3 -> 3, 1 -> 4
    check_quantiles(r.quantile, {3, na, 1, na, 2, 4, na, na, na});
    REQUIRE(r.too_few.size() == 2);
    CHECK(r.too_few[0] == 1);
    CHECK(r.too_few[1] == 2);
    // a group of missing values only is not reported (the R package warns only for values left without a quantile)
    const auto all_missing = quantiles(std::vector<double>{na, na}, std::vector<std::int64_t>{0, 0}, 1, o);
    CHECK(all_missing.too_few.empty());
    // direction per group: group 0 not inverted
    const std::vector<std::uint8_t> inv{0, 1, 1};
    r = quantiles(v, g, 3, o, inv);
    check_quantiles(r.quantile, {2, na, 4, na, 3, 1, na, na, na});
}

TEST_CASE("quantiles with more quantiles than n divides evenly") {
    // n = 7, q = 3: n / q = 2.333...; ascending ranks 1..7: ceil((8 - r) / 2.333) = 3 3 3 2 2 1 1 -> 1 1 1 2 2 3 3
    const std::vector<double> v{1, 2, 3, 4, 5, 6, 7};
    const std::vector<std::int64_t> g(7, 0);
    QuantileOptions o;
    o.nquantiles = 3;
    o.invert = false;
    check_quantiles(quantiles(v, g, 1, o).quantile, {1, 1, 1, 2, 2, 3, 3});
    // all values equal: every area ranked 1, all in quantile 1
    check_quantiles(quantiles(std::vector<double>(7, 4.0), g, 1, o).quantile, {1, 1, 1, 1, 1, 1, 1});
}

TEST_CASE("quantiles bad input") {
    const std::vector<double> v{1, 2, HUGE_VAL};
    const std::vector<std::int64_t> g{0, 0, 1};
    CHECK_THROWS_WITH_AS(quantiles(v, g, 2), doctest::Contains("row 2 (group 1) has value inf"), DataError);
    const std::vector<std::int64_t> bad_g{0, 3, 0};
    const std::vector<double> ok{1, 2, 3};
    CHECK_THROWS_WITH_AS(quantiles(ok, bad_g, 2), "quantiles: row 1 has group index 3, outside 0..1", DataError);
    QuantileOptions o;
    o.nquantiles = 0;
    CHECK_THROWS_AS(quantiles(ok, std::vector<std::int64_t>{0, 0, 0}, 1, o), DomainError);
    CHECK_THROWS_AS(quantiles(ok, std::vector<std::int64_t>{0, 0}, 1), DomainError);
}

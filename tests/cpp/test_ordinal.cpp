#include <doctest/doctest.h>

#include "checks.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/ordinal.hpp"

using namespace hp::stats;
using hp::testing::NaN;

TEST_CASE("frequencies count each level and the missing values") {
    const std::vector<double> xs{1, 3, 3, NaN, 2, 3, 4, NaN};
    const auto f = frequencies(xs, 1, 4);
    CHECK(f.counts == std::vector<std::int64_t>{1, 1, 3, 1});
    CHECK(f.n() == 6);
    CHECK(f.n_missing == 2);
    CHECK(f.count(3) == 3);
    CHECK(f.count(7) == 0);
}

TEST_CASE("frequencies reject values off the scale, fractions and infinities, naming the position") {
    CHECK_THROWS_WITH_AS(frequencies(std::vector<double>{1, 5}, 1, 4),
                         doctest::Contains("position 1"), hp::DomainError);
    CHECK_THROWS_AS(frequencies(std::vector<double>{2.5}, 1, 4), hp::DomainError);
    CHECK_THROWS_AS(frequencies(std::vector<double>{INFINITY}, 1, 4), hp::DomainError);
    CHECK_THROWS_AS(frequencies(std::vector<double>{}, 4, 1), hp::DomainError);
}

TEST_CASE("modes report every tie, in ascending order") {
    CHECK(modes(frequencies(std::vector<double>{1, 2, 2, 3, 3}, 1, 4)) == std::vector<int>{2, 3});
    CHECK(modes(frequencies(std::vector<double>{4, 1}, 1, 4)) == std::vector<int>{1, 4});
    CHECK(modes(frequencies(std::vector<double>{3, 3, 3, 3}, 1, 4)) == std::vector<int>{3});
    CHECK(modes(frequencies(std::vector<double>{NaN}, 1, 4)).empty());
}

TEST_CASE("quantiles from counts match the sorted-sample definitions (numpy's names)") {
    // Sorted sample: 1 1 2 2 2 3 4 (n = 7). Hand calculation, h = (n-1)p:
    //  p=0.25: h=1.5 -> between x1=1 and x2=2: linear 1.5, lower 1, higher 2, midpoint 1.5,
    //          nearest rounds 1.5 to even 2 -> x2 = 2; inverted_cdf: ceil(7*0.25)=2 -> x1 = 1.
    //  p=0.9:  h=5.4 -> x5=3, x6=4: linear 3.4, nearest x5 = 3; inverted_cdf ceil(6.3)=7 -> x6 = 4.
    const auto f = frequencies(std::vector<double>{2, 1, 4, 2, 3, 1, 2}, 1, 4);
    CHECK(quantile(f, 0.25, QuantileMethod::linear) == doctest::Approx(1.5).epsilon(1e-15));
    CHECK(quantile(f, 0.25, QuantileMethod::lower) == 1);
    CHECK(quantile(f, 0.25, QuantileMethod::higher) == 2);
    CHECK(quantile(f, 0.25, QuantileMethod::midpoint) == 1.5);
    CHECK(quantile(f, 0.25, QuantileMethod::nearest) == 2);
    CHECK(quantile(f, 0.25, QuantileMethod::inverted_cdf) == 1);
    CHECK(quantile(f, 0.9, QuantileMethod::linear) == doctest::Approx(3.4).epsilon(1e-12));
    CHECK(quantile(f, 0.9, QuantileMethod::nearest) == 3);
    CHECK(quantile(f, 0.9, QuantileMethod::inverted_cdf) == 4);
    CHECK(quantile(f, 0.0) == 1);
    CHECK(quantile(f, 1.0) == 4);
    CHECK(median(f) == 2);
    CHECK(mean(f) == doctest::Approx(15.0 / 7).epsilon(1e-15));
}

TEST_CASE("median of an even sample is the mean of the middle pair") {
    CHECK(median(frequencies(std::vector<double>{1, 2, 3, 4}, 1, 4)) == 2.5);
    CHECK(median(frequencies(std::vector<double>{3, 3, 4, 4}, 1, 4)) == 3.5);
}

TEST_CASE("quantile refuses empty samples and probabilities outside 0 to 1") {
    const auto empty = frequencies(std::vector<double>{NaN, NaN}, 1, 4);
    CHECK_THROWS_AS(quantile(empty, 0.5), hp::DomainError);
    const auto f = frequencies(std::vector<double>{1, 2}, 1, 4);
    CHECK_THROWS_AS(quantile(f, 1.5), hp::DomainError);
    CHECK_THROWS_AS(quantile(f, NaN), hp::DomainError);
    CHECK_THROWS_AS(parse_quantile_method("type7"), hp::DomainError);
    CHECK(parse_quantile_method("inverted_cdf") == QuantileMethod::inverted_cdf);
}

TEST_CASE("summarise gives NaN numbers and no modes for an all-missing column") {
    const auto s = summarise(std::vector<double>{NaN, NaN}, 1, 4);
    CHECK(s.n() == 0);
    CHECK(s.modes.empty());
    CHECK(std::isnan(s.median));
    CHECK(std::isnan(s.mean));
}

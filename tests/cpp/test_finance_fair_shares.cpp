// Weighted-capitation fair shares, by hand for three areas: populations (under 65, 65+) A 100, 50; B 200, 10;
// C 50, 100; weights 1, 4 → weighted 300, 240, 450 (total 990); a budget of 1980 gives targets 600, 480, 900;
// actual 660, 480, 840 are +10%, 0% and −6.6667% from target.
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/finance/fair_shares.hpp"

namespace hf = hp::finance;
using hp::testing::error_of;

TEST_CASE("finance fair shares: three areas by hand, targets sum to the budget") {
    const std::vector<std::vector<double>> pops{{100, 50}, {200, 10}, {50, 100}};
    const std::vector<double> w{1, 4}, actual{660, 480, 840};
    const auto f = hf::fair_shares(pops, w, 1980, actual);
    const std::vector<double> weighted{300, 240, 450}, target{600, 480, 900}, distance{0.1, 0, -60.0 / 900};
    for (std::size_t a = 0; a < 3; ++a) {
        CHECK(f.weighted[a] == doctest::Approx(weighted[a]).epsilon(1e-14));
        CHECK(f.share[a] == doctest::Approx(weighted[a] / 990).epsilon(1e-14));
        CHECK(f.target[a] == doctest::Approx(target[a]).epsilon(1e-14));
        CHECK(f.distance[a] == doctest::Approx(distance[a]).epsilon(1e-12));
    }
    CHECK(f.population[1] == 210);
    CHECK(std::accumulate(f.target.begin(), f.target.end(), 0.0) == doctest::Approx(1980).epsilon(1e-14));
    CHECK(hf::fair_shares(pops, w, 1980).distance.empty());
}

TEST_CASE("finance fair shares: bad input names the area and band") {
    const std::vector<double> w{1, 4};
    CHECK(error_of([&] { hf::fair_shares({{100, -1}}, w, 10); }) ==
          "DataError: fair_shares: population of area 0, band 1 must be finite and >= 0, got -1");
    CHECK(error_of([&] { hf::fair_shares({{100, 1, 2}}, w, 10); }) ==
          "DataError: fair_shares: area 0 has 3 age bands but there are 2 weights");
    CHECK(error_of([&] { hf::fair_shares({{100, 1}}, w, -10); }) ==
          "DataError: fair_shares: budget must be finite and >= 0, got -10");
    const std::vector<double> bad{1, -4};
    CHECK(error_of([&] { hf::fair_shares({{100, 1}}, bad, 10); }) ==
          "DataError: fair_shares: weight for band 1 must be finite and >= 0, got -4");
    const std::vector<double> act{1, 2};
    CHECK(error_of([&] { hf::fair_shares({{100, 1}}, w, 10, act); }) ==
          "DataError: fair_shares: actual has 2 values for 1 areas");
    CHECK(error_of([&] { hf::fair_shares({{0, 0}}, w, 10); }) ==
          "DataError: fair_shares: the total weighted population is 0; give some people and positive weights");
}

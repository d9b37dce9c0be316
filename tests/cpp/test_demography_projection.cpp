// Cohort-component projection: the Leslie matrix and a two-step projection written out by hand, the
// half-year migration convention by hand, a closed population shrinking by exactly its survival product,
// and simulations bit-identical across thread counts.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/demography/projection.hpp"

namespace hd = hp::demography;
using hp::testing::error_of;

namespace {
using V = std::vector<double>;

// Bands 0-4, 5-9, 10+ (w = 5) with 5-year survival 0.9, 0.8, 0.5: m_i = −ln(s_i)/5.
hd::Population three() { return hd::make_population(hd::parse_bands(std::vector<std::string>{"0-4", "5-9", "10+"}), {100, 80, 60}); }
hd::Rates three_rates() {
    hd::Rates r;
    r.mortality = {-std::log(0.9) / 5, -std::log(0.8) / 5, -std::log(0.5) / 5};
    r.fertility = {0, 0.2, 0.1};
    return r;
}
}  // namespace

TEST_CASE("demography projection: three bands, Leslie matrix and two steps by hand") {
    // First row b_i = w·φ·(f_i + s_i f_{i+1})/2 · exp(−w m_0/2), w = 5, φ = 0.5, r = exp(−5 m_0/2) = √0.9:
    //   b_0 = 1.25·(0 + 0.9·0.2)·r = 0.225 r,  b_1 = 1.25·(0.2 + 0.8·0.1)·r = 0.35 r,
    //   b_2 = 1.25·(0.1 + 0.5·0.1)·r = 0.1875 r   (the open band's f_{n} is its own f).
    // L = [[0.225r, 0.35r, 0.1875r], [0.9, 0, 0], [0, 0.8, 0.5]].
    // P(0) = (100, 80, 60);  P(5) = (r(22.5 + 28 + 11.25), 90, 64 + 30) = (61.75 r, 90, 94);
    // P(10) = (0.225·0.9·61.75 + r(0.35·90 + 0.1875·94), 0.9·61.75 r, 0.8·90 + 0.5·94)
    //       = (12.504375 + 49.125 r, 55.575 r, 119).
    const double r = std::sqrt(0.9);
    const auto L = hd::leslie(three(), three_rates(), 0.5);
    const double want[3][3] = {{0.225 * r, 0.35 * r, 0.1875 * r}, {0.9, 0, 0}, {0, 0.8, 0.5}};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) CHECK(L(i, j) == doctest::Approx(want[i][j]).epsilon(1e-14));
    hd::ProjectionOptions o;
    o.years = 10;
    const auto p = hd::project(three(), three_rates(), o);
    CHECK(p.years == std::vector<int>{0, 5, 10});
    const double at10[3] = {12.504375 + 49.125 * r, 55.575 * r, 119};
    const double at5[3] = {61.75 * r, 90, 94};
    Eigen::Vector3d p0(100, 80, 60);
    const Eigen::Vector3d l2 = L * L * p0;
    for (int i = 0; i < 3; ++i) {
        CHECK(p.counts(1, i) == doctest::Approx(at5[i]).epsilon(1e-14));
        CHECK(p.counts(2, i) == doctest::Approx(at10[i]).epsilon(1e-14));
        CHECK(l2[i] == doctest::Approx(at10[i]).epsilon(1e-14));
    }
}

TEST_CASE("demography projection: net migration, half at the start and half at the end of a step") {
    // M = (2, 0, −4) a year, no births: w·M/2 = (5, 0, −10). P + wM/2 = (105, 80, 50);
    // L·that = (0, 0.9·105, 0.8·80 + 0.5·50) = (0, 94.5, 89); + wM/2 = (5, 94.5, 79).
    auto rates = three_rates();
    rates.fertility.clear();
    rates.migration = {2, 0, -4};
    hd::ProjectionOptions o;
    o.years = 5;
    const auto p = hd::project(three(), rates, o);
    CHECK(p.counts(1, 0) == doctest::Approx(5).epsilon(1e-14));
    CHECK(p.counts(1, 1) == doctest::Approx(94.5).epsilon(1e-14));
    CHECK(p.counts(1, 2) == doctest::Approx(79).epsilon(1e-14));
}

TEST_CASE("demography projection: a closed population without births shrinks by its survival product") {
    // Single years 0..9, 10+; one death rate m for every age: every survivor count after t years is
    // P·exp(−m t), so the total is exactly total(0)·exp(−m t); cohort aged a at 0 is aged a + t at t.
    V counts;
    for (int a = 0; a <= 10; ++a) counts.push_back(100 + 10 * a);
    const auto pop = hd::make_population(hd::single_year_bands(10), counts);
    hd::Rates rates;
    rates.mortality.assign(11, 0.03);
    hd::ProjectionOptions o;
    o.years = 6;
    const auto p = hd::project(pop, rates, o);
    for (int t = 0; t <= 6; ++t)
        CHECK(p.counts.row(t).sum() == doctest::Approx(pop.total() * std::exp(-0.03 * t)).epsilon(1e-13));
    CHECK(p.counts(6, 7) == doctest::Approx(counts[1] * std::exp(-0.18)).epsilon(1e-14));
    CHECK(p.counts(3, 0) == 0);
}

TEST_CASE("demography projection: simulations are bit-identical for any thread count and the seed matters") {
    hd::RateUncertainty u;
    u.mortality_sd = 0.1;
    u.fertility_sd = 0.2;
    u.migration_sd = 0.3;
    u.per_year = true;
    auto rates = three_rates();
    rates.migration = {1, 2, -1};
    hd::ProjectionOptions o;
    o.years = 20;
    hd::StochasticOptions s;
    s.n_sims = 37;
    s.seed = 11;
    s.threads = 1;
    const auto one = hd::project(three(), rates, o, u, s);
    s.threads = 3;
    const auto many = hd::project(three(), rates, o, u, s);
    REQUIRE(one.simulations.size() == 37);
    for (std::size_t d = 0; d < 37; ++d) CHECK((one.simulations[d].array() == many.simulations[d].array()).all());
    s.seed = 12;
    const auto other = hd::project(three(), rates, o, u, s);
    CHECK(other.simulations[0](4, 0) != one.simulations[0](4, 0));
    // Zero standard deviations: every multiplier is exp(0) = 1 and every draw is the central projection.
    const auto none = hd::project(three(), rates, o, hd::RateUncertainty{}, s);
    for (const auto& d : none.simulations) CHECK((d.array() == none.counts.array()).all());
}

TEST_CASE("demography projection: bad rates, bands and horizons are named") {
    auto rates = three_rates();
    rates.mortality[1] = -0.1;
    CHECK(error_of([&] { hd::project(three(), rates); }) ==
          "DataError: project: mortality for band \"5-9\" is -0.1; it must be finite and >= 0");
    rates = three_rates();
    rates.fertility = {0.1};
    CHECK(error_of([&] { hd::project(three(), rates); }) ==
          "DataError: project: fertility has 1 rates for 3 age bands; give one per band");
    hd::ProjectionOptions o;
    o.years = 7;
    CHECK(error_of([&] { hd::project(three(), three_rates(), o); }) ==
          "DomainError: project: years must be a positive multiple of the band width (5 years), got 7");
    o.years = 0;
    CHECK(error_of([&] { hd::project(three(), three_rates(), o); }) ==
          "DomainError: project: years must be a whole number from 1 to 10,000, got 0");
    o.years = 10'005;  // a multiple of 5 past the limit (each step's population is kept)
    CHECK(error_of([&] { hd::project(three(), three_rates(), o); }) ==
          "DomainError: project: years must be a whole number from 1 to 10,000, got 10,005");
    const auto uneven = hd::make_population(hd::parse_bands(std::vector<std::string>{"0-4", "5-14", "15+"}), {1, 1, 1});
    CHECK(error_of([&] { hd::project(uneven, three_rates()); }).find("band \"5-14\" is 10 years wide") != std::string::npos);
    hd::RateUncertainty u;
    u.fertility_sd = -1;
    CHECK(error_of([&] { hd::project(three(), three_rates(), {}, u, {}); }).find("fertility_sd must be") != std::string::npos);
}

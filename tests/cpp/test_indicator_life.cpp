// Life expectancy by Chiang II with Silcocks' variance for the open band (PHEindicatormethods'
// phe_life_expectancy). Checked against (1) a three-band life table worked by hand below, in exact fractions;
// (2) the R package's own expected values, written inline in ukhsa-collaboration/PHEindicatormethods
// tests/testthat/testLifeExpectancy.R (`answer1`, from the APHO life expectancy calculator, to 8-10 digits);
// (3) the R package's rules for what it suppresses to NA.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/indicators/life_expectancy.hpp"

using namespace hp;
using namespace hp::indicators;

namespace {

// testLifeExpectancy.R df1: 20 bands 0, 1, 5, 10, ..., 85, 90+.
const std::vector<double> ages20{0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90};
const std::vector<double> pops20{7060,  35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601,
                                 50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936};
const std::vector<double> deaths20{17,  9,   4,   8,   20,  15,   24,   33,   50,   71,
                                   100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937};
// testLifeExpectancy.R answer1: value, lowercl, uppercl at every band start (95%, computed with z = 1.96).
const std::vector<double> r_value{80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542,
                                  60.67510088, 55.78835987, 50.92752727, 46.06740425, 41.24505636,
                                  36.49322717, 31.83343842, 27.26027992, 22.9719144,  18.76856852,
                                  14.95858336, 11.51684445, 8.618849241, 6.163942934, 6.16210635};
const std::vector<double> r_lower{79.88268548, 79.0898816,  75.17407307, 70.20675732, 65.26548673,
                                  60.41876577, 55.53801579, 50.68279939, 45.82666794, 41.00842831,
                                  36.26223216, 31.60996318, 27.04337271, 22.76653134, 18.57570352,
                                  14.77985004, 11.34831778, 8.451134045, 5.978358351, 5.887683386};
const std::vector<double> r_upper{80.45653078, 79.63503188, 75.70979983, 70.7392414,  65.79270412,
                                  60.931436,   56.03870395, 51.17225516, 46.30814055, 41.48168441,
                                  36.72422219, 32.05691365, 27.47718713, 23.17729746, 18.96143352,
                                  15.13731667, 11.68537112, 8.786564437, 6.349527517, 6.436529314};

LifeExpectancyIntervals one_group(const std::vector<double>& ages, const std::vector<double>& deaths,
                                  const std::vector<double>& pops, const LifeExpectancyOptions& o = {},
                                  const std::vector<double>& ax = {}) {
    const std::vector<std::int64_t> g(ages.size(), 0);
    return life_expectancy(g, ages, deaths, pops, ax, 1, o);
}

template <class F>
std::string message_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("life expectancy: a three-band life table worked by hand") {
    // Bands 0-9, 10-19, 20+ (widths 10, 10, open); ax = 0.1 in the band from age 0, 0.5 otherwise.
    //   deaths 20, 30, 100; population 10000, 6000, 2000; M = 0.002, 0.005, 0.05.
    // q_0 = 10*0.002 / (1 + 10*0.002*0.9) = 0.02 / 1.018 = 10/509;  q_1 = 0.05 / (1 + 0.05*0.5) = 2/41;  q_2 = 1.
    // l_0 = 100000, l_1 = l_0 * 499/509, l_2 = l_1 * 39/41.
    // Open band: L_2 = l_2 / M_2 = 20 l_2, so e_2 = 1/M_2 = 20.
    // L_1 = 10 (l_2 + 0.5 (l_1 - l_2)) = 5 (l_1 + l_2);  e_1 = (L_1 + L_2) / l_1 = 5 + 25 * 39/41 = 1180/41.
    // L_0 = 10 (l_1 + 0.1 (l_0 - l_1)) = l_0 (1 + 9 * 499/509);  e_0 = 1 + 9 p_0 + p_0 e_1 = 793820/20869.
    // Variance (Silcocks): var(e_2) = 1 / (D_2 M_2^2) = 1 / (100 * 0.0025) = 4, se_2 = 2.
    // var(e_1) = (l_2/l_1)^2 var(e_2) + q_1^2 (1 - q_1) / D_1 * ((1 - 0.5) 10 + e_2)^2
    //          = 4 (39/41)^2 + (2/41)^2 (39/41) / 30 * 25^2 = 3.6663...,  se_1 = 1.9147923334812764.
    // var(e_0) = p_0^2 var(e_1) + q_0^2 (1 - q_0) / D_0 * ((1 - 0.1) 10 + e_1)^2 = 3.5508...,
    // se_0 = 1.8843530241102882.
    LifeExpectancyOptions o;
    o.confidence_level = {0.95};
    const auto r = one_group({0, 10, 20}, {20, 30, 100}, {10000, 6000, 2000}, o);
    REQUIRE(r.size() == 3);
    CHECK(r.method == "Chiang, using Silcocks et al for confidence limits");
    const double e[3] = {793820.0 / 20869.0, 1180.0 / 41.0, 20.0};
    const double se[3] = {1.8843530241102882, 1.9147923334812764, 2.0};
    const double z = 1.959963984540054;  // qnorm(0.975)
    for (std::size_t i = 0; i < 3; ++i) {
        INFO("band " << i);
        CHECK(r.group[i] == 0);
        CHECK(r.le_age[i] == (i == 0 ? 0.0 : i == 1 ? 10.0 : 20.0));
        CHECK(r.value[i] == doctest::Approx(e[i]).epsilon(1e-13));
        CHECK(r.standard_error[i] == doctest::Approx(se[i]).epsilon(1e-13));
        CHECK(r.lower[0][i] == doctest::Approx(e[i] - z * se[i]).epsilon(1e-13));
        CHECK(r.upper[0][i] == doctest::Approx(e[i] + z * se[i]).epsilon(1e-13));
        CHECK(r.note[i] == LifeExpectancyNote::none);
    }
    CHECK(r.population_used[0] == 18000);
    CHECK(r.population_used[2] == 2000);
    CHECK(r.deaths_used[1] == 130);

    // ax given explicitly as the defaults gives the same table; another ax changes it.
    const auto same = one_group({0, 10, 20}, {20, 30, 100}, {10000, 6000, 2000}, o, {0.1, 0.5, 0.5});
    CHECK(same.value[0] == r.value[0]);
    const auto other = one_group({0, 10, 20}, {20, 30, 100}, {10000, 6000, 2000}, o, {0.5, 0.5, 0.5});
    CHECK(other.value[0] != doctest::Approx(r.value[0]));
    CHECK(other.value[1] == r.value[1]);
}

TEST_CASE("life expectancy: q is capped at 1 when the band's deaths exceed P / (n a)") {
    // Band 10-19 with 300 deaths in 500 people: 300 * 10 * 0.5 > 500, so q_1 = 1 (the formula would give 1.5),
    // l_2 = 0 and nobody reaches the open band: e_2 = 0 (l_2 = 0) with a NaN standard error (0/0), e_1 = a_1 n_1 = 5
    // with se 0 (q^2 (1 - q) = 0), e_0 = 1 + 9 p_0 + 5 p_0 = 1 + 14 * 499/509 and
    // se_0 = q_0 sqrt((1 - q_0) / D_0) (9 + e_1) = (10/509) sqrt(499/509/20) * 14.
    const auto r = one_group({0, 10, 20}, {20, 300, 100}, {10000, 500, 2000});
    CHECK(r.value[2] == 0.0);
    CHECK(std::isnan(r.standard_error[2]));
    CHECK(std::isnan(r.lower[0][2]));
    CHECK(r.value[1] == doctest::Approx(5.0).epsilon(1e-14));
    CHECK(r.standard_error[1] == 0.0);
    CHECK(r.value[0] == doctest::Approx(1.0 + 14.0 * 499.0 / 509.0).epsilon(1e-14));
    CHECK(r.standard_error[0] == doctest::Approx(10.0 / 509.0 * std::sqrt(499.0 / 509.0 / 20.0) * 14.0).epsilon(1e-13));
}

TEST_CASE("life expectancy: the R package's expected values for its 20-band example") {
    // Values to 1e-8 (the oracle's own digits); the oracle's limits use z = 1.96, so its standard error is
    // (upper - lower) / 3.92, matched to 1e-8; our limits use qnorm(0.975) and agree to 4 decimals (the R tests'
    // tolerance: |difference| <= 1.96e-5 here).
    LifeExpectancyOptions o;
    const auto r = one_group(ages20, deaths20, pops20, o);
    REQUIRE(r.size() == 20);
    for (std::size_t i = 0; i < 20; ++i) {
        INFO("age " << ages20[i]);
        CHECK(r.le_age[i] == ages20[i]);
        CHECK(std::abs(r.value[i] - r_value[i]) < 1e-8);
        CHECK(std::abs(r.standard_error[i] - (r_upper[i] - r_lower[i]) / 3.92) < 1e-8);
        CHECK(std::abs(r.lower[0][i] - r_lower[i]) < 2e-5);
        CHECK(std::abs(r.upper[0][i] - r_upper[i]) < 2e-5);
    }
    // le_age = 5, 25 (the R test's type = "full" case): those rows, in the order asked for.
    o.le_age = {25, 5};
    const auto two = one_group(ages20, deaths20, pops20, o);
    REQUIRE(two.size() == 2);
    CHECK(two.le_age[0] == 25);
    CHECK(two.value[0] == r.value[6]);
    CHECK(two.value[1] == r.value[2]);
    // pops_used / dths_used of the R package's full output: sums from the starting age up.
    CHECK(two.population_used[1] == 787954 - 7060 - 35059);
    CHECK(two.deaths_used[1] == 9357 - 17 - 9);
}

TEST_CASE("life expectancy: 95 and 99.8 percent together, any level") {
    LifeExpectancyOptions o;
    o.confidence_level = {0.95, 0.998, 0.5};
    const auto r = one_group(ages20, deaths20, pops20, o);
    REQUIRE(r.lower.size() == 3);
    const double z998 = 3.090232306167813, z50 = 0.6744897501960817;  // qnorm(0.999), qnorm(0.75)
    for (std::size_t i = 0; i < 20; ++i) {
        CHECK(r.lower[1][i] == doctest::Approx(r.value[i] - z998 * r.standard_error[i]).epsilon(1e-12));
        CHECK(r.upper[2][i] == doctest::Approx(r.value[i] + z50 * r.standard_error[i]).epsilon(1e-12));
    }
}

TEST_CASE("life expectancy: any final open band and several groups in one call") {
    // Group 1 is the R example with 85-89 and 90+ merged into 85+; group 0 is the example itself; group 2 stops
    // at 80+. Each group's rows must equal a call on that group alone; the open band's e is 1/M exactly.
    std::vector<double> ages85(ages20.begin(), ages20.end() - 1), pops85(pops20.begin(), pops20.end() - 1),
        deaths85(deaths20.begin(), deaths20.end() - 1);
    pops85.back() += pops20.back();
    deaths85.back() += deaths20.back();
    std::vector<double> ages80(ages20.begin(), ages20.end() - 2), pops80(pops20.begin(), pops20.end() - 2),
        deaths80(deaths20.begin(), deaths20.end() - 2);
    pops80.back() += pops20[18] + pops20[19];
    deaths80.back() += deaths20[18] + deaths20[19];
    std::vector<std::int64_t> g;
    std::vector<double> a, d, p;
    auto add = [&](std::int64_t id, const std::vector<double>& x, const std::vector<double>& dd,
                   const std::vector<double>& pp) {
        for (std::size_t i = 0; i < x.size(); ++i) {
            g.push_back(id);
            a.push_back(x[i]);
            d.push_back(dd[i]);
            p.push_back(pp[i]);
        }
    };
    add(1, ages85, deaths85, pops85);  // groups in any order, rows of each contiguous
    add(0, ages20, deaths20, pops20);
    add(2, ages80, deaths80, pops80);
    LifeExpectancyOptions o;
    o.confidence_level = {0.95, 0.998};
    const auto all = life_expectancy(g, a, d, p, {}, 3, o);
    REQUIRE(all.size() == 20 + 19 + 18);
    const auto g0 = one_group(ages20, deaths20, pops20, o), g1 = one_group(ages85, deaths85, pops85, o),
               g2 = one_group(ages80, deaths80, pops80, o);
    for (std::size_t i = 0; i < 20; ++i) CHECK(all.value[i] == g0.value[i]);
    for (std::size_t i = 0; i < 19; ++i) {
        CHECK(all.group[20 + i] == 1);
        CHECK(all.value[20 + i] == g1.value[i]);
        CHECK(all.upper[1][20 + i] == g1.upper[1][i]);
    }
    CHECK(all.group[56] == 2);
    CHECK(all.value[56] == g2.value[17]);
    CHECK(g1.value[18] == doctest::Approx(pops85.back() / deaths85.back()).epsilon(1e-14));
    CHECK(g1.standard_error[18] == doctest::Approx(std::sqrt(1.0 / (deaths85.back() * std::pow(deaths85.back() /
                                                                                        pops85.back(), 2))))
                                       .epsilon(1e-13));
    // The 85+ table changes only what depends on the old bands 85-89 and 90+: e_0 moves a little.
    CHECK(std::abs(g1.value[0] - g0.value[0]) < 0.1);
    CHECK(g1.value[0] != g0.value[0]);
    // le_age across groups: every group gets the rows asked for.
    o.le_age = {0, 65};
    const auto sel = life_expectancy(g, a, d, p, {}, 3, o);
    REQUIRE(sel.size() == 6);
    CHECK(sel.group[0] == 0);
    CHECK(sel.le_age[1] == 65);
    CHECK(sel.value[1] == g0.value[14]);
    CHECK(sel.value[2] == g1.value[0]);
}

TEST_CASE("life expectancy: what the R package suppresses to NA is NaN here, with a note") {
    auto with = [](std::size_t band, double deaths, double pop) {
        auto d = deaths20, p = pops20;
        d[band] = deaths;
        p[band] = pop;
        return one_group(ages20, d, p);
    };
    const auto zero_pop = with(5, 0, 0);
    const auto more_deaths = with(18, 1936, 119);  // testLifeExpectancy.R df_deaths_greater_pops
    // total population 5000: the R package drops <= 5000
    const auto low = one_group(ages20, std::vector<double>(20, 1.0), std::vector<double>(20, 250.0));
    const auto none_open = with(19, 0, 11936);
    for (const auto* r : {&zero_pop, &more_deaths, &low, &none_open}) {
        REQUIRE(r->size() == 20);
        for (std::size_t i = 0; i < 20; ++i) {
            CHECK(std::isnan(r->value[i]));
            CHECK(std::isnan(r->lower[0][i]));
            CHECK(std::isnan(r->upper[0][i]));
        }
    }
    CHECK(zero_pop.note[0] == LifeExpectancyNote::zero_population);
    CHECK(more_deaths.note[3] == LifeExpectancyNote::deaths_above_population);
    CHECK(low.note[19] == LifeExpectancyNote::small_population);
    CHECK(none_open.note[0] == LifeExpectancyNote::no_deaths_in_open_band);
    CHECK(std::string(life_expectancy_note(LifeExpectancyNote::small_population)).find("minimum") != std::string::npos);
    // 5001 people is enough by default; the threshold is an option.
    auto pops = std::vector<double>(20, 250.0);
    pops[0] = 251;
    std::vector<double> few(20, 2.0);  // two deaths a band, 100 in the open band: se(e_0) = 4.04 years
    few[19] = 100;
    CHECK(!std::isnan(one_group(ages20, few, pops).value[0]));
    CHECK(one_group(ages20, few, std::vector<double>(20, 250.0)).note[0] == LifeExpectancyNote::small_population);
    LifeExpectancyOptions any_size;
    any_size.min_population = 0;
    CHECK(!std::isnan(one_group(ages20, few, std::vector<double>(20, 250.0), any_size).value[0]));
    // Zero deaths below the open band are fine.
    const auto zero_deaths = with(2, 0, 46974);
    CHECK(!std::isnan(zero_deaths.value[0]));
    CHECK(zero_deaths.value[0] > one_group(ages20, deaths20, pops20).value[0]);

    // A 95% interval wider than 20 years: value NaN, limits kept (6000 people, deaths only at 85+).
    std::vector<double> d(20, 0.0);
    d[18] = d[19] = 1;
    const auto wide = one_group(ages20, d, std::vector<double>(20, 300.0));
    CHECK(std::isnan(wide.value[0]));
    CHECK(wide.note[0] == LifeExpectancyNote::wide_interval);
    CHECK(std::isfinite(wide.lower[0][0]));
    CHECK(wide.upper[0][0] - wide.lower[0][0] > 20);
}

TEST_CASE("life expectancy: bad input is an error naming the row, group and band") {
    std::vector<std::int64_t> g(20, 0);
    auto call = [&](std::vector<double> a, std::vector<double> d, std::vector<double> p, std::vector<double> ax = {},
                    LifeExpectancyOptions o = {}) { return message_of([&] { life_expectancy(g, a, d, p, ax, 1, o); }); };
    auto d = deaths20, p = pops20, a = ages20;
    d[3] = -5;  // testLifeExpectancy.R df_neg_deaths: the R package returns NA; an error here
    CHECK(call(a, d, p) == "life_expectancy: row 3 (group 0, band starting at age 10): deaths must be a finite count "
                           ">= 0, got -5");
    d = deaths20;
    d[4] = std::nan("");
    CHECK(call(a, d, p).find("row 4 (group 0, band starting at age 15): deaths must be a finite count >= 0, got nan") !=
          std::string::npos);
    p[3] = -10;
    CHECK(call(a, deaths20, p).find("population must be finite and >= 0, got -10") != std::string::npos);
    a[5] = 10;
    CHECK(call(a, deaths20, pops20) ==
          "life_expectancy: row 5 (group 0, band starting at age 10): age bands must start at strictly increasing ages "
          "within a group; the previous band starts at 15");
    a = ages20;
    std::vector<double> ax(20, 0.5);
    ax[7] = 1.5;
    CHECK(call(a, deaths20, pops20, ax).find("row 7 (group 0, band starting at age 30): ax (the fraction of the band "
                                             "lived by those who die in it) must be between 0 and 1, got 1.5") !=
          std::string::npos);
    CHECK(call(a, deaths20, std::vector<double>(19, 1.0)) ==
          "life_expectancy: population has 19 rows, group has 20");
    LifeExpectancyOptions o;
    o.confidence_level = {1.0};
    CHECK_THROWS_AS(life_expectancy(g, ages20, deaths20, pops20, {}, 1, o), DomainError);
    o.confidence_level = {0.95};
    o.le_age = {4};
    CHECK(call(a, deaths20, pops20, {}, o) == "life_expectancy: le_age 4 is not the start of an age band of group 0 "
                                              "(its bands start at 0, ..., 90)");
    o.le_age = {5, 5};
    CHECK_THROWS_AS(life_expectancy(g, ages20, deaths20, pops20, {}, 1, o), DomainError);
    // Groups: out of range, not contiguous, empty.
    g[19] = 3;
    CHECK(call(a, deaths20, pops20).find("row 19: group index 3 is outside 0..0") != std::string::npos);
    g.assign(20, 0);
    g[10] = 1;
    CHECK(message_of([&] { life_expectancy(g, ages20, deaths20, pops20, {}, 2, {}); })
              .find("row 11: the rows of group 0 are not contiguous") != std::string::npos);
    g.assign(20, 0);
    CHECK(message_of([&] { life_expectancy(g, ages20, deaths20, pops20, {}, 2, {}); }) ==
          "life_expectancy: group 1 has no rows (no age bands)");
    CHECK_THROWS_AS(life_expectancy(g, ages20, deaths20, pops20, {}, 2, {}), DataError);
}

TEST_CASE("life expectancy: 7000 areas x 20 bands in well under 50 ms") {
    const std::size_t areas = 7000;
    std::vector<std::int64_t> g;
    std::vector<double> a, d, p;
    for (std::size_t k = 0; k < areas; ++k)
        for (std::size_t i = 0; i < 20; ++i) {
            g.push_back(static_cast<std::int64_t>(k));
            a.push_back(ages20[i]);
            d.push_back(deaths20[i] / 50.0 + static_cast<double>(k % 7));
            p.push_back(pops20[i] / 50.0 + 100.0);
        }
    LifeExpectancyOptions o;
    o.confidence_level = {0.95, 0.998};
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = life_expectancy(g, a, d, p, {}, areas, o);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("life_expectancy 7000 x 20 bands: " << ms << " ms");
    CHECK(r.size() == areas * 20);
    CHECK(!std::isnan(r.value[0]));
    // its speed is a benchmark's to judge, not a timed assertion's
}

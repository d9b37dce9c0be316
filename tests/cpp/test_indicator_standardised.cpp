// Directly and indirectly standardised rates (PHEindicatormethods' calculate_dsr, calculate_ISRatio,
// calculate_ISRate). The R package's own expected values live in .xlsx sheets that are not reproduced here, so
// every expected number below was computed independently with numpy/scipy 1.17.1 (scipy.stats.norm.ppf for z,
// scipy.stats.chi2.ppf for the exact limits) from the formulas in the R sources, written out in the comments;
// the exact ISR limits are also checked against the textbook Poisson limits for 4 events (1.0899, 10.2416).
#include <doctest/doctest.h>

#include "checks.hpp"

#include <cmath>
#include <cstdint>
#include <vector>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/indicators/standardised.hpp"

using namespace hp;
using namespace hp::indicators;

namespace {

using hp::testing::check_rel;

// Three groups over five bands with the standard 20000, 25000, 25000, 20000, 10000 (total 100,000).
const std::vector<double> standard5{20000, 25000, 25000, 20000, 10000};
const std::vector<double> pop5{12000, 11000, 9000, 7000, 3000};

}  // namespace

TEST_CASE("standardised dsr matches the Dobson formulas for several groups and two levels") {
    // group 0: events 3, 8, 15, 22, 40 (113 >= 10); group 1: 1, 2, 1, 3, 2 (total 9 < 10: suppressed);
    // group 2: events 10..50 on populations 50000..10000. Rows deliberately interleaved by group.
    std::vector<std::int64_t> group;
    std::vector<double> x, n, s;
    const std::vector<std::vector<double>> ev{{3, 8, 15, 22, 40}, {1, 2, 1, 3, 2}, {10, 20, 30, 40, 50}};
    const std::vector<double> pop2{50000, 40000, 30000, 20000, 10000};
    for (std::size_t b = 0; b < 5; ++b)
        for (std::int64_t g = 0; g < 3; ++g) {
            group.push_back(g);
            x.push_back(ev[static_cast<std::size_t>(g)][b]);
            n.push_back(g == 2 ? pop2[b] : pop5[b]);
            s.push_back(standard5[b]);
        }
    DsrOptions o;
    o.confidence_level = {0.95, 0.998};
    const auto r = dsr(group, x, n, s, 3, o);
    REQUIRE(r.size() == 3);
    CHECK(r.method == "Dobson");
    // value = sum(x s / n) / sum(s) * 1e5; var = sum(x (s/n)^2) / sum(s)^2; O = 88;
    // limits = value + sqrt(var / O) * (byars(O) - O) * 1e5, byars_lower = O (1 - 1/(9 O) - z / (3 sqrt O))^3,
    // byars_upper = (O+1) (1 - 1/(9 (O+1)) + z / (3 sqrt(O+1)))^3, z = norm.ppf(c + (1 - c) / 2). (numpy/scipy)
    check_rel(r.value[0], 261.038961038961);
    check_rel(r.lower[0][0], 208.85336600318146);
    check_rel(r.upper[0][0], 322.1985519717347);
    check_rel(r.lower[1][0], 182.60822560226728);
    check_rel(r.upper[1][0], 360.0059319969534);
    CHECK(r.total_count[0] == 88);
    CHECK(r.total_population[0] == 42000);
    // total count 9 < 10: "dsr NA for total count < 10", the totals still reported
    CHECK(std::isnan(r.value[1]));
    CHECK(std::isnan(r.lower[0][1]));
    CHECK(std::isnan(r.upper[1][1]));
    CHECK(r.total_count[1] == 9);
    CHECK(r.total_population[1] == 42000);
    CHECK(r.total_count[2] == 150);
}

TEST_CASE("standardised dsr with another multiplier") {
    std::vector<std::int64_t> group(5, 0);
    const std::vector<double> x{10, 20, 30, 40, 50}, n{50000, 40000, 30000, 20000, 10000};
    DsrOptions o;
    o.confidence_level = {0.95, 0.998};
    o.multiplier = 1000;
    const auto r = dsr(group, x, n, standard5, 1, o);
    // numpy/scipy, same formulas with multiplier 1000
    check_rel(r.value[0], 1.315);
    check_rel(r.lower[0][0], 1.108665308079009);
    check_rel(r.upper[0][0], 1.5479517300266292);
    check_rel(r.lower[1][0], 1.0013352520922039);
    check_rel(r.upper[1][0], 1.6897389581956375);
}

TEST_CASE("standardised dsr for non-independent events widens the limits, same value") {
    // People by event frequency in five bands: f=1: 5, 9, 12, 14, 20; f=2: 1, 2, 3, 4, 6; f=3: 0, 1, 1, 2, 3.
    // Events per band = sum f * people = 7, 16, 21, 28, 41 (113). Variance = sum_f f^2 * sum(people_f (s/n)^2) /
    // sum(s)^2 (calculate_dsr, independent_events = FALSE). Expected values from numpy/scipy.
    const std::vector<std::vector<double>> people{{5, 9, 12, 14, 20}, {1, 2, 3, 4, 6}, {0, 1, 1, 2, 3}};
    std::vector<std::int64_t> group, band;
    std::vector<double> f, x, n, s;
    for (std::int64_t b = 0; b < 5; ++b)
        for (int fr = 1; fr <= 3; ++fr) {
            group.push_back(0);
            band.push_back(b);
            f.push_back(fr);
            x.push_back(people[static_cast<std::size_t>(fr - 1)][static_cast<std::size_t>(b)]);
            n.push_back(pop5[static_cast<std::size_t>(b)]);
            s.push_back(standard5[static_cast<std::size_t>(b)]);
        }
    DsrOptions o;
    o.confidence_level = {0.95, 0.998};
    const auto r = dsr_nonindependent(group, band, f, x, n, s, 1, o);
    CHECK(r.method == "Dobson, with confidence adjusted for non-independent events");
    CHECK(r.total_count[0] == 113);
    CHECK(r.total_population[0] == 42000);
    check_rel(r.value[0], 323.030303030303);
    check_rel(r.lower[0][0], 248.3727220559575);
    check_rel(r.upper[0][0], 408.89943412682726);
    check_rel(r.lower[1][0], 210.1792239416743);
    check_rel(r.upper[1][0], 461.57260679985416);

    // The same 113 events treated as independent: same value, narrower limits (numpy/scipy).
    std::vector<std::int64_t> g5(5, 0);
    const auto ind = dsr(g5, std::vector<double>{7, 16, 21, 28, 41}, pop5, standard5, 1, o);
    check_rel(ind.value[0], 323.030303030303);
    check_rel(ind.lower[0][0], 265.4594079350255);
    check_rel(ind.upper[0][0], 389.24679000674786);
    CHECK(ind.lower[0][0] > r.lower[0][0]);
    CHECK(ind.upper[0][0] < r.upper[0][0]);

    // A single frequency of 1 is the independent case exactly.
    std::vector<double> ones(5, 1.0);
    std::vector<std::int64_t> bands{0, 1, 2, 3, 4};
    const auto same = dsr_nonindependent(g5, bands, ones, std::vector<double>{7, 16, 21, 28, 41}, pop5, standard5, 1, o);
    check_rel(same.lower[1][0], ind.lower[1][0]);
    check_rel(same.upper[1][0], ind.upper[1][0]);
}

TEST_CASE("standardised dsr bad input names the row and value") {
    std::vector<std::int64_t> g{0, 0, 1};
    const std::vector<double> s{1, 2, 3};
    CHECK_THROWS_WITH_AS(dsr(g, std::vector<double>{1, -2, 3}, std::vector<double>{10, 10, 10}, s, 2),
                         doctest::Contains("events must be a finite count >= 0; row 1 (group 0) has -2"), DataError);
    CHECK_THROWS_WITH_AS(dsr(g, std::vector<double>{1, 2, 3}, std::vector<double>{10, 0, 10}, s, 2),
                         doctest::Contains("population must be finite and > 0; row 1 (group 0) has 0"), DataError);
    CHECK_THROWS_WITH_AS(dsr(g, std::vector<double>{1, 2, NAN}, std::vector<double>{10, 1, 10}, s, 2),
                         doctest::Contains("row 2 (group 1) has nan"), DataError);
    CHECK_THROWS_WITH_AS(dsr(g, std::vector<double>{1, 2, 3}, std::vector<double>{10, 1, 10}, s, 1),
                         doctest::Contains("row 2: group index 1 is outside 0..0"), DataError);
    CHECK_THROWS_AS(dsr(g, std::vector<double>{1, 2}, std::vector<double>{10, 1, 10}, s, 2), DomainError);
    DsrOptions bad;
    bad.confidence_level = {1.5};
    CHECK_THROWS_AS(dsr(g, std::vector<double>{1, 2, 3}, std::vector<double>{10, 1, 10}, s, 2, bad), DomainError);
    // non-independent: rows of a group split, and a band whose population differs between frequency rows
    std::vector<std::int64_t> split{0, 1, 0}, band{0, 0, 1};
    const std::vector<double> one{1, 1, 1}, x{1, 1, 1}, n{10, 10, 10};
    CHECK_THROWS_WITH_AS(dsr_nonindependent(split, band, one, x, n, s, 2),
                         doctest::Contains("the rows of group 0 are not contiguous"), DataError);
    std::vector<std::int64_t> g0{0, 0, 0}, same_band{0, 0, 1};
    CHECK_THROWS_WITH_AS(dsr_nonindependent(g0, same_band, std::vector<double>{1, 2, 1}, x, std::vector<double>{10, 11, 10},
                                            std::vector<double>{1, 1, 1}, 1),
                         doctest::Contains("row 1 (group 0, band 0): population 11"), DataError);
}

TEST_CASE("standardised isr ratio exact below 10, Byar's at 10 or more") {
    // Reference events 10, 30, 60, 120, 200 over populations 100000, 90000, 80000, 60000, 30000; the local
    // populations pop5 give E = sum(x_ref / n_ref * n) = 45.61666...
    const std::vector<double> xr{10, 30, 60, 120, 200}, nr{100000, 90000, 80000, 60000, 30000};
    std::vector<std::int64_t> group;
    std::vector<double> o, n, rx, rn;
    const std::vector<std::vector<double>> obs{{0, 1, 0, 2, 1}, {3, 8, 15, 22, 9}, {0, 0, 0, 0, 0}};
    for (std::int64_t g = 0; g < 3; ++g)
        for (std::size_t b = 0; b < 5; ++b) {
            group.push_back(g);
            o.push_back(obs[static_cast<std::size_t>(g)][b]);
            n.push_back(pop5[b]);
            rx.push_back(xr[b]);
            rn.push_back(nr[b]);
        }
    IsrOptions opt;
    opt.confidence_level = {0.95, 0.998};
    const auto r = isr(group, o, n, rx, rn, 3, opt);
    check_rel(r.expected[0], 45.61666666666667);
    CHECK(r.observed[0] == 4);
    CHECK(r.observed[1] == 57);
    // O = 4 (exact): chi2.ppf(0.025, 8)/2 / E, chi2.ppf(0.975, 10)/2 / E; textbook limits 1.0899, 10.2416.
    check_rel(r.value[0], 0.08768724881256851);
    check_rel(r.lower[0][0], 0.023891824047343625);
    check_rel(r.upper[0][0], 0.2245141836040269);
    CHECK(r.lower[0][0] * r.expected[0] == doctest::Approx(1.0899).epsilon(1e-4));
    CHECK(r.upper[0][0] * r.expected[0] == doctest::Approx(10.2416).epsilon(1e-4));
    check_rel(r.lower[1][0], 0.009394645530765574);
    check_rel(r.upper[1][0], 0.32431456096172184);
    // O = 57 (Byar's), refvalue 1: byars_lower(57) / E, byars_upper(57) / E (numpy/scipy; below x 100)
    check_rel(r.value[1], 1.2495432955791013);
    check_rel(r.lower[0][1], 0.9463339568530498);
    check_rel(r.upper[0][1], 1.6189578212580494);
    // O = 0: lower 0 (qchisq(p, 0) = 0), upper chi2.ppf(0.975, 2)/2 / E
    CHECK(r.value[2] == 0.0);
    CHECK(r.lower[0][2] == 0.0);
    check_rel(r.upper[0][2], 0.08086692263311514);
    check_rel(r.upper[1][2], 0.15143051397111004);

    // refvalue 100 (an SMR x 100), 99.8% (numpy/scipy)
    opt.reference_value = 100;
    const auto r100 = isr(group, o, n, rx, rn, 3, opt);
    check_rel(r100.value[1], 124.95432955791013);
    check_rel(r100.lower[1][1], 79.92615743095128);
    check_rel(r100.upper[1][1], 185.0909544709083);

    // from expected counts: the same ratio
    std::vector<double> e(o.size());
    for (std::size_t i = 0; i < e.size(); ++i) e[i] = rx[i] / rn[i] * n[i];
    const auto re = isr_expected(group, o, e, 3, opt);
    check_rel(re.upper[0][1], 161.89578212580494);
}

TEST_CASE("standardised isr rate uses the reference rate") {
    const std::vector<double> xr{10, 30, 60, 120, 200}, nr{100000, 90000, 80000, 60000, 30000};
    std::vector<std::int64_t> group(5, 0);
    IsrOptions opt;
    opt.kind = IsrKind::rate;
    opt.confidence_level = {0.95, 0.998};
    const auto r = isr(group, std::vector<double>{3, 8, 15, 22, 9}, pop5, xr, nr, 1, opt);
    // reference rate = 420 / 360000 * 1e5 = 116.666...; value = 57 / E * reference rate (numpy/scipy)
    check_rel(r.reference_rate[0], 116.66666666666667);
    check_rel(r.value[0], 145.78005115089516);
    check_rel(r.lower[0][0], 110.40562829952248);
    check_rel(r.upper[0][0], 188.87841248010577);
    check_rel(r.lower[1][0], 93.24718366944316);
    check_rel(r.upper[1][0], 215.93944688272634);
    CHECK_THROWS_AS(isr_expected(group, std::vector<double>(5, 1.0), std::vector<double>(5, 1.0), 1, opt), DomainError);
}

TEST_CASE("standardised isr bad input") {
    std::vector<std::int64_t> g{0, 1};
    CHECK_THROWS_WITH_AS(isr_expected(g, std::vector<double>{1, 2}, std::vector<double>{1, 0}, 2),
                         doctest::Contains("group 1: the expected count is 0"), DataError);
    CHECK_THROWS_WITH_AS(isr(g, std::vector<double>{-1, 2}, std::vector<double>{1, 1}, std::vector<double>{1, 1},
                             std::vector<double>{1, 1}, 2),
                         doctest::Contains("observed must be a finite count >= 0; row 0 (group 0) has -1"), DataError);
    CHECK_THROWS_WITH_AS(isr(g, std::vector<double>{1, 2}, std::vector<double>{1, 1}, std::vector<double>{1, 1},
                             std::vector<double>{1, 0}, 2),
                         doctest::Contains("reference population must be finite and > 0; row 1 (group 1) has 0"),
                         DataError);
}

TEST_CASE("standardised standard populations are built in") {
    const auto esp2013 = standard_population("ESP2013");
    REQUIRE(esp2013.bands.size() == 21);
    CHECK(esp2013.bands.front() == "0");
    CHECK(esp2013.bands[1] == "1-4");
    CHECK(esp2013.bands.back() == "95+");
    double total = 0;
    for (double p : esp2013.population) total += p;
    CHECK(total == 100000);
    const auto esp1976 = standard_population("ESP1976");
    REQUIRE(esp1976.bands.size() == 18);
    CHECK(esp1976.bands.back() == "85+");
    CHECK(esp1976.population.front() == 8000);
    CHECK_THROWS_WITH_AS(standard_population("WHO2000"), doctest::Contains("not built in"), DomainError);
}

TEST_CASE("isr: the kind's name parses in one place") {
    CHECK(parse_isr_kind("ratio") == IsrKind::ratio);
    CHECK(parse_isr_kind(to_string(IsrKind::rate)) == IsrKind::rate);
    CHECK_THROWS_WITH_AS(parse_isr_kind("smr"), "isr: kind must be 'ratio' or 'rate', got 'smr'", DomainError);
}

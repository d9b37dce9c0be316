// Populations by age band: labels, validation, regrouping, shares and dependency ratios, each checked
// against a count written out by hand below.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "error_of.hpp"
#include "healthyplaces/demography/population.hpp"

namespace hd = hp::demography;
using hp::testing::error_of;

namespace {
using S = std::vector<std::string>;

hd::Population pop(S labels, std::vector<double> counts) {
    return hd::make_population(hd::parse_bands(labels), std::move(counts));
}
}  // namespace

TEST_CASE("demography population: labels parse to contiguous bands, the last open") {
    const auto b = hd::parse_bands(S{"0-4", "5-14", "15", "16-64", "65+"});
    REQUIRE(b.size() == 5);
    CHECK(b[0].start == 0);
    CHECK(b[0].end == 5);
    CHECK(b[1].width() == 10);
    CHECK(b[2].start == 15);
    CHECK(b[2].end == 16);
    CHECK(b[4].open());
    CHECK(b[4].start == 65);
    const auto f = hd::five_year_bands();
    REQUIRE(f.size() == 19);
    CHECK(f[0].label == "0-4");
    CHECK(f[17].label == "85-89");
    CHECK(f[18].label == "90+");
    const auto s = hd::single_year_bands(90);
    REQUIRE(s.size() == 91);
    CHECK(s[7].label == "7");
    CHECK(s[90].label == "90+");
    const auto st = hd::bands_from_starts(std::vector<double>{0, 1, 5, 65});
    CHECK(st[0].label == "0");
    CHECK(st[1].label == "1-4");
    CHECK(st[3].label == "65+");
}

TEST_CASE("demography population: bad bands and counts name the band") {
    CHECK(error_of([] { hd::parse_bands(S{"0-4", "3-9", "10+"}); }) ==
          "DataError: Population: band \"3-9\" starts at age 3 but the band before it, \"0-4\", ends at age 4 "
          "(overlapping or unsorted); bands must be sorted and contiguous");
    CHECK(error_of([] { hd::parse_bands(S{"0-4", "10+"}); }) ==
          "DataError: Population: band \"10+\" starts at age 10 but the band before it, \"0-4\", ends at age 4 "
          "(a gap); bands must be sorted and contiguous");
    CHECK(error_of([] { hd::parse_bands(S{"0-4", "5-9"}); }) ==
          "DataError: Population: the last band \"5-9\" must be open (e.g. \"5+\"), so that everyone has a band");
    CHECK(error_of([] { hd::parse_bands(S{"0-4", "5+", "10+"}); }).find("band \"5+\" is open (no upper age) but band "
                                                                      "\"10+\" follows it") != std::string::npos);
    CHECK(error_of([] { hd::parse_bands(S{"0-4", "five+"}); }) ==
          "DataError: Population: band 1 \"five+\" is not an age band; labels look like \"0-4\" (ages 0 to 4), "
          "\"85+\" (85 and over) or \"7\" (one year)");
    CHECK(error_of([] { pop({"0-4", "5+"}, {3, -1}); }) ==
          "DataError: Population: band \"5+\" has count -1; counts must be finite and >= 0");
    CHECK(error_of([] { pop({"0-4", "5+"}, {NAN, 1}); }).find("band \"0-4\" has count nan") != std::string::npos);
    CHECK(error_of([] { pop({"0-4", "5+"}, {1}); }) ==
          "DataError: Population: 1 counts for 2 age bands; give one count per band");
    CHECK(error_of([] { hd::bands_from_starts(std::vector<double>{0, 5, 5}); }).find("not after the one before it") !=
          std::string::npos);
}

TEST_CASE("demography population: regroup merges bands and refuses to split one") {
    // Single years 0..9, 10+ with counts 1..11: 0-4 holds 1+2+3+4+5 = 15, 5-9 holds 6+...+10 = 40, 10+ 11.
    std::vector<double> c;
    for (int i = 1; i <= 11; ++i) c.push_back(i);
    const auto p = hd::make_population(hd::single_year_bands(10), c);
    const auto r = hd::regroup(p, hd::parse_bands(S{"0-4", "5-9", "10+"}));
    CHECK(r.counts == std::vector<double>{15, 40, 11});
    CHECK(r.labels() == S{"0-4", "5-9", "10+"});
    const auto r2 = hd::regroup(r, hd::parse_bands(S{"0-9", "10+"}));
    CHECK(r2.counts == std::vector<double>{55, 11});
    CHECK(error_of([&] { hd::regroup(r, hd::parse_bands(S{"0-6", "7+"})); }) ==
          "DataError: regroup: the new band \"7+\" starts at age 7, inside the population's band \"5-9\"; regroup only "
          "merges bands into coarser ones");
    CHECK(error_of([&] { hd::regroup(r, hd::parse_bands(S{"0-9", "10-11", "12+"})); }).find("inside the population's "
                                                                                          "band \"10+\"") != std::string::npos);
}

TEST_CASE("demography population: shares over an age and dependency ratios by hand") {
    // 0-15: 300, 16-64: 1000, 65-79: 150, 80-84: 30, 85+: 20; total 1500.
    const auto p = pop({"0-15", "16-64", "65-79", "80-84", "85+"}, {300, 1000, 150, 30, 20});
    CHECK(hd::share_over(p, 65) == doctest::Approx(200.0 / 1500).epsilon(1e-15));
    CHECK(hd::share_over(p, 80) == doctest::Approx(50.0 / 1500).epsilon(1e-15));
    CHECK(hd::share_over(p, 85) == doctest::Approx(20.0 / 1500).epsilon(1e-15));
    const auto d = hd::dependency_ratios(p);
    CHECK(d.young == doctest::Approx(0.3).epsilon(1e-15));
    CHECK(d.old == doctest::Approx(0.2).epsilon(1e-15));
    CHECK(d.total == doctest::Approx(0.5).epsilon(1e-15));
    // A cut inside a closed band takes it in proportion to the years: over-70 is 150·10/15 + 30 + 20 = 150.
    CHECK(hd::share_over(p, 70) == doctest::Approx(150.0 / 1500).epsilon(1e-15));
    // Working age 20-64: young are 300 + 1000·4/49, working 1000·45/49, old 200.
    hd::DependencyOptions o;
    o.working_from = 20;
    const auto d2 = hd::dependency_ratios(p, o);
    CHECK(d2.young == doctest::Approx((300 + 1000.0 * 4 / 49) / (1000.0 * 45 / 49)).epsilon(1e-14));
    CHECK(d2.old == doctest::Approx(200 / (1000.0 * 45 / 49)).epsilon(1e-14));
    CHECK(error_of([&] { hd::share_over(p, 90); }) ==
          "DomainError: count_between: age 90 falls inside the open band \"85+\", which cannot be split; cut at or "
          "below age 85");
    hd::DependencyOptions bad;
    bad.old_from = 10;
    CHECK(error_of([&] { hd::dependency_ratios(p, bad); }).find("need 0 <= working_from < old_from") != std::string::npos);
}

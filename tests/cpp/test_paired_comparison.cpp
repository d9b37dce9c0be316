// The paired test of councils against their NHS bodies, on the green paper's nine areas, worked by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "healthyplaces/analysis/paired_comparison.hpp"
#include "healthyplaces/datasets/datasets.hpp"
#include "healthyplaces/base/error.hpp"

using namespace hp;
using namespace hp::core;
using namespace hp::integration;
using namespace hp::analysis;

TEST_CASE("paired Wilcoxon per category on the nine areas: exact p-values and Holm, by hand") {
    const auto tests = paired_sector_tests(datasets::nlgn2008());
    REQUIRE(tests.size() == 5);
    // Financial reporting, council − PCT by area (Bexley, Darlington, East Riding, Leicestershire,
    // Northumberland, North Lincolnshire, North Yorkshire, Suffolk, West Sussex): 2 0 1 0 1 0 0 0 0.
    // Zeros dropped (Wilcox): |d| = 2 1 1, ranks 3 1.5 1.5, all positive: T+ = 6, the largest of the 2^3
    // equally likely sign patterns, reached only by all-plus -> one-sided 1/8, two-sided 2/8 = 0.25.
    const auto& fr = tests[0];
    CHECK(fr.category.key == "financial_reporting");
    CHECK(fr.n_pairs == 9);
    CHECK(fr.council_higher == 3);
    CHECK(fr.tied == 6);
    CHECK(fr.nhs_higher == 0);
    CHECK(fr.wilcoxon.pvalue == doctest::Approx(0.25).epsilon(1e-12));
    CHECK(fr.rank_biserial == doctest::Approx(1.0));
    // The other four: eight positive differences and one zero each. Only the all-plus pattern of 2^8 gives
    // T+ its maximum whatever the ties, so the two-sided exact p = 2/256 = 0.0078125.
    for (std::size_t j = 1; j < 5; ++j) {
        CHECK(tests[j].council_higher == 8);
        CHECK(tests[j].nhs_higher == 0);
        CHECK(tests[j].wilcoxon.pvalue == doctest::Approx(2.0 / 256).epsilon(1e-12));
    }
    // Holm over five p-values sorted 2/256 ×4, 0.25: multipliers 5,4,3,2,1 -> 10/256, 8/256, 6/256, 4/256,
    // 0.25, made non-decreasing: 10/256 = 0.0390625 for the four, 0.25 for financial reporting.
    CHECK(fr.pvalue_adjusted == doctest::Approx(0.25).epsilon(1e-12));
    for (std::size_t j = 1; j < 5; ++j) CHECK(tests[j].pvalue_adjusted == doctest::Approx(10.0 / 256).epsilon(1e-12));
    // Financial standing differences 3 1 3 3 2 2 0 2 2: mean 18/9 = 2; the pseudo-median of the Walsh averages
    // of the nine differences is 2 (the middle of 45 averages).
    CHECK(tests[2].mean_difference == doctest::Approx(2.0));
    CHECK(tests[2].shift.estimate == doctest::Approx(2.0));
    CHECK(tests[2].shift.ci_low <= 2.0);
    CHECK(tests[2].shift.ci_high >= 2.0);
}

TEST_CASE("paired tests: a category with every pair tied is noted, not tested, and left out of Holm") {
    Framework fw = Framework::use_of_resources();
    std::vector<Organisation> orgs{
        {"C1", "Council 1", OrganisationKind::county_council, 4, std::nullopt},
        {"N1", "PCT 1", OrganisationKind::primary_care_trust, 1, std::nullopt},
        {"C2", "Council 2", OrganisationKind::county_council, 4, std::nullopt},
        {"N2", "PCT 2", OrganisationKind::primary_care_trust, 1, std::nullopt},
    };
    ScoreMatrix m(4, 5);
    m << 3, 3, 3, 3, 3,   //
         3, 1, 2, 2, 2,   //
         2, 3, 4, 3, 3,   //
         2, 2, 1, 2, 2;
    ScoreTable t(fw, orgs, m, {{"A1", "C1", "N1"}, {"A2", "C2", "N2"}});
    const auto tests = paired_sector_tests(t);
    CHECK_FALSE(tests[0].tested());
    CHECK(tests[0].note == "every area scored its council and NHS body the same");
    CHECK(std::isnan(tests[0].pvalue_adjusted));
    // Four tested categories; with two pairs both positive the exact two-sided p is 2/4 = 0.5 each, and
    // Holm over four gives min(1, 4 × 0.5) = 1.
    for (std::size_t j = 1; j < 5; ++j) {
        CHECK(tests[j].wilcoxon.pvalue == doctest::Approx(0.5));
        CHECK(tests[j].pvalue_adjusted == doctest::Approx(1.0));
    }
    PairedComparisonOptions bad;
    bad.confidence_level = 1.0;
    CHECK_THROWS_AS(paired_sector_tests(t, bad), DomainError);
    ScoreTable no_areas(fw, orgs, m);
    CHECK_THROWS_AS(paired_sector_tests(no_areas), DomainError);
}

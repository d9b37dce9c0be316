#include <doctest/doctest.h>

#include "checks.hpp"

#include <cmath>
#include <limits>

#include "healthyplaces/core/score_table.hpp"
#include "healthyplaces/base/error.hpp"

using namespace hp;
using namespace hp::core;
using hp::testing::NaN;

namespace {
Organisation council(std::string code, std::optional<int> stars = 4) {
    return {code, code + " Council", OrganisationKind::unitary_authority, stars, std::nullopt};
}
Organisation pct(std::string code, std::optional<int> stars = 1) {
    return {code, code + " PCT", OrganisationKind::primary_care_trust, stars, std::nullopt};
}
ScoreMatrix rows(std::initializer_list<std::initializer_list<double>> r) {
    ScoreMatrix m(static_cast<Eigen::Index>(r.size()), static_cast<Eigen::Index>(r.begin()->size()));
    Eigen::Index i = 0;
    for (auto& row : r) {
        Eigen::Index j = 0;
        for (double v : row) m(i, j++) = v;
        ++i;
    }
    return m;
}
}  // namespace

TEST_CASE("organisation kinds know their sector and parse from what spreadsheets say") {
    CHECK(sector_of(OrganisationKind::london_borough) == Sector::local_authority);
    CHECK(sector_of(OrganisationKind::integrated_care_board) == Sector::nhs_commissioner);
    CHECK(parse_organisation_kind("London Borough") == OrganisationKind::london_borough);
    CHECK(parse_organisation_kind("PCT") == OrganisationKind::primary_care_trust);
    CHECK(parse_organisation_kind("county_council") == OrganisationKind::county_council);
    CHECK_FALSE(parse_organisation_kind("parish council").has_value());
    CHECK(parse_sector("pct") == Sector::nhs_commissioner);
    CHECK(parse_sector("Local authority") == Sector::local_authority);
    CHECK_FALSE(parse_sector("police").has_value());
}

TEST_CASE("frameworks: the built-ins and a user's labelled scale") {
    const auto uor = Framework::use_of_resources();
    CHECK(uor.n_categories() == 5);
    CHECK(uor.min_level() == 1);
    CHECK(uor.max_level() == 4);
    CHECK(uor.max_total() == 20);
    CHECK(uor.category_index("Value for money") == 4);
    CHECK(uor.level_of("Performing well") == 3);
    const auto cpa = Framework::cpa_star_rating();
    CHECK(cpa.min_level() == 0);
    CHECK(cpa.max_level() == 4);
    CHECK(Framework::builtin("ALE").name() == "use_of_resources");
    CHECK_THROWS_WITH_AS(Framework::builtin("ofsted"), doctest::Contains("use_of_resources"), DomainError);
    CHECK_THROWS_WITH_AS(uor.category_index("leadership"), doctest::Contains("financial_reporting"), DomainError);

    const Framework mine("social_care", {{"", "Leadership"}, {"", "Commissioning and use of resources"}},
                         {{1, "weak"}, {2, "fair"}, {3, "good"}, {4, "excellent"}});
    CHECK(mine.categories()[1].key == "commissioning_and_use_of_resources");
    CHECK(mine.level_of("Excellent") == 4);
    CHECK_FALSE(mine.level_of("outstanding").has_value());
    CHECK_THROWS_AS(Framework("gappy", {{"a", "A"}}, {{1, "x"}, {3, "y"}}), DomainError);
    CHECK_THROWS_AS(Framework("dup", {{"a", "A"}, {"a", "A again"}}, 1, 4), DomainError);
    CHECK_THROWS_AS(Framework("none", {}, 1, 4), DomainError);
}

TEST_CASE("a score table validates every score on construction") {
    const auto fw = Framework::use_of_resources();
    ScoreTable t(fw, {council("A"), pct("B")}, rows({{3, 3, 4, 3, 3}, {1, 1, 1, 2, NaN}}), {{"Place", "A", "B", 1.0}});
    CHECK(t.score("A", "financial_standing") == 4);
    CHECK_FALSE(t.score("B", "value_for_money").has_value());
    CHECK(t.area_of("B")->name == "Place");
    const auto tb = total_score(t, 1);
    CHECK(tb.total == 5);
    CHECK(tb.maximum == 16);
    CHECK(tb.n_missing == 1);

    CHECK_THROWS_WITH_AS(ScoreTable(fw, {council("A")}, rows({{3, 3, 5, 3, 3}})),
                         doctest::Contains("organisation 'A', category 'financial_standing': score 5"), DataError);
    CHECK_THROWS_AS(ScoreTable(fw, {council("A")}, rows({{3, 3, 2.5, 3, 3}})), DataError);
    CHECK_THROWS_AS(ScoreTable(fw, {council("A")}, rows({{3, 3, INFINITY, 3, 3}})), DataError);
    CHECK_THROWS_WITH_AS(ScoreTable(fw, {council("A"), council("A")}, rows({{3, 3, 3, 3, 3}, {3, 3, 3, 3, 3}})),
                         doctest::Contains("'A' appears twice"), DataError);
    CHECK_THROWS_AS(ScoreTable(fw, {}, ScoreMatrix(0, 5)), DomainError);
    CHECK_THROWS_AS(ScoreTable(fw, {council("A")}, rows({{3, 3, 3}})), DataError);
    CHECK_THROWS_WITH_AS(ScoreTable(fw, {council("A"), council("B")}, rows({{3, 3, 3, 3, 3}, {3, 3, 3, 3, 3}}),
                                    {{"P", "A", "B", 1.0}}),
                         doctest::Contains("not an NHS commissioner"), DataError);
    CHECK_THROWS_AS(ScoreTable(fw, {council("A"), pct("B")}, rows({{3, 3, 3, 3, 3}, {3, 3, 3, 3, 3}}),
                               {{"P", "A", "B", 1.5}}),
                    DataError);
    CHECK_THROWS_AS(ScoreTable(fw, {council("A", 7)}, rows({{3, 3, 3, 3, 3}})), DataError);
}

TEST_CASE("subset keeps areas whose two members survive") {
    const auto fw = Framework::use_of_resources();
    ScoreTable t(fw, {council("A"), pct("B"), council("C")},
                 rows({{3, 3, 4, 3, 3}, {1, 1, 1, 2, 1}, {2, 2, 2, 2, 2}}), {{"Place", "A", "B", 1.0}});
    const std::vector<std::size_t> keep{0, 2};
    const auto s = t.subset(keep);
    CHECK(s.n_organisations() == 2);
    CHECK(s.areas().empty());
    CHECK(s.score("C", "internal_control") == 2);
}

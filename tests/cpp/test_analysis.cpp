#include <doctest/doctest.h>

#include <string>

#include "healthyplaces/analysis/competency_gaps.hpp"
#include "healthyplaces/analysis/sector_comparison.hpp"
#include "healthyplaces/datasets/datasets.hpp"
#include "healthyplaces/io/embedded.hpp"
#include "healthyplaces/base/error.hpp"
#include "healthyplaces/io/csv.hpp"

using namespace hp;
using namespace hp::core;
using namespace hp::integration;
using namespace hp::analysis;

TEST_CASE("the green paper's nine-area modal table, reproduced from the scores") {
    const auto t = datasets::nlgn2008();
    REQUIRE(t.n_organisations() == 18);
    REQUIRE(t.areas().size() == 9);
    const auto cmp = compare_sectors(t);
    REQUIRE(cmp.groups == std::vector<std::string>{"local_authority", "nhs_commissioner"});
    CHECK(cmp.group_sizes == std::vector<std::size_t>{9, 9});
    // The paper: councils 3 in every category; PCTs 2, 1, 1, 2, 2.
    const int pct_modes[] = {2, 1, 1, 2, 2};
    for (std::size_t j = 0; j < 5; ++j) {
        CHECK(cmp.summaries[j][0].modes == std::vector<int>{3});
        CHECK(cmp.summaries[j][1].modes == std::vector<int>{pct_modes[j]});
    }
    // And against the paper's table as transcribed separately (nlgn2008_published_modes.csv).
    const auto published = io::parse_csv(io::embedded_csv("nlgn2008_published_modes"), "published");
    int checked = 0;
    for (const auto& r : published.records) {
        if (r.fields[0] != "nine_areas") continue;
        const auto& s = cmp.at(r.fields[1], "local_authority");
        const auto& p = cmp.at(r.fields[1], "nhs_commissioner");
        CHECK(s.modes == std::vector<int>{std::stoi(r.fields[2])});
        CHECK(p.modes == std::vector<int>{std::stoi(r.fields[3])});
        ++checked;
    }
    CHECK(checked == 5);
    // Hand count, PCT financial standing: 1,2,1,1,1,1,3,1,1 -> seven 1s, one 2, one 3.
    const auto& fs = cmp.at("financial_standing", "nhs_commissioner");
    CHECK(fs.frequencies.counts == std::vector<std::int64_t>{7, 1, 1, 0});
    CHECK(fs.median == 1);
    CHECK(fs.mean == doctest::Approx(12.0 / 9));
}

TEST_CASE("Bexley: 16 out of 20 against 6 out of 20, the widest gap") {
    const auto t = datasets::nlgn2008();
    const auto gaps = competency_gaps(t);
    REQUIRE(gaps.size() == 9);
    const auto& top = gaps.front();
    CHECK(top.area == "Bexley");
    CHECK(top.rank == 1);
    CHECK(top.council_total.total == 16);
    CHECK(top.council_total.maximum == 20);
    CHECK(top.nhs_total.total == 6);
    CHECK(top.nhs_total.maximum == 20);
    CHECK(top.total_gap == 10);
    CHECK(top.gaps == std::vector<std::optional<int>>{2, 2, 3, 1, 2});
    // Hand totals (council − PCT): Leicestershire 17−10=7, East Riding 16−9=7, North Lincolnshire 15−10=5.
    for (const auto& g : gaps) {
        if (g.area == "Leicestershire") { CHECK(g.total_gap == 7); CHECK(g.rank == 2); }
        if (g.area == "East Riding of Yorkshire") { CHECK(g.total_gap == 7); CHECK(g.rank == 2); }
        if (g.area == "North Lincolnshire") CHECK(g.total_gap == 5);
    }
    for (std::size_t i = 1; i < gaps.size(); ++i) CHECK(*gaps[i - 1].total_gap >= *gaps[i].total_gap);
}

TEST_CASE("pilot candidates: all nine areas meet the paper's criteria, and stricter criteria say why not") {
    const auto t = datasets::nlgn2008();
    const auto all = pilot_candidates(t);
    CHECK(all.candidates.size() == 9);
    CHECK(all.excluded.empty());
    PilotCriteria strict;
    strict.min_total_gap = 7;
    const auto few = pilot_candidates(t, strict);
    CHECK(few.candidates.size() == 3);
    CHECK(few.candidates[0].area == "Bexley");
    REQUIRE(few.excluded.size() == 6);
    CHECK(few.excluded[0].second[0].find("total gap") != std::string::npos);
    PilotCriteria bad;
    bad.min_coterminosity = 2;
    CHECK_THROWS_AS(pilot_candidates(t, bad), DomainError);
}

TEST_CASE("grouping by kind and by custom labels") {
    const auto t = datasets::nlgn2008();
    const auto byk = compare_sectors(t, GroupBy::kind);
    CHECK(byk.groups == std::vector<std::string>{"county_council", "unitary_authority", "london_borough", "primary_care_trust"});
    CHECK(byk.group_sizes == std::vector<std::size_t>{5, 3, 1, 9});
    std::vector<std::string> labels(t.n_organisations(), "x");
    CHECK_THROWS_AS(compare_groups(t, std::span<const std::string>(labels.data(), 3)), DataError);
    CHECK_THROWS_WITH_AS(byk.at("leadership", "county_council"), doctest::Contains("no category 'leadership'"), DomainError);
}

TEST_CASE("the case studies load with coherent arrangements") {
    const auto cs = datasets::case_studies();
    REQUIRE(cs.size() == 3);
    CHECK(cs[0].area == "Torbay");
    CHECK(cs[0].arrangement.budgets == Budgets::pooled);
    CHECK(cs[0].arrangement.legal_basis == LegalBasis::care_trust);
    CHECK(*cs[0].over_80_share() == doctest::Approx(10000.0 / 130000));
    CHECK(cs[2].area == "Swindon");
    CHECK(cs[2].arrangement == arrangements::swindon());
    CHECK(cs[1].arrangement.leadership == Leadership::joint_chief_executive);
    CHECK(cs[0].motivations == std::vector<std::string>{"demography", "finance"});
}

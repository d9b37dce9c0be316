#include <doctest/doctest.h>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/integration/arrangement.hpp"

using namespace hp;
using namespace hp::integration;

TEST_CASE("every preset is coherent and the presets run from closer working to full merger") {
    const auto ps = arrangements::presets();
    REQUIRE(ps.size() == 6);
    for (const auto& p : ps) CHECK_MESSAGE(incoherences(p).empty(), p.name);
    for (std::size_t i = 1; i < ps.size(); ++i)
        CHECK_MESSAGE(integration_level(ps[i - 1]) < integration_level(ps[i]), ps[i].name);
    CHECK(integration_level(arrangements::public_service_trust()) == 15);
    CHECK(ps.front().name == "closer_working");
    CHECK(ps.back().name == "public_service_trust");
}

TEST_CASE("presets carry the seeds' dimensions") {
    const auto s = arrangements::swindon();
    CHECK(s.budgets == Budgets::aligned);
    CHECK(s.staff == Staff::seconded);
    CHECK(s.legal_basis == LegalBasis::section_75);
    const auto t = arrangements::torbay();
    CHECK(t.budgets == Budgets::pooled);
    CHECK(t.legal_basis == LegalBasis::care_trust);
    CHECK(arrangements::herefordshire().leadership == Leadership::joint_chief_executive);
    CHECK(arrangements::nlgn_proposal().governance == Governance::councillor_majority_board);
    CHECK(arrangements::preset("care_trust") == t);
    CHECK_THROWS_WITH_AS(arrangements::preset("merger of equals"), doctest::Contains("presets:"), DomainError);
}

TEST_CASE("dimension-wise comparison is a partial order") {
    using arrangements::herefordshire, arrangements::swindon, arrangements::torbay, arrangements::closer_working;
    CHECK(compare_integration(closer_working(), swindon()) == std::partial_ordering::less);
    CHECK(compare_integration(torbay(), swindon()) == std::partial_ordering::greater);
    // Herefordshire shares leaders; Swindon aligns budgets: neither is ahead on every dimension.
    CHECK(compare_integration(herefordshire(), swindon()) == std::partial_ordering::unordered);
    CHECK(compare_integration(swindon(), swindon()) == std::partial_ordering::equivalent);
}

TEST_CASE("incoherent arrangements are refused with every reason") {
    Arrangement a{"pooled without law", Budgets::pooled, Staff::separate, Leadership::separate,
                  Governance::separate_boards, LegalBasis::none, ""};
    CHECK_THROWS_WITH_AS(validate(a), doctest::Contains("incoherent arrangement 'pooled without law': pooled budgets need a legal basis"),
                         ArrangementError);
    Arrangement b{"half merger", Budgets::single, Staff::merged, Leadership::single, Governance::joint_committee,
                  LegalBasis::section_75, ""};
    const auto why = incoherences(b);
    CHECK(why.size() == 3);
    Arrangement c{"care trust, separate money", Budgets::aligned, Staff::joint_posts, Leadership::joint_posts,
                  Governance::joint_committee, LegalBasis::care_trust, ""};
    CHECK_THROWS_WITH_AS(validate(c), doctest::Contains("a care trust runs the council's delegated services from pooled"),
                         ArrangementError);
    Arrangement d = arrangements::public_service_trust();
    d.staff = Staff::seconded;
    CHECK_THROWS_WITH_AS(validate(d), doctest::Contains("a public service trust is a full merger"), ArrangementError);
}

TEST_CASE("dimension values parse from the case-study vocabulary") {
    CHECK(parse_staff("secondment") == Staff::seconded);
    CHECK(parse_staff("joint_staff") == Staff::joint_posts);
    CHECK(parse_legal_basis("Section 75") == LegalBasis::section_75);
    CHECK(parse_legal_basis("") == LegalBasis::none);
    CHECK(parse_leadership("care_trust_chief_executive_is_council_director_of_adult_social_services") ==
          Leadership::joint_posts);
    CHECK_FALSE(parse_budgets("shared").has_value());
}

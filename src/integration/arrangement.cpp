#include "healthyplaces/integration/arrangement.hpp"

#include "healthyplaces/core/framework.hpp"  // normalise_key
#include "healthyplaces/base/error.hpp"

namespace hp::integration {

std::string_view to_string(Budgets v) noexcept {
    constexpr std::string_view n[] = {"separate", "aligned", "pooled", "single"};
    return n[static_cast<int>(v)];
}
std::string_view to_string(Staff v) noexcept {
    constexpr std::string_view n[] = {"separate", "seconded", "joint_posts", "merged"};
    return n[static_cast<int>(v)];
}
std::string_view to_string(Leadership v) noexcept {
    constexpr std::string_view n[] = {"separate", "joint_posts", "joint_chief_executive", "single"};
    return n[static_cast<int>(v)];
}
std::string_view to_string(Governance v) noexcept {
    constexpr std::string_view n[] = {"separate_boards", "joint_committee", "councillor_majority_board",
                                      "single_body"};
    return n[static_cast<int>(v)];
}
std::string_view to_string(LegalBasis v) noexcept {
    constexpr std::string_view n[] = {"none", "section_75", "care_trust", "public_service_trust"};
    return n[static_cast<int>(v)];
}

std::vector<std::string> incoherences(const Arrangement& a) {
    std::vector<std::string> why;
    const bool one_body = a.legal_basis == LegalBasis::public_service_trust;
    if (a.budgets == Budgets::pooled && a.legal_basis == LegalBasis::none)
        why.emplace_back("pooled budgets need a legal basis (a section 75 agreement, a care trust or a public "
                         "service trust), but the legal basis is none");
    if (a.legal_basis == LegalBasis::care_trust && a.budgets < Budgets::pooled)
        why.emplace_back("a care trust runs the council's delegated services from pooled budgets, but budgets "
                         "are " + std::string(to_string(a.budgets)));
    if (!one_body) {
        if (a.budgets == Budgets::single)
            why.emplace_back("a single budget means one organisation, which needs a public service trust (full "
                             "merger); the legal basis is " + std::string(to_string(a.legal_basis)));
        if (a.leadership == Leadership::single)
            why.emplace_back("single leadership means one organisation, which needs a public service trust; the "
                             "legal basis is " + std::string(to_string(a.legal_basis)));
        if (a.staff == Staff::merged && a.legal_basis != LegalBasis::care_trust)
            why.emplace_back("merged staff need one employer (a care trust or a public service trust); the legal "
                             "basis is " + std::string(to_string(a.legal_basis)));
        if (a.governance == Governance::single_body && a.legal_basis != LegalBasis::care_trust)
            why.emplace_back("a single governing body needs a care trust or a public service trust; the legal "
                             "basis is " + std::string(to_string(a.legal_basis)));
    } else {
        if (a.budgets != Budgets::single || a.staff != Staff::merged || a.leadership != Leadership::single ||
            a.governance != Governance::single_body)
            why.emplace_back("a public service trust is a full merger: budgets single, staff merged, leadership "
                             "single and governance single_body, but this has budgets " +
                             std::string(to_string(a.budgets)) + ", staff " + std::string(to_string(a.staff)) +
                             ", leadership " + std::string(to_string(a.leadership)) + ", governance " +
                             std::string(to_string(a.governance)));
    }
    return why;
}

void validate(const Arrangement& a) {
    const auto why = incoherences(a);
    if (why.empty()) return;
    std::string msg = "incoherent arrangement '" + (a.name.empty() ? std::string("unnamed") : a.name) + "': ";
    for (std::size_t i = 0; i < why.size(); ++i) msg += (i ? "; " : "") + why[i];
    throw ArrangementError(msg);
}

int integration_level(const Arrangement& a) noexcept {
    return static_cast<int>(a.budgets) + static_cast<int>(a.staff) + static_cast<int>(a.leadership) +
           static_cast<int>(a.governance) + static_cast<int>(a.legal_basis);
}

std::partial_ordering compare_integration(const Arrangement& a, const Arrangement& b) noexcept {
    const int d[] = {static_cast<int>(a.budgets) - static_cast<int>(b.budgets),
                     static_cast<int>(a.staff) - static_cast<int>(b.staff),
                     static_cast<int>(a.leadership) - static_cast<int>(b.leadership),
                     static_cast<int>(a.governance) - static_cast<int>(b.governance),
                     static_cast<int>(a.legal_basis) - static_cast<int>(b.legal_basis)};
    bool less = false, greater = false;
    for (int x : d) {
        less |= x < 0;
        greater |= x > 0;
    }
    if (less && greater) return std::partial_ordering::unordered;
    if (less) return std::partial_ordering::less;
    if (greater) return std::partial_ordering::greater;
    return std::partial_ordering::equivalent;
}

namespace arrangements {

Arrangement closer_working() {
    return {"closer_working", Budgets::separate, Staff::separate, Leadership::separate, Governance::joint_committee,
            LegalBasis::none, "Partnership working: separate organisations meeting in a joint committee"};
}
Arrangement swindon() {
    return {"swindon", Budgets::aligned, Staff::seconded, Leadership::separate, Governance::joint_committee,
            LegalBasis::section_75,
            "Swindon: aligned budgets and seconded staff under a section 75 agreement, focused on prevention"};
}
Arrangement herefordshire() {
    return {"herefordshire", Budgets::separate, Staff::joint_posts, Leadership::joint_chief_executive,
            Governance::joint_committee, LegalBasis::none,
            "Herefordshire: a joint chief executive and joint directors of public health and integrated "
            "commissioning"};
}
Arrangement nlgn_proposal() {
    return {"nlgn_proposal", Budgets::aligned, Staff::joint_posts, Leadership::joint_posts,
            Governance::councillor_majority_board, LegalBasis::none,
            "NLGN (2007): joint senior posts with the council and a PCT board with a councillor majority, chaired "
            "by the council leader or mayor"};
}
Arrangement torbay() {
    return {"torbay", Budgets::pooled, Staff::joint_posts, Leadership::joint_posts, Governance::joint_committee,
            LegalBasis::care_trust,
            "Torbay: a care trust with pooled budgets and joint staff; its chief executive is the council's "
            "director of adult social services"};
}
Arrangement public_service_trust() {
    return {"public_service_trust", Budgets::single, Staff::merged, Leadership::single, Governance::single_body,
            LegalBasis::public_service_trust, "Public service trust: the PCT folded into the council"};
}

std::vector<Arrangement> presets() {
    return {closer_working(), swindon(), herefordshire(), nlgn_proposal(), torbay(), public_service_trust()};
}

Arrangement preset(std::string_view key) {
    const auto k = core::normalise_key(key);
    if (k == "closer_working") return closer_working();
    if (k == "swindon" || k == "aligned_budgets_and_seconded_staff") return swindon();
    if (k == "herefordshire" || k == "joint_leadership") return herefordshire();
    if (k == "nlgn_proposal" || k == "nlgn") return nlgn_proposal();
    if (k == "torbay" || k == "care_trust") return torbay();
    if (k == "public_service_trust" || k == "full_merger" || k == "merger") return public_service_trust();
    throw DomainError("no arrangement preset '" + std::string(key) +
                      "'; presets: closer_working, swindon (aligned_budgets_and_seconded_staff), herefordshire "
                      "(joint_leadership), nlgn_proposal, torbay (care_trust), public_service_trust (full_merger)");
}

}  // namespace arrangements

std::optional<Budgets> parse_budgets(std::string_view s) noexcept {
    const auto k = core::normalise_key(s);
    for (int i = 0; i < 4; ++i)
        if (k == to_string(static_cast<Budgets>(i))) return static_cast<Budgets>(i);
    if (k == "pooled_budgets" || k == "pooled_fund") return Budgets::pooled;
    if (k == "aligned_budgets") return Budgets::aligned;
    if (k == "separate_budgets") return Budgets::separate;
    if (k == "single_budget") return Budgets::single;
    return std::nullopt;
}
std::optional<Staff> parse_staff(std::string_view s) noexcept {
    const auto k = core::normalise_key(s);
    for (int i = 0; i < 4; ++i)
        if (k == to_string(static_cast<Staff>(i))) return static_cast<Staff>(i);
    if (k == "secondment" || k == "secondments" || k == "seconded_staff") return Staff::seconded;
    if (k == "joint_staff" || k == "joint_post") return Staff::joint_posts;
    if (k == "merged_staff" || k == "single_workforce") return Staff::merged;
    return std::nullopt;
}
std::optional<Leadership> parse_leadership(std::string_view s) noexcept {
    const auto k = core::normalise_key(s);
    for (int i = 0; i < 4; ++i)
        if (k == to_string(static_cast<Leadership>(i))) return static_cast<Leadership>(i);
    if (k == "joint_ceo" || k == "joint_chief_executive_officer") return Leadership::joint_chief_executive;
    // Torbay: the care trust's chief executive is also the council's director of adult social services.
    if (k == "care_trust_chief_executive_is_council_director_of_adult_social_services" || k == "joint_post" ||
        k == "joint_senior_posts")
        return Leadership::joint_posts;
    return std::nullopt;
}
std::optional<Governance> parse_governance(std::string_view s) noexcept {
    const auto k = core::normalise_key(s);
    for (int i = 0; i < 4; ++i)
        if (k == to_string(static_cast<Governance>(i))) return static_cast<Governance>(i);
    if (k == "separate") return Governance::separate_boards;
    if (k == "partnership_board") return Governance::joint_committee;
    if (k == "single_board") return Governance::single_body;
    return std::nullopt;
}
std::optional<LegalBasis> parse_legal_basis(std::string_view s) noexcept {
    const auto k = core::normalise_key(s);
    if (k.empty()) return LegalBasis::none;
    for (int i = 0; i < 4; ++i)
        if (k == to_string(static_cast<LegalBasis>(i))) return static_cast<LegalBasis>(i);
    if (k == "s75" || k == "section_75_agreement") return LegalBasis::section_75;
    if (k == "pst") return LegalBasis::public_service_trust;
    return std::nullopt;
}

}  // namespace hp::integration

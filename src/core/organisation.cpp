#include "healthyplaces/core/organisation.hpp"

#include <cmath>

#include "healthyplaces/core/framework.hpp"
#include "healthyplaces/base/error.hpp"

namespace hp::core {

std::string_view to_string(Sector s) noexcept {
    return s == Sector::local_authority ? "local_authority" : "nhs_commissioner";
}

std::string_view label(Sector s) noexcept {
    return s == Sector::local_authority ? "local authority" : "NHS commissioner";
}

std::string_view to_string(OrganisationKind k) noexcept {
    switch (k) {
        case OrganisationKind::county_council: return "county_council";
        case OrganisationKind::unitary_authority: return "unitary_authority";
        case OrganisationKind::metropolitan_district: return "metropolitan_district";
        case OrganisationKind::london_borough: return "london_borough";
        case OrganisationKind::shire_district: return "shire_district";
        case OrganisationKind::primary_care_trust: return "primary_care_trust";
        case OrganisationKind::care_trust: return "care_trust";
        case OrganisationKind::clinical_commissioning_group: return "clinical_commissioning_group";
        case OrganisationKind::integrated_care_board: return "integrated_care_board";
    }
    return "unknown";
}

std::string_view label(OrganisationKind k) noexcept {
    switch (k) {
        case OrganisationKind::county_council: return "county council";
        case OrganisationKind::unitary_authority: return "unitary authority";
        case OrganisationKind::metropolitan_district: return "metropolitan district";
        case OrganisationKind::london_borough: return "London borough";
        case OrganisationKind::shire_district: return "shire district";
        case OrganisationKind::primary_care_trust: return "primary care trust";
        case OrganisationKind::care_trust: return "care trust";
        case OrganisationKind::clinical_commissioning_group: return "clinical commissioning group";
        case OrganisationKind::integrated_care_board: return "integrated care board";
    }
    return "unknown";
}

std::optional<Sector> parse_sector(std::string_view text) noexcept {
    const std::string k = normalise_key(text);
    if (k == "local_authority" || k == "la" || k == "council" || k == "local_government" ||
        k == "local_authorities")
        return Sector::local_authority;
    if (k == "nhs_commissioner" || k == "nhs" || k == "pct" || k == "ccg" || k == "icb" ||
        k == "care_trust" || k == "nhs_body" || k == "primary_care_trust" || k == "pcts")
        return Sector::nhs_commissioner;
    return std::nullopt;
}

std::optional<OrganisationKind> parse_organisation_kind(std::string_view text) noexcept {
    const std::string k = normalise_key(text);
    for (auto kind : all_organisation_kinds)
        if (k == to_string(kind) || k == normalise_key(label(kind))) return kind;
    if (k == "cc" || k == "county") return OrganisationKind::county_council;
    if (k == "ua" || k == "unitary") return OrganisationKind::unitary_authority;
    if (k == "mbc" || k == "met_district" || k == "metropolitan_borough") return OrganisationKind::metropolitan_district;
    if (k == "lb" || k == "london_borough_council") return OrganisationKind::london_borough;
    if (k == "district" || k == "district_council") return OrganisationKind::shire_district;
    if (k == "pct") return OrganisationKind::primary_care_trust;
    if (k == "ct") return OrganisationKind::care_trust;
    if (k == "ccg") return OrganisationKind::clinical_commissioning_group;
    if (k == "icb") return OrganisationKind::integrated_care_board;
    return std::nullopt;
}

void validate(const Organisation& org, std::string_view where) {
    const std::string at = where.empty() ? std::string{} : std::string(where) + ": ";
    if (org.code.empty()) throw DataError(at + "organisation code is empty");
    if (org.name.empty()) throw DataError(at + "organisation '" + org.code + "' has an empty name");
    if (org.star_rating && (*org.star_rating < 0 || *org.star_rating > 4))
        throw DataError(at + "organisation '" + org.code + "': star rating " +
                        std::to_string(*org.star_rating) + " is outside 0–4");
    if (org.population && (!std::isfinite(*org.population) || *org.population < 0))
        throw DataError(at + "organisation '" + org.code +
                        "': population must be a finite number of residents, 0 or more");
}

}  // namespace hp::core

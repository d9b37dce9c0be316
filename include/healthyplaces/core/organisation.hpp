#pragma once
// Organisation: a council or an NHS commissioner, as the seeds describe them.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hp::core {

enum class Sector : std::uint8_t { local_authority, nhs_commissioner };

/// Kinds of English council and NHS commissioner, from 2002's PCTs to 2022's ICBs.
enum class OrganisationKind : std::uint8_t {
    county_council,
    unitary_authority,
    metropolitan_district,
    london_borough,
    shire_district,
    primary_care_trust,
    care_trust,
    clinical_commissioning_group,
    integrated_care_board,
};

inline constexpr std::array<OrganisationKind, 9> all_organisation_kinds{
    OrganisationKind::county_council,      OrganisationKind::unitary_authority,
    OrganisationKind::metropolitan_district, OrganisationKind::london_borough,
    OrganisationKind::shire_district,      OrganisationKind::primary_care_trust,
    OrganisationKind::care_trust,          OrganisationKind::clinical_commissioning_group,
    OrganisationKind::integrated_care_board};

/// Which sector a kind belongs to: every council kind is local government, every other kind is NHS.
constexpr Sector sector_of(OrganisationKind k) noexcept {
    return k <= OrganisationKind::shire_district ? Sector::local_authority : Sector::nhs_commissioner;
}

std::string_view to_string(Sector s) noexcept;
std::string_view to_string(OrganisationKind k) noexcept;
/// Human label, e.g. "London borough", "primary care trust".
std::string_view label(Sector s) noexcept;
std::string_view label(OrganisationKind k) noexcept;

/// Parse a sector as spreadsheets write it: "local_authority", "Local authority", "council", "LA",
/// "nhs_commissioner", "NHS", "PCT", "CCG", "ICB", "care trust" (case and spacing ignored).
std::optional<Sector> parse_sector(std::string_view text) noexcept;
/// Parse a kind: snake_case names, labels, and the common abbreviations (CC, UA, MBC, LB, PCT, CCG, ICB).
std::optional<OrganisationKind> parse_organisation_kind(std::string_view text) noexcept;

struct Organisation {
    std::string code;                       ///< unique within a table (the name when no code is given)
    std::string name;
    OrganisationKind kind = OrganisationKind::unitary_authority;
    std::optional<int> star_rating;         ///< CPA / NHS annual health check stars, 0–4
    std::optional<double> population;       ///< residents, when known

    Sector sector() const noexcept { return sector_of(kind); }
};

/// Throws DataError when the star rating is outside 0–4, the population negative or not finite,
/// or code/name empty. `where` prefixes the message (e.g. "scores.csv, line 4").
void validate(const Organisation& org, std::string_view where = {});

}  // namespace hp::core

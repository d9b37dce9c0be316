#pragma once
// Arrangement: how far a council and an NHS commissioner have integrated, as five explicit dimensions
// rather than a single label, so that "Torbay" and "Swindon" can be compared dimension by dimension.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hp::integration {

// Each dimension is ordered from least to most integrated; the numeric value is that rank.
enum class Budgets : std::uint8_t { separate, aligned, pooled, single };
enum class Staff : std::uint8_t { separate, seconded, joint_posts, merged };
enum class Leadership : std::uint8_t { separate, joint_posts, joint_chief_executive, single };
enum class Governance : std::uint8_t { separate_boards, joint_committee, councillor_majority_board, single_body };
enum class LegalBasis : std::uint8_t { none, section_75, care_trust, public_service_trust };

std::string_view to_string(Budgets) noexcept;
std::string_view to_string(Staff) noexcept;
std::string_view to_string(Leadership) noexcept;
std::string_view to_string(Governance) noexcept;
std::string_view to_string(LegalBasis) noexcept;

struct Arrangement {
    std::string name;
    Budgets budgets = Budgets::separate;
    Staff staff = Staff::separate;
    Leadership leadership = Leadership::separate;
    Governance governance = Governance::separate_boards;
    LegalBasis legal_basis = LegalBasis::none;
    std::string description;

    friend bool operator==(const Arrangement& a, const Arrangement& b) noexcept {
        return a.budgets == b.budgets && a.staff == b.staff && a.leadership == b.leadership &&
               a.governance == b.governance && a.legal_basis == b.legal_basis;
    }
};

/// The reasons an arrangement cannot exist as stated (empty when coherent). Rules, each from the seeds or
/// the law they cite: pooled budgets need a section 75 agreement or a single body; a care trust pools
/// budgets; a single budget, single leadership, merged staff or a single governing body mean one
/// organisation, which only a public service trust (full merger) is — and a public service trust is
/// single on every dimension.
std::vector<std::string> incoherences(const Arrangement& a);
/// Throws ArrangementError listing every incoherence, naming the arrangement.
void validate(const Arrangement& a);

/// Sum of the five dimension ranks: 0 (nothing shared) to 15 (full merger). Orders the presets from
/// closer working to full merger.
int integration_level(const Arrangement& a) noexcept;
/// Dimension-wise comparison: less when `a` is no more integrated than `b` on every dimension and less on
/// one; unordered when each is ahead somewhere (e.g. Herefordshire's leadership vs Swindon's budgets).
std::partial_ordering compare_integration(const Arrangement& a, const Arrangement& b) noexcept;

namespace arrangements {
/// Partnership working only: separate everything, a joint committee to talk.
Arrangement closer_working();
/// Swindon: aligned budgets and seconded staff under a section 75 agreement.
Arrangement swindon();
/// Herefordshire: a joint chief executive and joint senior posts; no pooled money.
Arrangement herefordshire();
/// The NLGN proposal for failing PCTs: joint senior posts and a PCT board with a councillor majority,
/// chaired by the council leader or mayor.
Arrangement nlgn_proposal();
/// Torbay: a care trust with pooled budgets and joint staff.
Arrangement torbay();
/// Public service trust: the PCT folded into the council; full merger.
Arrangement public_service_trust();
/// All presets, ordered from closer working to full merger.
std::vector<Arrangement> presets();
/// A preset by key ("swindon", "care_trust", "aligned_budgets_and_seconded_staff", ...); DomainError if none.
Arrangement preset(std::string_view key);
}  // namespace arrangements

/// Parse a dimension value ("pooled", "Section 75", "joint_staff", "secondment"); nullopt if unknown.
std::optional<Budgets> parse_budgets(std::string_view) noexcept;
std::optional<Staff> parse_staff(std::string_view) noexcept;
std::optional<Leadership> parse_leadership(std::string_view) noexcept;
std::optional<Governance> parse_governance(std::string_view) noexcept;
std::optional<LegalBasis> parse_legal_basis(std::string_view) noexcept;

}  // namespace hp::integration

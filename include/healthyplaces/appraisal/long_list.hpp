#pragma once
// The long list and the short list (HM Treasury Green Book, the options framework filter): every coherent way a
// council and its NHS partner could integrate further from where they are, generated from the five dimensions of
// hp::integration::Arrangement, then filtered by critical success factors, each option dropped with the factor that
// dropped it.
//
// What is an option. The long list starts from the place's current arrangement (business as usual) and holds every
// coherent combination of the five dimensions (integration::incoherences() empty) that keeps everything the place
// already has: at least as integrated as business as usual on every dimension. A combination behind business as usual
// on any dimension is not an option: appraisal chooses how far to go, and undoing an arrangement (ending a section 75
// agreement, dissolving a care trust) is a different decision with its own costs; such combinations are counted in
// LongList::behind_current, not listed.
//
// Do minimum is the smallest step up from business as usual: the coherent option of the lowest integration level;
// among those, the one whose steps reach the lowest rung of their dimensions (a first step, such as aligned budgets,
// before a second, such as a councillor-majority board); then a step in governance first (a joint committee: the
// green paper's lowest rung, "closer working", which moves no money, staff or powers), then in budgets (aligned, as
// Swindon's are), staff, leadership and lastly the legal basis (a formal agreement or a new body). It is the "incremental approach" the green paper contrasts with bolder
// pilots, and the Green Book keeps it, with business as usual, as a comparator.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/integration/arrangement.hpp"

namespace hp::appraisal {

enum class OptionKind : std::uint8_t { business_as_usual, do_minimum, option };
/// "business as usual", "do minimum", "option".
std::string_view to_string(OptionKind k) noexcept;

/// One option of the long list.
struct LongListOption {
    /// Its dimensions; `name` is the option's name (the preset's label when it is one: "Swindon", else descriptive),
    /// `description` says what it is in words ("aligned budgets, seconded staff, joint committee, section 75").
    integration::Arrangement arrangement;
    OptionKind kind = OptionKind::option;
    int integration_level = 0;  ///< 0 (nothing shared) to 15 (full merger)
    std::string preset;         ///< the preset's key when it is one ("swindon"), else empty
};

struct LongList {
    integration::Arrangement current;     ///< business as usual, as given
    /// Business as usual first, do minimum second (absent when business as usual is already a full merger), then
    /// the other options from closer working to full merger: by integration level, ties by the ranks of (legal
    /// basis, leadership, staff, budgets, governance), least first (within a level, the least formal change first).
    std::vector<LongListOption> options;
    std::string do_minimum_rule;          ///< what do minimum is here and why, in words
    int coherent = 0;                     ///< coherent combinations of the five dimensions (of 4^5 = 1,024)
    int behind_current = 0;               ///< of them, behind business as usual on some dimension: not options
};

/// The long list from the place's current arrangement (default: separate everything). ArrangementError (a
/// DomainError) when `current` is itself incoherent, listing why.
LongList long_list(const integration::Arrangement& current = {});

/// An arrangement's descriptive name: its non-separate dimensions in words, in the order budgets, staff, leadership,
/// governance, legal basis ("pooled budgets, joint staff posts, section 75"); "separate organisations" when nothing
/// is shared.
std::string describe(const integration::Arrangement& a);

// ---- critical success factors ---------------------------------------------------------------------------------

enum class ArrangementDimension : std::uint8_t { budgets, staff, leadership, governance, legal_basis };

/// A named constraint an option must meet to go on the short list, with its reason in words. Built-in factors are
/// judged against business as usual (a care trust is "new" only where there is none now); a limit bounds one
/// dimension ("budgets at most pooled", "leadership at least joint_posts").
struct CriticalSuccessFactor {
    std::string key;     ///< the built-in key, or the limit as "<dimension> at most|at least <value>"
    std::string reason;  ///< why it matters
    bool is_limit = false;
    ArrangementDimension dimension = ArrangementDimension::budgets;  ///< limits only
    bool at_most = true;                                             ///< limits only: at most, else at least
    int rank = 0;                                                    ///< limits only: the value's rank (0-3)
};

/// The built-in factors, each defined from the seeds or the law:
///  * no_new_legal_body: no care trust or public service trust that the place does not already have;
///  * reversible_within_two_years: every step can be undone by agreement between the existing bodies: no new legal
///    body, no staff merged into one employer (a TUPE transfer), no single budget, single leadership or single
///    governing body that the place does not already have;
///  * council_keeps_social_care_commissioning: no care trust that the place does not already have (the council
///    delegates its adult social care to a care trust, as Torbay's does);
///  * no_full_merger: not a public service trust (Herefordshire ruled one out for "governance and finance issues").
std::vector<CriticalSuccessFactor> critical_success_factors();

/// A factor by built-in key, or a limit parsed from "<dimension> at most|at least <value>" (also "<=" and ">="),
/// e.g. "budgets at most pooled", "legal basis at most section 75"; `reason` replaces the default reason when not
/// empty. DomainError naming the factor and listing the known keys and the limit form, or the dimension's values.
CriticalSuccessFactor critical_success_factor(std::string_view key_or_limit, std::string reason = "");

/// Why `option` fails `factor` when the place's current arrangement is `current`, in words ("creates a care trust");
/// empty when it passes.
std::string fails(const CriticalSuccessFactor& factor, const integration::Arrangement& option,
                  const integration::Arrangement& current);

/// One row of the options framework filter.
struct FilterRow {
    std::size_t option = 0;  ///< its index in the long list
    bool kept = true;
    int dropped_by = -1;     ///< the first factor (in the given order) that dropped it; −1 when kept
    std::vector<int> fails;  ///< every factor it fails, in the given order (business as usual and do minimum too)
    std::string reason;      ///< why the first failed factor fails it; for a comparator failing one, why it is kept
};

struct ShortList {
    LongList long_list;
    std::vector<CriticalSuccessFactor> factors;  ///< in the user's order
    std::vector<FilterRow> rows;                 ///< one per long-list option, in its order
};

/// The options framework filter: each option is kept when it meets every factor, else dropped by the first it
/// fails. Business as usual and do minimum are never dropped: the Green Book keeps them on every short list as the
/// comparators the other options are judged against (the factors they fail are still listed). DomainError when a
/// factor's key is given twice.
ShortList shortlist(const LongList& long_list, const std::vector<CriticalSuccessFactor>& factors);
/// The same with factors by key or limit text (see critical_success_factor()).
ShortList shortlist(const LongList& long_list, const std::vector<std::string>& factors);

/// The kept options, in the long list's order.
std::vector<LongListOption> short_list(const ShortList& s);

}  // namespace hp::appraisal

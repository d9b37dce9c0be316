#pragma once
// Competency gaps: for each area, how far its council's scores stand above (or below) its NHS body's.
#include <optional>
#include <string>
#include <vector>

#include "healthyplaces/core/score_table.hpp"

namespace hp::analysis {

struct AreaGap {
    std::string area;
    std::string council;                    ///< organisation code
    std::string nhs_body;                   ///< organisation code
    double coterminosity = 1.0;
    std::optional<int> council_stars;
    std::optional<int> nhs_stars;
    std::vector<std::optional<int>> gaps;   ///< per category: council − NHS body; nullopt if either missing
    core::TotalScore council_total;               ///< over the council's scored categories
    core::TotalScore nhs_total;                   ///< over the NHS body's scored categories
    std::optional<int> total_gap;           ///< sum of gaps over categories scored for both
    int n_compared = 0;                     ///< categories scored for both
    int rank = 0;                           ///< 1 = widest gap; ties share the lower rank; 0 = not ranked
};

/// One row per area with both members in the table, ranked by total gap (widest first; ties by area
/// name). Throws DomainError when the table has no areas.
std::vector<AreaGap> competency_gaps(const core::ScoreTable& table);

/// Which areas to pilot a merger in: the paper's 4-star councils next to 1-star PCTs, coterminous.
struct PilotCriteria {
    std::optional<int> min_council_stars = 4;
    std::optional<int> max_nhs_stars = 1;
    double min_coterminosity = 1.0;
    std::optional<int> min_total_gap;       ///< e.g. 5: the council ahead by at least five points
};

struct PilotScreen {
    std::vector<AreaGap> candidates;        ///< meeting every criterion, ranked by gap (rank renumbered)
    /// Areas that failed, with every reason ("council has 3 stars, needs at least 4").
    std::vector<std::pair<std::string, std::vector<std::string>>> excluded;
};

/// Throws DomainError on criteria out of range (stars outside 0–4, coterminosity outside 0–1).
PilotScreen pilot_candidates(const core::ScoreTable& table, const PilotCriteria& criteria = {});

}  // namespace hp::analysis

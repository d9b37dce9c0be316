#pragma once
// The Goodman-Bacon (2021) decomposition: with staggered adoption the two-way fixed-effects estimate is a
// weighted average of every 2x2 difference-in-differences between timing groups: earlier vs later adopters
// (before the later adopt), later vs earlier adopters (after the earlier adopted: the "forbidden" comparison
// that uses already-treated units as controls) and adopters vs never treated. The weights grow with group size
// and with the variance of treatment in each comparison, so the user sees which comparisons drive the estimate.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/evaluation/panel.hpp"

namespace hp::evaluation {

enum class BaconType : std::uint8_t { earlier_vs_later, later_vs_earlier, treated_vs_never };
std::string_view to_string(BaconType) noexcept;

struct BaconComparison {
    BaconType type = BaconType::treated_vs_never;
    std::int64_t treated = 0;                ///< the adoption period of the group treated in this 2x2
    std::optional<std::int64_t> control;     ///< the control group's adoption period; nullopt = never treated
    double estimate = 0;                     ///< the 2x2 difference-in-differences
    double weight = 0;                       ///< its share of the two-way estimate; the weights sum to 1
};

struct BaconResult {
    std::vector<BaconComparison> comparisons;
    double twfe = 0;          ///< the two-way fixed-effects coefficient, fitted directly
    double weighted_sum = 0;  ///< sum of weight x estimate; equals twfe up to rounding
    std::string outcome_name;
};

/// Needs a balanced panel (DomainError naming the missing unit and period), a varying outcome, treated units
/// each with a period before adoption and after it inside the panel, and at least two timing groups (cohorts,
/// plus the never treated). Covariates are not used (the decomposition is of the unadjusted estimate).
BaconResult bacon(const Panel& panel);

/// The decomposition by type of comparison, in order of first appearance: the total weight, the weighted
/// average of its 2x2 estimates (sum weight x estimate / total weight) and how many comparisons it has.
struct BaconTypeSummary {
    BaconType type = BaconType::treated_vs_never;
    double weight = 0;
    double estimate = 0;
    std::size_t comparisons = 0;
};
std::vector<BaconTypeSummary> summarise_by_type(const BaconResult& result);

}  // namespace hp::evaluation

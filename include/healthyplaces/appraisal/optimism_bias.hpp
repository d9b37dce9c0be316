#pragma once
// Optimism bias (HM Treasury Green Book, supplementary guidance, Mott MacDonald 2002): appraisers' estimates of
// costs and durations are systematically low, so the economic appraisal raises them by an uplift per project type,
// reduced as the causes of the bias are mitigated. This header's struct is what the economic appraisal applies;
// how the uplifts are derived from project types and mitigation is declared below it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/finance/business_case.hpp"

namespace hp::appraisal {

/// The uplifts applied to one option, as fractions (0.321 = +32.1%): capital costs (one-off costs) are multiplied
/// by 1 + capital, operating costs (running costs) by 1 + operating, and the works duration (the years until the
/// option's benefits start) by 1 + duration.
struct OptimismBias {
    double capital = 0;
    double operating = 0;
    double duration = 0;
};

// ---- the uplifts by project type ---------------------------------------------------------------------------------
//
// Source: HM Treasury, "Supplementary Green Book Guidance: Optimism Bias" (from Mott MacDonald, "Review of Large
// Public Procurement in the UK", 2002), Table 2 "Optimism Bias Guidelines": upper (U) and lower (L) bounds, per cent:
//
//   project type                    works duration U / L   capital expenditure U / L
//   non-standard buildings                39 / 2                  51 / 4
//   standard buildings                     4 / 1                  24 / 2
//   non-standard civil engineering        25 / 3                  66 / 6
//   standard civil engineering            20 / 1                  44 / 3
//   equipment / development               54 / 10                200 / 10
//   outsourcing                           n/a                     41 / 0 (operating expenditure)
//
// The guidance gives capital expenditure and works duration for every type but outsourcing, and operating
// expenditure for outsourcing alone ("due to data availability"). Its worked examples: a combined building 30%
// non-standard and 70% standard has 0.3 × 51 + 0.7 × 24 = 32.1% on capital and 0.3 × 39 + 0.7 × 4 = 14.5% on works
// duration; a 92% reduction of the non-standard buildings' 51% upper bound leaves (1 − 0.92) × 51 = 4.08 ≈ 4%.

enum class ProjectType : std::uint8_t {
    standard_buildings,
    non_standard_buildings,
    standard_civil_engineering,
    non_standard_civil_engineering,
    equipment_development,
    outsourcing,
};

/// "standard_buildings", ...; parse_project_type also reads "standard buildings", "equipment/development", ...
std::string_view to_string(ProjectType t) noexcept;
/// DomainError listing the project types when `name` is none of them.
ProjectType parse_project_type(std::string_view name);

/// Upper and lower bounds, as fractions (0.51 = 51%). In Table 2, a measure the guidance gives no figure for is NaN
/// (works duration and capital expenditure of outsourcing; operating expenditure of every other type).
struct OptimismBiasBounds {
    OptimismBias upper, lower;
};

/// Table 2, one row per project type, indexed by ProjectType.
const std::vector<OptimismBiasBounds>& optimism_bias_table();

/// A part of a combined project: its type and its share of the project (of its capital value).
struct ProjectShare {
    ProjectType type = ProjectType::standard_buildings;
    double share = 1;
};

/// The share of the contributory factors of each measure mitigated, in [0, 1] (the guidance's "reduction in
/// optimism bias contribution"): the uplift is upper × (1 − mitigation).
struct Mitigation {
    double capital = 0, operating = 0, duration = 0;
};

/// The combined project's upper and lower bounds: each measure the share-weighted mean of its parts' figures, over
/// the parts that have a figure for it (the shares renormalised among them: capital and works duration come from the
/// non-outsourced parts, operating expenditure from the outsourced part); 0 when no part has one (the guidance gives
/// none: e.g. operating costs of a building project; the appraiser adds their own evidence). DomainError when the
/// project is empty, a type is repeated, a share is not in [0, 1] or the shares do not sum to 1 (within 1e-9).
OptimismBiasBounds optimism_bias_bounds(const std::vector<ProjectShare>& project);

/// The optimism bias of a (combined) project: upper × (1 − mitigation) for each measure. DomainError as
/// optimism_bias_bounds(), or when a mitigation is not in [0, 1].
OptimismBias optimism_bias(const std::vector<ProjectShare>& project, const Mitigation& mitigation = {});
/// The same with one mitigation for every measure.
OptimismBias optimism_bias(const std::vector<ProjectShare>& project, double mitigation);

/// `u` × k for k > 0, exactly: fixed, normal, lognormal, gamma, uniform and triangular are closed under scaling (the
/// mean, sd and every quantile scale by k). A beta is a fraction in (0, 1) and is refused (DomainError naming `what`)
/// unless k = 1; so are k <= 0 or not finite, and a result beyond the double range.
finance::Uncertain scale(const finance::Uncertain& u, double k, std::string_view what);

/// A business case's flows with optimism bias applied, so that the economic appraisal compares options on their
/// uplifted costs and delayed benefits:
///  * one-off costs: amount × (1 + capital), falling in the years planned;
///  * running costs: amount × (1 + operating), from the year planned;
///  * savings and prevention: start delayed by d = round(duration × works_years) years (halves away from zero),
///    each keeping its last year (`end`; −1, the horizon, stays −1), so a later start shortens the stream. A stream
///    whose delayed start passes its last year (`end`, or `horizon` when end = −1) yields nothing: it is kept, so
///    every option lists the same inputs, with its amount fixed at 0 and its start at that last year.
/// `works_years` is the duration of the works the estimate assumes (e.g. the years of restructuring), >= 0; `horizon`
/// the business case's last year, >= 1. The costs are not moved later (delaying them would discount them: the
/// uplift on capital already prices the overrun). DomainError for an uplift negative or not finite, works_years or
/// horizon out of range, or a flow whose amount cannot be scaled (a beta cost; see scale()).
std::vector<finance::Flow> apply_optimism_bias(std::vector<finance::Flow> flows, const OptimismBias& bias,
                                               int works_years, int horizon);

}  // namespace hp::appraisal

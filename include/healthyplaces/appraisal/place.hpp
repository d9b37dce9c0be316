#pragma once
// For a place: what the library knows about an area (its council's and NHS body's governance scores, their blend,
// coterminosity, the current arrangement, the population and its share over 80, the money) turned into a proposed
// short list, criteria performances for SMAA-2, the options' flows for the economic appraisal and the inputs of
// the staged decision. hp.appraisal.for_place (Python) gathers the facts from the datasets and presents; every
// rule that derives a number from the facts is here.
//
// Every number below that is not read from data is an ILLUSTRATIVE ASSUMPTION (named constants): a starting point
// for a finance lead's own appraisal, not a model of any place's accounts. The rules, each from the green paper
// (NLGN, Healthy Places, 2008); r_d is a dimension's rank 0..3 (budgets, staff, leadership, governance, legal
// basis), x_d = r_d / 3, Δ_d = r_d − the current arrangement's rank:
//
//   financial management   10 (0.45 x_budgets + 0.35 x_leadership + 0.2 x_governance) × f, f = 1 + 0.3 (min(gap,
//                          0.5) − 0.15) / 0.35 where the council is the stronger partner by `gap` (a complementary
//                          blend: "the ability of the local authority to pull up the performance of the PCT"), 0.9
//                          where the NHS body is, 1 for compatible partners or unknown scores; range ×(0.75, 1.25)
//   commissioning          10 (0.5 x_budgets + 0.25 x_staff + 0.25 x_leadership) × clamp(0.5 + 0.5 a, 0.6, 1.4),
//                          a = share over 80 × (1 + its growth) / (England's 5.1% × 1.25); range ×(0.75, 1.25)
//   communications and     10 (0.4 x_staff + 0.3 x_governance + 0.3 x_leadership) × coterminosity; ×(0.8, 1.2)
//   coordination
//   governance and         10 (0.45 x_legal + 0.35 x_budgets + 0.2 x_governance) × (1 + 0.5 min(1, 20 deficit /
//   finance issues         pooled spend)) (× 1 when the pooled spend is 0); range ×(0.7, 1.3)
//   restructuring          10 (Σ r_d − Σ current r_d) / 15 × (1.25 for a new legal body: legal basis care trust
//   disruption             or beyond, above the current); range ×(0.7, 1.3), (0, 0.5) when it is not positive
//   democratic             1 + 6 for a care trust + 1 for a single budget without full merger; range ± 1.5
//   accountability lost
//
// each end clipped to [0, 10]. The flows (place_amounts, £, S = the pooled spend a year): restructuring
// S (0.002 Δ_budgets + 0.003 Δ_staff + 0.002 Δ_leadership + 0.001 Δ_governance + 0.004 Δ_legal) one-off,
// triangular (0.6, 1, 2) × it from year 0 over 1 (+1 for a new legal body, +1 for two or more steps in staff)
// years; joint running costs 0.0004 S (Δ_governance + Δ_leadership) a year from year 1, normal sd 20%; shared
// management posts 0.002 S (Δ_leadership + 0.5 Δ_staff) a year from year 1, normal sd 30%; the NHS deficit
// recovered: deficit × min(depth, 0.8), depth = 0.1 (Δ_leadership + Δ_governance + Δ_budgets), a beta share of
// mean 0.3 (× 1.3 where the council is the stronger partner), sd 0.15, from year 2; emergency bed days saved per
// person over 80: one normal effect N(0.1, 0.4²) shared by every option, on a baseline of the over-80s (population
// × share × (1 + growth / 2)) × £350 × intensity, intensity = (0.5 Δ_budgets + 0.25 Δ_staff + 0.25 Δ_leadership)
// / 3, from year 2. Each flow is left out when its amount is not positive.
//
// Usage, the whole flow for a place (facts -> performances and options -> SMAA-2 and the economic appraisal ->
// the staged decision):
//
//   using namespace hp::appraisal;
//   PlaceEvidence e;                                   // what the datasets say, and what the user gives
//   e.area = "Bexley";
//   e.scores_source = "your scores"; e.council_total = 16; e.council_max = 20; e.nhs_total = 6; e.nhs_max = 20;
//   e.england_over_80_share = 0.05;
//   e.pooled_spend = 1.3e8; e.nhs_deficit = 6e6;
//   const PlaceFacts facts = place_facts(e);            // blend, defaults and each fact's source
//   const auto kept = short_list(shortlist(long_list(facts.current), std::vector<std::string>{}));
//   const auto chosen = place_short_list(kept, 6);      // business as usual, do minimum, the paper's own
//   std::vector<hp::integration::Arrangement> options;
//   for (const auto i : chosen) {
//       auto a = kept[i].arrangement;
//       a.name = place_option_label(kept[i], facts.current);
//       options.push_back(a);
//   }
//   const PlacePerformances p = place_performances(facts, options);
//   const SmaaResult ranks = smaa(p.options, p.criteria, p.performances, WeightSpec{});
//   const EconomicAppraisal money = appraise(place_options(facts, options));
//   const int target = place_staged_option(money.preferred, ranks.rank_acceptability);
//   const PlaceStaging s = place_staging(facts, options[target]);
//   const StagedDecision tree = staged_decision(s.prior, pilot_standard_error(place_pilot()), s.model);
//
// (tests/cpp/test_appraisal_place.cpp runs it.)
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/appraisal/economic.hpp"
#include "healthyplaces/appraisal/long_list.hpp"
#include "healthyplaces/appraisal/optimism_bias.hpp"
#include "healthyplaces/appraisal/smaa.hpp"
#include "healthyplaces/appraisal/staging.hpp"
#include "healthyplaces/finance/business_case.hpp"
#include "healthyplaces/integration/arrangement.hpp"

namespace hp::appraisal {

// ---- the assumptions (ILLUSTRATIVE unless said otherwise) ------------------------------------------------------

/// Spend a year per resident that a council and its NHS body could pool (adult social care, community health,
/// continuing care), £: an ILLUSTRATIVE order of magnitude, not a published figure.
inline constexpr double place_spend_per_resident = 600.0;
/// The growth of the population over 80 over the appraisal's ten years when none is given: an ASSUMPTION.
inline constexpr double place_over_80_growth = 0.25;
/// England's share aged 80 or over (about 5.1%, ONS mid-2020s): the reference an older place is compared with.
inline constexpr double england_over_80_share = 0.051;
/// The cost of an emergency bed day, £ (ILLUSTRATIVE 2020s price).
inline constexpr double place_bed_day_cost = 350.0;
/// The prior of the effect of integrated care for the over-80s, emergency bed days saved per person a year:
/// mean and sd, ILLUSTRATIVE, from the range other areas' evaluations report.
inline constexpr double place_bed_days_mean = 0.1;
inline constexpr double place_bed_days_sd = 0.4;
/// A place's population when the library has none: an ASSUMPTION.
inline constexpr double place_default_population = 250000.0;
/// Partners whose governance scores (shares of the maximum) differ by more than this are a complementary blend,
/// closer ones compatible (the green paper's "compatible or complementary blends?").
inline constexpr double place_blend_gap = 0.15;
/// Financial management: the largest uplift where the council is the stronger partner (ILLUSTRATIVE), reached at
/// a gap of place_full_gap; the factor where the NHS body is the stronger partner.
inline constexpr double place_council_uplift = 0.3;
inline constexpr double place_full_gap = 0.5;
inline constexpr double place_nhs_stronger_factor = 0.9;
/// The share of the NHS deficit within reach that integration recovers (mean of a beta, sd 0.15; ×1.3 where the
/// council is the stronger partner): ILLUSTRATIVE.
inline constexpr double place_deficit_recovered = 0.3;
inline constexpr double place_deficit_recovered_sd = 0.15;
/// The staged decision's pilot: its cost, a share of the pooled spend a year for each of its years, on half the
/// place (ILLUSTRATIVE), and its duration.
inline constexpr double place_pilot_cost_share = 0.005;
inline constexpr int place_pilot_years = 2;
/// The default pilot's shape (place_pilot()): ILLUSTRATIVE.
inline constexpr int place_pilot_steps = 2;
inline constexpr int place_pilot_clusters_per_step = 2;
inline constexpr int place_pilot_baseline_periods = 1;
inline constexpr double place_pilot_cluster_size = 300;
inline constexpr double place_pilot_icc = 0.03;
inline constexpr double place_pilot_sd = 3;
/// The optimism bias of every option but business as usual: the Green Book's equipment and development
/// project type with three quarters of its risks mitigated (ILLUSTRATIVE: integration is mostly organisational
/// and systems change).
inline constexpr ProjectType place_project_type = ProjectType::equipment_development;
inline constexpr double place_mitigation = 0.75;

// ---- the facts -----------------------------------------------------------------------------------------------

/// The green paper's synthesis of two partners' governance scores.
enum class Blend : std::uint8_t { unknown, compatible, council_stronger, nhs_stronger };
/// "unknown", "compatible", "complementary (council stronger)", "complementary (NHS body stronger)".
std::string_view to_string(Blend b) noexcept;
/// The words of to_string; DomainError listing them otherwise.
Blend parse_blend(std::string_view words);
/// The blend of two scores (shares of the maximum): unknown when either is NaN, complementary when they differ
/// by more than place_blend_gap (the stronger partner named), else compatible.
Blend blend_of(double council_score, double nhs_score) noexcept;

/// What the library knows about a place that bears on which arrangement fits it, and where each fact came from.
struct PlaceFacts {
    std::string area;
    std::string council, nhs_body;   ///< from the score table, or ""
    double council_score = std::numeric_limits<double>::quiet_NaN();  ///< governance total / maximum, in [0, 1]
    double nhs_score = std::numeric_limits<double>::quiet_NaN();      ///< NaN: not in the scores
    Blend blend = Blend::unknown;    ///< must be blend_of(council_score, nhs_score)
    double coterminosity = 1;        ///< share of the population served in common, [0, 1]
    integration::Arrangement current;  ///< business as usual
    double population = place_default_population;  ///< residents, >= 1
    double over_80_share = england_over_80_share;  ///< [0, 1]
    double over_80_growth = place_over_80_growth;  ///< over the horizon, [-1, 10] (0.25 = +25%)
    double pooled_spend = place_default_population * place_spend_per_resident;  ///< £ a year, [0, 1e15]
    double nhs_deficit = 0;          ///< £ a year, [0, 1e15]
    /// Each fact's source (keys: council, nhs_body, council_score, nhs_score, blend, coterminosity, current,
    /// population, over_80_share, over_80_growth, pooled_spend, nhs_deficit): a dataset, "you" or "assumption ...".
    std::map<std::string, std::string> sources;
};

/// DomainError "for_place: <fact> must be ..." naming the first fact out of its range above (NaN included), a
/// blend that is not the scores', or scores outside [0, 1].
void validate(const PlaceFacts& facts);

/// What the datasets say about a place and what the user gives: place_facts() applies the precedence (the user,
/// then the data, then the assumptions above) and names each source.
struct PlaceEvidence {
    static constexpr double unknown = std::numeric_limits<double>::quiet_NaN();
    std::string area;
    /// The score table's row: scores_source "" means the place is not in the scores.
    std::string scores_source;       ///< e.g. "green paper scores (NLGN 2008)" or "your scores"
    std::string council, nhs_body;
    double council_total = unknown, council_max = unknown;  ///< the governance totals and their maxima
    double nhs_total = unknown, nhs_max = unknown;
    double coterminosity = unknown;  ///< NaN: not recorded (coterminous assumed)
    /// The case studies' row: case_source "" means the place is not a case study.
    std::string case_source;         ///< e.g. "case studies (NLGN 2008)"
    std::optional<integration::Arrangement> case_arrangement;
    double case_population = unknown, case_over_80_share = unknown;  ///< NaN: not recorded
    /// England's share over 80 from the package's demography (used when neither the user nor a case study gives
    /// the place's); NaN is refused when it is needed.
    double england_over_80_share = unknown;
    std::string england_source = "England's (ONS mid-year estimate shipped with the package)";
    // the user's figures (none: not given)
    std::optional<integration::Arrangement> current;
    std::optional<double> population, over_80_share, over_80_growth, pooled_spend, nhs_deficit;
};

/// The facts, each with its source, validated. DomainError "for_place: <fact> must be a finite number in [low,
/// high], got <value>" for a user figure out of range (population [1, inf], over_80_share [0, 1], over_80_growth
/// [-1, 10], pooled_spend and nhs_deficit [0, 1e15], checked in that order); a score total outside [0, max].
PlaceFacts place_facts(const PlaceEvidence& evidence);

// ---- the short list ------------------------------------------------------------------------------------------

/// The options appraised for a place, as indices into `kept` (the short list's options in long-list order):
/// business as usual and do minimum, then the kept options that are presets or pool budgets under a section 75
/// agreement (the paper's own arrangements); when these are more than `most`, the ends of the range of integration
/// and an even spread between (indices round(i (n − 1) / (take − 1)), half to even, duplicates dropped).
/// DomainError for `most` outside 3..12.
std::vector<int> place_short_list(const std::vector<LongListOption>& kept, int most);

/// An option's label on the page and in charts: "business as usual", "do minimum (<what changes>)", a preset's
/// name, or what it changes from `current` in short words ("pooled budgets, joint staff").
std::string place_option_label(const LongListOption& option, const integration::Arrangement& current);

// ---- criteria performances -----------------------------------------------------------------------------------

/// Options × the green paper's six criteria (green_paper_criteria()), each a range on its 0-10 judgement scale.
struct PlacePerformances {
    std::vector<std::string> options;   ///< the arrangements' names
    std::vector<Criterion> criteria;
    PerformanceTable performances;      ///< [option][criterion], Performance::range
};

/// The performances of the header comment. DomainError as validate(facts).
PlacePerformances place_performances(const PlaceFacts& facts, const std::vector<integration::Arrangement>& options);

// ---- the money ------------------------------------------------------------------------------------------------

/// The illustrative sums of moving from business as usual to an option (see the header comment), shared by the
/// economic appraisal's flows and the staged decision.
struct PlaceAmounts {
    double restructuring = 0;     ///< the one-off cost's mode, £
    int restructuring_years = 1;  ///< the years it is spread over
    double running = 0;           ///< joint running costs, £ a year
    double posts = 0;             ///< shared management posts, £ a year saved
    double deficit = 0;           ///< the NHS deficit within reach, £ a year
    double recovered = 0;         ///< the mean share of it recovered
    double bed_days = 0;          ///< the value a year of one bed day saved per person over 80, £
};
PlaceAmounts place_amounts(const PlaceFacts& facts, const integration::Arrangement& option);

/// The option's flows (named "<what>: <option name>", except the two shared inputs "NHS deficit recovered" and
/// "bed days saved per person over 80", drawn once for every option: common random numbers).
std::vector<finance::Flow> place_flows(const PlaceFacts& facts, const integration::Arrangement& option);

/// The optimism bias applied to every option but business as usual: place_project_type, place_mitigation.
OptimismBias place_optimism_bias();

/// The economic appraisal's options: each arrangement's flows, named as it is, the first (business as usual)
/// without optimism bias, the others with `bias`. DomainError as validate(facts), or for no options.
std::vector<Option> place_options(const PlaceFacts& facts, const std::vector<integration::Arrangement>& options,
                                  const OptimismBias& bias = place_optimism_bias());

// ---- in one step or in stages ----------------------------------------------------------------------------------

/// The option the staged decision is about: the one preferred in money unless that is business as usual (index
/// 0), else the one ranked first most often (SMAA-2's first column, first on ties) unless that is business as
/// usual too, else the last (the most integrated). DomainError for an index outside the options.
int place_staged_option(int preferred_in_money, const std::vector<std::vector<double>>& rank_acceptability);

/// The staged decision's tree for an option, in the terms of staging.hpp: θ is bed days saved per person over 80 a
/// year, worth value_per_unit = max(bed_days, 1) £ a year from year 1 (lag 1); the restructuring cost is the
/// triangular's mean 1.2 × mode raised by the capital uplift; the running costs a year are raised by the operating
/// uplift, less the shared posts and the recovered deficit's mean; known net savings beyond the running costs
/// (known_savings) are counted as known_savings / value_per_unit more effect (they have the effect's timing), so
/// the prior N(0.1 + known_savings / value_per_unit, 0.4²); the pilot runs place_pilot_years at a cost of
/// place_pilot_cost_share × pooled spend × 0.5 (half the place).
struct PlaceStaging {
    finance::Uncertain prior;
    StagingModel model;
    double known_savings = 0;     ///< £ a year
    double net_running = 0;       ///< running costs a year less the known savings (negative: a net saving)
};
PlaceStaging place_staging(const PlaceFacts& facts, const integration::Arrangement& option,
                           const OptimismBias& bias = place_optimism_bias(), int horizon = 10, double rate = 0.035);

/// The default pilot: 4 of 8 localities in a two-step stepped wedge (2 clusters a step after one baseline period;
/// each period a year), 300 people per cluster-period, ICC 0.03, outcome sd 3 bed days (ILLUSTRATIVE).
PilotDesign place_pilot();

/// What the most integrated option's restructuring cost says about the answer (its switching value), for the
/// answer's sentence: none (nothing to say), stays_preferred (it is preferred and no switch in range), only_below
/// (not preferred; it would take over below `value`), stays_below (preferred; another takes over above `value`).
enum class RestructuringFinding : std::uint8_t { none, stays_preferred, only_below, stays_below };
std::string_view to_string(RestructuringFinding f) noexcept;
/// The finding from the switching value of the most integrated option's restructuring cost, given whether that
/// option is the one preferred in money and its name.
RestructuringFinding place_restructuring_finding(const SwitchingValue& switching, bool most_is_preferred,
                                                 const std::string& most);

}  // namespace hp::appraisal

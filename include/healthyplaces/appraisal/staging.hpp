#pragma once
// Single step or staged? The green paper asks whether joint services should be introduced in one step or in
// stages. This is the decision tree between three paths, valued in £ at year 0:
//
//   integrate now        pay the restructuring cost now, get the uncertain effect's value after a lag;
//   pilot then decide    run a pilot for `pilot_years` years at its cost, observe its estimate of the effect,
//                        then integrate (in year `pilot_years`) or not, by a stated rule;
//   do minimum           a stated present value (0 by default).
//
// The monetary model (years 0..horizon, D(t) the Green Book discount factors of hp::finance::discount_factors:
// year 0 undiscounted, year t discounted as if it falls at the end of year t). Integrating in year s is worth
// V_s(θ) = a_s θ + c_s, linear in the uncertain effect θ:
//
//   scale per_year   θ is the effect a year on its own scale (money, or an outcome whose unit is worth
//                    `value_per_unit` £ a year). The benefit value_per_unit·θ comes every year from s + lag to
//                    the horizon; the restructuring cost is paid in year s; the running cost every year from
//                    s + 1 to the horizon. a_s = v Σ_{t=s+lag..H} D(t), c_s = −C D(s) − R Σ_{t=s+1..H} D(t).
//                    The horizon is fixed, so waiting forgoes the benefits of the pilot's years: that is the
//                    cost of delay.
//   scale npv        value_per_unit·θ is the net present value, at the year of integrating, of integration's
//                    benefits net of its running costs; the restructuring cost is paid that year. Integrating
//                    later is the same project shifted: a_s = v D(s), c_s = −C D(s) (running_cost must be 0:
//                    it belongs in θ; lag is unused).
//
// The pilot's cost is spread equally over years 0..pilot_years − 1; the do-minimum value is the same whether or
// not a pilot ran. The pilot's own benefits in the localities it covers are not counted (a conservative
// simplification) and the pilot cannot be stopped early. θ has a prior (normal for the closed form, any
// hp::finance::Uncertain for the Monte Carlo method); the pilot's estimate is x = θ + ε, ε ~ N(0, se²), with se
// from hp::evaluation's power functions for the pilot's design (pilot_standard_error) or given. Larger θ must
// be better (value_per_unit > 0): state a reduction in admissions as a positive number.
//
// Rules for the decision after the pilot, all of the form "integrate iff x > threshold": optimal (integrate iff
// the posterior expected value of integrating exceeds doing the minimum; with a normal likelihood the posterior
// mean rises with x, so this is a threshold on x), threshold (the user's), significance (integrate iff the
// estimate is positive and significant in a two-sided test at level alpha: threshold z_{1−α/2} se).
//
// Closed form (normal prior N(μ0, σ0²)): x ~ N(μ0, s_x²) with s_x² = σ0² + se², E[θ | x] = μ0 + k(x − μ0) with
// k = σ0²/s_x², and the preposterior mean has sd σ_pre = σ0²/s_x. With z = (t − μ0)/s_x for a threshold t:
//   P(integrate) = Φ(−z),   E[1{x>t} V_s(θ)] = (a_s μ0 + c_s) Φ(−z) + a_s σ_pre φ(z)
// (a truncated normal expectation, since E[(x − μ0) 1{x>t}] = s_x φ(z)), so with m_s = a_s μ0 + c_s − V0
//   value of deciding in year s after the information = V0 + m_s Φ(−z) + a_s σ_pre φ(z),
// which for the optimal threshold is V0 + max(m_s, 0) + normal_evpi(m_s, a_s σ_pre).
//
// Outputs. EV of each path; the best; P(the pilot leads to integration); EVSI = the value of the pilot's
// information were it free and instant (decided in year 0 with it, minus deciding in year 0 without it:
// normal_evpi(m_0, a_0 σ_pre) for the optimal rule; possibly negative for a poor user rule); the expected net
// gain of sampling ENGS = EV(pilot then decide) − max(EV(integrate now), EV(do minimum)); the pilot's cost (present
// value) and the cost of delay, defined so that ENGS = EVSI − pilot cost − cost of delay (the expected value lost
// by deciding pilot_years later than an instant pilot would allow); EVPI = normal_evpi(m_0, a_0 σ0).
//
// The Monte Carlo method draws θ from any Uncertain prior (a normal one by the ziggurat, others by inversion as
// hp::finance::draw) and x = θ + se·Z, Z by the ziggurat (hp::stats::standard_normal), in blocks of 1,024 draws,
// block b from RandomStream(seed, b) (θ then Z for each draw), block summaries combined in block order: the
// same numbers for any thread count. For a non-normal prior the optimal threshold is found from the
// posterior mean by quadrature (4,096 prior quantiles at the midpoints of equal-probability intervals),
// root-found in x. The EV of integrating now and of doing the minimum are exact (linear in θ); the rest carry
// Monte Carlo standard errors.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "healthyplaces/evaluation/power.hpp"
#include "healthyplaces/evaluation/power_stepped_wedge.hpp"
#include "healthyplaces/finance/business_case.hpp"
#include "healthyplaces/finance/uncertain.hpp"

namespace hp::appraisal {

enum class EffectScale : std::uint8_t { per_year, npv };
std::string_view to_string(EffectScale) noexcept;
/// "per_year", "npv"; DomainError listing them otherwise.
EffectScale parse_effect_scale(std::string_view name);

/// The money of the three paths (see the header comment for what is discounted and when).
struct StagingModel {
    EffectScale scale = EffectScale::per_year;
    double value_per_unit = 1.0;    ///< £ per unit of θ (a year, for per_year); > 0
    int horizon = 10;               ///< the last year of the appraisal, 1..10,000
    int lag = 1;                    ///< per_year: years from integrating to the first year of benefit, >= 0
    double restructuring_cost = 0;  ///< £, paid in the year of integrating, >= 0
    double running_cost = 0;        ///< per_year: £ a year from the year after integrating, >= 0
    double do_minimum = 0;          ///< the do-minimum path's present value, £ (any finite number)
    int pilot_years = 1;            ///< the pilot's duration; integrating after it happens in this year, >= 1
    double pilot_cost = 0;          ///< £ in total, spread equally over years 0..pilot_years − 1, >= 0
    finance::DiscountOptions discounting;  ///< the Green Book's 3.5% by default
};

/// V_s(θ) = a_s θ + c_s for s = 0 (now) and s = pilot_years (after the pilot), the pilot's cost as a present
/// value and the discount factors used. DomainError naming the field for a model outside the ranges above, or a
/// per_year model whose benefits would not start by the horizon after the pilot (pilot_years + lag > horizon).
struct StagingCoefficients {
    double a_now = 0, c_now = 0, a_after = 0, c_after = 0, pilot_cost = 0;
    std::vector<double> discount_factor;
};
StagingCoefficients staging_coefficients(const StagingModel& model);

// ---- the pilot's standard error, from hp::evaluation's power functions --------------------------------------

enum class PilotDesignKind : std::uint8_t { parallel, did, stepped_wedge };
std::string_view to_string(PilotDesignKind) noexcept;
/// "parallel" (or "cluster"), "did", "stepped_wedge"; DomainError listing them otherwise.
PilotDesignKind parse_pilot_design_kind(std::string_view name);

/// A pilot's design; only the fields of its kind are read. The effect is on the outcome's own scale (the
/// difference in means), continuous outcomes only (a binary outcome's standard error depends on the effect).
struct PilotDesign {
    PilotDesignKind kind = PilotDesignKind::stepped_wedge;
    // parallel: a cluster-randomised comparison, power_cluster
    double clusters_per_arm = 0;
    evaluation::ClusterPowerOptions cluster;
    // did: difference in differences with serial correlation, power_did
    double n_treated = 0;
    evaluation::DidPowerOptions did;
    // stepped_wedge: Hussey and Hughes, power_stepped_wedge (clusters x periods 0/1 design)
    Eigen::MatrixXd design;
    double cluster_size = 1;  ///< individuals per cluster-period (power_stepped_wedge's m)
    evaluation::SteppedWedgePowerOptions stepped_wedge;
};

/// The standard error of the pilot's estimate of the effect: PowerResult::standard_error of power_cluster,
/// power_did or power_stepped_wedge for the design (their own DomainErrors for a bad design).
double pilot_standard_error(const PilotDesign& design);

// ---- the rule after the pilot -------------------------------------------------------------------------------

enum class RuleKind : std::uint8_t { optimal, threshold, significance };
std::string_view to_string(RuleKind) noexcept;
/// "optimal", "threshold", "significance"; DomainError listing them otherwise.
RuleKind parse_rule_kind(std::string_view name);

struct DecisionRule {
    RuleKind kind = RuleKind::optimal;
    double threshold = 0;  ///< threshold: integrate iff the estimate exceeds this (θ's scale), finite
    double alpha = 0.05;   ///< significance: the two-sided test's level, in (0, 1)
};

/// The posterior of θ given the pilot's estimate: normal prior: N(μ0 + k(x − μ0), σ0² se²/(σ0² + se²));
/// other priors: mean and sd by the quadrature of the header comment. DomainError for se not finite and > 0 or a
/// non-finite estimate.
struct EffectPosterior {
    double mean = 0, sd = 0;
};
EffectPosterior effect_posterior(const finance::Uncertain& prior, double se, double estimate);

// ---- the decision ----------------------------------------------------------------------------------------------

enum class StagingPath : std::uint8_t { integrate_now, pilot_then_decide, do_minimum };
std::string_view to_string(StagingPath) noexcept;

/// One node of the tree, for drawing: kind "decision" (a box), "chance" (a circle) or "terminal"; `probability`
/// of reaching it from its parent (1 under a decision node); `value` its expected value at year 0 (£, the pilot's
/// cost included on the pilot's branch; NaN for a branch of probability 0); `chosen` whether the path or rule
/// takes it from its parent.
struct StagedTreeNode {
    int id = 0;
    int parent = -1;
    std::string kind;
    std::string label;
    double probability = 1;
    double value = 0;
    bool chosen = false;
};

struct StagedDecision {
    std::string method;  ///< "closed form" or "Monte Carlo"
    double se = 0;       ///< the pilot estimate's standard error
    double prior_mean = 0, prior_sd = 0;
    double threshold = 0;       ///< after the pilot: integrate iff the estimate exceeds this (±inf: always/never)
    double threshold_now = 0;   ///< the same rule's threshold for an instant pilot (EVSI)
    double break_even = 0;      ///< the θ at which integrating after the pilot is worth doing the minimum
    double ev_integrate_now = 0, ev_pilot = 0, ev_do_minimum = 0;
    StagingPath best = StagingPath::do_minimum;
    double p_integrate = 0;  ///< P(the pilot leads to integration)
    double evsi = 0, engs = 0, evpi = 0, pilot_cost = 0, delay_cost = 0;
    double sigma_pre = std::numeric_limits<double>::quiet_NaN();  ///< normal prior: the preposterior mean's sd
    /// Monte Carlo standard errors (NaN for the closed form; 0 for exact quantities).
    double se_ev_pilot = std::numeric_limits<double>::quiet_NaN(), se_p_integrate = se_ev_pilot,
           se_evsi = se_ev_pilot, se_evpi = se_ev_pilot;
    std::int64_t n_sims = 0;
    std::uint64_t seed = 0;
    StagingCoefficients coefficients;
    std::vector<StagedTreeNode> tree;
};

/// The closed form. DomainError: a prior that is not normal (name the Monte Carlo method), prior sd not > 0,
/// se not finite and > 0, a bad model or rule (naming the field).
StagedDecision staged_decision(const finance::Uncertain& prior, double se, const StagingModel& model,
                               const DecisionRule& rule = {});

struct StagingSimulation {
    std::int64_t n_sims = 100000;  ///< 1..10^9
    std::uint64_t seed = 0;
    int threads = 0;  ///< 0 = all cores; results do not depend on it
};

/// The Monte Carlo method, for any prior (a fixed prior has nothing to learn and is refused).
StagedDecision simulate_staged_decision(const finance::Uncertain& prior, double se, const StagingModel& model,
                                        const DecisionRule& rule, const StagingSimulation& simulation = {});

}  // namespace hp::appraisal

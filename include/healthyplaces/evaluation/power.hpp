#pragma once
// Power and sample size for pilots, solved like statsmodels' solve_power: give all but one of power, size and
// effect, and the one left out (std::nullopt) is found by root finding (Boost's TOMS 748). Analytic designs:
// an ordinal outcome under proportional odds (Whitehead 1993), cluster-randomised trials with a design effect,
// and difference-in-differences with serially correlated outcomes (Frison and Pocock 1992, McKenzie 2012).
// Stepped-wedge designs are in power_stepped_wedge.hpp, simulation in power_simulate.hpp.
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hp::evaluation {

/// Which quantity a power calculation solved for.
enum class PowerSolved : std::uint8_t { power, n, effect };
std::string_view to_string(PowerSolved) noexcept;

/// What every power calculation returns: the three quantities (one of them solved), the test's level and
/// what the numbers mean. Fields a design does not define stay NaN (or empty).
struct PowerResult {
    double power = std::numeric_limits<double>::quiet_NaN();
    double n = std::numeric_limits<double>::quiet_NaN();       ///< in `n_label`'s unit; not rounded
    double effect = std::numeric_limits<double>::quiet_NaN();  ///< on `effect_label`'s scale
    double alpha = 0.05;
    PowerSolved solved = PowerSolved::power;
    std::string n_label;       ///< "total participants", "clusters per arm", ...
    std::string effect_label;  ///< "odds ratio", "difference in means", ...
    std::string method;        ///< the formula, in words a reader can check
    double standard_error = std::numeric_limits<double>::quiet_NaN();  ///< of the estimate at the solution
    double design_effect = std::numeric_limits<double>::quiet_NaN();   ///< variance inflation (cluster designs)
    double df = std::numeric_limits<double>::infinity();               ///< t degrees of freedom; inf = normal
    std::vector<double> control_probabilities;  ///< ordinal only
    std::vector<double> treated_probabilities;  ///< ordinal only: implied by proportional odds
    std::vector<double> mean_probabilities;     ///< ordinal only: weighted by allocation
    /// Design-specific numbers, in the order a summary shows them (e.g. "individuals_per_arm", "icc",
    /// "control_units"): each design's own inputs and what follows from them at the solution.
    std::vector<std::pair<std::string, double>> details;
};

/// The size to recruit: n rounded up to a whole number (a size within 1e-9 of a whole number is that number).
double n_required(double n);

/// Two-sided power of a Wald test of an effect whose estimate has standard error `se`: both tails,
/// Phi(|effect|/se - z) + Phi(-|effect|/se - z); with `df` finite, the non-central t with that many degrees of
/// freedom and non-centrality |effect|/se.
double wald_power(double effect, double se, double alpha, double df = std::numeric_limits<double>::infinity());

// ---- 1. Ordinal outcome, proportional odds (Whitehead 1993) -------------------------------------------------

struct OrdinalPowerOptions {
    double alpha = 0.05;
    double allocation_ratio = 1.0;  ///< treated participants per control participant
    /// Instead of the odds ratio: the treated arm's category probabilities, from which common_odds_ratio
    /// derives it (empty = not given; giving both is a DomainError).
    std::vector<double> treated;
};

/// Treated-arm category probabilities implied by proportional odds: for every cut j, the odds of scoring in
/// category j or above (later in the list) are `odds_ratio` times the control arm's. DomainError naming the
/// field for probabilities that are negative or do not sum to 1 (to 1e-9), fewer than 2 categories, or an odds
/// ratio that is not finite and > 0.
std::vector<double> proportional_odds_shift(std::span<const double> control, double odds_ratio);

/// The common odds ratio of treated over control probabilities (categories worst to best): the exponential of
/// the mean cumulative log odds ratio over the cuts where both arms' P(category j or above) lies strictly in
/// (0, 1). DomainError for probabilities that are invalid (as proportional_odds_shift), of different lengths,
/// with no usable cut, or far from proportional odds (cut log odds ratios spread by more than 5% of the largest
/// and by more than 0.01: the message lists the odds ratio at each cut).
double common_odds_ratio(std::span<const double> control, std::span<const double> treated);

/// Whitehead's (1993) formula: var(log OR) = 3 (A + 1)^2 / (A n (1 - sum pbar_i^3)), n total participants,
/// A the allocation ratio, pbar the category probabilities averaged over the arms (weights 1 and A). Exactly
/// one of odds_ratio, n_total, power is nullopt. Solving for the odds ratio finds the one above 1 (the treated
/// arm scoring higher); the test is symmetric, so 1/OR is the one below up to pbar's small asymmetry.
PowerResult power_ordinal(std::span<const double> control, std::optional<double> odds_ratio,
                          std::optional<double> n_total, std::optional<double> power,
                          const OrdinalPowerOptions& options = {});

// ---- 2. Cluster-randomised trials --------------------------------------------------------------------------

enum class OutcomeKind : std::uint8_t { continuous, binary };
std::string_view to_string(OutcomeKind) noexcept;
/// "continuous", "binary"; DomainError listing them otherwise.
OutcomeKind parse_outcome_kind(std::string_view name);

struct ClusterPowerOptions {
    double alpha = 0.05;
    OutcomeKind outcome = OutcomeKind::continuous;
    double sd = 1.0;               ///< continuous: individual-level SD (both arms)
    double control_proportion = std::numeric_limits<double>::quiet_NaN();  ///< binary: p0
    /// Instead of the effect: p1, the effect then being p1 - p0 (needs control_proportion; giving the effect
    /// too is a DomainError).
    std::optional<double> treated_proportion;
    double cluster_size = 1.0;     ///< mean individuals per cluster, m >= 1
    double icc = 0.0;              ///< intra-cluster correlation in [0, 1)
    double cv = 0.0;               ///< coefficient of variation of cluster sizes (Eldridge et al. 2006)
    /// t test on cluster means with df = 2(k - 1) (non-central t) instead of the normal approximation.
    bool t_correction = false;
};

/// Design effect 1 + ((cv^2 + 1) m - 1) ICC (1 + (m - 1) ICC for equal clusters).
double design_effect(double cluster_size, double icc, double cv = 0.0);

/// Two arms of k clusters of m: var(difference) = (v0 + v1) DE / (k m) with v = sd^2 (continuous) or p(1 - p)
/// (binary, p1 = p0 + effect). `effect` is the difference in means or proportions; solving for it finds the
/// positive one. Exactly one of effect, clusters_per_arm, power is nullopt.
PowerResult power_cluster(std::optional<double> effect, std::optional<double> clusters_per_arm,
                          std::optional<double> power, const ClusterPowerOptions& options);

// ---- 4. Difference-in-differences with serial correlation ---------------------------------------------------

/// POST compares post-period means; DID the change from pre to post; ANCOVA the post means adjusted for the
/// pre means (efficient only when arms are randomised: it assumes equal pre-period expectations).
enum class PrePostAnalysis : std::uint8_t { post, did, ancova };
std::string_view to_string(PrePostAnalysis) noexcept;
/// "post", "did" (or "diff", "difference-in-differences"), "ancova"; DomainError listing them otherwise.
PrePostAnalysis parse_pre_post_analysis(std::string_view name);

struct DidPowerOptions {
    double alpha = 0.05;
    double sd = 1.0;             ///< SD of a unit's outcome in one period
    double rho = 0.0;            ///< correlation between any two periods of a unit (equal correlation), [0, 1)
    std::size_t pre_periods = 1;   ///< m
    std::size_t post_periods = 1;  ///< r
    double ratio = 1.0;          ///< control units per treated unit
    PrePostAnalysis estimator = PrePostAnalysis::did;
};

/// Variance factor f of McKenzie (2012, eqs. 1-3; Frison and Pocock 1992): var = sd^2 (1/n1 + 1/n0) f with
/// POST f = (1 + (r-1) rho)/r, DID f = (1 + (m-1) rho)/m + (1 + (r-1) rho)/r - 2 rho,
/// ANCOVA f = (1 + (r-1) rho)/r - m rho^2 / (1 + (m-1) rho).
double did_variance_factor(PrePostAnalysis estimator, std::size_t pre_periods, std::size_t post_periods, double rho);

/// n is treated units (control units = ratio n). Exactly one of effect, n_treated, power is nullopt.
PowerResult power_did(std::optional<double> effect, std::optional<double> n_treated, std::optional<double> power,
                      const DidPowerOptions& options = {});

// ---- shared by every design -----------------------------------------------------------------------------------

namespace detail {
/// Checks alpha and a given power lie in (0, 1), exactly one unknown, n and effect given are valid; throws
/// DomainError naming the field. `who` prefixes messages.
PowerSolved check_unknowns(std::string_view who, double alpha, const std::optional<double>& effect,
                           const std::optional<double>& n, const std::optional<double>& power);
/// Root of f(x) = target on [lo, hi] where f is increasing; DomainError saying what cannot be reached.
double solve_increasing(const std::function<double(double)>& f, double target, double lo, double hi,
                        std::string_view who, std::string_view what);
/// Fills effect, n, power and standard_error of `out` for a Wald test whose standard error depends on n only
/// (se_of(n)), solving for the one unknown `solved`; n is searched on [n_lo, n_hi].
void solve_wald(PowerResult& out, PowerSolved solved, const std::optional<double>& effect,
                const std::optional<double>& n, const std::optional<double>& power, double alpha,
                const std::function<double(double)>& se_of, double n_lo, double n_hi, std::string_view who,
                std::string_view n_what);
}  // namespace detail

}  // namespace hp::evaluation

#pragma once
// Power by simulation for any design: panels of units x periods with unit and period effects, serially
// correlated errors and a treatment schedule (parallel, staggered, stepped wedge: any 0/1 matrix) are drawn
// and an estimator tests the effect. Simulation s draws only from RandomStream(seed, s), so the answer is
// the same for any thread count, and simulate_panel(s) hands a caller the very panel the engine used.
#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "healthyplaces/evaluation/panel.hpp"

namespace hp::evaluation {

enum class ErrorStructure : std::uint8_t { independent, ar1, equicorrelated };
std::string_view to_string(ErrorStructure) noexcept;
/// "independent" (or "iid"), "ar1", "equicorrelated" (or "exchangeable"); DomainError otherwise.
ErrorStructure parse_error_structure(std::string_view name);

/// y_it = period_t + u_i + effect * D_it + e_it, u_i ~ N(0, unit_sd^2), period_t ~ N(0, period_sd^2) drawn
/// afresh each simulation, e_i. with SD error_sd and correlation rho between periods (AR(1): rho^|s-t|;
/// equicorrelated: rho). Cluster trials: unit = cluster, unit_sd = tau, error_sd = sigma / sqrt(m).
struct SimulationDesign {
    Eigen::MatrixXd treatment;  ///< units x periods, 0/1 (need not be absorbing)
    double unit_sd = 0.0;
    double period_sd = 0.0;
    double error_sd = 1.0;
    double rho = 0.0;
    ErrorStructure errors = ErrorStructure::independent;
};

/// twfe: two-way fixed effects static ATT (the 2x2 DiD on two periods) with cluster-robust (unit) SE,
/// CR1 G/(G-1) (N-1)/(N-K) with K = T (period effects and the ATT; the unit effects nested in the clusters are
/// not counted, as fixest and Stata's xtreg, fe), t with G - 1 df. cluster_means: pooled two-sample t on
/// unit means over the periods in which any unit is treated, ever-treated vs never-treated units. gls: GLS
/// with period fixed effects and the design's own (known) covariance, a z test: the Hussey-Hughes analysis.
enum class SimulationEstimator : std::uint8_t { twfe, cluster_means, gls };
std::string_view to_string(SimulationEstimator) noexcept;
SimulationEstimator parse_simulation_estimator(std::string_view name);

struct SimulationOptions {
    double alpha = 0.05;
    std::int64_t n_sims = 1000;
    std::uint64_t seed = 0;
    int threads = 0;  ///< 0 = all cores; results do not depend on it
    SimulationEstimator estimator = SimulationEstimator::twfe;
};

/// One estimate with its standard error and the reference distribution's df (inf = normal).
struct EffectEstimate {
    double estimate = 0.0;
    double se = 0.0;
    double df = 0.0;
};

struct SimulationPower {
    double power = 0.0;
    double mc_se = 0.0;  ///< sqrt(power (1 - power) / n_sims)
    std::int64_t n_sims = 0;
    std::int64_t rejections = 0;
    double mean_estimate = 0.0;  ///< average estimate (its bias shows here)
    double sd_estimate = 0.0;    ///< SD of the estimates (the true standard error)
    double mean_se = 0.0;        ///< average reported standard error
    std::string method;
};

/// Staggered adoption: `adoption` lists (first treated period index, 0-based, or nullopt = never; number of
/// units adopting then), giving that many rows of `periods` columns, 1 from the adoption index on. DomainError
/// for periods < 1, an adoption index outside 0..periods-1, a negative count, or no units.
Eigen::MatrixXd staggered_design(const std::vector<std::pair<std::optional<std::int64_t>, std::int64_t>>& adoption,
                                 std::int64_t periods);

/// A panel's own schedule: units x periods, 1 from each unit's adoption period on.
Eigen::MatrixXd treatment_matrix(const Panel& panel);

/// Planning values from a panel's untreated cells (treated cells and unobserved ones left out): sd of one unit
/// in one period around the period mean (the mean of the squared deviations times I / (I - 1)); rho, the mean
/// over period pairs (with at least 3 units observed in both) of their covariance (sum of products / (n - 1))
/// over sd^2, clamped to [0, 0.999]; and the equivalent random unit effect unit_sd = sd sqrt(rho) plus
/// independent errors error_sd = sd sqrt(1 - rho). DataError for fewer than 3 units or 2 periods, or too few
/// untreated cells to estimate a variance and a correlation.
struct PanelMoments {
    double sd = 0, rho = 0, unit_sd = 0, error_sd = 0;
};
PanelMoments panel_moments(const Panel& panel);

/// Units as clusters of `cluster_size` people with intra-cluster correlation `icc` and total SD `sd`:
/// unit_sd = sd sqrt(icc), error_sd = sd sqrt((1 - icc) / cluster_size) (the cluster-period mean). DomainError
/// for icc outside [0, 1) or cluster_size < 1.
struct ClusterNoise {
    double unit_sd = 0, error_sd = 0;
};
ClusterNoise cluster_noise(double icc, double sd = 1.0, double cluster_size = 1.0);

/// Checks the design (0/1 treatment, SDs >= 0 and finite, rho in [0, 1), at least one treated and one
/// untreated cell) and the estimator's needs; DomainError naming the field.
void check_simulation_design(const SimulationDesign& design, SimulationEstimator estimator);

/// The panel (units x periods) of simulation `index`.
Eigen::MatrixXd simulate_panel(const SimulationDesign& design, double effect, std::uint64_t seed,
                               std::int64_t index);

EffectEstimate estimate_twfe(const Eigen::MatrixXd& outcome, const Eigen::MatrixXd& treatment);
EffectEstimate estimate_cluster_means(const Eigen::MatrixXd& outcome, const Eigen::MatrixXd& treatment);

/// Checks the effect (finite), alpha in (0, 1) and n_sims >= 1; DomainError naming the field.
void check_simulation_options(double effect, const SimulationOptions& options);

SimulationPower simulate_power(const SimulationDesign& design, double effect, const SimulationOptions& options);

/// Power from p-values a caller's own estimator returned for simulations 0, 1, ...: the share below alpha with
/// its Monte Carlo SE (mean_estimate, sd_estimate, mean_se stay NaN). DataError naming the simulation whose
/// p-value is not in [0, 1]; DomainError for alpha outside (0, 1) or no p-values.
SimulationPower power_from_pvalues(std::span<const double> pvalues, double alpha);

}  // namespace hp::evaluation

#pragma once
// Power by simulation for any design: panels of units x periods with unit and period effects, serially
// correlated errors and a treatment schedule (parallel, staggered, stepped wedge: any 0/1 matrix) are drawn
// and an estimator tests the effect. Simulation s draws only from RandomStream(seed, s), so the answer is
// the same for any thread count, and simulate_panel(s) hands a caller the very panel the engine used.
#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <string_view>

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
    std::int64_t n_sim = 1000;
    std::uint64_t seed = 0;
    int threads = 1;  ///< 0 = all cores; results do not depend on it
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
    double mc_se = 0.0;  ///< sqrt(power (1 - power) / n_sim)
    std::int64_t n_sim = 0;
    std::int64_t rejections = 0;
    double mean_estimate = 0.0;  ///< average estimate (its bias shows here)
    double sd_estimate = 0.0;    ///< SD of the estimates (the true standard error)
    double mean_se = 0.0;        ///< average reported standard error
    std::string method;
};

/// Checks the design (0/1 treatment, SDs >= 0 and finite, rho in [0, 1), at least one treated and one
/// untreated cell) and the estimator's needs; DomainError naming the field.
void check_simulation_design(const SimulationDesign& design, SimulationEstimator estimator);

/// The panel (units x periods) of simulation `index`.
Eigen::MatrixXd simulate_panel(const SimulationDesign& design, double effect, std::uint64_t seed,
                               std::int64_t index);

EffectEstimate estimate_twfe(const Eigen::MatrixXd& outcome, const Eigen::MatrixXd& treatment);
EffectEstimate estimate_cluster_means(const Eigen::MatrixXd& outcome, const Eigen::MatrixXd& treatment);

SimulationPower simulate_power(const SimulationDesign& design, double effect, const SimulationOptions& options);

}  // namespace hp::evaluation

#pragma once
// Stepped-wedge (and other cluster-by-period) designs, Hussey and Hughes (2007): cluster-period means
// Y_ij = mu + beta_j + X_ij theta + a_i + e_ij with a_i ~ N(0, tau^2) and e_ij ~ N(0, sigma^2 / m), the
// treatment effect estimated by GLS with period fixed effects. The closed form for var(theta) is used for
// power; the same variance from the full covariance matrix (Eigen) is here too, to check it and for designs
// with other covariance structures.
#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string_view>

#include "healthyplaces/evaluation/power.hpp"

namespace hp::evaluation {

/// Classic stepped wedge: `steps` groups of `clusters_per_step`, steps + baseline_periods periods; group s
/// (1-based) switches to treatment after baseline_periods + s - 1 periods and stays treated.
Eigen::MatrixXd stepped_wedge_design(std::size_t steps, std::size_t clusters_per_step,
                                     std::size_t baseline_periods = 1);
/// Parallel design: the first `clusters_per_arm` clusters treated in every period, the rest never.
Eigen::MatrixXd parallel_design(std::size_t clusters_per_arm, std::size_t periods = 1);
/// Parallel with baseline: nobody treated for `baseline_periods`, then one arm treated for `periods_after`.
Eigen::MatrixXd parallel_baseline_design(std::size_t clusters_per_arm, std::size_t baseline_periods,
                                         std::size_t periods_after);

/// The designs above by name, for callers that choose one at run time.
enum class DesignKind : std::uint8_t { stepped_wedge, parallel, parallel_baseline };
std::string_view to_string(DesignKind) noexcept;
/// "stepped_wedge", "parallel", "parallel_baseline"; DomainError listing them otherwise.
DesignKind parse_design_kind(std::string_view name);

/// What each kind needs: stepped_wedge steps and clusters_per_step (and baseline_periods); parallel
/// clusters_per_arm (periods default 1); parallel_baseline clusters_per_arm, baseline_periods and periods (after
/// the baseline). DomainError naming what is missing.
struct DesignShape {
    std::optional<std::size_t> steps, clusters_per_step, clusters_per_arm, periods;
    std::size_t baseline_periods = 1;
};
Eigen::MatrixXd make_design(DesignKind kind, const DesignShape& shape);

/// Checks a design: a non-empty clusters x periods matrix of 0/1 (DomainError naming cluster and period
/// otherwise); with `require_switch`, every cluster starts untreated and ends treated (a stepped wedge:
/// DomainError naming a cluster never or always treated).
void check_design(const Eigen::MatrixXd& design, bool require_switch);

/// Hussey and Hughes' closed form: with U = sum X_ij, W = sum_j (sum_i X_ij)^2, V = sum_i (sum_j X_ij)^2,
/// var = I s2 (s2 + T t2) / ((I U - W) s2 + (U^2 + I T U - T W - I V) t2), s2 the cluster-period mean
/// variance sigma^2/m, t2 = tau^2. DomainError when the effect is not identified (denominator <= 0).
double hussey_hughes_variance(const Eigen::MatrixXd& design, double s2, double t2);

/// var(theta) of the GLS estimator with period fixed effects, every cluster's periods sharing the covariance
/// `within` (periods x periods), computed from the information matrix. For checks and general structures.
double gls_variance(const Eigen::MatrixXd& design, const Eigen::MatrixXd& within);

namespace detail {
/// Fisher information of (T period means, theta) for clusters x periods `design` with the inverse of the
/// within-cluster covariance `inverse_within`: sum_i Z_i' inv Z_i with Z_i = [I_T | x_i].
Eigen::MatrixXd gls_information(const Eigen::MatrixXd& design, const Eigen::MatrixXd& inverse_within);
}  // namespace detail

struct SteppedWedgePowerOptions {
    double alpha = 0.05;
    double sigma = 1.0;  ///< individual-level SD within a cluster-period
    std::optional<double> tau;  ///< SD of the cluster random effect (nullopt: 0, or from icc)
    /// Instead of tau: the intra-cluster correlation tau^2 / (tau^2 + sigma^2) in [0, 1), tau = sigma
    /// sqrt(icc / (1 - icc)). Giving both is a DomainError.
    std::optional<double> icc;
    bool require_switch = true;  ///< the design must be a stepped wedge (see check_design)
};

/// Power, individuals per cluster-period (n), or detectable effect (positive) for a design. Exactly one of
/// effect, m, power is nullopt. With tau > 0 power is bounded as m grows: a DomainError says so (and what
/// the bound is) when the target cannot be reached.
/// The cluster SD the options describe: tau, or sigma sqrt(icc / (1 - icc)), or 0; DomainError for both given or
/// an icc outside [0, 1).
double cluster_sd(const SteppedWedgePowerOptions& options);

PowerResult power_stepped_wedge(const Eigen::MatrixXd& design, std::optional<double> effect,
                                std::optional<double> m, std::optional<double> power,
                                const SteppedWedgePowerOptions& options = {});

}  // namespace hp::evaluation

#pragma once
// Difference-in-differences: did the outcome of the areas that adopted change more than that of the areas that
// did not? The canonical 2x2 by regression (y ~ treat + post + treat:post) and, with more periods or staggered
// adoption, the static two-way fixed-effects estimate (y ~ D_it + unit + period). Standard errors classical,
// HC1 or clustered by unit, as statsmodels computes them.
#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/evaluation/panel.hpp"
#include "healthyplaces/numerics/regression.hpp"

namespace hp::evaluation {

enum class DidMethod : std::uint8_t {
    automatic,  ///< 2x2 with two periods, two-way fixed effects with more
    two_by_two, ///< pooled: treated group x post (one adoption period for all treated units)
    twfe,       ///< unit and period fixed effects, D_it = 1 once unit i has adopted
};
std::string_view to_string(DidMethod) noexcept;
/// "auto", "2x2", "twfe"; DomainError listing them otherwise.
DidMethod parse_did_method(std::string_view name);

struct DidOptions {
    DidMethod method = DidMethod::automatic;
    numerics::CovType cov_type = numerics::CovType::cluster;  ///< clusters are units
    bool use_t = true;
    double confidence_level = 0.95;
    std::vector<std::string> covariates;  ///< names of the panel's covariates to adjust for (time-varying)
};

struct DidResult {
    DidMethod method = DidMethod::two_by_two;
    double att = 0;             ///< the coefficient on treat:post (2x2) or D (two-way fixed effects)
    double standard_error = 0;
    double statistic = 0;       ///< att / standard_error
    double pvalue = 0;
    double ci_low = 0, ci_high = 0;
    double df = 0;              ///< of the t reference (infinity with use_t = false)
    std::size_t n_obs = 0, n_units = 0, n_periods = 0, n_treated = 0, n_clusters = 0;
    /// Mean outcome by group (0 control = never treated, 1 treated) and half (0 before adoption, 1 from it);
    /// NaN for staggered adoption, where "after" differs between treated units.
    std::array<std::array<double, 2>, 2> means{};
    /// Mean outcome per period of the treated (ever-adopting) and of the never-treated units; NaN where none.
    std::vector<double> treated_mean, control_mean;
    std::vector<std::int64_t> periods;
    std::vector<std::int64_t> cohorts;
    std::string outcome_name;
    /// The regression: every term with the 2x2 (const, treat, post, treat:post, covariates); the treatment and
    /// covariates with fixed effects absorbed (their number is in fit.n_params).
    numerics::OlsFit fit;
};

/// Difference-in-differences on a panel. DomainError (naming unit and period) for: no treated unit, a treated
/// unit without a period before adoption, no never-treated unit (2x2, or a single adoption period), a constant
/// outcome, an adoption period after the panel ends, staggered adoption with method 2x2; DataError for a
/// missing covariate value (naming unit and period).
/// DomainError naming confidence_level when options.confidence_level is outside (0, 1).
DidResult did(const Panel& panel, const DidOptions& options = {});

/// The 2x2 table of means with its differences: rows control, treated, treated - control; columns before,
/// after, after - before (the bottom-right cell is the difference in differences of the means). NaN where
/// `means` is (staggered adoption).
std::array<std::array<double, 3>, 3> means_table(const DidResult& result);

/// The observed cells of a panel, unit by unit, with the named covariates (DataError naming the unit and period
/// of a missing value).
struct PanelCells {
    std::vector<std::size_t> unit, period;  ///< indices into the panel's units and periods
    Eigen::VectorXd y;
    Eigen::MatrixXd covariates;             ///< cells x named covariates
};
PanelCells observed_cells(const Panel& panel, std::span<const std::string> covariates, std::string_view method);

/// After absorbing unit and period fixed effects: DomainError naming the first covariate (columns of `before`
/// and `after`, cells x covariates) that the fixed effects absorbed whole, e.g. one constant within each unit.
void require_not_absorbed(const Eigen::MatrixXd& before, const Eigen::MatrixXd& after,
                          std::span<const std::string> names, std::string_view method);

}  // namespace hp::evaluation

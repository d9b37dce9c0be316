#pragma once
// Staggered adoption by Callaway and Sant'Anna (2021): the average effect on the units first treated in
// period g (cohort g), in period t, ATT(g,t), each from its own 2x2 comparison of cohort g with a control
// group (never treated, or not yet treated by t) between t and a base period, so that units treated earlier
// never serve as controls (the flaw of two-way fixed effects under heterogeneous effects). Matches R's
// did::att_gt for balanced panels (panel = TRUE): same cells, base periods, control sets, estimators
// (drdid.hpp) and influence functions; uniform bands by the multiplier bootstrap (multiplier_bootstrap.hpp).
#include <Eigen/Core>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "healthyplaces/evaluation/drdid.hpp"
#include "healthyplaces/evaluation/inference.hpp"
#include "healthyplaces/evaluation/multiplier_bootstrap.hpp"
#include "healthyplaces/evaluation/panel.hpp"

namespace hp::evaluation {

enum class ControlGroup { never_treated, not_yet_treated };
/// "never", "notyet".
std::string_view to_string(ControlGroup) noexcept;
/// "never" (or "nevertreated", "never_treated"), "notyet" (or "notyettreated", "not_yet_treated"); DomainError
/// listing them otherwise.
ControlGroup parse_control_group(std::string_view name);

/// varying: pre-treatment cells compare t with t-1 (did's default); universal: every cell compares with
/// the cohort's last period before treatment, g - 1 - anticipation, whose own cell is 0 by construction.
enum class BasePeriod { varying, universal };
std::string_view to_string(BasePeriod) noexcept;
/// "varying", "universal"; DomainError listing them otherwise.
BasePeriod parse_base_period(std::string_view name);

struct AttGtOptions {
    ControlGroup control = ControlGroup::never_treated;
    DidEstimator estimator = DidEstimator::dr;
    BasePeriod base_period = BasePeriod::varying;
    std::int64_t anticipation = 0;        ///< periods before adoption that may already be affected
    std::vector<std::string> covariates;  ///< panel covariates (taken at the earlier period of each cell)
    MultiplierOptions bootstrap;          ///< n_resamples = 0: analytic standard errors and pointwise intervals
    bool uniform_band = true;             ///< simultaneous band (needs the bootstrap) or pointwise intervals
};

struct AttGtResult {
    // One entry per (cohort, period) cell, cohorts ascending, periods ascending within a cohort.
    std::vector<std::int64_t> group;
    std::vector<std::int64_t> period;
    std::vector<std::int64_t> base;      ///< the base (comparison) period of the cell
    std::vector<std::size_t> n_treated;  ///< units of the cohort in the cell
    std::vector<std::size_t> n_control;  ///< control units in the cell (0 for a normalised cell)
    Eigen::VectorXd att;
    Eigen::VectorXd se;                  ///< bootstrap if n_resamples > 0, else analytic (as did reports)
    Eigen::VectorXd se_analytic;         ///< sqrt(mean(psi^2) / n); NaN for a normalised cell
    Eigen::VectorXd ci_low, ci_high;     ///< simultaneous band or pointwise interval at `confidence_level`
    double critical_value = 0;           ///< sup-t bootstrap value (uniform) or the normal quantile
    bool uniform = false;                ///< whether ci_* is a simultaneous band
    Eigen::MatrixXd influence;           ///< units x cells, psi scaled by n / n_cell as did does

    // What aggregation needs.
    std::vector<std::string> units;
    std::vector<std::int64_t> unit_group;  ///< each unit's cohort, 0 = never treated (within the panel)
    std::vector<std::int64_t> cohorts;     ///< cohorts estimated, ascending
    std::vector<std::int64_t> periods;     ///< periods of the panel used, ascending
    std::string outcome_name;
    AttGtOptions options;
};

/// Group-time average treatment effects. The panel must be balanced (DomainError naming the unit and the
/// period it lacks; did's unbalanced-panel path is not implemented). DomainError also for: a cohort adopting
/// in the first period (or within `anticipation` of it: no pre-period), no never-treated unit with
/// control = never_treated, an unknown covariate, a missing covariate value (naming unit, covariate and
/// period), negative anticipation, and a cell whose 2x2 estimate fails (naming cohort and period).
/// Units adopting after the last period are never treated within the panel, as in did.
AttGtResult att_gt(const Panel& panel, const AttGtOptions& options = {});

/// Pointwise two-sided normal p-values of ATT(g, t) = 0, one per cell (normal_pvalue of att and se; NaN for a
/// normalised cell).
Eigen::VectorXd pointwise_pvalues(const AttGtResult& result);

/// did's Wald pre-test of parallel trends, as its summary prints it: every pre-treatment ATT(g, t) (group >
/// period, cells with a finite analytic standard error) is 0. W = n att' V^-1 att with V = psi'psi / n over
/// those cells; p from the chi-square with as many degrees of freedom as cells. NaN statistic and p-value when
/// there is no pre-treatment cell (df 0) or V is singular (condition number above 1 / machine epsilon).
struct PreTest {
    double statistic = std::numeric_limits<double>::quiet_NaN();
    double pvalue = std::numeric_limits<double>::quiet_NaN();
    std::size_t df = 0;
};
PreTest pretest(const AttGtResult& result);

/// Uniform band / pointwise intervals and `se` from a bootstrap (or analytic) run; used by att_gt and
/// aggregate. Exposed for the tests.
void fill_inference(const Eigen::MatrixXd& influence, const Eigen::VectorXd& estimate, const MultiplierOptions& boot,
                    bool uniform_band, Eigen::Index band_columns, Eigen::VectorXd& se, Eigen::VectorXd& se_analytic,
                    Eigen::VectorXd& ci_low, Eigen::VectorXd& ci_high, double& critical_value, bool& uniform);

}  // namespace hp::evaluation

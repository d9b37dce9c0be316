#pragma once
// Ordinary least squares with the variances difference-in-differences needs: classical, heteroskedasticity-robust
// (HC1) and one-way cluster-robust (CR1). The numbers follow statsmodels' OLS exactly (same small-sample
// corrections, same degrees of freedom), so an analyst can check a result against the tool they know.
#include <Eigen/Core>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hp::numerics {

/// How the coefficients' covariance is estimated.
/// nonrobust: sigma^2 (X'X)^-1 with sigma^2 = SSR / (N - K).
/// hc1: (X'X)^-1 X' diag(e^2) X (X'X)^-1 * N / (N - K) (White, MacKinnon-White's HC1).
/// cluster: (X'X)^-1 (sum_g X_g' e_g e_g' X_g) (X'X)^-1 * G/(G-1) * (N-1)/(N-K) (CR1, statsmodels and Stata).
enum class CovType : std::uint8_t { nonrobust, hc1, cluster };
std::string_view to_string(CovType) noexcept;
/// "nonrobust", "HC1" (any case), "cluster"; DomainError listing them otherwise.
CovType parse_cov_type(std::string_view name);

struct OlsOptions {
    CovType cov_type = CovType::nonrobust;
    /// Student t reference (df = N - K; G - 1 with clusters, as statsmodels with use_t=True) or the normal.
    bool use_t = true;
    double confidence_level = 0.95;
    /// Fixed-effect columns removed from X before the fit (by the caller, e.g. by demeaning) but counted in K for
    /// the small-sample corrections, so the variances equal those of the regression with the dummies.
    std::size_t absorbed = 0;
};

struct OlsFit {
    std::vector<std::string> names;
    Eigen::VectorXd params, bse, statistic, pvalues, ci_low, ci_high;
    Eigen::MatrixXd cov;
    Eigen::VectorXd residuals;
    std::size_t n_obs = 0;
    std::size_t n_params = 0;      ///< K, the absorbed fixed effects included
    std::size_t n_clusters = 0;    ///< G with cov_type cluster, else 0
    double df_resid = 0;           ///< N - K
    double df = 0;                 ///< the t reference's degrees of freedom (infinity for the normal)
    double ssr = 0;
    CovType cov_type = CovType::nonrobust;
    bool use_t = true;
    double confidence_level = 0.95;

    /// Index of a term by name; DomainError naming it when absent.
    std::size_t index(std::string_view name) const;
};

/// Least squares of y on the columns of X (include a column of ones for an intercept). `clusters` (one code per
/// row) is required for cov_type cluster and ignored otherwise. DataError for mismatched sizes, non-finite
/// values, fewer rows than terms; DomainError naming the first term that is a linear combination of the terms
/// before it (e.g. a covariate constant within every unit alongside unit fixed effects), or for one cluster.
OlsFit ols(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, std::vector<std::string> names,
           const OlsOptions& options = {}, std::span<const std::int64_t> clusters = {});

/// A joint Wald test that the named coefficients are all zero: chi-square with q degrees of freedom, or with
/// use_t F = chi2 / q on (q, df) degrees of freedom (statsmodels' wald_test with use_f).
struct WaldTest {
    double statistic = 0;
    double pvalue = 0;
    double df_num = 0;
    double df_denom = 0;  ///< infinity for the chi-square form
    bool f = false;
};
WaldTest wald_test(const OlsFit& fit, std::span<const std::size_t> terms);

/// Two-sided p-value and interval half-width multiplier for a t (finite df) or normal (df infinite) reference.
double two_sided_pvalue(double statistic, double df);
double critical_value(double confidence_level, double df);

}  // namespace hp::numerics

namespace hp::numerics {

/// Removes unit and period fixed effects from each column of M (rows are observations of unit[r] in period[r])
/// by alternating projections: exact in one sweep on a balanced panel, iterated to convergence otherwise. By
/// Frisch-Waugh-Lovell, least squares on the result gives the coefficients, residuals and (with OlsOptions::absorbed
/// set to the return value) the variances of the regression with unit and period dummies. Returns the number of
/// dummy columns absorbed: units + periods - connected components of the unit-period graph.
std::size_t absorb_two_way(Eigen::MatrixXd& M, std::span<const std::size_t> unit, std::span<const std::size_t> period,
                           std::size_t n_units, std::size_t n_periods);

}  // namespace hp::numerics

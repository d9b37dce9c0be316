#pragma once
// Weighted logistic regression by iteratively reweighted least squares: the propensity score of the
// doubly-robust and inverse-probability difference-in-differences estimators. Small and exact rather than
// general: a dense design with an intercept column supplied by the caller, a handful of columns.
#include <Eigen/Core>

#include <string>

namespace hp::numerics {

struct LogitOptions {
    int max_iterations = 50;
    /// Converged when the deviance changes by less than this, relative (R's glm uses 1e-8; tighter here so
    /// that estimates agree with a fully converged fit to ~1e-12).
    double tolerance = 1e-13;
};

struct LogitFit {
    Eigen::VectorXd coefficients;
    Eigen::VectorXd fitted;  ///< P(y = 1 | x) for each row
    double deviance = 0;
    int iterations = 0;
};

/// Fits P(y=1|x) = 1/(1+exp(-x'b)) with case weights w (empty = all 1). `what` names the model in errors
/// ("propensity score for cohort 2006 in period 2007"). DomainError for: y not 0/1, a design whose weighted
/// cross-product is singular (collinear covariates), perfect separation (fitted probabilities reach 0 or 1
/// while the coefficients diverge) and no convergence within max_iterations. DataError for NaN in x or y or
/// mismatched sizes.
LogitFit logit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w,
               const std::string& what, const LogitOptions& options = {});

}  // namespace hp::numerics

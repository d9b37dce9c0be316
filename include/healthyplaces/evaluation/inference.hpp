#pragma once
// Normal and t inference shared by the evaluation estimators: two-sided p-values and confidence_level intervals from an
// estimate and its standard error. The Python layer calls these rather than computing its own (one definition of
// each rule, in C++).
#include <Eigen/Core>

#include <limits>
#include <utility>

namespace hp::evaluation {

/// Two-sided p-value of estimate = 0 against the standard normal: erfc(|z| / sqrt 2) = 2 (1 - Phi(|z|)) with
/// z = estimate / standard_error. NaN when either is NaN or the standard error is not > 0 (no test).
double normal_pvalue(double estimate, double standard_error);
/// normal_pvalue element by element; DomainError when the lengths differ.
Eigen::VectorXd normal_pvalues(const Eigen::VectorXd& estimate, const Eigen::VectorXd& standard_error);

/// estimate -/+ c x standard_error with c the (1 + confidence_level) / 2 quantile of Student's t with `df` degrees of
/// freedom (the normal when df is infinite). DomainError naming confidence_level outside (0, 1). A NaN standard
/// error gives a NaN interval.
std::pair<double, double> confidence_interval(double estimate, double standard_error, double confidence_level,
                                              double df = std::numeric_limits<double>::infinity());
/// confidence_interval element by element: (low, high); DomainError when the lengths differ.
std::pair<Eigen::VectorXd, Eigen::VectorXd> confidence_intervals(
    const Eigen::VectorXd& estimate, const Eigen::VectorXd& standard_error, double confidence_level,
    double df = std::numeric_limits<double>::infinity());

}  // namespace hp::evaluation

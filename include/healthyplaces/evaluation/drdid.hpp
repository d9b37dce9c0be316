#pragma once
// The 2x2 panel difference-in-differences estimators that Callaway-Sant'Anna apply to each (group, period)
// cell, with their influence functions (Sant'Anna and Zhao 2020, as R's DRDID implements them for panels):
//   reg  outcome regression: the change in outcome of the treated minus the change a linear regression on
//        the controls predicts for them (Heckman, Ichimura and Todd 1997);
//   ipw  normalised ("Hajek") inverse-probability weighting (Abadie 2005) with a logit propensity score;
//   dr   the doubly robust combination (Sant'Anna and Zhao's equation 3.1, "locally efficient" when both
//        working models are right), consistent if either model is.
// Each returns ATT and psi_i with sqrt(n)(ATT_hat - ATT) = n^{-1/2} sum psi_i + o_p(1): the standard error is
// sqrt(mean(psi^2) / n) and the multiplier bootstrap perturbs psi.
#include <Eigen/Core>

#include <string>
#include <string_view>

namespace hp::evaluation {

enum class DidEstimator { dr, ipw, reg };
/// "dr", "ipw", "reg".
std::string_view to_string(DidEstimator) noexcept;
/// "dr", "ipw", "reg"; DomainError listing them otherwise.
DidEstimator parse_did_estimator(std::string_view name);

struct DidEstimate {
    double att = 0;
    Eigen::VectorXd influence;  ///< psi_i, one per unit given
};

/// y1, y0: outcomes after and before; treated: 0/1; x: covariates with the intercept column first (n x k, k >=
/// 1; intercept only = unconditional DiD). Controls with a propensity score >= `trim` are dropped from the
/// ipw/dr weights (DRDID's trimming at 0.995), and scores are capped at 1 - 1e-6. `what` names the cell in
/// errors. DomainError when there are no treated or no control units, when the controls' design is
/// singular, or when the propensity logit fails (separation, no convergence).
DidEstimate did_panel(const Eigen::VectorXd& y1, const Eigen::VectorXd& y0, const Eigen::VectorXd& treated,
                      const Eigen::MatrixXd& x, DidEstimator estimator, const std::string& what,
                      double trim = 0.995);

}  // namespace hp::evaluation

#pragma once
// Augmented synthetic control (Ben-Michael, Feller and Rothstein 2021, R package augsynth, progfunc = "Ridge"):
// synthetic control weights on the pre-period outcomes (V = identity), then a ridge regression of the donors'
// outcomes corrects what imbalance remains; the correction moves the weights off the simplex (they still sum
// to one) and trades a little extrapolation for less bias. The ridge penalty is chosen as augsynth does:
// leave-one-pre-period-out cross-validation over a geometric grid, taking the largest penalty within one
// standard error of the best. Inference: leave-one-donor-out jackknife (augsynth's inf_type = "jackknife").
#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "healthyplaces/evaluation/panel.hpp"

namespace hp::evaluation {

/// The most lambdas the cross-validation grid takes (each is a ridge fit per fold): 10,000.
inline constexpr std::int64_t max_n_lambda = 10000;

struct AugsynthOptions {
    std::string treated;
    std::optional<std::int64_t> treatment_period;  ///< default: the treated unit's adoption period
    std::vector<std::string> donors;               ///< default: every never-treated unit but the treated one
    std::optional<double> lambda;                  ///< ridge penalty; default: cross-validated
    std::size_t n_lambda = 20;                     ///< grid: sigma_max^2 x r^(i-1), i = 0..n_lambda; 1 to max_n_lambda
    double lambda_min_ratio = 1e-8;                ///< r = lambda_min_ratio^(1/n_lambda)
    bool min_1se = true;                           ///< largest lambda within one SE of the best (else the best)
    std::size_t holdout = 1;                       ///< pre-periods held out per fold; 1 to 10^9 (and 2 fewer than the pre-periods)
    bool jackknife = true;                         ///< leave-one-donor-out standard errors
    int threads = 0;
};

/// The ridge-augmented weights for pre-period outcomes X0 (T0 x J donors) and X1 (T0): the simplex
/// least-squares weights w plus X0c' (X0c X0c' + lambda I)^-1 (X1c - X0c w), X0c and X1c centred on the donors'
/// mean in each period. Returns {w_scm, w_aug}.
std::pair<Eigen::VectorXd, Eigen::VectorXd> ridge_augmented_weights(const Eigen::MatrixXd& x0, const Eigen::VectorXd& x1,
                                                                    double lambda);

struct AugsynthResult {
    std::string treated;
    std::vector<std::string> donors;
    std::vector<std::int64_t> periods;
    std::int64_t treatment_period = 0;
    Eigen::VectorXd scm_weights;     ///< per donor, on the simplex
    Eigen::VectorXd weights;         ///< augmented, per donor; sum to 1, may be negative
    Eigen::VectorXd treated_path;
    Eigen::VectorXd synthetic_path;  ///< augmented synthetic control, every period
    Eigen::VectorXd scm_path;        ///< plain synthetic control, every period
    Eigen::VectorXd estimates;       ///< treated - augmented synthetic, per period (the effect after treatment)
    Eigen::VectorXd se;              ///< jackknife standard error per period (NaN without the jackknife)
    double att = 0;                  ///< mean estimate over the post-periods
    double att_se = 0;               ///< its jackknife standard error (NaN without the jackknife)
    double att_pvalue = 0;           ///< two-sided normal p-value of att / att_se (normal_pvalue; NaN without)
    double lambda = 0;
    Eigen::VectorXd lambdas, cv_error, cv_se;  ///< the cross-validation curve (empty when lambda was given)
    double l2_imbalance = 0;         ///< ||X1 - X0'w_aug|| over the pre-periods
    double scm_l2_imbalance = 0;     ///< the same for the plain synthetic control
    double scaled_l2_imbalance = 0;  ///< l2_imbalance / that of uniform weights
    double pre_rmspe = 0;
};

/// DomainError, naming unit and period, for the same bad input as synth(): a treated unit missing or without
/// pre-periods, no donors, a unit not observed in some period, a constant outcome; and for a lambda < 0 or
/// too few pre-periods to cross-validate (need holdout + 2).
AugsynthResult augsynth(const Panel& panel, const AugsynthOptions& options);

}  // namespace hp::evaluation

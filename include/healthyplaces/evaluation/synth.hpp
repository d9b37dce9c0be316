#pragma once
// Synthetic control (Abadie and Gardeazabal 2003; Abadie, Diamond and Hainmueller 2010): the treated unit's
// untreated path is a convex combination of donor units whose weights W match its predictors, weighted by a
// diagonal V chosen so the synthetic unit tracks the treated one's pre-period outcome. Predictors are built as
// R's Synth::dataprep builds them (covariates averaged over chosen periods, NaN skipped; "special" predictors
// such as the outcome in one year); V is found by the nested minimisation of the pre-period MSPE from Synth's
// two starts (equal weights and the regression-based start), W by exact QP on the simplex (simplex_qp.hpp).
// Inference is by placebos: in space (each donor treated in turn), in time (a fake treatment period) and
// leave-one-out donors, each fit independent, so they run in parallel with identical results for any
// thread count.
#include <Eigen/Core>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "healthyplaces/evaluation/panel.hpp"

namespace hp::evaluation {

/// The search for V: Nelder-Mead on Synth's parametrisation V = |x| / sum |x| from each start, restarted
/// from its own best point until a restart no longer improves the loss; the best over the starts is kept.
struct VSearchOptions {
    std::size_t max_evaluations = 4000;  ///< per Nelder-Mead run; 1 to 10^9
    double relative_tolerance = 1e-10;   ///< stop when the simplex's losses agree to this (relative)
    std::size_t restarts = 3;            ///< further runs from the best point found; 0 to 10^9
    bool regression_start = true;        ///< Synth's second start: diag(B B') from regressing Z on X
};

/// The matrices of one fit, as Synth names them: predictors X (k predictors x J donors; X1 the treated
/// unit's k values) and the outcome over the optimisation periods Z (T x J; Z1 the treated unit's T values).
struct SynthMatrices {
    Eigen::VectorXd x1;
    Eigen::MatrixXd x0;
    Eigen::VectorXd z1;
    Eigen::MatrixXd z0;
};

struct SynthWeights {
    Eigen::VectorXd w;     ///< donor weights, on the simplex
    Eigen::VectorXd v;     ///< predictor weights, nonnegative, summing to 1
    double loss_v = 0;     ///< MSPE over the optimisation periods: ||Z1 - Z0 w||^2 / T
    double loss_w = 0;     ///< (X1 - X0 w)' V (X1 - X0 w) on the scaled predictors
    std::size_t evaluations = 0;  ///< of the inner problem, over the whole V search
};

/// Weights for one treated unit. Predictors are divided by their standard deviation across the J + 1 units
/// (as Synth does). With `v` given (k nonnegative values, not all zero) V is |v|/sum|v| and not searched;
/// with one predictor V = 1. DomainError for mismatched sizes, non-finite values, fewer than one donor, or a
/// predictor with no variation across units.
SynthWeights synth_weights(const SynthMatrices& m, const std::optional<Eigen::VectorXd>& v = std::nullopt,
                           const VSearchOptions& search = {});

/// A predictor that is one variable (a covariate or the outcome) averaged over the given periods, NaN
/// skipped: Synth's special.predictors, e.g. {"cigsale", {1988}} or {"beer", {1984, ..., 1988}}.
struct SpecialPredictor {
    std::string variable;
    std::vector<std::int64_t> periods;
    std::string op = "mean";  ///< only "mean" (Synth's default)
};

struct SynthOptions {
    std::string treated;                            ///< the treated unit's name
    std::optional<std::int64_t> treatment_period;   ///< first treated period; default: the unit's adoption
    std::vector<std::string> donors;                ///< default: every never-treated unit but the treated one
    std::vector<std::string> predictors;            ///< covariates (or the outcome) averaged over predictor_periods
    std::vector<std::int64_t> predictor_periods;    ///< default: every pre-period
    std::vector<SpecialPredictor> special_predictors;
    std::vector<std::int64_t> optimisation_periods; ///< pre-periods whose MSPE V minimises; default: all
    std::optional<Eigen::VectorXd> v;               ///< user-given V (skips the search)
    VSearchOptions search;
    bool in_space_placebos = true;                         ///< in-space placebos (each donor treated in turn)
    /// Placebos whose pre-period MSPE exceeds this multiple of the treated unit's are left out of the p-value
    /// (ADH 2010 show 20, 5 and 2); infinity keeps all.
    double placebo_mspe_cutoff = std::numeric_limits<double>::infinity();
    bool leave_one_out = false;                     ///< refit without each donor of positive weight
    int threads = 0;                                ///< 0 = all cores
};

/// One synthetic control: weights and paths over every period of the panel.
struct SynthFit {
    std::string treated;
    std::vector<std::string> donors;
    Eigen::VectorXd weights;             ///< per donor
    Eigen::VectorXd v;                   ///< per predictor
    Eigen::VectorXd treated_predictors;  ///< unscaled, per predictor
    Eigen::VectorXd synthetic_predictors;
    Eigen::VectorXd treated_path;        ///< outcome per period
    Eigen::VectorXd synthetic_path;
    Eigen::VectorXd gaps;                ///< treated - synthetic, per period
    double pre_rmspe = 0;                ///< over every period before treatment
    double post_rmspe = 0;               ///< over the treatment period and after
    double rmspe_ratio = 0;              ///< post / pre
    double loss_v = 0;
    double loss_w = 0;
};

struct SynthPlacebo {
    SynthFit fit;       ///< the donor treated, the other donors as its pool (the real treated unit left out)
    bool kept = true;   ///< within placebo_mspe_cutoff
};

struct LeaveOneOut {
    std::string dropped;
    SynthFit fit;
};

struct SynthResult {
    SynthFit fit;
    std::vector<std::int64_t> periods;
    std::int64_t treatment_period = 0;
    std::vector<std::int64_t> optimisation_periods;
    std::vector<std::string> predictor_labels;  ///< "lnincome", "beer (1984-1988)", "cigsale (1988)"
    Eigen::VectorXd donor_mean_predictors;      ///< unweighted mean over the donor pool
    std::vector<SynthPlacebo> in_space_placebos;
    /// Share of units (treated and kept placebos) whose post/pre RMSPE ratio is at least the treated unit's:
    /// the permutation p-value; NaN without placebos.
    double pvalue = std::numeric_limits<double>::quiet_NaN();
    std::size_t rank = 0;                       ///< of the treated unit's ratio among them (1 = largest)
    double mean_post_gap = 0;                   ///< the effect: the mean gap from the treatment period on
    std::vector<LeaveOneOut> leave_one_out;
};

/// The full analysis on a panel: checks, predictors, the fit, placebos and leave-one-out. DomainError naming
/// the unit and period for a treated unit missing or without pre-periods, no donors, a unit not observed in
/// a period the fit uses, a predictor with no value for a unit over its periods, a constant outcome.
SynthResult synth(const Panel& panel, const SynthOptions& options);

/// In-time placebo: the same specification with treatment moved to `placebo_period` (before the real one),
/// using only the periods before the real treatment; predictor and optimisation periods at or after the
/// placebo period are dropped. A gap that opens at the placebo period casts doubt on the real estimate.
SynthResult synth_in_time(const Panel& panel, const SynthOptions& options, std::int64_t placebo_period);

}  // namespace hp::evaluation

#pragma once
// The value of information of a probabilistic sensitivity analysis (PSA) of several options: the expected value
// of perfect information (EVPI) and of partial perfect information about one input or a group of inputs (EVPPI)
// by the regression method of Strong, Oakley & Brennan (2014, Med Decis Making 34:311): each option's net
// benefit, relative to a reference option, is smoothed on the inputs of interest by a penalised regression spline
// (P-spline: a cubic B-spline basis with knots at the input's quantiles and a second-difference penalty, its
// smoothing parameter chosen by generalised cross-validation), and EVPPI = mean_i max_k ĝ_ik − max_k mean_i ĝ_ik.
// A group of 2 to 4 inputs is smoothed by a tensor product of such bases with one smoothing parameter.
#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

namespace hp::appraisal {

/// The largest group of inputs whose EVPPI the tensor-product spline estimates; beyond it the basis has too
/// many coefficients for the PSA sizes used in practice, and Gaussian-process regression or INLA are the
/// alternatives (Strong et al 2014; Heath et al 2016).
inline constexpr int max_evppi_group = 4;

/// The basis functions per input of a group of `size` inputs (1: 25, 2: 10, 3: 6, 4: 5), before knots tied by
/// repeated input values are merged: the tensor product has at most the size-th power of it.
int evppi_basis_per_input(int size);

/// The expected value of perfect information of a choice between options.
struct EvpiResult {
    std::int64_t n_sims = 0;                  ///< PSA samples (rows of the net-benefit matrix)
    std::vector<std::string> options;         ///< the options' names, in the matrix's column order
    std::vector<double> mean_net_benefit;     ///< each option's mean net benefit over the PSA
    std::vector<double> p_best;               ///< the share of samples where each option has the highest net benefit (ties to the first)
    int best = 0;                             ///< the option with the highest mean net benefit (the decision now)
    double evpi = 0;                          ///< E[max_k NB_k] − max_k E[NB_k]
    double standard_error = 0;                ///< its Monte Carlo standard error: sd of the opportunity loss / √n
};

/// The EVPPI of one input or one group of inputs.
struct EvppiEstimate {
    std::vector<int> group;                   ///< the inputs' column indices
    std::vector<std::string> inputs;          ///< their names
    double evppi = 0;                         ///< mean_i max_k ĝ_ik − max_k mean_i ĝ_ik
    double standard_error = 0;                ///< delta-method standard error from the fitted coefficients' covariance
    std::int64_t basis_size = 0;              ///< coefficients of the spline (the tensor product's for a group)
    std::vector<double> edf;                  ///< effective degrees of freedom of each regression (option k vs the reference, k ≠ reference)
    std::vector<double> smoothing;            ///< the smoothing parameter GCV chose for each regression
};

/// EVPI and each group's EVPPI.
struct EvppiResult {
    EvpiResult perfect;                       ///< the EVPI of the same net benefits
    int reference = 0;                        ///< the option the incremental net benefits are taken against
    std::vector<EvppiEstimate> estimates;     ///< one per group, in the order asked
};

/// EVPI of a PSA: `net_benefit` is n_sims × options (one row per sample, one column per option, at least 2
/// options and 2 rows, finite). `options` names the columns (empty: "option 1", "option 2", ...). DataError
/// naming the option and row for a value that is not finite.
EvpiResult evpi(const Eigen::MatrixXd& net_benefit, const std::vector<std::string>& options = {});

/// What evppi() is asked beyond the matrices.
struct EvppiOptions {
    std::vector<std::string> options;         ///< the net benefit's column names (empty: "option 1", ...)
    std::vector<std::string> inputs;          ///< the inputs' column names (empty: "input 1", ...)
    int threads = 0;                          ///< groups are estimated in parallel; the numbers do not depend on it
};

/// EVPPI by Strong, Oakley & Brennan's regression method, of each group of `groups` (column indices into
/// `inputs`, 1 to max_evppi_group distinct inputs each), from the PSA's `net_benefit` (n_sims × options) and
/// the input draws that produced it (`inputs`, n_sims × inputs, the same rows). The incremental net benefit of
/// each option against option 0 is regressed on the group's inputs. Refused, naming the input or option:
/// mismatched rows, a value that is not finite, an input of a group without variation, a group larger than
/// max_evppi_group, and fewer than 5 samples per basis function.
EvppiResult evppi(const Eigen::MatrixXd& net_benefit, const Eigen::MatrixXd& inputs,
                  const std::vector<std::vector<int>>& groups, const EvppiOptions& options = {});


// ---- the population value of information --------------------------------------------------------------------

/// The share of the EVPI that an EVPPI is: evppi / evpi when evpi > 0, else NaN (no value to share).
double share_of_evpi(double evppi, double evpi);

/// The value of information for a population: every money value of `r` (each option's mean net benefit, the
/// EVPI and its standard error; for EVPPI each estimate's EVPPI and standard error too) multiplied by
/// `population`, the decisions the choice affects (e.g. places, or a per-year value's years, discounted by the
/// caller: the multiplier is taken as given). Shares of the EVPI are unchanged by it. DomainError "population must
/// be a positive finite number (the decisions affected), got X" otherwise.
EvpiResult for_population(const EvpiResult& r, double population);
EvppiResult for_population(const EvppiResult& r, double population);

}  // namespace hp::appraisal

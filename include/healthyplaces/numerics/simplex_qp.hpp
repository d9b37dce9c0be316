#pragma once
// Quadratic programming on the probability simplex: minimise 0.5 w'Hw + c'w subject to w >= 0 and sum(w) = 1,
// with H positive semidefinite. Synthetic control solves one for its donor weights (H = X0'VX0, c = -X0'VX1)
// thousands of times inside the search for V, so this is a small exact active-set solver rather than a
// general interior-point one: the answer satisfies the KKT conditions to rounding, not to a barrier margin.
#include <Eigen/Core>

#include <cstddef>

namespace hp::numerics {

struct SimplexQPOptions {
    /// A free weight's multiplier must be >= -tolerance x (1 + max |gradient|) at the optimum.
    double tolerance = 1e-12;
    /// 0: 10 x (number of weights) + 50.
    std::size_t max_iterations = 0;
};

struct SimplexQPResult {
    Eigen::VectorXd w;          ///< the minimiser: nonnegative, sums to 1
    double objective = 0;       ///< 0.5 w'Hw + c'w at w
    double multiplier = 0;      ///< of the sum-to-one constraint (gradient on the support = -multiplier)
    double kkt_residual = 0;    ///< largest violation of stationarity, dual feasibility or the constraints
    std::size_t iterations = 0;
    bool converged = false;
};

/// Primal active-set method (Lawson-Hanson's idea with the sum-to-one row added to each subproblem): start at
/// the best vertex, free the weight with the most negative multiplier, solve the equality-constrained
/// problem on the free set, step back to the boundary when a weight would turn negative. A weight whose
/// multiplier is negative keeps the subproblem nonsingular even when H is (as in synthetic control, with
/// more donors than predictors) of low rank. DomainError for mismatched or empty sizes or non-finite input.
SimplexQPResult simplex_qp(const Eigen::MatrixXd& H, const Eigen::VectorXd& c, const SimplexQPOptions& options = {});

/// Least squares on the simplex: minimise ||A w - b||^2 (A is k x n), i.e. H = 2A'A, c = -2A'b; `objective`
/// is the squared norm itself.
SimplexQPResult simplex_least_squares(const Eigen::MatrixXd& A, const Eigen::VectorXd& b,
                                      const SimplexQPOptions& options = {});

}  // namespace hp::numerics

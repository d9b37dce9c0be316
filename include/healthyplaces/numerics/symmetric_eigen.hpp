#pragma once
// Symmetric eigenproblems, compiled once here. Eigen's decompositions are heavy templates (JacobiSVD and the
// generalized self-adjoint solver each cost about 7 CPU-seconds of compilation in every translation unit that
// instantiates one); the evaluation and appraisal boxes call these functions instead.
#include <Eigen/Core>

namespace hp::numerics {

struct SymmetricEigen {
    Eigen::VectorXd values;   ///< ascending
    Eigen::MatrixXd vectors;  ///< one per column, in the order of values; empty when not asked for
};

/// A = V diag(values) V' for a symmetric A (only its lower triangle is read); V orthonormal. DomainError when A
/// is not square, is empty or is not finite, or when the iteration does not converge.
SymmetricEigen symmetric_eigen(const Eigen::MatrixXd& a, bool vectors = true);

/// A v = lambda B v for a symmetric A and a symmetric positive definite B (lower triangles read), by the
/// Cholesky factor B = LL': the eigenproblem of L^-1 A L^-T, its vectors mapped back, so that V'BV = I (as
/// Eigen's GeneralizedSelfAdjointEigenSolver with Ax_lBx). DomainError when the sizes differ, an entry is not
/// finite or B is not positive definite.
SymmetricEigen generalized_symmetric_eigen(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

/// The largest singular value of any nonempty finite matrix (its 2-norm): the square root of the largest
/// eigenvalue of the smaller Gram matrix, accurate to rounding relative to itself. 0 for a zero matrix.
double largest_singular_value(const Eigen::MatrixXd& a);

}  // namespace hp::numerics

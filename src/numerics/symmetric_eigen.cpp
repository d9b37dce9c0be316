#include "healthyplaces/numerics/symmetric_eigen.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <string>

#include "healthyplaces/base/error.hpp"

namespace hp::numerics {
namespace {

void check_square(const Eigen::MatrixXd& m, const char* what, const char* name) {
    if (m.rows() == 0 || m.rows() != m.cols())
        throw DomainError(std::string(what) + ": " + name + " must be square and not empty, got " +
                          std::to_string(m.rows()) + " x " + std::to_string(m.cols()));
    if (!m.allFinite()) throw DomainError(std::string(what) + ": " + name + " has an entry that is not finite");
}

}  // namespace

SymmetricEigen symmetric_eigen(const Eigen::MatrixXd& a, bool vectors) {
    check_square(a, "symmetric eigenproblem", "A");
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(a, vectors ? Eigen::ComputeEigenvectors
                                                                        : Eigen::EigenvaluesOnly);
    if (eig.info() != Eigen::Success) throw DomainError("symmetric eigenproblem: the iteration did not converge");
    SymmetricEigen out;
    out.values = eig.eigenvalues();
    if (vectors) out.vectors = eig.eigenvectors();
    return out;
}

SymmetricEigen generalized_symmetric_eigen(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    const char* what = "generalized symmetric eigenproblem";
    check_square(a, what, "A");
    check_square(b, what, "B");
    if (a.rows() != b.rows())
        throw DomainError(std::string(what) + ": A is " + std::to_string(a.rows()) + " x " + std::to_string(a.rows()) +
                          " but B is " + std::to_string(b.rows()) + " x " + std::to_string(b.rows()));
    const Eigen::LLT<Eigen::MatrixXd> chol(b);
    if (chol.info() != Eigen::Success) throw DomainError(std::string(what) + ": B is not positive definite");
    // C = L^-1 A L^-T, formed from the full symmetric A
    Eigen::MatrixXd c = a.selfadjointView<Eigen::Lower>();
    chol.matrixL().solveInPlace<Eigen::OnTheLeft>(c);
    chol.matrixU().solveInPlace<Eigen::OnTheRight>(c);
    SymmetricEigen out = symmetric_eigen(c, true);
    chol.matrixU().solveInPlace(out.vectors);  // v = L^-T y, so v'Bv = y'y = 1
    return out;
}

double largest_singular_value(const Eigen::MatrixXd& a) {
    if (a.size() == 0) throw DomainError("largest singular value: the matrix is empty");
    if (!a.allFinite()) throw DomainError("largest singular value: the matrix has an entry that is not finite");
    const Eigen::MatrixXd gram = a.rows() < a.cols() ? Eigen::MatrixXd(a * a.transpose())
                                                     : Eigen::MatrixXd(a.transpose() * a);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(gram, Eigen::EigenvaluesOnly);
    if (eig.info() != Eigen::Success) throw DomainError("largest singular value: the iteration did not converge");
    return std::sqrt(std::max(eig.eigenvalues().maxCoeff(), 0.0));
}

}  // namespace hp::numerics

#include "healthyplaces/numerics/logit.hpp"

#include <Eigen/Cholesky>

#include <cmath>
#include <string>

#include "healthyplaces/base/error.hpp"

namespace hp::numerics {
namespace {

double deviance_of(const Eigen::VectorXd& y, const Eigen::VectorXd& p, const Eigen::VectorXd& w) {
    const Eigen::ArrayXd q = (y.array() > 0.5).select(p.array(), 1 - p.array()).max(1e-300);
    return -2 * (w.array() * q.log()).sum();
}

}  // namespace

LogitFit logit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w_in,
               const std::string& what, const LogitOptions& options) {
    const Eigen::Index n = x.rows(), k = x.cols();
    if (y.size() != n || (w_in.size() != 0 && w_in.size() != n))
        throw DataError(what + ": " + std::to_string(n) + " rows of covariates but " + std::to_string(y.size()) +
                        " outcomes");
    if (n == 0 || k == 0) throw DataError(what + ": no rows or no columns to fit a logit to");
    const Eigen::VectorXd w = w_in.size() ? w_in : Eigen::VectorXd::Ones(n);
    double n_one = 0, n_zero = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        if (!(y[i] == 0 || y[i] == 1)) throw DomainError(what + ": the response must be 0 or 1");
        if (!x.row(i).allFinite()) throw DataError(what + ": a covariate is missing (NaN) or infinite");
        (y[i] == 1 ? n_one : n_zero) += w[i];
    }
    if (n_one == 0 || n_zero == 0)
        throw DomainError(what + ": every unit is in one class (all " + (n_one == 0 ? "0" : "1") +
                          "), so the logit is not identified");

    // Start from the intercept-only fit when the first column is the intercept (one Newton step or two
    // then suffice without covariates), else from beta = 0.
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(k);
    if ((x.col(0).array() == 1.0).all()) beta[0] = std::log(n_one / n_zero);
    Eigen::VectorXd eta = x * beta;
    Eigen::VectorXd p = 1 / (1 + (-eta.array()).exp());
    double dev = deviance_of(y, p, w);
    Eigen::MatrixXd xtwx(k, k), xw(n, k);
    Eigen::VectorXd xtwz(k), v(n), z(n);
    for (int it = 1; it <= options.max_iterations; ++it) {
        // Working weights and response of the Newton step, vectorised (Eigen's exp/log are SIMD).
        v = (p.array() * (1 - p.array())).max(1e-300);
        z = eta.array() + (y - p).array() / v.array();
        v.array() *= w.array();
        xw = x.array().colwise() * v.array();
        xtwx.noalias() = x.transpose() * xw;
        xtwz.noalias() = xw.transpose() * z;
        Eigen::LDLT<Eigen::MatrixXd> ldlt(xtwx);
        const double scale = xtwx.diagonal().cwiseAbs().maxCoeff();
        if (ldlt.info() != Eigen::Success || !ldlt.isPositive() ||
            ldlt.vectorD().cwiseAbs().minCoeff() <= 1e-13 * std::max(scale, 1e-300))
            throw DomainError(what + ": the covariates are collinear (or do not vary) among the units fitted, so "
                                     "the logit is not identified; drop a covariate");
        beta = ldlt.solve(xtwz);
        eta.noalias() = x * beta;
        p = 1 / (1 + (-eta.array()).exp());
        double pmin = 1, pmax = 0;
        for (Eigen::Index i = 0; i < n; ++i) {
            if (y[i] == 1) pmin = std::min(pmin, p[i]);
            else pmax = std::max(pmax, p[i]);
        }
        const double new_dev = deviance_of(y, p, w);
        // Separation: the classes split perfectly, the deviance heads to 0 and the coefficients to infinity.
        if (new_dev < 1e-8 * (n_one + n_zero) || (pmax < 1e-10 && pmin > 1 - 1e-10) || !beta.allFinite())
            throw DomainError(what + ": the covariates separate the two classes perfectly (fitted probabilities "
                                     "reach 0 or 1), so the logit has no finite estimate; drop or coarsen a "
                                     "covariate");
        const bool done = std::abs(new_dev - dev) <= options.tolerance * (std::abs(new_dev) + 0.1);
        dev = new_dev;
        if (done) return {beta, p, dev, it};
    }
    throw DomainError(what + ": the logit did not converge in " + std::to_string(options.max_iterations) +
                      " iterations (near-separation or extreme covariate values); rescale or drop a covariate");
}

}  // namespace hp::numerics

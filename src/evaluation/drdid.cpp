#include "healthyplaces/evaluation/drdid.hpp"

#include <Eigen/Cholesky>
#include <Eigen/LU>

#include <algorithm>
#include <cmath>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/numerics/logit.hpp"

namespace hp::evaluation {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

/// Weighted least squares of dy on x among rows with weight > 0; returns the coefficients and the inverse of
/// (X'WX / n), which the influence function of the coefficients needs.
struct Ols {
    VectorXd beta;
    MatrixXd xpx_inv;  ///< (sum_i w_i x_i x_i' / n)^{-1}
};

Ols control_regression(const MatrixXd& x, const VectorXd& dy, const VectorXd& w, const std::string& what) {
    const auto n = static_cast<double>(x.rows());
    const MatrixXd xw = x.array().colwise() * w.array();
    MatrixXd xpx = x.transpose() * xw / n;
    VectorXd xpy = xw.transpose() * dy / n;
    // R's check: reciprocal condition number of the controls' cross-product below machine epsilon.
    Eigen::FullPivLU<MatrixXd> lu(xpx);
    const double rcond = lu.rcond();
    if (!(rcond >= 1e-14))
        throw DomainError(what + ": the outcome regression on the control units is singular (too few controls "
                                 "for the covariates, or a covariate constant among them); drop a covariate");
    return {lu.solve(xpy), lu.inverse()};
}

}  // namespace

std::string_view to_string(DidEstimator e) noexcept {
    return e == DidEstimator::dr ? "dr" : e == DidEstimator::ipw ? "ipw" : "reg";
}

DidEstimator parse_did_estimator(std::string_view s) {
    if (s == "dr") return DidEstimator::dr;
    if (s == "ipw") return DidEstimator::ipw;
    if (s == "reg") return DidEstimator::reg;
    throw DomainError("att_gt: estimator must be \"dr\" (doubly robust), \"ipw\" or \"reg\" (outcome "
                      "regression), got \"" + std::string(s) + "\"");
}

DidEstimate did_panel(const VectorXd& y1, const VectorXd& y0, const VectorXd& d, const MatrixXd& x,
                      DidEstimator estimator, const std::string& what, double trim) {
    const Eigen::Index n = d.size();
    if (y1.size() != n || y0.size() != n || x.rows() != n)
        throw DataError(what + ": outcomes, treatment indicator and covariates differ in length");
    if (x.cols() < 1) throw DataError(what + ": the covariate matrix needs at least the intercept column");
    const double n_treated = d.sum();
    if (n_treated == 0) throw DomainError(what + ": no treated units");
    if (n_treated == static_cast<double>(n)) throw DomainError(what + ": no control units");
    const auto nn = static_cast<double>(n);
    const VectorXd dy = y1 - y0;
    const VectorXd untreated = VectorXd::Ones(n) - d;
    DidEstimate out;

    if (estimator == DidEstimator::reg) {
        const Ols ols = control_regression(x, dy, untreated, what);
        const VectorXd fit = x * ols.beta;
        const double mean_d = n_treated / nn;
        const double eta_t = d.dot(dy) / nn / mean_d;
        const double eta_c = d.dot(fit) / nn / mean_d;
        out.att = eta_t - eta_c;
        // Asymptotic linear representation of the regression coefficients, times the derivative
        // M1 = mean(D x) of the treated's predicted change.
        const VectorXd m1 = x.transpose() * d / nn;
        const VectorXd lin = ols.xpx_inv * m1;
        out.influence.resize(n);
        for (Eigen::Index i = 0; i < n; ++i) {
            const double treat = (d[i] * dy[i] - d[i] * eta_t) / mean_d;
            const double ols_i = untreated[i] * (dy[i] - fit[i]) * x.row(i).dot(lin);
            const double cont = (d[i] * fit[i] - d[i] * eta_c + ols_i) / mean_d;
            out.influence[i] = treat - cont;
        }
        return out;
    }

    // Propensity score by logit; its influence function uses the Hessian (X'WX)^{-1} n.
    const numerics::LogitFit ps = numerics::logit(x, d, VectorXd(), "propensity score (" + what + ")");
    VectorXd p = ps.fitted.cwiseMin(1 - 1e-6);
    const Eigen::Index k = x.cols();
    const VectorXd pq = p.array() * (1 - p.array());
    const MatrixXd xtwx = x.transpose() * (x.array().colwise() * pq.array()).matrix();
    Eigen::LLT<MatrixXd> llt(xtwx);
    if (llt.info() != Eigen::Success)
        throw DomainError("propensity score (" + what + "): the design is singular; drop a covariate");
    const MatrixXd hessian = llt.solve(MatrixXd::Identity(k, k)) * nn;

    VectorXd w_t(n), w_c(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const bool keep = d[i] == 1 || p[i] < trim;  // trim controls with scores near 1
        w_t[i] = keep ? d[i] : 0;
        w_c[i] = keep ? p[i] * (1 - d[i]) / (1 - p[i]) : 0;
    }
    const double mean_wt = w_t.mean(), mean_wc = w_c.mean();
    if (mean_wc == 0) throw DomainError(what + ": every control unit was trimmed (propensity score >= " +
                                        std::to_string(trim) + "): no overlap");

    VectorXd resid = dy;  // dy minus the controls' regression prediction (dr), or dy itself (ipw)
    Ols ols;
    if (estimator == DidEstimator::dr) {
        ols = control_regression(x, dy, untreated, what);
        resid -= x * ols.beta;
    }
    const double eta_t = w_t.dot(resid) / nn / mean_wt;
    const double eta_c = w_c.dot(resid) / nn / mean_wc;
    out.att = eta_t - eta_c;

    // Derivatives of the control component with respect to the propensity-score coefficients (M2) and,
    // for dr, of both components with respect to the regression coefficients (M1 treated, M3 controls).
    const VectorXd m2 = x.transpose() * (w_c.array() * (resid.array() - eta_c)).matrix() / nn;
    const VectorXd ps_lin = hessian * m2;
    VectorXd ols_lin = VectorXd::Zero(k);
    if (estimator == DidEstimator::dr) {
        const VectorXd m1 = x.transpose() * w_t / nn;
        const VectorXd m3 = x.transpose() * w_c / nn;
        ols_lin = ols.xpx_inv * (m1 / mean_wt - m3 / mean_wc);
    }
    out.influence.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const double treat = (w_t[i] * resid[i] - w_t[i] * eta_t) / mean_wt;
        const double ps_i = (d[i] - p[i]) * x.row(i).dot(ps_lin);
        const double cont = (w_c[i] * resid[i] - w_c[i] * eta_c + ps_i) / mean_wc;
        // The regression's estimation effect enters the treated part with a minus and the control part with
        // a minus inside (inf.cont.3), so it is one term: -ols_i * (M1/mean_wt - M3/mean_wc).
        const double ols_i =
            estimator == DidEstimator::dr ? untreated[i] * resid[i] * x.row(i).dot(ols_lin) : 0.0;
        out.influence[i] = treat - cont - ols_i;
    }
    return out;
}

}  // namespace hp::evaluation

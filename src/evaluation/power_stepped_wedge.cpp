// Stepped-wedge power (Hussey and Hughes 2007): designs, the closed-form variance, the GLS variance from the
// full covariance matrix, and power / size / detectable effect (power_stepped_wedge.hpp).
#include "healthyplaces/evaluation/power_stepped_wedge.hpp"

#include "common.hpp"

#include <Eigen/Cholesky>
#include <Eigen/LU>

#include <cmath>
#include <sstream>
#include <string>

#include "healthyplaces/base/error.hpp"

namespace hp::evaluation {
namespace {
using detail::num;
}  // namespace

Eigen::MatrixXd stepped_wedge_design(std::size_t steps, std::size_t per_step, std::size_t baseline) {
    if (steps < 1 || per_step < 1 || baseline < 1)
        throw DomainError("stepped_wedge_design: steps, clusters_per_step and baseline_periods must be >= 1, got " +
                          std::to_string(steps) + ", " + std::to_string(per_step) + ", " + std::to_string(baseline));
    const auto I = static_cast<Eigen::Index>(steps * per_step), T = static_cast<Eigen::Index>(steps + baseline);
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(I, T);
    for (std::size_t s = 0; s < steps; ++s)
        for (std::size_t c = 0; c < per_step; ++c)
            for (auto t = static_cast<Eigen::Index>(baseline + s); t < T; ++t)
                x(static_cast<Eigen::Index>(s * per_step + c), t) = 1.0;
    return x;
}

Eigen::MatrixXd parallel_design(std::size_t per_arm, std::size_t periods) {
    if (per_arm < 1 || periods < 1)
        throw DomainError("parallel_design: clusters_per_arm and periods must be >= 1, got " + std::to_string(per_arm) +
                          " and " + std::to_string(periods));
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(2 * per_arm), static_cast<Eigen::Index>(periods));
    x.topRows(static_cast<Eigen::Index>(per_arm)).setOnes();
    return x;
}

Eigen::MatrixXd parallel_baseline_design(std::size_t per_arm, std::size_t baseline, std::size_t after) {
    if (per_arm < 1 || baseline < 1 || after < 1)
        throw DomainError("parallel_baseline_design: clusters_per_arm, baseline_periods and periods_after must be >= 1");
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(2 * per_arm), static_cast<Eigen::Index>(baseline + after));
    x.topRightCorner(static_cast<Eigen::Index>(per_arm), static_cast<Eigen::Index>(after)).setOnes();
    return x;
}

std::string_view to_string(DesignKind k) noexcept {
    switch (k) {
        case DesignKind::stepped_wedge: return "stepped_wedge";
        case DesignKind::parallel: return "parallel";
        case DesignKind::parallel_baseline: return "parallel_baseline";
    }
    return "stepped_wedge";
}

DesignKind parse_design_kind(std::string_view s) {
    if (s == "stepped_wedge") return DesignKind::stepped_wedge;
    if (s == "parallel") return DesignKind::parallel;
    if (s == "parallel_baseline") return DesignKind::parallel_baseline;
    throw DomainError("unknown design '" + std::string(s) + "': use 'stepped_wedge', 'parallel' or 'parallel_baseline'");
}

Eigen::MatrixXd make_design(DesignKind kind, const DesignShape& s) {
    switch (kind) {
        case DesignKind::stepped_wedge:
            if (!s.steps || !s.clusters_per_step)
                throw DomainError("stepped_wedge_design: a stepped wedge needs steps and clusters_per_step");
            return stepped_wedge_design(*s.steps, *s.clusters_per_step, s.baseline_periods);
        case DesignKind::parallel:
            if (!s.clusters_per_arm) throw DomainError("stepped_wedge_design: a parallel design needs clusters_per_arm");
            return parallel_design(*s.clusters_per_arm, s.periods.value_or(1));
        case DesignKind::parallel_baseline:
            if (!s.clusters_per_arm || !s.periods)
                throw DomainError("stepped_wedge_design: a parallel design with baseline needs clusters_per_arm and "
                                  "periods (after the baseline)");
            return parallel_baseline_design(*s.clusters_per_arm, s.baseline_periods, *s.periods);
    }
    throw DomainError("stepped_wedge_design: unknown design kind");
}

void check_design(const Eigen::MatrixXd& x, bool require_switch) {
    if (x.rows() < 1 || x.cols() < 1) throw DomainError("design: needs at least one cluster and one period");
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (Eigen::Index t = 0; t < x.cols(); ++t)
            if (x(i, t) != 0.0 && x(i, t) != 1.0)
                throw DomainError("design: cluster " + std::to_string(i) + ", period " + std::to_string(t) + " is " +
                                  num(x(i, t)) + "; a design holds 0 (control) or 1 (treated)");
    if (!require_switch) return;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        if (x(i, 0) != 0.0)
            throw DomainError("design: cluster " + std::to_string(i) + " is treated in the first period; a stepped "
                              "wedge starts every cluster untreated (pass require_switch=false for other designs)");
        if (x(i, x.cols() - 1) != 1.0)
            throw DomainError("design: cluster " + std::to_string(i) + " is never treated by the last period; a "
                              "stepped wedge treats every cluster by the end (pass require_switch=false for other designs)");
    }
}

double hussey_hughes_variance(const Eigen::MatrixXd& x, double s2, double t2) {
    const double I = static_cast<double>(x.rows()), T = static_cast<double>(x.cols());
    const double U = x.sum();
    const double W = x.colwise().sum().squaredNorm();
    const double V = x.rowwise().sum().squaredNorm();
    const double den = (I * U - W) * s2 + (U * U + I * T * U - T * W - I * V) * t2;
    if (!(den > 0))
        throw DomainError("design: the treatment effect is not identified (every cluster has the same schedule, or "
                          "treatment is confounded with period)");
    return I * s2 * (s2 + T * t2) / den;
}

Eigen::MatrixXd detail::gls_information(const Eigen::MatrixXd& x, const Eigen::MatrixXd& inv) {
    const Eigen::Index T = x.cols();
    Eigen::MatrixXd info = Eigen::MatrixXd::Zero(T + 1, T + 1);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const Eigen::VectorXd xi = x.row(i).transpose();
        const Eigen::VectorXd ix = inv * xi;
        info.topLeftCorner(T, T) += inv;
        info.block(0, T, T, 1) += ix;
        info.block(T, 0, 1, T) += ix.transpose();
        info(T, T) += xi.dot(ix);
    }
    return info;
}

double gls_variance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& within) {
    const Eigen::Index T = x.cols();
    if (within.rows() != T || within.cols() != T)
        throw DomainError("gls_variance: the within-cluster covariance must be periods x periods (" + std::to_string(T) + ")");
    const Eigen::LLT<Eigen::MatrixXd> llt(within);
    if (llt.info() != Eigen::Success) throw DomainError("gls_variance: the within-cluster covariance is not positive definite");
    const Eigen::MatrixXd inv = llt.solve(Eigen::MatrixXd::Identity(T, T));
    const Eigen::MatrixXd info = detail::gls_information(x, inv);
    const Eigen::FullPivLU<Eigen::MatrixXd> lu(info);
    if (!lu.isInvertible())
        throw DomainError("design: the treatment effect is not identified (treatment is confounded with period)");
    return lu.inverse()(T, T);
}

double cluster_sd(const SteppedWedgePowerOptions& o) {
    if (!o.icc) return o.tau.value_or(0.0);
    if (o.tau) throw DomainError("power_stepped_wedge: give tau or icc, not both");
    const double icc = *o.icc;
    if (!(icc >= 0 && icc < 1)) throw DomainError("power_stepped_wedge: icc must lie in [0, 1), got " + num(icc));
    return o.sigma * std::sqrt(icc / (1 - icc));
}

PowerResult power_stepped_wedge(const Eigen::MatrixXd& x, std::optional<double> effect, std::optional<double> m,
                                std::optional<double> power, const SteppedWedgePowerOptions& o) {
    const char* who = "power_stepped_wedge";
    const double tau = cluster_sd(o);
    const auto solved = detail::check_unknowns(who, o.alpha, effect, m, power);
    check_design(x, o.require_switch);
    if (!(std::isfinite(o.sigma) && o.sigma > 0)) throw DomainError(std::string(who) + ": sigma must be finite and > 0, got " + num(o.sigma));
    if (!(std::isfinite(tau) && tau >= 0)) throw DomainError(std::string(who) + ": tau must be finite and >= 0, got " + num(tau));
    if (solved == PowerSolved::n && *effect == 0)
        throw DomainError(std::string(who) + ": effect 0 is no effect; no cluster size detects it");
    const double t2 = tau * tau;
    auto se_of = [&](double mm) { return std::sqrt(hussey_hughes_variance(x, o.sigma * o.sigma / mm, t2)); };
    se_of(1.0);  // identification check before solving

    PowerResult out;
    out.alpha = o.alpha;
    out.solved = solved;
    detail::solve_wald(out, solved, effect, m, power, o.alpha, se_of, 1e-6, 1e9, who, "number of individuals per cluster-period");
    // Relative to an individually randomised trial of the same number of observations, half treated.
    const double total = static_cast<double>(x.size()) * out.n;
    out.design_effect = out.standard_error * out.standard_error / (4 * (o.sigma * o.sigma + t2) / total);
    out.n_label = "individuals per cluster-period";
    out.effect_label = "difference in means";
    out.method = "Hussey and Hughes (2007) GLS variance for " + std::to_string(x.rows()) + " clusters x " +
                 std::to_string(x.cols()) + " periods, sigma = " + num(o.sigma) + ", tau = " + num(tau) +
                 ", normal test";
    out.details = {{"clusters", static_cast<double>(x.rows())}, {"periods", static_cast<double>(x.cols())},
                   {"sigma", o.sigma}, {"tau", tau}, {"icc", t2 / (t2 + o.sigma * o.sigma)}};
    return out;
}

}  // namespace hp::evaluation

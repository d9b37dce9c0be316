#include "healthyplaces/evaluation/augsynth.hpp"

#include "common.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/base/params.hpp"
#include "healthyplaces/evaluation/inference.hpp"
#include "healthyplaces/numerics/simplex_qp.hpp"
#include "healthyplaces/numerics/symmetric_eigen.hpp"
#include "healthyplaces/stats/parallel.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::evaluation {
namespace {

using detail::nan;

// The ridge correction for centred X0c (T0 x J) and X1c given simplex weights w.
Eigen::VectorXd ridge_correction(const Eigen::MatrixXd& x0c, const Eigen::VectorXd& x1c, const Eigen::VectorXd& w,
                                 double lambda) {
    Eigen::MatrixXd G = x0c * x0c.transpose();
    G.diagonal().array() += lambda;
    const Eigen::VectorXd r = x1c - x0c * w;
    return x0c.transpose() * G.ldlt().solve(r);
}

void centre(Eigen::MatrixXd& x0, Eigen::VectorXd& x1) {
    const Eigen::VectorXd m = x0.rowwise().mean();
    x0.colwise() -= m;
    x1 -= m;
}

}  // namespace

std::pair<Eigen::VectorXd, Eigen::VectorXd> ridge_augmented_weights(const Eigen::MatrixXd& x0, const Eigen::VectorXd& x1,
                                                                    double lambda) {
    if (x0.rows() != x1.size() || x0.cols() == 0)
        throw DomainError("augmented synthetic control: X0 is " + std::to_string(x0.rows()) + " x " +
                          std::to_string(x0.cols()) + " but X1 has " + std::to_string(x1.size()) + " periods");
    if (!(lambda >= 0) || !std::isfinite(lambda))
        throw DomainError("augmented synthetic control: lambda must be finite and >= 0, got " + stats::format_number(lambda));
    Eigen::MatrixXd c0 = x0;
    Eigen::VectorXd c1 = x1;
    centre(c0, c1);
    Eigen::VectorXd w = numerics::simplex_least_squares(c0, c1).w;
    Eigen::VectorXd aug = w + ridge_correction(c0, c1, w, lambda);
    return {std::move(w), std::move(aug)};
}

AugsynthResult augsynth(const Panel& p, const AugsynthOptions& o) {
    const std::string method = "augmented synthetic control";
    check_count(static_cast<std::int64_t>(o.n_lambda), "augsynth: n_lambda", 1, max_n_lambda);
    check_count(static_cast<std::int64_t>(o.holdout), "augsynth: holdout", 1);
    if (o.treated.empty()) throw DomainError(method + ": name the treated unit");
    const auto treated = p.unit_index(o.treated);
    std::int64_t start;
    if (o.treatment_period) start = *o.treatment_period;
    else if (p.adoption[treated]) start = *p.adoption[treated];
    else throw DomainError(method + ": unit \"" + o.treated + "\" has no adoption period in the panel; give the treatment period");
    const auto T0 = static_cast<std::size_t>(std::lower_bound(p.periods.begin(), p.periods.end(), start) - p.periods.begin());
    if (T0 == 0)
        throw DomainError(method + ": unit \"" + o.treated + "\" is treated from period " + std::to_string(start) +
                          " but the panel starts in " + std::to_string(p.periods.front()) + ": no pre-periods");
    if (T0 >= p.n_periods())
        throw DomainError(method + ": treatment period " + std::to_string(start) + " of unit \"" + o.treated +
                          "\" is after the panel's last period " + std::to_string(p.periods.back()) + ": no post-periods");
    std::vector<std::size_t> donors;
    if (!o.donors.empty()) {
        for (const auto& d : o.donors) {
            const auto i = p.unit_index(d);
            if (i == treated) throw DomainError(method + ": the treated unit \"" + d + "\" is listed as a donor");
            if (std::find(donors.begin(), donors.end(), i) != donors.end())
                throw DomainError(method + ": donor \"" + d + "\" is listed twice");
            donors.push_back(i);
        }
    } else {
        for (std::size_t i = 0; i < p.n_units(); ++i)
            if (i != treated && !p.adoption[i]) donors.push_back(i);
    }
    if (donors.empty()) throw DomainError(method + ": no donor units (every unit other than \"" + o.treated + "\" is treated)");
    std::vector<std::size_t> used{treated};
    used.insert(used.end(), donors.begin(), donors.end());
    for (const auto i : used)
        for (std::size_t t = 0; t < p.n_periods(); ++t)
            if (!p.observed(i, t))
                throw DomainError(method + " needs every unit observed in every period, but unit \"" + p.units[i] +
                                  "\", period " + std::to_string(p.periods[t]) + " has no " + p.outcome_name);
    {
        const double y0 = p.outcome(static_cast<Eigen::Index>(treated), 0);
        bool varies = false;
        for (const auto i : used)
            for (std::size_t t = 0; t < p.n_periods() && !varies; ++t)
                varies = p.outcome(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(t)) != y0;
        if (!varies)
            throw DomainError(method + ": " + p.outcome_name + " is the same (" + stats::format_number(y0) +
                              ") for every unit and period, so no effect can be estimated");
    }
    if (o.lambda && (!(*o.lambda >= 0) || !std::isfinite(*o.lambda)))
        throw DomainError(method + ": lambda must be finite and >= 0, got " + stats::format_number(*o.lambda));

    const auto J = static_cast<Eigen::Index>(donors.size());
    const auto T = static_cast<Eigen::Index>(p.n_periods());
    const auto t0 = static_cast<Eigen::Index>(T0);
    Eigen::MatrixXd Y0(T, J);  // periods x donors
    for (Eigen::Index j = 0; j < J; ++j) Y0.col(j) = p.outcome.row(static_cast<Eigen::Index>(donors[static_cast<std::size_t>(j)])).transpose();
    const Eigen::VectorXd Y1 = p.outcome.row(static_cast<Eigen::Index>(treated)).transpose();

    AugsynthResult r;
    r.treated = o.treated;
    for (const auto d : donors) r.donors.push_back(p.units[d]);
    r.periods = p.periods;
    r.treatment_period = p.periods[T0];

    Eigen::MatrixXd c0 = Y0.topRows(t0);
    Eigen::VectorXd c1 = Y1.head(t0);
    centre(c0, c1);

    if (o.lambda) {
        r.lambda = *o.lambda;
    } else {
        const auto h = static_cast<Eigen::Index>(o.holdout);
        if (h < 1 || t0 < h + 2)
            throw DomainError(method + ": cross-validating lambda needs at least " + std::to_string(o.holdout + 2) +
                              " pre-periods, but unit \"" + o.treated + "\" has " + std::to_string(T0) +
                              " before " + std::to_string(start) + "; give lambda");
        const double smax = numerics::largest_singular_value(c0);
        const double scaler = std::pow(o.lambda_min_ratio, 1.0 / static_cast<double>(o.n_lambda));
        const auto L = static_cast<Eigen::Index>(o.n_lambda + 1);
        r.lambdas.resize(L);
        for (Eigen::Index l = 0; l < L; ++l) r.lambdas(l) = smax * smax * std::pow(scaler, static_cast<double>(l) - 1.0);
        const auto folds = t0 - h;
        Eigen::MatrixXd err(folds, L);
        stats::parallel_for(folds, o.threads, [&](std::int64_t b, std::int64_t e, int) {
            for (auto i = b; i < e; ++i) {
                Eigen::MatrixXd x0t(t0 - h, J);
                Eigen::VectorXd x1t(t0 - h);
                Eigen::Index row = 0;
                for (Eigen::Index t = 0; t < t0; ++t) {
                    if (t >= i && t < i + h) continue;
                    x0t.row(row) = c0.row(t);
                    x1t(row++) = c1(t);
                }
                const Eigen::VectorXd w = numerics::simplex_least_squares(x0t, x1t).w;
                for (Eigen::Index l = 0; l < L; ++l) {
                    const Eigen::VectorXd wa = w + ridge_correction(x0t, x1t, w, r.lambdas(l));
                    err(i, l) = (c1.segment(i, h) - c0.middleRows(i, h) * wa).squaredNorm();
                }
            }
        });
        r.cv_error = err.colwise().mean().transpose();
        r.cv_se.resize(L);
        for (Eigen::Index l = 0; l < L; ++l) {
            const double sd = folds > 1 ? std::sqrt((err.col(l).array() - r.cv_error(l)).square().sum() / static_cast<double>(folds - 1)) : 0.0;
            r.cv_se(l) = sd / std::sqrt(static_cast<double>(folds));
        }
        Eigen::Index best = 0;
        r.cv_error.minCoeff(&best);
        if (o.min_1se) {
            const double bound = r.cv_error(best) + r.cv_se(best);
            r.lambda = r.lambdas(best);
            for (Eigen::Index l = 0; l < L; ++l)
                if (r.cv_error(l) <= bound) r.lambda = std::max(r.lambda, r.lambdas(l));
        } else {
            r.lambda = r.lambdas(best);
        }
    }

    auto fit = [&](const Eigen::MatrixXd& y0, const Eigen::VectorXd& y1, Eigen::VectorXd& w, Eigen::VectorXd& wa) {
        std::tie(w, wa) = ridge_augmented_weights(y0.topRows(t0), y1.head(t0), r.lambda);
    };
    fit(Y0, Y1, r.scm_weights, r.weights);
    r.treated_path = Y1;
    r.synthetic_path = Y0 * r.weights;
    r.scm_path = Y0 * r.scm_weights;
    r.estimates = Y1 - r.synthetic_path;
    r.att = r.estimates.tail(T - t0).mean();
    r.pre_rmspe = std::sqrt(r.estimates.head(t0).squaredNorm() / static_cast<double>(t0));
    r.l2_imbalance = r.estimates.head(t0).norm();
    r.scm_l2_imbalance = (Y1 - r.scm_path).head(t0).norm();
    const Eigen::VectorXd uniform = Y0.topRows(t0).rowwise().mean();
    r.scaled_l2_imbalance = r.l2_imbalance / (Y1.head(t0) - uniform).norm();

    r.se = Eigen::VectorXd::Constant(T, nan);
    r.att_se = nan;
    if (o.jackknife && J >= 2) {
        Eigen::MatrixXd est(T, J);
        stats::parallel_for(J, o.threads, [&](std::int64_t b, std::int64_t e, int) {
            for (auto j = b; j < e; ++j) {
                Eigen::MatrixXd y0(T, J - 1);
                for (Eigen::Index d = 0, c = 0; d < J; ++d)
                    if (d != j) y0.col(c++) = Y0.col(d);
                Eigen::VectorXd w, wa;
                fit(y0, Y1, w, wa);
                est.col(j) = Y1 - y0 * wa;
            }
        });
        const double n = static_cast<double>(J);
        const Eigen::VectorXd mean = est.rowwise().mean();
        r.se = ((est.colwise() - mean).rowwise().squaredNorm() * ((n - 1) / n)).cwiseSqrt();
        const Eigen::RowVectorXd atts = est.bottomRows(T - t0).colwise().mean();
        r.att_se = std::sqrt((n - 1) / n * (atts.array() - atts.mean()).square().sum());
    }
    r.att_pvalue = normal_pvalue(r.att, r.att_se);
    return r;
}

}  // namespace hp::evaluation

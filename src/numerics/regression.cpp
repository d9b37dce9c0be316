#include "healthyplaces/numerics/regression.hpp"

#include <Eigen/Cholesky>
#include <Eigen/QR>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::numerics {

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
// A term whose part orthogonal to the earlier terms is this small relative to its own length adds nothing.
constexpr double collinear_tolerance = 1e-10;
}  // namespace

std::string_view to_string(CovType c) noexcept {
    switch (c) {
        case CovType::nonrobust: return "nonrobust";
        case CovType::hc1: return "HC1";
        case CovType::cluster: return "cluster";
    }
    return "nonrobust";
}

CovType parse_cov_type(std::string_view name) {
    std::string s(name);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (s == "nonrobust" || s == "classical") return CovType::nonrobust;
    if (s == "hc1") return CovType::hc1;
    if (s == "cluster") return CovType::cluster;
    throw DomainError("unknown cov_type \"" + std::string(name) + "\": use \"nonrobust\", \"HC1\" or \"cluster\"");
}

std::size_t OlsFit::index(std::string_view name) const {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return i;
    throw DomainError("no term \"" + std::string(name) + "\" in the regression");
}

double two_sided_pvalue(double statistic, double df) {
    if (std::isnan(statistic)) return stats::nan;
    const double a = std::abs(statistic);
    if (std::isinf(df)) return 2 * boost::math::cdf(boost::math::complement(boost::math::normal(), a));
    return 2 * boost::math::cdf(boost::math::complement(boost::math::students_t(df), a));
}

double critical_value(double confidence_level, double df) {
    stats::check_confidence_level(confidence_level);
    const double q = (1 + confidence_level) / 2;
    if (std::isinf(df)) return boost::math::quantile(boost::math::normal(), q);
    return boost::math::quantile(boost::math::students_t(df), q);
}

OlsFit ols(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, std::vector<std::string> names,
           const OlsOptions& options, std::span<const std::int64_t> clusters) {
    const auto N = X.rows();
    const auto k = X.cols();
    stats::check_confidence_level(options.confidence_level);
    if (y.size() != N)
        throw DataError("the outcome has " + std::to_string(y.size()) + " rows but the design has " + std::to_string(N));
    if (static_cast<Eigen::Index>(names.size()) != k)
        throw DataError(std::to_string(names.size()) + " term names for " + std::to_string(k) + " columns");
    if (k == 0) throw DomainError("the regression has no terms");
    const auto K = static_cast<double>(k) + static_cast<double>(options.absorbed);
    if (static_cast<double>(N) <= K)
        throw DataError("the regression has " + std::to_string(N) + " observations for " +
                        std::to_string(static_cast<std::size_t>(K)) + " terms; it needs more observations than terms");
    for (Eigen::Index i = 0; i < N; ++i) {
        if (!std::isfinite(y(i))) throw DataError("the outcome is not finite in row " + std::to_string(i + 1));
        for (Eigen::Index j = 0; j < k; ++j)
            if (!std::isfinite(X(i, j)))
                throw DataError("term \"" + names[static_cast<std::size_t>(j)] + "\" is missing or not finite in row " +
                                std::to_string(i + 1));
    }
    if (options.cov_type == CovType::cluster && static_cast<Eigen::Index>(clusters.size()) != N)
        throw DataError("cluster-robust standard errors need one cluster code per row: " +
                        std::to_string(clusters.size()) + " codes for " + std::to_string(N) + " rows");

    // Householder QR without pivoting keeps the terms in order, so R's diagonal is each term's length orthogonal
    // to the terms before it: the first that is (nearly) zero names the collinear term.
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(X);
    const Eigen::MatrixXd R = qr.matrixQR().topRows(k).triangularView<Eigen::Upper>();
    for (Eigen::Index j = 0; j < k; ++j) {
        const double length = X.col(j).norm();
        if (!(std::abs(R(j, j)) > collinear_tolerance * length) || length == 0) {
            std::string before;
            for (Eigen::Index b = 0; b < std::min<Eigen::Index>(j, 6); ++b) before += (b ? ", " : "") + names[static_cast<std::size_t>(b)];
            if (j > 6) before += ", ...";
            throw DomainError("term \"" + names[static_cast<std::size_t>(j)] + "\" " +
                              (length == 0 ? std::string("is zero in every row")
                                           : j == 0 ? std::string("is zero in every row")
                                                    : "is a linear combination of the terms before it (" + before + ")") +
                              ", so its coefficient is not identified; drop it or the term it duplicates");
        }
    }
    OlsFit f;
    f.names = std::move(names);
    f.n_obs = static_cast<std::size_t>(N);
    f.n_params = static_cast<std::size_t>(K);
    f.cov_type = options.cov_type;
    f.use_t = options.use_t;
    f.confidence_level = options.confidence_level;
    const Eigen::VectorXd qty = (qr.householderQ().adjoint() * y).head(k);
    f.params = R.triangularView<Eigen::Upper>().solve(qty);
    f.residuals = y - X * f.params;
    f.ssr = f.residuals.squaredNorm();
    f.df_resid = static_cast<double>(N) - K;
    const Eigen::MatrixXd Rinv = R.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(k, k));
    const Eigen::MatrixXd bread = Rinv * Rinv.transpose();  // (X'X)^-1

    double df = f.df_resid;
    switch (options.cov_type) {
        case CovType::nonrobust: f.cov = bread * (f.ssr / f.df_resid); break;
        case CovType::hc1: {
            const Eigen::MatrixXd scores = X.array().colwise() * f.residuals.array();
            f.cov = bread * (scores.transpose() * scores) * bread * (static_cast<double>(N) / f.df_resid);
            break;
        }
        case CovType::cluster: {
            std::unordered_map<std::int64_t, Eigen::Index> slot;
            for (const auto c : clusters) slot.try_emplace(c, static_cast<Eigen::Index>(slot.size()));
            const auto G = static_cast<Eigen::Index>(slot.size());
            if (G < 2)
                throw DomainError("cluster-robust standard errors need at least 2 clusters; the data have " +
                                  std::to_string(G));
            Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(G, k);  // per cluster: X_g' e_g
            for (Eigen::Index i = 0; i < N; ++i) sums.row(slot[clusters[static_cast<std::size_t>(i)]]) += X.row(i) * f.residuals(i);
            const double g = static_cast<double>(G);
            const double correction = g / (g - 1) * (static_cast<double>(N) - 1) / f.df_resid;
            f.cov = bread * (sums.transpose() * sums) * bread * correction;
            f.n_clusters = static_cast<std::size_t>(G);
            df = g - 1;
            break;
        }
    }
    f.df = options.use_t ? df : inf;
    f.bse = f.cov.diagonal().array().sqrt();
    f.statistic = f.params.array() / f.bse.array();
    const double crit = critical_value(options.confidence_level, f.df);
    f.pvalues.resize(k);
    for (Eigen::Index j = 0; j < k; ++j) f.pvalues(j) = two_sided_pvalue(f.statistic(j), f.df);
    f.ci_low = f.params - crit * f.bse;
    f.ci_high = f.params + crit * f.bse;
    return f;
}

WaldTest wald_test(const OlsFit& fit, std::span<const std::size_t> terms) {
    if (terms.empty()) throw DomainError("a Wald test needs at least one coefficient");
    const auto q = static_cast<Eigen::Index>(terms.size());
    Eigen::VectorXd b(q);
    Eigen::MatrixXd V(q, q);
    for (Eigen::Index a = 0; a < q; ++a) {
        const auto i = terms[static_cast<std::size_t>(a)];
        if (i >= fit.names.size()) throw DomainError("term index " + std::to_string(i) + " is out of range");
        b(a) = fit.params(static_cast<Eigen::Index>(i));
        for (Eigen::Index c = 0; c < q; ++c) V(a, c) = fit.cov(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(terms[static_cast<std::size_t>(c)]));
    }
    Eigen::LDLT<Eigen::MatrixXd> ldlt(V);
    const auto d = ldlt.vectorD().array();
    // a cluster-robust covariance has rank at most G - 1: testing more coefficients than that is singular
    if (ldlt.info() != Eigen::Success || !ldlt.isPositive() || (d <= 1e-12 * d.abs().maxCoeff()).any())
        throw DomainError("the Wald test's covariance matrix is singular (more restrictions than clusters can "
                          "support?); test fewer coefficients");
    const double chi2 = b.dot(ldlt.solve(b));
    WaldTest w;
    w.df_num = static_cast<double>(q);
    if (fit.use_t) {
        w.f = true;
        w.statistic = chi2 / w.df_num;
        w.df_denom = fit.df;
        w.pvalue = boost::math::cdf(boost::math::complement(boost::math::fisher_f(w.df_num, w.df_denom), w.statistic));
    } else {
        w.statistic = chi2;
        w.df_denom = inf;
        w.pvalue = boost::math::cdf(boost::math::complement(boost::math::chi_squared(w.df_num), chi2));
    }
    return w;
}

}  // namespace hp::numerics

namespace hp::numerics {

std::size_t absorb_two_way(Eigen::MatrixXd& M, std::span<const std::size_t> unit, std::span<const std::size_t> period,
                           std::size_t n_units, std::size_t n_periods) {
    const auto N = M.rows();
    if (static_cast<Eigen::Index>(unit.size()) != N || static_cast<Eigen::Index>(period.size()) != N)
        throw DataError("absorb_two_way: unit and period codes must have one entry per row");
    std::vector<double> count_u(n_units, 0), count_t(n_periods, 0);
    for (Eigen::Index r = 0; r < N; ++r) {
        const auto i = unit[static_cast<std::size_t>(r)];
        const auto t = period[static_cast<std::size_t>(r)];
        if (i >= n_units || t >= n_periods) throw DataError("absorb_two_way: a unit or period code is out of range");
        count_u[i] += 1;
        count_t[t] += 1;
    }
    bool balanced = static_cast<std::size_t>(N) == n_units * n_periods;
    for (const double c : count_u) balanced = balanced && c == static_cast<double>(n_periods);
    Eigen::VectorXd sum_u(static_cast<Eigen::Index>(n_units)), sum_t(static_cast<Eigen::Index>(n_periods));
    for (Eigen::Index c = 0; c < M.cols(); ++c) {
        auto x = M.col(c);
        const double scale = std::max(1.0, x.cwiseAbs().maxCoeff());
        double previous = std::numeric_limits<double>::infinity();
        for (int sweep = 0;; ++sweep) {
            sum_u.setZero();
            for (Eigen::Index r = 0; r < N; ++r) sum_u(static_cast<Eigen::Index>(unit[static_cast<std::size_t>(r)])) += x(r);
            for (Eigen::Index r = 0; r < N; ++r) {
                const auto i = unit[static_cast<std::size_t>(r)];
                x(r) -= sum_u(static_cast<Eigen::Index>(i)) / count_u[i];
            }
            sum_t.setZero();
            for (Eigen::Index r = 0; r < N; ++r) sum_t(static_cast<Eigen::Index>(period[static_cast<std::size_t>(r)])) += x(r);
            double change = 0;
            for (Eigen::Index r = 0; r < N; ++r) {
                const auto t = period[static_cast<std::size_t>(r)];
                const double d = sum_t(static_cast<Eigen::Index>(t)) / count_t[t];
                x(r) -= d;
                change = std::max(change, std::abs(d));
            }
            if (balanced || change <= 1e-14 * scale) break;
            // with many periods the sums' rounding can sit above 1e-14: stop once progress stalls down there
            if (change <= 1e-11 * scale && change > 0.9 * previous) break;
            previous = change;
            if (sweep > 100000)
                throw DomainError("removing unit and period fixed effects did not converge on this unbalanced panel "
                                  "(units and periods barely overlap); drop units observed in only one period");
        }
    }
    // connected components of the bipartite unit-period graph (union-find over units + periods)
    std::vector<std::size_t> parent(n_units + n_periods);
    for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
    auto find = [&](std::size_t a) {
        while (parent[a] != a) a = parent[a] = parent[parent[a]];
        return a;
    };
    for (Eigen::Index r = 0; r < N; ++r)
        parent[find(unit[static_cast<std::size_t>(r)])] = find(n_units + period[static_cast<std::size_t>(r)]);
    std::size_t components = 0;
    for (std::size_t a = 0; a < parent.size(); ++a) {
        const bool present = a < n_units ? count_u[a] > 0 : count_t[a - n_units] > 0;
        if (present && find(a) == a) ++components;
    }
    std::size_t present = 0;
    for (const double c : count_u) present += c > 0;
    for (const double c : count_t) present += c > 0;
    return present - components;
}

}  // namespace hp::numerics

#include "healthyplaces/evaluation/att_gt.hpp"

#include "common.hpp"

#include <Eigen/LU>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"
#include "healthyplaces/evaluation/inference.hpp"
#include "healthyplaces/numerics/symmetric_eigen.hpp"
#include "healthyplaces/stats/parallel.hpp"

namespace hp::evaluation {
namespace {

using detail::nan;
constexpr const char* method = "Callaway-Sant'Anna group-time effects (att_gt)";

struct Cell {
    std::int64_t group;
    std::size_t current;  // period index of t
    std::size_t base;     // period index of the base period
    bool normalised;      // universal base period: the base period's own cell, 0 by construction
};

std::string cell_name(std::int64_t g, std::int64_t t) {
    return "cohort " + std::to_string(g) + ", period " + std::to_string(t);
}

}  // namespace

std::string_view to_string(ControlGroup c) noexcept {
    return c == ControlGroup::never_treated ? "never" : "notyet";
}

ControlGroup parse_control_group(std::string_view s) {
    if (s == "never" || s == "nevertreated" || s == "never_treated") return ControlGroup::never_treated;
    if (s == "notyet" || s == "notyettreated" || s == "not_yet_treated") return ControlGroup::not_yet_treated;
    throw DomainError("att_gt: control must be \"never\" (never treated) or \"notyet\" (not yet treated), got \"" +
                      std::string(s) + "\"");
}

std::string_view to_string(BasePeriod b) noexcept { return b == BasePeriod::varying ? "varying" : "universal"; }

BasePeriod parse_base_period(std::string_view s) {
    if (s == "varying") return BasePeriod::varying;
    if (s == "universal") return BasePeriod::universal;
    throw DomainError("att_gt: base_period must be \"varying\" or \"universal\", got \"" + std::string(s) + "\"");
}

Eigen::VectorXd pointwise_pvalues(const AttGtResult& r) { return normal_pvalues(r.att, r.se); }

PreTest pretest(const AttGtResult& r) {
    std::vector<Eigen::Index> pre;
    for (std::size_t c = 0; c < r.group.size(); ++c) {
        const auto i = static_cast<Eigen::Index>(c);
        if (r.group[c] > r.period[c] && std::isfinite(r.se_analytic(i))) pre.push_back(i);
    }
    PreTest out;
    out.df = pre.size();
    if (pre.empty()) return out;
    const auto k = static_cast<Eigen::Index>(pre.size());
    const Eigen::Index n = r.influence.rows();
    Eigen::MatrixXd psi(n, k);
    Eigen::VectorXd att(k);
    for (Eigen::Index j = 0; j < k; ++j) {
        psi.col(j) = r.influence.col(pre[static_cast<std::size_t>(j)]);
        att(j) = r.att(pre[static_cast<std::size_t>(j)]);
    }
    const Eigen::MatrixXd v = psi.transpose() * psi / static_cast<double>(n);
    // numpy.linalg.cond's 2-norm condition number, as did's summary tests it (singular: no test).
    // v is symmetric positive semidefinite: its singular values are its eigenvalues' magnitudes.
    const Eigen::ArrayXd sv = numerics::symmetric_eigen(v, false).values.array().abs();
    if (!(sv.minCoeff() > 0) || sv.maxCoeff() / sv.minCoeff() > 1 / std::numeric_limits<double>::epsilon()) return out;
    out.statistic = static_cast<double>(n) * att.dot(Eigen::PartialPivLU<Eigen::MatrixXd>(v).solve(att));
    out.pvalue = boost::math::cdf(boost::math::complement(
        boost::math::chi_squared_distribution<double>(static_cast<double>(k)), out.statistic));
    return out;
}

void fill_inference(const Eigen::MatrixXd& psi, const Eigen::VectorXd& est, const MultiplierOptions& boot,
                    bool uniform_band, Eigen::Index band_columns, Eigen::VectorXd& se, Eigen::VectorXd& se_analytic,
                    Eigen::VectorXd& lo, Eigen::VectorXd& hi, double& crit, bool& uniform) {
    stats::check_confidence_level(boot.confidence_level, "confidence_level");
    const Eigen::Index k = psi.cols();
    const auto n = static_cast<double>(psi.rows());
    const double tiny = std::sqrt(std::numeric_limits<double>::epsilon()) * 10;
    se_analytic.resize(k);
    for (Eigen::Index c = 0; c < k; ++c) {
        const double s = std::sqrt(psi.col(c).squaredNorm()) / n;
        se_analytic[c] = s > tiny ? s : nan;
    }
    const double z = boost::math::quantile(boost::math::normal(), 1 - (1 - boot.confidence_level) / 2);
    crit = z;
    uniform = false;
    if (boot.n_resamples > 0) {
        const MultiplierBootstrap b = multiplier_bootstrap(psi, boot, band_columns);
        se = b.se;
        for (Eigen::Index c = 0; c < k; ++c)
            if (!(se[c] > tiny)) se[c] = nan;
        if (uniform_band && std::isfinite(b.critical_value) && b.critical_value >= z) {
            crit = b.critical_value;
            uniform = true;
        }
    } else {
        se = se_analytic;
    }
    if (band_columns < 0 || band_columns > k) band_columns = k;
    lo.resize(k);
    hi.resize(k);
    for (Eigen::Index c = 0; c < k; ++c) {
        const double q = (uniform && c < band_columns) ? crit : z;
        lo[c] = est[c] - q * se[c];
        hi[c] = est[c] + q * se[c];
    }
}

AttGtResult att_gt(const Panel& panel, const AttGtOptions& o) {
    require_balanced(panel, method);
    require_varying_outcome(panel, method);
    if (o.anticipation < 0)
        throw DomainError("anticipation must be 0 or more periods, got " + std::to_string(o.anticipation));
    const std::size_t n = panel.n_units(), T = panel.n_periods();
    if (T < 2) throw DomainError(std::string(method) + " needs at least 2 periods; the panel has " + std::to_string(T));
    const auto& periods = panel.periods;

    // Each unit's cohort: 0 = never treated within the panel (adopting after the last period counts as never).
    std::vector<std::int64_t> G(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (!panel.adoption[i]) continue;
        const std::int64_t g = *panel.adoption[i];
        if (g > periods.back()) continue;
        if (g <= periods.front() + o.anticipation)
            throw DomainError(std::string(method) + ": unit \"" + panel.units[i] + "\" adopts in period " +
                              std::to_string(g) + ", but the panel starts in period " + std::to_string(periods.front()) +
                              (o.anticipation ? " and anticipation is " + std::to_string(o.anticipation) : std::string()) +
                              ", so it has no untreated period to compare with; drop the unit or start the panel "
                              "earlier");
        G[i] = g;
    }
    std::vector<std::int64_t> cohorts;
    bool any_never = false;
    for (auto g : G) {
        if (g == 0) any_never = true;
        else cohorts.push_back(g);
    }
    std::sort(cohorts.begin(), cohorts.end());
    cohorts.erase(std::unique(cohorts.begin(), cohorts.end()), cohorts.end());
    if (cohorts.empty()) throw DomainError(std::string(method) + ": no unit adopts within the panel's periods");

    // Periods that can be used: with not-yet-treated controls and no never-treated units, the last cohort
    // serves only as a control and periods from its adoption on have no controls (did drops them too).
    std::size_t T_used = T;
    if (!any_never) {
        if (o.control == ControlGroup::never_treated) require_never_treated(panel, method);
        const std::int64_t last = cohorts.back();
        T_used = 0;
        while (T_used < T && periods[T_used] < last - o.anticipation) ++T_used;
        cohorts.pop_back();
        if (cohorts.empty() || T_used < 2)
            throw DomainError(std::string(method) + ": with no never-treated unit only the cohort adopting in " +
                              std::to_string(last) + " can serve as controls, which leaves nothing to estimate");
    }

    // Covariates by name.
    std::vector<std::size_t> cov;
    for (const auto& name : o.covariates) cov.push_back(panel.covariate_index(name));
    const auto k = static_cast<Eigen::Index>(1 + cov.size());

    // The cells, as did::att_gt lays them out.
    std::vector<Cell> cells;
    for (const auto g : cohorts) {
        // Last period before treatment (and before anticipation): the base of post-treatment cells.
        std::size_t pret = 0;
        bool found = false;
        for (std::size_t i = 0; i < T_used; ++i)
            if (periods[i] + o.anticipation < g) pret = i, found = true;
        if (!found) continue;  // cannot happen: checked above
        const std::size_t first = o.base_period == BasePeriod::varying ? 1 : 0;
        for (std::size_t c = first; c < T_used; ++c) {
            const bool post = g <= periods[c];
            std::size_t base = o.base_period == BasePeriod::varying ? c - 1 : pret;
            if (post) base = pret;
            cells.push_back({g, c, base, o.base_period == BasePeriod::universal && base == c});
        }
    }

    AttGtResult r;
    const auto K = static_cast<Eigen::Index>(cells.size());
    r.att.resize(K);
    r.influence = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(n), K);
    r.group.resize(cells.size());
    r.period.resize(cells.size());
    r.base.resize(cells.size());
    r.n_treated.assign(cells.size(), 0);
    r.n_control.assign(cells.size(), 0);

    hp::stats::parallel_for(K, o.bootstrap.threads, [&](std::int64_t lo, std::int64_t hi, int) {
        for (auto ci = static_cast<std::size_t>(lo); ci < static_cast<std::size_t>(hi); ++ci) {
            const Cell& cell = cells[ci];
            const std::int64_t g = cell.group, t = periods[cell.current], b = periods[cell.base];
            r.group[ci] = g;
            r.period[ci] = t;
            r.base[ci] = b;
            std::vector<std::size_t> rows;
            std::size_t n_treated = 0;
            const std::int64_t cutoff = std::max(t, b) + o.anticipation;
            for (std::size_t i = 0; i < n; ++i) {
                const bool treated = G[i] == g;
                const bool control = o.control == ControlGroup::never_treated
                                         ? G[i] == 0
                                         : (G[i] == 0 || (G[i] > cutoff && G[i] != g));
                if (treated) ++n_treated;
                if (treated || control) rows.push_back(i);
            }
            r.n_treated[ci] = n_treated;
            if (cell.normalised) {
                r.att[static_cast<Eigen::Index>(ci)] = 0;
                continue;
            }
            r.n_control[ci] = rows.size() - n_treated;
            const std::string what = cell_name(g, t);
            if (r.n_control[ci] == 0)
                throw DomainError(std::string(method) + ": no control units for " + what + " (" +
                                  (o.control == ControlGroup::never_treated ? "never treated" : "not yet treated") +
                                  " controls)");
            const auto m = static_cast<Eigen::Index>(rows.size());
            Eigen::VectorXd y1(m), y0(m), d(m);
            Eigen::MatrixXd x(m, k);
            // Covariates at the earlier period of the two (the base period for every cell but the universal
            // base's pre-period cells), as did does.
            const std::size_t cov_t = std::min(cell.current, cell.base);
            for (Eigen::Index j = 0; j < m; ++j) {
                const std::size_t i = rows[static_cast<std::size_t>(j)];
                const auto ii = static_cast<Eigen::Index>(i);
                y1[j] = panel.outcome(ii, static_cast<Eigen::Index>(cell.current));
                y0[j] = panel.outcome(ii, static_cast<Eigen::Index>(cell.base));
                d[j] = G[i] == g ? 1.0 : 0.0;
                x(j, 0) = 1.0;
                for (std::size_t c = 0; c < cov.size(); ++c) {
                    const double v = panel.covariates[cov[c]](ii, static_cast<Eigen::Index>(cov_t));
                    if (!std::isfinite(v))
                        throw DataError(std::string(method) + ": covariate \"" + panel.covariate_names[cov[c]] +
                                        "\" is missing for unit \"" + panel.units[i] + "\", period " +
                                        std::to_string(periods[cov_t]) + " (needed for " + what + ")");
                    x(j, static_cast<Eigen::Index>(c + 1)) = v;
                }
            }
            const DidEstimate e = did_panel(y1, y0, d, x, o.estimator, what);
            r.att[static_cast<Eigen::Index>(ci)] = e.att;
            const double scale = static_cast<double>(n) / static_cast<double>(m);
            for (Eigen::Index j = 0; j < m; ++j)
                r.influence(static_cast<Eigen::Index>(rows[static_cast<std::size_t>(j)]), static_cast<Eigen::Index>(ci)) =
                    scale * e.influence[j];
        }
    });

    fill_inference(r.influence, r.att, o.bootstrap, o.uniform_band, -1, r.se, r.se_analytic, r.ci_low, r.ci_high,
                   r.critical_value, r.uniform);
    r.units = panel.units;
    r.unit_group = std::move(G);
    r.cohorts = std::move(cohorts);
    r.periods.assign(periods.begin(), periods.begin() + static_cast<std::ptrdiff_t>(T_used));
    r.outcome_name = panel.outcome_name;
    r.options = o;
    return r;
}

}  // namespace hp::evaluation

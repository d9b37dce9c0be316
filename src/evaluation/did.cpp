#include "healthyplaces/evaluation/did.hpp"

#include "common.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "healthyplaces/base/error.hpp"
#include "healthyplaces/stats/test_result.hpp"

namespace hp::evaluation {

namespace {
using detail::nan;
}

std::string_view to_string(DidMethod m) noexcept {
    switch (m) {
        case DidMethod::automatic: return "auto";
        case DidMethod::two_by_two: return "2x2";
        case DidMethod::twfe: return "twfe";
    }
    return "auto";
}

DidMethod parse_did_method(std::string_view name) {
    if (name == "auto") return DidMethod::automatic;
    if (name == "2x2") return DidMethod::two_by_two;
    if (name == "twfe") return DidMethod::twfe;
    throw DomainError("unknown difference-in-differences method \"" + std::string(name) +
                      "\": use \"auto\", \"2x2\" or \"twfe\"");
}

PanelCells observed_cells(const Panel& panel, std::span<const std::string> covariates, std::string_view method) {
    std::vector<std::size_t> which;
    for (const auto& name : covariates) which.push_back(panel.covariate_index(name));
    PanelCells c;
    std::size_t n = 0;
    for (std::size_t i = 0; i < panel.n_units(); ++i)
        for (std::size_t t = 0; t < panel.n_periods(); ++t) n += panel.observed(i, t);
    c.y.resize(static_cast<Eigen::Index>(n));
    c.covariates.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(which.size()));
    c.unit.reserve(n);
    c.period.reserve(n);
    Eigen::Index r = 0;
    for (std::size_t i = 0; i < panel.n_units(); ++i)
        for (std::size_t t = 0; t < panel.n_periods(); ++t) {
            if (!panel.observed(i, t)) continue;
            const auto ii = static_cast<Eigen::Index>(i), tt = static_cast<Eigen::Index>(t);
            c.unit.push_back(i);
            c.period.push_back(t);
            c.y(r) = panel.outcome(ii, tt);
            for (std::size_t k = 0; k < which.size(); ++k) {
                const double v = panel.covariates[which[k]](ii, tt);
                if (!std::isfinite(v))
                    throw DataError(std::string(method) + ": covariate \"" + covariates[k] + "\" is missing for unit \"" +
                                    panel.units[i] + "\", period " + std::to_string(panel.periods[t]) +
                                    "; fill it or drop the row");
                c.covariates(r, static_cast<Eigen::Index>(k)) = v;
            }
            ++r;
        }
    return c;
}

void require_not_absorbed(const Eigen::MatrixXd& before, const Eigen::MatrixXd& after,
                          std::span<const std::string> names, std::string_view method) {
    for (Eigen::Index c = 0; c < after.cols(); ++c)
        if (after.col(c).norm() <= 1e-10 * std::max(1.0, before.col(c).norm()))
            throw DomainError(std::string(method) + ": covariate \"" + names[static_cast<std::size_t>(c)] +
                              "\" is explained entirely by the unit and period fixed effects (constant within each "
                              "unit, or the same for every unit in a period), so its coefficient is not identified; drop it");
}

DidResult did(const Panel& panel, const DidOptions& options) {
    const std::string who = "difference-in-differences";
    stats::check_confidence_level(options.confidence_level, "confidence_level");
    require_varying_outcome(panel, who);
    require_pre_periods(panel, who, 1);
    const auto cohorts = panel.cohorts();
    for (const auto i : panel.treated_units())
        if (*panel.adoption[i] > panel.periods.back())
            throw DomainError(who + ": unit \"" + panel.units[i] + "\" adopts in period " +
                              std::to_string(*panel.adoption[i]) + ", after the panel's last period " +
                              std::to_string(panel.periods.back()) + ", so it has no treated period; drop it or code it never treated");
    DidMethod method = options.method;
    if (method == DidMethod::automatic) method = panel.n_periods() == 2 ? DidMethod::two_by_two : DidMethod::twfe;
    if (method == DidMethod::two_by_two && cohorts.size() > 1) {
        std::size_t a = 0, b = 0;
        for (const auto i : panel.treated_units()) {
            if (*panel.adoption[i] == cohorts[0]) a = i;
            if (*panel.adoption[i] == cohorts[1]) b = i;
        }
        throw DomainError(who + " 2x2 needs one adoption period, but unit \"" + panel.units[a] + "\" adopts in period " +
                          std::to_string(cohorts[0]) + " and unit \"" + panel.units[b] + "\" in period " +
                          std::to_string(cohorts[1]) + "; use the two-way fixed-effects method (staggered adoption)");
    }
    if (method == DidMethod::two_by_two || cohorts.size() == 1) require_never_treated(panel, who);

    const PanelCells cells = observed_cells(panel, options.covariates, who);
    const auto N = cells.y.size();
    const auto C = cells.covariates.cols();
    std::vector<std::int64_t> clusters(cells.unit.begin(), cells.unit.end());

    DidResult res;
    res.method = method;
    res.outcome_name = panel.outcome_name;
    res.periods = panel.periods;
    res.cohorts = cohorts;
    res.n_units = panel.n_units();
    res.n_periods = panel.n_periods();
    res.n_treated = panel.treated_units().size();

    numerics::OlsOptions o;
    o.cov_type = options.cov_type;
    o.use_t = options.use_t;
    o.confidence_level = options.confidence_level;
    std::size_t effect = 0;
    if (method == DidMethod::two_by_two) {
        const auto adopt = cohorts.front();
        Eigen::MatrixXd X(N, 4 + C);
        std::vector<std::string> names{"const", "treat", "post", "treat:post"};
        for (const auto& c : options.covariates) names.push_back(c);
        for (Eigen::Index r = 0; r < N; ++r) {
            const double treat = panel.ever_treated(cells.unit[static_cast<std::size_t>(r)]) ? 1 : 0;
            const double post = panel.periods[cells.period[static_cast<std::size_t>(r)]] >= adopt ? 1 : 0;
            X(r, 0) = 1;
            X(r, 1) = treat;
            X(r, 2) = post;
            X(r, 3) = treat * post;
        }
        X.rightCols(C) = cells.covariates;
        res.fit = numerics::ols(X, cells.y, std::move(names), o, clusters);
        effect = 3;
    } else {
        Eigen::MatrixXd M(N, 2 + C);  // y, D, covariates: demeaned together
        M.col(0) = cells.y;
        for (Eigen::Index r = 0; r < N; ++r)
            M(r, 1) = panel.treated(cells.unit[static_cast<std::size_t>(r)], cells.period[static_cast<std::size_t>(r)]) ? 1 : 0;
        M.rightCols(C) = cells.covariates;
        o.absorbed = numerics::absorb_two_way(M, cells.unit, cells.period, panel.n_units(), panel.n_periods());
        require_not_absorbed(cells.covariates, M.rightCols(C), options.covariates, who);
        std::vector<std::string> names{"treated"};
        for (const auto& c : options.covariates) names.push_back(c);
        const Eigen::VectorXd y = M.col(0);
        res.fit = numerics::ols(M.rightCols(1 + C), y, std::move(names), o, clusters);
        effect = 0;
    }
    const auto e = static_cast<Eigen::Index>(effect);
    res.att = res.fit.params(e);
    res.standard_error = res.fit.bse(e);
    res.statistic = res.fit.statistic(e);
    res.pvalue = res.fit.pvalues(e);
    res.ci_low = res.fit.ci_low(e);
    res.ci_high = res.fit.ci_high(e);
    res.df = res.fit.df;
    res.n_obs = static_cast<std::size_t>(N);
    res.n_clusters = res.fit.n_clusters;

    // descriptive means: per period by group, and the 2x2 table when there is one adoption period
    const auto T = panel.n_periods();
    std::vector<double> sum_t(T, 0), n_t(T, 0), sum_c(T, 0), n_c(T, 0);
    std::array<std::array<double, 2>, 2> sum{}, count{};
    for (Eigen::Index r = 0; r < N; ++r) {
        const auto i = cells.unit[static_cast<std::size_t>(r)];
        const auto t = cells.period[static_cast<std::size_t>(r)];
        const double y = cells.y(r);
        const int g = panel.ever_treated(i) ? 1 : 0;
        (g ? sum_t : sum_c)[t] += y;
        (g ? n_t : n_c)[t] += 1;
        if (cohorts.size() == 1) {
            const int h = panel.periods[t] >= cohorts.front() ? 1 : 0;
            sum[g][h] += y;
            count[g][h] += 1;
        }
    }
    res.treated_mean.resize(T);
    res.control_mean.resize(T);
    for (std::size_t t = 0; t < T; ++t) {
        res.treated_mean[t] = n_t[t] > 0 ? sum_t[t] / n_t[t] : nan;
        res.control_mean[t] = n_c[t] > 0 ? sum_c[t] / n_c[t] : nan;
    }
    for (int g = 0; g < 2; ++g)
        for (int h = 0; h < 2; ++h) res.means[g][h] = count[g][h] > 0 ? sum[g][h] / count[g][h] : nan;
    return res;
}

std::array<std::array<double, 3>, 3> means_table(const DidResult& r) {
    std::array<std::array<double, 3>, 3> t{};
    for (std::size_t g = 0; g < 2; ++g) {
        t[g][0] = r.means[g][0];
        t[g][1] = r.means[g][1];
        t[g][2] = r.means[g][1] - r.means[g][0];
    }
    for (std::size_t c = 0; c < 3; ++c) t[2][c] = t[1][c] - t[0][c];
    return t;
}

}  // namespace hp::evaluation
